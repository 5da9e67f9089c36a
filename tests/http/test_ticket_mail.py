"""test_ticket_mail.py - what customers do on a ticket reaches the responsible agents by mail (R-MAIL 1-2),
and internal notes never reach a customer's mailbox."""
import uuid

from conftest import agent_reply, all_mails, tool, csrf_of, html_of, login_as, make_ticket, q, set_status, text_of, \
    wait_mails


def comment(browser, tid, body, **extra):
    token = csrf_of(browser.get(f"/requests/{tid}").text)
    return browser.post(f"/requests/{tid}", {"csrf": token, "body": body, **extra})


def test_customer_reply_notifies_the_assignee_once(db):
    tid = make_ticket("anna@wohnbau.example", "Rückfrage Mahnlauf")
    tool("ticket", "assign", tid, "agent@tresen.example")
    agent_reply(tid, "Welcher Mandant?", status="pending")
    marker = "Mandant-" + uuid.uuid4().hex[:8]
    anna = login_as("anna@wohnbau.example")
    comment(anna, tid, f"Es ist {marker}.")
    mail = wait_mails("agent@tresen.example", subject=f"[#{tid}]")[-1]
    assert str(mail["Subject"]) == f"[#{tid}] Antwort des Kunden: Rückfrage Mahnlauf"
    assert marker in text_of(mail) and marker in html_of(mail)
    # agents open the agent's view of the ticket, where they can answer
    assert f"/agent/tickets/{tid}" in text_of(mail) and f"/requests/{tid}" not in text_of(mail)
    # the outbox holds exactly one such mail, however often the mailer ran
    assert q(db, "SELECT COUNT(*) FROM outbox WHERE recipient = 'agent@tresen.example' AND subject LIKE %s",
             f"[#{tid}]%")[0][0] == 1


def test_unassigned_ticket_notifies_its_group_in_each_agents_language(db):
    tid = make_ticket("ben@wohnbau.example", "Mieterportal zeigt alte Daten")
    q(db, "UPDATE tickets SET group_id = (SELECT id FROM staff_groups WHERE name = 'Digitale Lösungen') "
          "WHERE id = %s", tid)
    q(db, "UPDATE users SET lang = 'en' WHERE email_norm = 'admin@tresen.example'")
    try:
        ben = login_as("ben@wohnbau.example")
        comment(ben, tid, "Betrifft alle Mieter in Objekt 4.")
        de = wait_mails("agent@tresen.example", subject=f"[#{tid}]")[-1]
        en = wait_mails("admin@tresen.example", subject=f"[#{tid}]")[-1]
        assert "Antwort des Kunden" in str(de["Subject"])
        assert "Customer replied" in str(en["Subject"]) and "has replied to the request" in text_of(en)
    finally:
        q(db, "UPDATE users SET lang = 'de' WHERE email_norm = 'admin@tresen.example'")


def test_follow_up_and_solved_are_announced(db):
    tid = make_ticket("anna@wohnbau.example", "Rauchmelder Wartung")
    agent_reply(tid, "Erledigt.", status="solved")
    set_status(tid, "closed")
    anna = login_as("anna@wohnbau.example")
    r = comment(anna, tid, "Wieder ein Melder defekt.")
    new_id = int(r.headers["Location"].split("/requests/")[1].split("?")[0])
    wait_mails("agent@tresen.example", subject=f"[#{new_id}] Neue Folgeanfrage")
    other = make_ticket("anna@wohnbau.example", "Schlüsselbestellung")
    agent_reply(other, "Bestellt.")
    comment(anna, other, "Danke!", solved="1")
    wait_mails("agent@tresen.example", subject=f"[#{other}] Vom Kunden als gelöst markiert")


def test_internal_notes_never_reach_a_customer_mailbox(db):
    secret = "INTERN-" + uuid.uuid4().hex
    tid = make_ticket("anna@wohnbau.example", "Notiztest Mail")
    agent_reply(tid, f"Nur intern: {secret}", internal=True)
    anna = login_as("anna@wohnbau.example")
    comment(anna, tid, "Kurze Nachfrage.")
    wait_mails("agent@tresen.example", subject=f"[#{tid}]")
    customers = {r[0] for r in q(db, "SELECT email_norm FROM users WHERE is_agent = 0 AND is_admin = 0")}
    for m in all_mails():
        if str(m["X-RcptTo"]).lower() in customers:
            assert secret not in text_of(m) and secret not in html_of(m)
    assert q(db, "SELECT COUNT(*) FROM outbox WHERE body_text LIKE %s", f"%{secret}%")[0][0] == 0
