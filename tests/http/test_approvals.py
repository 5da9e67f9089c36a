"""test_approvals.py - approvals bound to customer roles and product information mails (R-APPR).

An order/change (and a request for access or a dump) waits for an approver of the requester's
organization and is not routed before; only the right role of the right organization decides;
the first decision counts; a rejection closes with its reason; every decision is audited and
mailed. Product mails reach exactly the information recipients of their products, once each, in
their language, and the unsubscribe link works only through its button.
"""
import re
import threading
import time
import uuid

import pytest

from conftest import (BASE, Browser, csrf_of, html_of, login_as, mails_to, q, text_of, tool, wait_mail,
                      wait_until)
from newreq import MINIMAL, ROUTING, created_id, form_id, post_form, ticket

ANNA = "anna@wohnbau.example"        # main contact of Wohnbau Nord (approves orders and changes)
DANA = "dana@wohnbau.example"        # customer administrator of Wohnbau Nord (approves everything)
BEN = "ben@wohnbau.example"          # a plain customer of Wohnbau Nord
CARLA = "carla@stadtwerke.example"   # a plain customer of Stadtwerke Süd
STEFAN = "stefan@stadtwerke.example" # main contact and customer administrator of Stadtwerke Süd, English
AGENT = "agent@tresen.example"


def uid(db, email):
    return q(db, "SELECT id FROM users WHERE email_norm = %s", email)[0][0]


def subject(word="Freigabe"):
    return f"{word} {uuid.uuid4().hex[:8]}"


def change_request(db, who, *, routed=True, words="Auftrag"):
    """An order/change through the ERP form, with the routing fields (so approval assigns it)."""
    s = subject(words)
    data = {"subject": s, **MINIMAL["erp"], "type": "change", **(ROUTING["erp"] if routed else {})}
    return created_id(post_form(login_as(who), form_id(db, "erp"), data)), s


def dump_request(db, who):
    s = subject("Dump")
    data = {"subject": s, "type": "requirement", "field_request_kind": "dump", "field_environment": "production",
            "field_dump_purpose": "Testdaten", **ROUTING["datacenter"]}
    return created_id(post_form(login_as(who), form_id(db, "datacenter"), data)), s


def approval(db, tid):
    rows = q(db, "SELECT state, role, decided_by, decided_via, recorded_by, comment FROM approvals WHERE ticket_id = %s",
             tid)
    return dict(zip(("state", "role", "decided_by", "via", "recorded_by", "comment"), rows[0])) if rows else None


def decide(b, tid, decision, comment=None):
    page = b.get(f"/approvals/{tid}")
    assert page.status_code == 200, page.status_code
    data = {"csrf": csrf_of(page.text), "decision": decision}
    if comment is not None:
        data["comment"] = comment
    return b.post(f"/approvals/{tid}", data)


def events(db, tid):
    return q(db, "SELECT old_value, new_value, actor_kind, actor_id, note FROM ticket_events "
                 "WHERE ticket_id = %s AND kind = 'approval' ORDER BY id", tid)


@pytest.fixture
def roles(db):
    """Restores the demo users' roles and subscriptions a test changes."""
    yield
    q(db, "UPDATE users SET is_main_contact = 1, is_customer_admin = 0, is_info_recipient = 1, info_unsubscribed_at = NULL "
          "WHERE email_norm = %s", ANNA)
    q(db, "UPDATE users SET is_customer_admin = 1, is_main_contact = 0 WHERE email_norm = %s", DANA)
    q(db, "UPDATE users SET is_main_contact = 1, is_customer_admin = 1, is_info_recipient = 1, "
          "info_unsubscribed_at = NULL WHERE email_norm = %s", STEFAN)


# ---- what needs an approval, and that nothing is routed before ----

def test_an_order_waits_for_approval_and_is_not_routed(db):
    tid, s = change_request(db, BEN)
    t = ticket(db, tid)
    assert (t["status"], t["assignee_id"]) == ("new", None)
    assert approval(db, tid)["state"] == "awaiting" and approval(db, tid)["role"] == "order"
    # the requester sees that it waits
    page = login_as(BEN).get(f"/requests/{tid}").text
    assert "Wartet auf Freigabe" in page
    # both approvers of Wohnbau Nord are asked, with the link to decide; the plain colleague is not
    for who in (ANNA, DANA):
        m = wait_mail(who, subject=s)
        assert f"{BASE}/approvals/{tid}" in text_of(m)
    assert not [m for m in mails_to(BEN) if "Freigabe erbeten" in str(m["Subject"]) and s in str(m["Subject"])]
    # agents see it, marked, with the phone action
    agent = login_as(AGENT).get(f"/agent/tickets/{tid}").text
    assert "Wartet auf Freigabe" in agent and 'value="approval_phone"' in agent


def test_agents_do_not_work_on_it_before_the_approval(db):
    tid, _ = change_request(db, BEN)
    b = login_as(AGENT)

    def send(data):
        page = b.get(f"/agent/tickets/{tid}").text
        state = {n: re.search(rf'name="{n}" value="(\d+)"', page).group(1) for n in ("version", "seen_event")}
        return b.post(f"/agent/tickets/{tid}", {"csrf": csrf_of(page), **state, **data})

    assert 'class="take-form"' not in b.get(f"/agent/tickets/{tid}").text
    for data in ({"action": "take"}, {"action": "reply", "body": "Wir legen los.", "visibility": "public"},
                 {"action": "reply", "status": "pending"},
                 {"action": "reply", "assignee": str(uid(db, AGENT))}):
        r = send(data)
        assert r.status_code == 422 and "wartet auf ihre Freigabe" in r.text, data
    assert (ticket(db, tid)["status"], ticket(db, tid)["assignee_id"]) == ("new", None)
    # an internal note is fine
    assert send({"action": "reply", "body": "Intern: Budget prüfen.", "visibility": "internal"}).status_code == 303
    assert (ticket(db, tid)["status"], ticket(db, tid)["assignee_id"]) == ("new", None)


def test_questions_and_incidents_need_no_approval(db):
    s = subject("Frage")
    tid = created_id(post_form(login_as(BEN), form_id(db, "erp"),
                               {"subject": s, **MINIMAL["erp"], **ROUTING["erp"]}))
    assert approval(db, tid) is None and ticket(db, tid)["assignee_id"] is not None


def test_a_dump_needs_the_customer_administrator(db):
    tid, _ = dump_request(db, BEN)
    assert approval(db, tid)["role"] == "admin"
    assert ticket(db, tid)["assignee_id"] is None
    # the main contact decides orders, not dumps
    assert login_as(ANNA).get(f"/approvals/{tid}").status_code == 403
    assert f"/approvals/{tid}" not in login_as(ANNA).get("/approvals").text
    assert f"/approvals/{tid}" in login_as(DANA).get("/approvals").text
    assert decide(login_as(DANA), tid, "approve").status_code == 303
    assert approval(db, tid)["state"] == "approved"


def test_access_requests_need_the_customer_administrator_too(db):
    s = subject("Zugang")
    data = {"subject": s, "type": "requirement", "field_request_kind": "access", "field_environment": "production",
            "field_access_scope": "Lesezugriff auf die Datenbank"}
    tid = created_id(post_form(login_as(BEN), form_id(db, "datacenter"), data))
    assert approval(db, tid)["role"] == "admin"


def test_the_marked_fields_are_data(db):
    marked = q(db, "SELECT f.field_key FROM form_fields f JOIN forms o ON o.id = f.form_id "
                   "WHERE f.needs_approval = 1 ORDER BY f.field_key")
    assert [r[0] for r in marked] == ["access_scope", "dump_purpose"]


# ---- who may decide ----

def test_only_approvers_of_the_organization_decide(db):
    tid, _ = change_request(db, BEN)
    # another organization's approver and customer: as if it did not exist
    for who in (STEFAN, CARLA):
        b = login_as(who)
        assert b.get(f"/approvals/{tid}").status_code == 404
        assert b.post(f"/approvals/{tid}", {"csrf": csrf_of(b.get("/").text), "decision": "approve"}).status_code == 404
    # a colleague without the role, and an agent (who records a phone approval on the agent page instead)
    for who in (BEN, AGENT):
        b = login_as(who)
        assert b.get(f"/approvals/{tid}").status_code == 403
        assert b.post(f"/approvals/{tid}", {"csrf": csrf_of(b.get("/").text), "decision": "approve"}).status_code == 403
    assert login_as(BEN).get("/approvals").status_code == 403
    assert login_as(AGENT).get("/approvals").status_code == 403
    # a visitor signs in first
    assert Browser().get(f"/approvals/{tid}", allow_redirects=False).status_code in (302, 303)
    assert approval(db, tid)["state"] == "awaiting"
    assert login_as(ANNA).get(f"/approvals/{tid}").status_code == 200


def test_an_approver_who_asks_needs_a_second_approver(db):
    tid, _ = change_request(db, ANNA)
    assert approval(db, tid)["state"] == "awaiting"
    assert login_as(ANNA).get(f"/approvals/{tid}").status_code == 403
    assert decide(login_as(DANA), tid, "approve").status_code == 303


def test_the_only_approver_approves_by_sending(db):
    tid, _ = change_request(db, STEFAN)
    a = approval(db, tid)
    assert (a["state"], a["via"]) == ("approved", "self")
    assert ticket(db, tid)["assignee_id"] is not None


def test_an_approver_who_loses_the_role_no_longer_decides(db, roles):
    tid, s = dump_request(db, BEN)
    q(db, "UPDATE users SET is_customer_admin = 0 WHERE email_norm = %s", DANA)
    assert login_as(DANA).get(f"/approvals/{tid}").status_code == 403
    # nobody is left: the ticket says so, the agents are told by the next run of the job
    assert "niemanden" in login_as(BEN).get(f"/requests/{tid}").text
    q(db, "UPDATE approvals SET next_reminder_at = NOW() - INTERVAL 1 MINUTE WHERE ticket_id = %s", tid)
    tool("approvals")
    wait_mail(AGENT, subject=f"Keine freigabeberechtigte Person: {s}")
    # the role given to someone else: the request goes to them
    q(db, "UPDATE users SET is_customer_admin = 1 WHERE email_norm = %s", ANNA)
    assert decide(login_as(ANNA), tid, "approve").status_code == 303


def test_an_organization_without_approvers_tells_the_agents(db, roles):
    q(db, "UPDATE users SET is_main_contact = 0, is_customer_admin = 0 WHERE email_norm = %s", STEFAN)
    tid, s = change_request(db, CARLA)
    assert approval(db, tid)["state"] == "awaiting"
    assert "niemanden" in login_as(CARLA).get(f"/requests/{tid}").text
    m = wait_mail(AGENT, subject=s)
    assert "Keine freigabeberechtigte Person" in str(m["Subject"])


# ---- deciding ----

def test_approval_routes_audits_and_mails(db):
    tid, s = change_request(db, BEN)
    r = decide(login_as(DANA), tid, "approve", "Passt so.")
    assert r.status_code == 303 and r.headers["Location"].endswith(f"/approvals/{tid}?notice=approval_approved")
    t = ticket(db, tid)
    assert t["status"] == "open" and t["assignee_id"] is not None
    a = approval(db, tid)
    assert (a["state"], a["decided_by"], a["via"]) == ("approved", uid(db, DANA), "portal")
    assert ("awaiting", "approved", "customer", uid(db, DANA), "Passt so.") in events(db, tid)
    m = wait_mail(BEN, subject=f"Ihre Anfrage ist freigegeben: {s}")
    assert "Dana Fischer" in text_of(m)
    assignee = q(db, "SELECT email FROM users WHERE id = %s", t["assignee_id"])[0][0]
    wait_mail(assignee, subject=f"Freigegeben: {s}")
    # the decision stays visible; deciding again is too late
    page = login_as(ANNA).get(f"/approvals/{tid}").text
    assert "Freigegeben" in page and 'name="decision"' not in page
    assert "Freigegeben" in login_as(AGENT).get(f"/agent/tickets/{tid}").text


def test_rejection_needs_a_reason_and_closes_with_it(db):
    tid, s = change_request(db, BEN)
    dana = login_as(DANA)
    r = decide(dana, tid, "reject", "")
    assert r.status_code == 422 and 'id="err-comment"' in r.text
    assert approval(db, tid)["state"] == "awaiting" and ticket(db, tid)["status"] == "new"
    reason = 'Kein Budget <script>alert("x")</script> & <b>nein</b>'
    assert decide(dana, tid, "reject", reason).status_code == 303
    assert ticket(db, tid)["status"] == "closed"
    assert ticket(db, tid)["assignee_id"] is None
    assert approval(db, tid)["comment"] == reason
    assert events(db, tid)[-1][:4] == ("awaiting", "rejected", "customer", uid(db, DANA))
    assert q(db, "SELECT new_value FROM ticket_events WHERE ticket_id = %s AND kind = 'status'", tid)[-1][0] == "closed"
    # the requester reads the reason, escaped, on the page and in the mail
    for page in (login_as(BEN).get(f"/requests/{tid}").text, dana.get(f"/approvals/{tid}").text,
                 login_as(AGENT).get(f"/agent/tickets/{tid}").text):
        assert "<script>alert" not in page and "&lt;script&gt;alert" in page and "<b>nein</b>" not in page
    m = wait_mail(BEN, subject=f"Ihre Anfrage wurde abgelehnt: {s}")
    assert "Kein Budget" in text_of(m) and "<script>" not in html_of(m)
    wait_mail(AGENT, subject=f"Freigabe abgelehnt: {s}")


def test_the_first_decision_wins_when_two_approvers_decide_at_once(db):
    for _ in range(3):
        tid, _ = change_request(db, BEN)
        anna, dana = login_as(ANNA), login_as(DANA)
        pages = {b: b.get(f"/approvals/{tid}").text for b in (anna, dana)}
        results = {}
        go = threading.Barrier(2)

        def run(b, decision):
            go.wait()
            results[decision] = b.post(f"/approvals/{tid}", {"csrf": csrf_of(pages[b]), "decision": decision,
                                                              "comment": f"{decision} von {id(b)}"})

        threads = [threading.Thread(target=run, args=(anna, "approve")),
                   threading.Thread(target=run, args=(dana, "reject"))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        codes = sorted(r.status_code for r in results.values())
        assert codes == [303, 409], codes
        a = approval(db, tid)
        winner = "approve" if results["approve"].status_code == 303 else "reject"
        assert a["state"] == ("approved" if winner == "approve" else "rejected")
        assert len(events(db, tid)) == 2          # waiting, and one decision
        loser = results["reject" if winner == "approve" else "approve"]
        assert "bereits entschieden" in loser.text
        assert ticket(db, tid)["status"] == ("open" if winner == "approve" else "closed")


def test_an_agent_records_a_phone_approval_with_a_note(db):
    tid, s = change_request(db, BEN)
    b = login_as(AGENT)
    page = b.get(f"/agent/tickets/{tid}").text
    state = {n: re.search(rf'name="{n}" value="(\d+)"', page).group(1) for n in ("version", "seen_event")}
    r = b.post(f"/agent/tickets/{tid}", {"csrf": csrf_of(page), **state, "action": "approval_phone",
                                         "approver": str(uid(db, ANNA))})
    assert r.status_code == 422 and approval(db, tid)["state"] == "awaiting"
    # someone who is no approver of the organization cannot be named
    r = b.post(f"/agent/tickets/{tid}", {"csrf": csrf_of(page), **state, "action": "approval_phone",
                                         "approver": str(uid(db, BEN)), "approval_note": "Anruf 10:00"})
    assert r.status_code == 422 and approval(db, tid)["state"] == "awaiting"
    r = b.post(f"/agent/tickets/{tid}", {"csrf": csrf_of(page), **state, "action": "approval_phone",
                                         "approver": str(uid(db, ANNA)), "approval_note": "Anruf 10:00, Frau Schmidt"})
    assert r.status_code == 303, r.status_code
    a = approval(db, tid)
    assert (a["state"], a["via"], a["decided_by"], a["recorded_by"]) == ("approved", "phone", uid(db, ANNA),
                                                                          uid(db, AGENT))
    assert events(db, tid)[-1][2:4] == ("agent", uid(db, AGENT))
    assert ticket(db, tid)["assignee_id"] is not None
    wait_mail(BEN, subject=f"Ihre Anfrage ist freigegeben: {s}")


def test_reminders_after_the_days_set_once_per_reminder_on_several_hosts(db):
    tid, s = change_request(db, BEN)
    before = len([m for m in mails_to(DANA) if "Erinnerung" in str(m["Subject"]) and s in str(m["Subject"])])
    q(db, "UPDATE approvals SET next_reminder_at = NOW() - INTERVAL 1 MINUTE WHERE ticket_id = %s", tid)
    # two hosts' runs at once: one reminder
    runs = [threading.Thread(target=tool, args=("approvals",)) for _ in range(3)]
    for r in runs:
        r.start()
    for r in runs:
        r.join()
    wait_mail(DANA, subject=f"Erinnerung: Freigabe erbeten: {s}")
    time.sleep(3)
    after = [m for m in mails_to(DANA) if "Erinnerung" in str(m["Subject"]) and s in str(m["Subject"])]
    assert len(after) == before + 1
    rem, due = q(db, "SELECT reminders, next_reminder_at > NOW() + INTERVAL 1 DAY FROM approvals WHERE ticket_id = %s",
                 tid)[0]
    assert (rem, due) == (1, 1)
    assert q(db, "SELECT COUNT(*) FROM outbox WHERE event_key = %s", f"approval:{tid}:1")[0][0] == 2   # anna, dana


# ---- product information mails ----

def product_id(db, name):
    return q(db, "SELECT id FROM products WHERE name = %s", name)[0][0]


def send_pmail(b, data, action="send"):
    page = b.get("/agent/product-mails")
    assert page.status_code == 200
    return b.post("/agent/product-mails", {"csrf": csrf_of(page.text), "action": action, **data})


def pmail_mails(address, marker):
    return [m for m in mails_to(address) if marker in str(m["Subject"])]


def test_product_mail_pages_are_for_staff(db):
    for who in (ANNA, BEN):
        b = login_as(who)
        assert b.get("/agent/product-mails").status_code == 403
    assert Browser().get("/agent/product-mails", allow_redirects=False).status_code in (302, 303)


def test_preview_shows_the_mail_and_sends_nothing(db):
    marker = uuid.uuid4().hex[:8]
    before = q(db, "SELECT COUNT(*) FROM product_mails")[0][0]
    r = send_pmail(login_as(AGENT), {"subject_de": f"Neu {marker}", "body_de": "**Wichtig**\n\n<script>x()</script>",
                                     "product": str(product_id(db, "Hilfe-Center"))}, action="preview")
    assert r.status_code == 200
    bodies = re.findall(r'<div class="pmail-body">(.*?)</div>', r.text, re.S)
    assert len(bodies) == 2 and all("<strong>Wichtig</strong>" in b for b in bodies)
    # raw HTML in the Markdown is left out of the mail and the preview
    assert all("x()" not in b and "raw HTML omitted" in b for b in bodies)
    assert "<script>x()" not in r.text
    assert "Keine Produktinformationen mehr erhalten" in r.text      # the text part, with its footer
    assert q(db, "SELECT COUNT(*) FROM product_mails")[0][0] == before
    # nothing chosen, nothing written: the form says what is missing
    r = send_pmail(login_as(AGENT), {"subject_de": "Ohne Produkt", "body_de": "Text"})
    assert r.status_code == 422 and 'id="err-product"' in r.text
    r = send_pmail(login_as(AGENT), {"all": "1"})
    assert r.status_code == 422
    assert q(db, "SELECT COUNT(*) FROM product_mails")[0][0] == before


def test_a_product_mail_reaches_exactly_its_recipients_once_in_their_language(db, roles):
    marker = uuid.uuid4().hex[:8]
    r = send_pmail(login_as(AGENT), {"subject_de": f"Neuerungen {marker}", "body_de": "Hallo **alle**, [mehr](https://example.com).",
                                     "subject_en": f"News {marker}", "body_en": "Hello **everyone**.",
                                     "product": str(product_id(db, "Hilfe-Center"))})
    assert r.status_code == 303, r.text[:500]
    mid = int(re.search(r"/agent/product-mails/(\d+)\?notice=pmail_sent", r.headers["Location"]).group(1))
    # the record: exactly the information recipients of organizations using the product
    got = q(db, "SELECT u.email_norm, r.lang FROM product_mail_recipients r JOIN users u ON u.id = r.user_id "
                "WHERE r.mail_id = %s ORDER BY u.email_norm", mid)
    expected = q(db, "SELECT u.email_norm, u.lang FROM users u WHERE u.is_info_recipient = 1 AND u.is_staff = 0 "
                     "AND u.confirmed_at IS NOT NULL AND u.disabled_at IS NULL AND u.info_unsubscribed_at IS NULL "
                     "AND u.org_id IN (SELECT org_id FROM organization_products WHERE product_id = %s) "
                     "ORDER BY u.email_norm", product_id(db, "Hilfe-Center"))
    assert got == expected and (ANNA, "de") in got and (STEFAN, "en") in got
    assert q(db, "SELECT COUNT(*), SUM(bulk) FROM outbox WHERE event_key = %s", f"product:{mid}")[0] == (len(got), len(got))
    de = wait_mail(ANNA, subject=marker)
    en = wait_mail(STEFAN, subject=marker)
    assert str(de["Subject"]) == f"Neuerungen {marker}" and str(en["Subject"]) == f"News {marker}"
    assert "<strong>alle</strong>" in html_of(de) and "<strong>everyone</strong>" in html_of(en)
    # a plain customer and the other products' recipients get nothing
    for who in (BEN, CARLA, DANA):
        assert not pmail_mails(who, marker)
    time.sleep(2)
    assert len(pmail_mails(ANNA, marker)) == 1 and len(pmail_mails(STEFAN, marker)) == 1
    # the staff page lists who got it
    page = login_as(AGENT).get(f"/agent/product-mails/{mid}").text
    assert ANNA in page and STEFAN in page and BEN not in page


def test_sending_the_previewed_form_twice_sends_once(db):
    marker = uuid.uuid4().hex[:8]
    b = login_as(AGENT)
    data = {"subject_de": f"Doppelklick {marker}", "body_de": "Einmal.", "product": str(product_id(db, "Wodis Sigma"))}
    page = send_pmail(b, data, action="preview")
    assert page.status_code == 200 and 'value="send"' in page.text
    draft = re.search(r'name="draft" value="([^"]+)"', page.text).group(1)
    body = {"csrf": csrf_of(page.text), "action": "send", "draft": draft, **data}
    first, second = b.post("/agent/product-mails", body), b.post("/agent/product-mails", body)
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    assert q(db, "SELECT COUNT(*) FROM product_mails WHERE subject_de = %s", f"Doppelklick {marker}")[0][0] == 1
    wait_mail(STEFAN, subject=marker)
    time.sleep(2)
    assert len(pmail_mails(STEFAN, marker)) == 1


def test_a_product_filter_leaves_out_other_organizations(db):
    marker = uuid.uuid4().hex[:8]
    r = send_pmail(login_as(AGENT), {"subject_de": f"Sigma {marker}", "body_de": "Neu in Sigma.",
                                     "product": str(product_id(db, "Wodis Sigma"))})
    assert r.status_code == 303
    en = wait_mail(STEFAN, subject=marker)
    assert "Neu in Sigma." in text_of(en)       # no English text: the German one
    time.sleep(2)
    assert not pmail_mails(ANNA, marker)


def test_unsubscribe_only_through_its_button(db, roles):
    marker = uuid.uuid4().hex[:8]
    assert send_pmail(login_as(AGENT), {"subject_de": f"Abmelden {marker}", "body_de": "Text", "all": "1"}).status_code == 303
    m = wait_mail(ANNA, subject=marker)
    link = re.search(re.escape(BASE) + r"/unsubscribe\?token=[A-Za-z0-9_-]+", text_of(m)).group(0)
    assert link in html_of(m)
    b = Browser()
    # opening the link (as a mail scanner does) changes nothing
    page = b.get(link)
    assert page.status_code == 200 and 'name="token"' in page.text and "Abbestellen" in page.text
    assert q(db, "SELECT info_unsubscribed_at FROM users WHERE email_norm = %s", ANNA)[0][0] is None
    # a forged or altered token is refused; a POST without CSRF too
    bad = link[:-1] + ("0" if link[-1] != "0" else "1")
    assert b.get(bad).status_code == 404
    other = re.sub(r"token=\d+", f"token={uid(db, BEN)}", link)
    assert b.get(other).status_code == 404
    token = link.split("token=")[1]
    assert b.post("/unsubscribe", {"token": token}).status_code in (400, 403)
    assert q(db, "SELECT info_unsubscribed_at FROM users WHERE email_norm = %s", ANNA)[0][0] is None
    # the button does it
    r = b.post("/unsubscribe", {"csrf": csrf_of(page.text), "token": token})
    assert r.status_code == 200 and "Abbestellt" in r.text
    assert q(db, "SELECT info_unsubscribed_at FROM users WHERE email_norm = %s", ANNA)[0][0] is not None
    # and the next product mail leaves her out
    marker2 = uuid.uuid4().hex[:8]
    assert send_pmail(login_as(AGENT), {"subject_de": f"Danach {marker2}", "body_de": "Text", "all": "1"}).status_code == 303
    wait_mail(STEFAN, subject=marker2)
    time.sleep(2)
    assert not pmail_mails(ANNA, marker2)


def test_ten_thousand_recipients_queue_in_seconds(db):
    tag = uuid.uuid4().hex[:8]
    q(db, "INSERT INTO products (name, sort) VALUES (%s, 999)", f"Massentest {tag}")
    pid = product_id(db, f"Massentest {tag}")
    q(db, "INSERT INTO organizations (name) VALUES (%s)", f"Massentest {tag}")
    org = q(db, "SELECT id FROM organizations WHERE name = %s", f"Massentest {tag}")[0][0]
    q(db, "INSERT INTO organization_products (org_id, product_id) VALUES (%s, %s)", org, pid)
    q(db, "INSERT INTO users (org_id, name, email, email_norm, lang, is_info_recipient, confirmed_at) "
          "SELECT %s, CONCAT('Empfänger ', seq), CONCAT('m', seq, '-', %s, '@masse.example'), "
          "CONCAT('m', seq, '-', %s, '@masse.example'), IF(seq %% 3 = 0, 'en', 'de'), 1, NOW() FROM seq_1_to_10000",
      org, tag, tag)
    mid = None
    try:
        start = time.time()
        r = send_pmail(login_as(AGENT), {"subject_de": f"Masse {tag}", "body_de": "Text", "subject_en": f"Bulk {tag}",
                                         "body_en": "Text", "product": str(pid)})
        took = time.time() - start
        assert r.status_code == 303
        mid = int(re.search(r"/agent/product-mails/(\d+)", r.headers["Location"]).group(1))
        assert took < 10, took
        n, en, bulk = q(db, "SELECT COUNT(*), SUM(lang = 'en'), SUM(bulk) FROM outbox WHERE event_key = %s",
                        f"product:{mid}")[0]
        assert (n, en, bulk) == (10000, 3333, 10000)
        assert q(db, "SELECT COUNT(*) FROM product_mail_recipients WHERE mail_id = %s", mid)[0][0] == 10000
        # every row has its own signed link and message id
        assert q(db, "SELECT COUNT(DISTINCT message_id) FROM outbox WHERE event_key = %s", f"product:{mid}")[0][0] == 10000
        # personal mail is not held up by the bulk send
        s = subject("Nach der Masse")
        tid = created_id(post_form(login_as(BEN), form_id(db, "erp"), {"subject": s, **MINIMAL["erp"]}))
        wait_mail(BEN, subject=s, timeout=20)
    finally:
        if mid:
            q(db, "DELETE FROM outbox WHERE event_key = %s", f"product:{mid}")
            q(db, "DELETE FROM product_mails WHERE id = %s", mid)
        q(db, "DELETE FROM users WHERE org_id = %s", org)
        q(db, "DELETE FROM organizations WHERE id = %s", org)
        q(db, "DELETE FROM products WHERE id = %s", pid)
