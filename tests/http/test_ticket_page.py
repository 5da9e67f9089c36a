"""test_ticket_page.py - the conversation, internal notes, customer transitions (R-TKT 1-5, R-LIFE), escaping."""
import re
import uuid

from conftest import agent_reply, csrf_of, login_as, make_ticket, q, set_status


def status_of(db, tid):
    return q(db, "SELECT status FROM tickets WHERE id = %s", tid)[0][0]


def events(db, tid, kind="status"):
    return q(db, "SELECT actor_kind, old_value, new_value, note FROM ticket_events "
                 "WHERE ticket_id = %s AND kind = %s ORDER BY id", tid, kind)


def comment(browser, tid, body, **extra):
    token = csrf_of(browser.get(f"/requests/{tid}").text)
    return browser.post(f"/requests/{tid}", {"csrf": token, "body": body, **extra})


def test_conversation_shows_public_comments_never_internal_notes(db):
    secret = "GEHEIM-" + uuid.uuid4().hex
    tid = make_ticket("anna@wohnbau.example", "Zinsabgrenzung falsch", "Die Abgrenzung stimmt nicht.")
    agent_reply(tid, f"Interne Notiz {secret}", internal=True)
    agent_reply(tid, "Wir prüfen die Abgrenzung.")
    anna = login_as("anna@wohnbau.example")
    page = anna.get(f"/requests/{tid}").text
    assert "Die Abgrenzung stimmt nicht." in page and "Wir prüfen die Abgrenzung." in page
    assert secret not in page
    assert "Tom Berger" in page and "Support" in page
    # not findable by search either
    assert f"/requests/{tid}\"" not in anna.get(f"/requests?q={secret}").text


def test_comment_on_pending_reopens(db):
    tid = make_ticket("anna@wohnbau.example", "Rückfrage offen")
    agent_reply(tid, "Welche Version nutzen Sie?", status="pending")
    assert status_of(db, tid) == "pending"
    anna = login_as("anna@wohnbau.example")
    r = comment(anna, tid, "Version 2025.1")
    assert r.status_code == 303 and r.headers["Location"].endswith(f"/requests/{tid}?notice=comment_added")
    assert status_of(db, tid) == "open"
    assert events(db, tid)[-1] == ("customer", "pending", "open", "customer_replied")
    assert "Ihre Nachricht wurde gesendet." in anna.get(f"/requests/{tid}?notice=comment_added").text


def test_comment_on_solved_reopens_as_not_accepted(db):
    tid = make_ticket("anna@wohnbau.example", "Lösung passt nicht")
    agent_reply(tid, "Erledigt.", status="solved")
    anna = login_as("anna@wohnbau.example")
    comment(anna, tid, "Leider besteht das Problem weiter.")
    assert status_of(db, tid) == "open"
    assert events(db, tid)[-1] == ("customer", "solved", "open", "solution_not_accepted")


def test_comment_on_new_or_open_keeps_the_status(db):
    tid = make_ticket("anna@wohnbau.example", "Noch eine Info")
    anna = login_as("anna@wohnbau.example")
    comment(anna, tid, "Nachtrag: betrifft nur Objekt 3.")
    assert status_of(db, tid) == "new"


def test_comment_on_closed_creates_a_linked_follow_up(db):
    tid = make_ticket("anna@wohnbau.example", "Alte Anfrage Heizkosten", cc="ben@wohnbau.example")
    agent_reply(tid, "Gelöst.", status="solved")
    set_status(tid, "closed")
    anna = login_as("anna@wohnbau.example")
    page = anna.get(f"/requests/{tid}").text
    assert "Folgeanfrage senden" in page and "eröffnet eine neue, verknüpfte Folgeanfrage" in page
    r = comment(anna, tid, "Das Thema ist wieder aktuell.")
    assert r.status_code == 303
    new_id = int(re.search(r"/requests/(\d+)\?notice=follow_up_created", r.headers["Location"]).group(1))
    assert new_id != tid
    assert status_of(db, tid) == "closed"
    row = q(db, "SELECT follow_up_of, subject, status FROM tickets WHERE id = %s", new_id)[0]
    assert row[0] == tid and row[1] == f"Folgeanfrage zu #{tid}: Alte Anfrage Heizkosten" and row[2] == "new"
    follow = anna.get(r.headers["Location"]).text
    assert "Das Thema ist wieder aktuell." in follow and f'href="/requests/{tid}"' in follow
    assert "wir haben eine Folgeanfrage erstellt" in follow
    assert f'href="/requests/{new_id}"' in anna.get(f"/requests/{tid}").text
    # the CC travels along
    assert q(db, "SELECT COUNT(*) FROM ticket_ccs c JOIN users u ON u.id = c.user_id "
                 "WHERE c.ticket_id = %s AND u.email_norm = 'ben@wohnbau.example'", new_id)[0][0] == 1
    assert q(db, "SELECT COUNT(*) FROM ticket_events WHERE ticket_id = %s AND kind = 'follow_up'", tid)[0][0] == 1


def test_mark_solved_only_after_a_public_agent_reply(db):
    tid = make_ticket("anna@wohnbau.example", "Drucker im Büro")
    anna = login_as("anna@wohnbau.example")
    page = anna.get(f"/requests/{tid}").text
    assert 'name="solved"' not in page
    token = csrf_of(page)
    assert anna.post(f"/requests/{tid}", {"csrf": token, "solved": "1"}).status_code == 409
    agent_reply(tid, "Interne Prüfung", internal=True)
    assert 'name="solved"' not in anna.get(f"/requests/{tid}").text
    agent_reply(tid, "Bitte Treiber neu installieren.")
    page = anna.get(f"/requests/{tid}").text
    assert 'name="solved"' in page
    r = anna.post(f"/requests/{tid}", {"csrf": csrf_of(page), "solved": "1"})
    assert r.status_code == 303 and r.headers["Location"].endswith("notice=solved")
    assert status_of(db, tid) == "solved"
    assert events(db, tid)[-1] == ("customer", "open", "solved", "marked_solved_by_customer")


def test_comment_and_solve_together(db):
    tid = make_ticket("anna@wohnbau.example", "Kurze Frage Rechnungslauf")
    agent_reply(tid, "Antwort.", status="pending")
    anna = login_as("anna@wohnbau.example")
    comment(anna, tid, "Danke, passt.", solved="1")
    assert status_of(db, tid) == "solved"
    assert q(db, "SELECT body FROM comments WHERE ticket_id = %s ORDER BY id DESC LIMIT 1", tid)[0][0] == "Danke, passt."


def test_empty_comment_is_a_field_error(db):
    tid = make_ticket("anna@wohnbau.example", "Leerer Kommentar")
    anna = login_as("anna@wohnbau.example")
    r = comment(anna, tid, "   ")
    assert r.status_code == 422 and "Bitte schreiben Sie eine Nachricht" in r.text
    assert q(db, "SELECT COUNT(*) FROM comments WHERE ticket_id = %s", tid)[0][0] == 1


def test_xss_in_subject_and_comment_is_escaped(db):
    payload = '<img src=x onerror=alert(1)><script>alert("x")</script>'
    tid = make_ticket("anna@wohnbau.example", f"Betreff {payload}", f"Text {payload}")
    anna = login_as("anna@wohnbau.example")
    comment(anna, tid, f"Kommentar {payload}")
    for page in (anna.get(f"/requests/{tid}").text, anna.get("/requests").text):
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_bad_ticket_ids(browser):
    anna = login_as("anna@wohnbau.example")
    for path in ("/requests/0", "/requests/99999999999999999999", "/cgi-bin/requests/ticket.fcgi/abc",
                 "/cgi-bin/requests/ticket.fcgi/1x", "/cgi-bin/requests/ticket.fcgi"):
        assert anna.get(path).status_code == 404, path


def test_comment_fields_are_validated(db):
    tid = make_ticket("anna@wohnbau.example", "Langer Kommentar")
    anna = login_as("anna@wohnbau.example")
    token = csrf_of(anna.get(f"/requests/{tid}").text)
    assert anna.post(f"/requests/{tid}", {"csrf": token, "body": "x" * 70000}).status_code == 400
    assert anna.post(f"/requests/{tid}", {"csrf": token, "body": "a", "solved": "maybe"}).status_code == 400
    assert q(db, "SELECT COUNT(*) FROM comments WHERE ticket_id = %s", tid)[0][0] == 1
