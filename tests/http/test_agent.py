"""test_agent.py - the agent workspace (R-AGT, R-LIFE, R-PRIO): who may enter, the queues, replies and notes,
transitions with their audit events and mails, the urgency review, macros, the version check, merging.

Every action goes through the agent's ticket page as a browser would send it
(the page's own version and CSRF token); what is asserted is what the
customer sees, what the database holds and what the mail sink received.
"""
import datetime
import re
import uuid

import pytest

from conftest import (BASE, agent_reply, csrf_of, login_as, mails_to, make_ticket, q, set_status, text_of,
                      wait_mail, world_readable_file)

AGENT = "agent@tresen.example"          # Tom Berger, in every group
OTHER_AGENT = "jonas.keller@tresen.example"
ADMIN = "admin@tresen.example"
CUSTOMER = "anna@wohnbau.example"
COLLEAGUE = "ben@wohnbau.example"
STRANGER = "carla@stadtwerke.example"

STAFF_URLS = ["/agent", "/agent?queue=mine", "/agent/tickets/1", "/agent/tickets/1/viewers", "/agent/macros",
              "/admin/macros"]



def in_queue(b, queue, tid, pages=100):
    """Whether the queue lists tid on one of its pages (the newest claims stand last: longest waiting first)."""
    for n in range(1, pages + 1):
        text = b.get(f"/agent?queue={queue}&page={n}").text
        if f"/agent/tickets/{tid}?" in text:
            return True
        if 'rel="next"' not in text:
            return False
    return False

def user_id(db, email):
    return q(db, "SELECT id FROM users WHERE email_norm = %s", email)[0][0]


def page_state(html):
    """The hidden fields every change carries back."""
    return {name: re.search(rf'name="{name}" value="(\d+)"', html).group(1)
            for name in ("version", "seen_event")}


def act(b, tid, data, files=None):
    """Opens the agent's ticket page and sends one of its forms with the page's version."""
    page = b.get(f"/agent/tickets/{tid}")
    assert page.status_code == 200, page.status_code
    body = {"csrf": csrf_of(page.text), **page_state(page.text), **data}
    return b.post(f"/agent/tickets/{tid}", body, files=files)


def ticket_row(db, tid):
    return q(db, "SELECT status, assignee_id, priority, group_id, urgent_review, merged_into, version "
                 "FROM tickets WHERE id = %s", tid)[0]


def events(db, tid, kind):
    return q(db, "SELECT old_value, new_value, actor_kind, actor_id FROM ticket_events "
                 "WHERE ticket_id = %s AND kind = %s ORDER BY id", tid, kind)


# ---- access ----

@pytest.mark.parametrize("path", STAFF_URLS)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_customers_never_reach_staff_pages(path, method):
    b = login_as(CUSTOMER)
    if method == "GET":
        r = b.get(path)
    else:
        token = b.csrf("/requests")
        r = b.post(path.split("?")[0], {"csrf": token, "action": "reply", "body": "hallo", "title": "x"})
    assert r.status_code == 403
    assert "hallo" not in r.text


@pytest.mark.parametrize("path", STAFF_URLS)
def test_visitors_are_sent_to_login_and_back(browser, path):
    r = browser.get(path)
    assert r.status_code == 303
    assert "/login" in r.headers["Location"]


def test_agent_signs_in_on_the_same_login_and_comes_back(browser):
    login = browser.get(browser.get("/agent?queue=mine").headers["Location"]).text
    nxt = re.search(r'name="next" value="([^"]*)"', login).group(1).replace("&amp;", "&")
    r = browser.post("/login", {"csrf": csrf_of(login), "email": AGENT, "password": "Tresen-Demo-2026", "next": nxt})
    assert r.status_code == 303 and r.headers["Location"].endswith("/agent?queue=mine")


def test_an_agent_is_no_admin():
    b = login_as(AGENT)
    assert b.get("/admin/macros").status_code == 403
    assert login_as(ADMIN).get("/admin/macros").status_code == 200


# ---- queues ----

def test_queues_show_counts_that_match_the_tickets(db):
    b = login_as(AGENT)
    r = b.get("/agent")
    assert r.status_code == 200
    counts = dict(re.findall(r'href="/agent(?:\?queue=(\w+))?"[^>]*>\s*<span>[^<]+</span><span class="count">(\d+)',
                             r.text))
    new = q(db, "SELECT COUNT(*) FROM tickets WHERE status = 'new'")[0][0]
    pending = q(db, "SELECT COUNT(*) FROM tickets WHERE status = 'pending'")[0][0]
    urgent = q(db, "SELECT COUNT(*) FROM tickets WHERE urgent_review = 1 AND status <> 'closed'")[0][0]
    mine = q(db, "SELECT COUNT(*) FROM tickets WHERE assignee_id = %s AND status IN ('new','open','pending')",
             user_id(db, AGENT))[0][0]
    assert int(counts[""]) == new
    assert int(counts["pending"]) == pending
    assert int(counts["urgent"]) == urgent
    assert int(counts["mine"]) == mine


def test_unassigned_queue_lists_new_tickets_longest_waiting_first(db):
    # older than every waiting ticket, earlier runs' on the same database too: it heads the queue
    oldest = q(db, "SELECT MIN(updated_at) FROM tickets WHERE status = 'new'")[0][0]
    at = min(oldest, datetime.datetime(2020, 1, 1, 8)) - datetime.timedelta(minutes=1) if oldest else "2020-01-01 08:00:00"
    older = make_ticket(CUSTOMER, "Warteschlange alt " + uuid.uuid4().hex[:6], at=str(at))
    newer = make_ticket(STRANGER, "Warteschlange neu " + uuid.uuid4().hex[:6])
    r = login_as(AGENT).get("/agent?queue=unassigned")
    ids = [int(x) for x in re.findall(r'<td class="col-id">#(\d+)</td>', r.text)]
    assert older in ids
    waited = [q(db, "SELECT updated_at FROM tickets WHERE id = %s", i)[0][0] for i in ids]
    assert waited == sorted(waited)
    assert all(q(db, "SELECT status FROM tickets WHERE id = %s", i)[0][0] == "new" for i in ids)
    assert newer not in ids[:ids.index(older)]


def test_search_spans_all_organizations_and_a_number_opens_the_ticket(db):
    word = "Quersuche" + uuid.uuid4().hex[:8]
    a = make_ticket(CUSTOMER, f"{word} Wohnbau")
    c = make_ticket(STRANGER, f"{word} Stadtwerke")
    b = login_as(AGENT)
    r = b.get(f"/agent?q={word}")
    assert f"/agent/tickets/{a}?" in r.text and f"/agent/tickets/{c}?" in r.text
    r = b.get(f"/agent?q=%23{c}")
    assert r.status_code == 303 and r.headers["Location"].endswith(f"/agent/tickets/{c}")


def test_filters_narrow_the_list(db):
    word = "Filterprobe" + uuid.uuid4().hex[:8]
    a = make_ticket(CUSTOMER, f"{word} eins", type="incident")
    c = make_ticket(STRANGER, f"{word} zwei", type="question")
    b = login_as(AGENT)
    r = b.get(f"/agent?queue=all&q={word}&org=Stadtwerke")
    assert f"/agent/tickets/{c}?" in r.text and f"/agent/tickets/{a}?" not in r.text
    r = b.get(f"/agent?queue=all&q={word}&type=incident")
    assert f"/agent/tickets/{a}?" in r.text and f"/agent/tickets/{c}?" not in r.text


def test_pages_go_on_without_a_cap(db):
    b = login_as(AGENT)
    r = b.get("/agent?queue=all")
    assert 'rel="next"' in r.text
    nxt = re.search(r'rel="next" href="([^"]+)"', r.text).group(1).replace("&amp;", "&")
    r2 = b.get(nxt)
    first = set(re.findall(r'<td class="col-id">#(\d+)</td>', r.text))
    second = set(re.findall(r'<td class="col-id">#(\d+)</td>', r2.text))
    assert second and not first & second


def test_bad_queue_parameters_are_refused():
    b = login_as(AGENT)
    for query in ("queue=bogus", "status=zzz", "page=-1", "group=abc", "from=2020-13-45"):
        assert b.get(f"/agent?{query}").status_code == 400, query


# ---- replies and notes ----

def test_public_reply_reaches_requester_and_ccs_and_takes_the_ticket(db):
    tid = make_ticket(CUSTOMER, "Antwort per Seite " + uuid.uuid4().hex[:6], cc=COLLEAGUE)
    word = "Antwortwort" + uuid.uuid4().hex[:8]
    b = login_as(AGENT)
    r = act(b, tid, {"action": "reply", "visibility": "public", "body": f"Guten Tag, {word}."})
    assert r.status_code == 303 and "notice=reply_sent" in r.headers["Location"]
    status, assignee, *_ = ticket_row(db, tid)
    assert status == "open" and assignee == user_id(db, AGENT)
    assert word in login_as(CUSTOMER).get(f"/requests/{tid}").text
    for address in (CUSTOMER, COLLEAGUE):
        m = wait_mail(address, subject=f"[#{tid}] Neue Antwort")
        assert word in text_of(m) and f"{BASE}/requests/{tid}" in text_of(m)


def test_internal_note_from_the_page_reaches_no_customer(db):
    tid = make_ticket(CUSTOMER, "Notiz per Seite " + uuid.uuid4().hex[:6], cc=COLLEAGUE)
    word = "Notizwort" + uuid.uuid4().hex[:8]
    b = login_as(AGENT)
    r = act(b, tid, {"action": "reply", "visibility": "internal", "body": f"Intern {word}"},
            files={"attachments": ("notiz.txt", f"Datei {word}".encode(), "text/plain")})
    assert r.status_code == 303 and "notice=note_saved" in r.headers["Location"]
    assert q(db, "SELECT is_public FROM comments WHERE ticket_id = %s AND body LIKE %s", tid, f"%{word}%") == ((0,),)
    aid, name = q(db, "SELECT id, filename FROM attachments WHERE ticket_id = %s", tid)[0]
    agent_page = b.get(f"/agent/tickets/{tid}").text
    assert word in agent_page and "comment-internal" in agent_page
    for email in (CUSTOMER, COLLEAGUE):
        c = login_as(email)
        assert word not in c.get(f"/requests/{tid}").text
        assert c.get(f"/attachments/{aid}/{name}").status_code == 404
        assert f"/requests/{tid}" not in c.get(f"/requests?scope=org&q={word}").text
    assert b.get(f"/attachments/{aid}/{name}").status_code == 200
    assert not [m for m in mails_to(CUSTOMER) + mails_to(COLLEAGUE) if word in text_of(m)]
    # the note neither answered the customer nor took the ticket
    status, assignee, *_ = ticket_row(db, tid)
    assert status == "new" and assignee is None


def test_an_empty_change_is_a_field_error(db):
    tid = make_ticket(CUSTOMER, "Leere Änderung " + uuid.uuid4().hex[:6])
    before = ticket_row(db, tid)
    r = act(login_as(AGENT), tid, {"action": "reply", "body": ""})
    assert r.status_code == 422 and 'id="err-body"' in r.text
    assert ticket_row(db, tid) == before


def test_values_no_form_offers_change_nothing(db):
    tid = make_ticket(CUSTOMER, "Falsche Werte " + uuid.uuid4().hex[:6])
    before = ticket_row(db, tid)
    b = login_as(AGENT)
    # values no select offers are no form's (400); an id that is no agent or group is a field error (422)
    for bad, status in (({"status": "closed"}, 400), ({"priority": "extreme"}, 400), ({"action": "delete"}, 400),
                        ({"assignee": "-5"}, 422), ({"assignee": "99999999"}, 422), ({"group": "99999999"}, 422),
                        ({"assignee": str(user_id(db, CUSTOMER))}, 422)):
        r = act(b, tid, {"action": "reply", **bad})
        assert r.status_code == status, (bad, r.status_code)
    assert ticket_row(db, tid) == before


def test_another_organizations_ticket_or_none_is_404_for_nobody_but_a_bad_id():
    b = login_as(AGENT)
    assert b.get("/agent/tickets/99999999").status_code == 404
    assert b.get("/agent/tickets/99999999/viewers").status_code == 404


# ---- transitions, audit trail, mails ----

def test_each_transition_has_its_audit_event(db):
    tid = make_ticket(CUSTOMER, "Übergänge " + uuid.uuid4().hex[:6])
    b = login_as(AGENT)
    agent = user_id(db, AGENT)
    assert act(b, tid, {"action": "take"}).status_code == 303
    assert ticket_row(db, tid)[:2] == ("open", agent)
    assert events(db, tid, "status")[-1][:3] == ("new", "open", "agent")
    assert events(db, tid, "assignee")[-1][1] == str(agent)
    r = act(b, tid, {"action": "reply", "body": "Bitte Mandant nennen.", "status": "pending"})
    assert r.status_code == 303
    assert ticket_row(db, tid)[0] == "pending"
    assert events(db, tid, "status")[-1][:2] == ("open", "pending")
    assert act(b, tid, {"action": "reply", "status": "open", "priority": "high"}).status_code == 303
    row = ticket_row(db, tid)
    assert row[0] == "open" and row[2] == "high"
    assert events(db, tid, "priority")[-1][:2] == ("normal", "high")
    group = q(db, "SELECT id FROM staff_groups WHERE name = 'Rechenzentrum'")[0][0]
    other = user_id(db, OTHER_AGENT)
    assert act(b, tid, {"action": "reply", "group": str(group), "assignee": str(other)}).status_code == 303
    row = ticket_row(db, tid)
    assert row[1] == other and row[3] == group
    assert events(db, tid, "group")[-1][1] == str(group)
    # nobody: an unassigned open ticket is New again
    assert act(b, tid, {"action": "reply", "assignee": "0"}).status_code == 303
    assert ticket_row(db, tid)[:2] == ("new", None)
    # the trail on the page names who did what
    page = b.get(f"/agent/tickets/{tid}").text
    assert "Tom Berger</strong> Priorität" in page and "Jonas Keller" in page


def test_solved_queues_the_solution_mail(db):
    tid = make_ticket(CUSTOMER, "Lösung per Mail " + uuid.uuid4().hex[:6], cc=COLLEAGUE)
    b = login_as(AGENT)
    r = act(b, tid, {"action": "reply", "body": "Die Ursache ist behoben.", "status": "solved"})
    assert r.status_code == 303
    assert ticket_row(db, tid)[0] == "solved"
    m = wait_mail(CUSTOMER, subject=f"[#{tid}] Ihre Anfrage ist gelöst")
    assert "Die Ursache ist behoben." in text_of(m)
    # the colleague in CC gets the reply; the requester only the solution, not both
    wait_mail(COLLEAGUE, subject=f"[#{tid}] Neue Antwort")
    assert not [m for m in mails_to(CUSTOMER) if f"[#{tid}] Neue Antwort" in str(m["Subject"])]
    # the customer sees it solved
    assert "badge status-solved" in login_as(CUSTOMER).get(f"/requests/{tid}").text


def test_pending_shows_the_customer_that_we_wait_for_them(db):
    tid = make_ticket(CUSTOMER, "Warten auf Kunde " + uuid.uuid4().hex[:6])
    act(login_as(AGENT), tid, {"action": "reply", "body": "Welcher Mandant?", "status": "pending"})
    page = login_as(CUSTOMER).get(f"/requests/{tid}").text
    assert "Wartet auf Ihre Antwort" in page and "Welcher Mandant?" in page
    m = wait_mail(CUSTOMER, subject=f"[#{tid}] Neue Antwort")
    assert "Wir warten auf Ihre Rückmeldung" in text_of(m)


def test_closed_tickets_are_read_only_for_agents(db):
    tid = make_ticket(CUSTOMER, "Geschlossen " + uuid.uuid4().hex[:6])
    agent_reply(tid, "Erledigt.", status="solved")
    set_status(tid, "closed")
    b = login_as(AGENT)
    page = b.get(f"/agent/tickets/{tid}").text
    assert 'id="reply"' not in page
    version = ticket_row(db, tid)[6]
    r = b.post(f"/agent/tickets/{tid}", {"csrf": csrf_of(page), "version": str(version), "action": "reply",
                                         "body": "Noch etwas"})
    assert r.status_code == 409
    assert not q(db, "SELECT id FROM comments WHERE ticket_id = %s AND body = 'Noch etwas'", tid)


# ---- urgency review ----

def test_accepting_an_urgency_claim_raises_priority_and_assigns(db):
    tid = make_ticket(CUSTOMER, "Dringend Annahme " + uuid.uuid4().hex[:6], type="question",
                      urgent="Frist läuft heute ab")
    b = login_as(AGENT)
    assert in_queue(b, "urgent", tid)
    page = b.get(f"/agent/tickets/{tid}").text
    assert "Frist läuft heute ab" in page and 'value="urgency_accept"' in page
    r = act(b, tid, {"action": "urgency_accept"})
    assert r.status_code == 303
    status, assignee, priority, _, review, *_ = ticket_row(db, tid)
    assert (status, assignee, priority, review) == ("open", user_id(db, AGENT), "high", 0)
    assert f"/agent/tickets/{tid}?" not in b.get("/agent?queue=urgent").text
    assert events(db, tid, "urgency_review")[-1][:2] == ("open", "done")


def test_rejecting_needs_a_reason_the_customer_sees(db):
    tid = make_ticket(CUSTOMER, "Dringend Ablehnung " + uuid.uuid4().hex[:6], type="question",
                      urgent="Alles brennt")
    b = login_as(AGENT)
    r = act(b, tid, {"action": "urgency_reject", "reason": ""})
    assert r.status_code == 422 and 'id="err-reason"' in r.text
    assert ticket_row(db, tid)[4] == 1
    r = act(b, tid, {"action": "urgency_reject", "reason": "Der Einzug ist erst nächste Woche fällig."})
    assert r.status_code == 303
    _, _, priority, _, review, *_ = ticket_row(db, tid)
    assert review == 0 and priority == "low"           # what a question gets without urgency
    page = login_as(CUSTOMER).get(f"/requests/{tid}").text
    assert "Der Einzug ist erst nächste Woche fällig." in page
    assert "nächste Woche" in text_of(wait_mail(CUSTOMER, subject=f"[#{tid}] Neue Antwort"))


# ---- macros ----

def test_a_macro_fills_the_reply_and_its_changes(db):
    mid, = q(db, "SELECT id FROM macros WHERE title = 'Rückfrage Mandant'")[0]
    tid = make_ticket(CUSTOMER, "Makro " + uuid.uuid4().hex[:6])
    b = login_as(AGENT)
    page = b.get(f"/agent/tickets/{tid}?macro={mid}").text
    assert "Guten Tag Anna Schmidt," in page and f"Ihre Anfrage #{tid}" in page and "Tom Berger</textarea>" in page
    assert re.search(r'<option value="pending" selected>', page)
    body = re.search(r'<textarea id="f-body"[^>]*>([^<]*)</textarea>', page).group(1)
    body = body.replace("&amp;", "&").replace("&quot;", '"').replace("&#39;", "'")
    r = b.post(f"/agent/tickets/{tid}", {"csrf": csrf_of(page), **page_state(page), "action": "reply",
                                         "visibility": "public", "body": body + "\nDanke!", "status": "pending"})
    assert r.status_code == 303
    assert ticket_row(db, tid)[0] == "pending"
    assert q(db, "SELECT COUNT(*) FROM comments WHERE ticket_id = %s AND body LIKE 'Guten Tag Anna Schmidt,%%Danke!'",
             tid)[0][0] == 1


def test_macros_are_shared_or_own(db):
    b = login_as(AGENT)
    token = b.csrf("/agent/macros")
    title = "Eigener Baustein " + uuid.uuid4().hex[:6]
    r = b.post("/agent/macros", {"csrf": token, "action": "save", "title": title, "body": "Hallo {{requester}}",
                                 "visibility": "public", "set_status": "solved"})
    assert r.status_code == 303
    mid, owner, status = q(db, "SELECT id, owner_id, set_status FROM macros WHERE title = %s", title)[0]
    assert owner == user_id(db, AGENT) and status == "solved"
    # another agent neither sees nor changes it
    other = login_as(OTHER_AGENT)
    tid = make_ticket(CUSTOMER, "Fremder Baustein " + uuid.uuid4().hex[:6])
    assert title not in other.get(f"/agent/tickets/{tid}").text
    assert "Hallo Anna" not in other.get(f"/agent/tickets/{tid}?macro={mid}").text
    r = other.post("/agent/macros", {"csrf": other.csrf("/agent/macros"), "action": "delete", "id": str(mid)})
    assert r.status_code == 404
    # an agent cannot write shared ones; the admin can
    r = b.post("/admin/macros", {"csrf": token, "action": "save", "title": "x", "body": "y"})
    assert r.status_code == 403
    admin = login_as(ADMIN)
    shared = "Gemeinsam " + uuid.uuid4().hex[:6]
    r = admin.post("/admin/macros", {"csrf": admin.csrf("/admin/macros"), "action": "save", "title": shared,
                                     "body": "Für alle", "visibility": "internal"})
    assert r.status_code == 303
    assert q(db, "SELECT owner_id, is_public FROM macros WHERE title = %s", shared) == ((None, 0),)
    assert shared in other.get(f"/agent/tickets/{tid}").text
    # and deletes them
    sid = q(db, "SELECT id FROM macros WHERE title = %s", shared)[0][0]
    r = admin.post("/admin/macros", {"csrf": admin.csrf("/admin/macros"), "action": "delete", "id": str(sid)})
    assert r.status_code == 303 and not q(db, "SELECT id FROM macros WHERE id = %s", sid)


def test_a_macro_without_title_or_text_is_refused(db):
    b = login_as(AGENT)
    r = b.post("/agent/macros", {"csrf": b.csrf("/agent/macros"), "action": "save", "title": "", "body": ""})
    assert r.status_code == 422 and 'id="err-title"' in r.text and 'id="err-body"' in r.text


# ---- collision ----

def test_a_stale_change_is_refused_with_the_draft_kept(db):
    tid = make_ticket(CUSTOMER, "Kollision " + uuid.uuid4().hex[:6])
    tom, jonas = login_as(AGENT), login_as(OTHER_AGENT)
    stale = tom.get(f"/agent/tickets/{tid}").text
    # Jonas opens it too: Tom's page says so
    jonas.get(f"/agent/tickets/{tid}")
    assert "Jonas Keller" in tom.get(f"/agent/tickets/{tid}/viewers").json()["others"]
    assert act(jonas, tid, {"action": "reply", "body": "Ich übernehme das.", "visibility": "public"}).status_code == 303
    draft = "Mein Entwurf " + uuid.uuid4().hex[:6]
    r = tom.post(f"/agent/tickets/{tid}", {"csrf": csrf_of(stale), **page_state(stale), "action": "reply",
                                           "visibility": "public", "body": draft, "status": "solved"})
    assert r.status_code == 409
    assert draft in r.text and 'id="conflict"' in r.text
    assert "Ich übernehme das." in r.text and "comment-new" in r.text
    assert "Jonas Keller" in r.text.split('id="conflict"')[1].split("</div>")[0]
    assert not q(db, "SELECT id FROM comments WHERE ticket_id = %s AND body = %s", tid, draft)
    assert ticket_row(db, tid)[0] == "open"
    # sending again from the refreshed page goes through
    fresh = page_state(r.text)
    r = tom.post(f"/agent/tickets/{tid}", {"csrf": csrf_of(r.text), **fresh, "action": "reply", "body": draft})
    assert r.status_code == 303


# ---- merging ----

def test_merging_moves_comments_and_files_and_tells_the_customer(db):
    target = make_ticket(CUSTOMER, "Original " + uuid.uuid4().hex[:6])
    f = world_readable_file("duplikat.txt", b"Anhang des Duplikats\n")
    source = make_ticket(COLLEAGUE, "Duplikat " + uuid.uuid4().hex[:6], attach=f)
    b = login_as(AGENT)
    r = act(b, source, {"action": "merge", "target": f"#{target}"})
    assert r.status_code == 303
    status, *_, merged, _ = ticket_row(db, source)
    assert status == "closed" and merged == target
    assert q(db, "SELECT COUNT(*) FROM attachments WHERE ticket_id = %s AND filename = 'duplikat.txt'", target)[0][0] == 1
    assert q(db, "SELECT COUNT(*) FROM comments WHERE ticket_id = %s AND body = 'Beschreibung'", target)[0][0] == 2
    # both keep a link; the source's requester follows the target now
    assert f"#{target}" in login_as(COLLEAGUE).get(f"/requests/{source}").text
    assert "duplikat.txt" in login_as(COLLEAGUE).get(f"/requests/{target}").text
    assert f"#{source}" in b.get(f"/agent/tickets/{target}").text
    m = wait_mail(COLLEAGUE, subject=f"[#{source}]")
    assert f"{BASE}/requests/{target}" in text_of(m)


def extras(db, tid):
    row = q(db, "SELECT ccs, attachments, field_values, followups, approvals FROM ticket_extras "
                "WHERE ticket_id = %s", tid)
    return row[0] if row else (0, 0, 0, 0, 0)


def actual(db, tid):
    return tuple(q(db, f"SELECT COUNT(*) FROM {table} WHERE {column} = %s", tid)[0][0] for table, column in (
        ("ticket_ccs", "ticket_id"), ("attachments", "ticket_id"), ("ticket_values", "ticket_id"),
        ("tickets", "follow_up_of"), ("approvals", "ticket_id")))


def test_what_a_ticket_has_besides_is_counted_whoever_writes_it(db):
    """The ticket page reads CCs, files and follow-ups only when sql/020's counts say there are some."""
    f = world_readable_file("zaehler.txt", b"Zaehlerstand\n")
    target = make_ticket(CUSTOMER, "Zählung " + uuid.uuid4().hex[:6], cc=COLLEAGUE, attach=f)
    source = make_ticket(CUSTOMER, "Zählung Duplikat " + uuid.uuid4().hex[:6], attach=f)
    assert extras(db, target) == actual(db, target) and extras(db, target)[:2] == (1, 1)
    # a CC written by plain SQL (an import) is on the page at once
    q(db, "INSERT INTO ticket_ccs (ticket_id, user_id, added_at) SELECT %s, id, NOW() FROM users "
          "WHERE email_norm = 'dana@wohnbau.example'", target)
    assert extras(db, target)[0] == 2
    assert "Dana" in login_as(AGENT).get(f"/agent/tickets/{target}").text
    # a merge moves the counted files with the files; a removed CC is counted off
    assert act(login_as(AGENT), source, {"action": "merge", "target": f"#{target}"}).status_code == 303
    assert extras(db, target) == actual(db, target) and extras(db, target)[1] == 2
    assert extras(db, source) == actual(db, source) and extras(db, source)[1] == 0
    q(db, "DELETE FROM ticket_ccs WHERE ticket_id = %s", target)
    assert extras(db, target)[0] == 0
    assert "Dana" not in login_as(AGENT).get(f"/agent/tickets/{target}").text


def test_merging_across_organizations_or_into_itself_is_refused(db):
    mine = make_ticket(CUSTOMER, "Merge A " + uuid.uuid4().hex[:6])
    other = make_ticket(STRANGER, "Merge B " + uuid.uuid4().hex[:6])
    b = login_as(AGENT)
    for target in (str(other), str(mine), "99999999", "abc"):
        r = act(b, mine, {"action": "merge", "target": target})
        assert r.status_code == 422 and 'id="err-target"' in r.text, target
    assert ticket_row(db, mine)[5] is None
    assert q(db, "SELECT COUNT(*) FROM comments WHERE ticket_id = %s", other)[0][0] == 1


# ---- escaping ----

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_what_agents_write_is_shown_escaped_everywhere(db):
    tid = make_ticket(CUSTOMER, "XSS Agent " + uuid.uuid4().hex[:6])
    b = login_as(AGENT)
    act(b, tid, {"action": "reply", "body": XSS, "visibility": "public"})
    act(b, tid, {"action": "urgency_reject", "reason": XSS})  # no claim: refused, nothing shown raw
    act(b, tid, {"action": "merge", "target": XSS})
    r = b.post("/agent/macros", {"csrf": b.csrf("/agent/macros"), "action": "save", "title": "XSS " + XSS[:40],
                                 "body": XSS})
    for page in (b.get(f"/agent/tickets/{tid}").text, b.get("/agent/macros").text,
                 login_as(CUSTOMER).get(f"/requests/{tid}").text, b.get(f"/agent?q=XSS").text):
        assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in b.get(f"/agent/tickets/{tid}").text


# ---- moving on ----

def test_next_opens_the_following_ticket_of_the_queue(db):
    b = login_as(AGENT)
    r = b.get("/agent?queue=unassigned")
    first = int(re.search(r'<td class="col-id">#(\d+)</td>', r.text).group(1))
    r = b.get(f"/agent?queue=unassigned&next={first}")
    assert r.status_code == 303
    assert re.search(r"/agent/tickets/(\d+)\?queue=unassigned$", r.headers["Location"])
    assert not r.headers["Location"].split("?")[0].endswith(f"/{first}")
