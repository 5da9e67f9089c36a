"""test_automations.py - automations and the satisfaction survey (R-LIFE, R-CSAT): reminders and
closing on the right business day, exactly once however the job is run; the countdown; the survey
link from the real solution mail (a GET records nothing, the button does); the CSAT report.

The clock is moved, never slept on: tickets are back-dated (status_at, to dates in 2019 that no
other test's tickets have) and tresen-automations runs with --now. The test stack runs no
automations loop of its own (scripts/run-tests: --no-automations).
"""
import calendar
import os
import re
import signal
import subprocess
import time
import uuid

import pymysql
import pytest

from conftest import (BASE, STACK, agent_reply, csrf_of, login_as, make_ticket, q, set_status, text_of, wait_mail,
                      wait_until)

AGENT = "agent@tresen.example"
CUSTOMER = "anna@wohnbau.example"
COLLEAGUE = "ben@wohnbau.example"


def automations(now, check=True):
    """tresen-automations at a moved clock (UTC "YYYY-MM-DD HH:MM:SS")."""
    r = subprocess.run([*STACK["tool_prefix"], os.path.join(STACK["bin"], "tresen-automations"), "--now", now],
                       env={**os.environ, **STACK["tool_env"]}, capture_output=True, text=True)
    if check:
        assert r.returncode == 0, r.stdout + r.stderr
    return r


def pending_ticket(db, since, requester=CUSTOMER):
    """A ticket an agent set Pending, back-dated to since (UTC)."""
    tid = make_ticket(requester, "Automatik " + uuid.uuid4().hex[:8])
    agent_reply(tid, "Welcher Mandant ist betroffen?", status="pending")
    q(db, "UPDATE tickets SET status_at = %s WHERE id = %s", since, tid)
    return tid


def row(db, tid):
    return q(db, "SELECT status, reminder_stage, reminded_at FROM tickets WHERE id = %s", tid)[0]


def reminders(db, tid):
    return q(db, "SELECT event_key, subject FROM outbox WHERE kind = 'ticket_reminder' AND event_key LIKE %s "
                 "ORDER BY id", f"remind_:{tid}:%")


def events(db, tid, kind):
    return q(db, "SELECT actor_kind, old_value, new_value, note FROM ticket_events WHERE ticket_id = %s AND kind = %s "
                 "ORDER BY id", tid, kind)


# ---- reminders and closing on the right business day ----

def test_reminder_and_closing_across_weekend_christmas_and_the_year_end(db):
    # Pending on Friday 20 Dec 2019; business days after: Mon 23, Tue 24, (25, 26 holidays), Fri 27,
    # Mon 30, Tue 31 -> first reminder on 31 Dec; then (1 Jan holiday) 2, 3, 6, 7, 8 -> closing 8 Jan 2020
    tid = pending_ticket(db, "2019-12-20 09:00:00")
    automations("2019-12-30 22:59:00")               # 23:59 in Berlin on the 30th: not yet
    assert row(db, tid)[:2] == ("pending", 0) and not reminders(db, tid)
    automations("2019-12-30 23:01:00")               # 00:01 on the 31st
    assert row(db, tid)[:2] == ("pending", 1)
    sent = reminders(db, tid)
    assert len(sent) == 1 and "Wir warten auf Ihre Antwort" in sent[0][1]
    assert events(db, tid, "reminder") == (("automation", None, "1", "automation"),)
    m = wait_mail(CUSTOMER, subject=f"[#{tid}] Wir warten auf Ihre Antwort", timeout=90)
    assert "Mi., 08.01.2020" in text_of(m)
    # late and repeated runs change nothing
    automations("2019-12-31 10:00:00")
    automations("2020-01-07 22:59:00")
    assert row(db, tid)[:2] == ("pending", 1) and len(reminders(db, tid)) == 1
    automations("2020-01-07 23:01:00")
    assert row(db, tid)[0] == "closed"
    sent = reminders(db, tid)
    assert len(sent) == 2 and "geschlossen" in sent[1][1]
    assert events(db, tid, "status")[-1] == ("automation", "pending", "closed", "automation")
    automations("2020-02-01 10:00:00")
    assert len(reminders(db, tid)) == 2


def test_a_customer_answer_stops_the_clock(db):
    tid = pending_ticket(db, "2019-03-04 09:00:00")
    b = login_as(CUSTOMER)
    page = b.get(f"/requests/{tid}")
    assert b.post(f"/requests/{tid}", {"csrf": csrf_of(page.text), "body": "Mandant 3."}).status_code == 303
    automations("2019-03-20 10:00:00")
    assert row(db, tid)[:2] == ("open", 0) and not reminders(db, tid)


def test_a_company_day_of_the_staff_moves_the_reminder(db):
    # Monday 4 Mar 2019 + 5 business days = Monday 11 Mar; with Wednesday 6 Mar a company day: Tuesday 12
    tid = pending_ticket(db, "2019-03-04 09:00:00")
    q(db, "INSERT INTO holidays (day, name, kind, created_at) VALUES ('2019-03-06', 'Betriebsausflug', 'company', NOW())")
    try:
        automations("2019-03-11 10:00:00")
        assert row(db, tid)[1] == 0
        automations("2019-03-11 23:30:00")           # 00:30 on the 12th in Berlin
        assert row(db, tid)[1] == 1
    finally:
        q(db, "DELETE FROM holidays WHERE day = '2019-03-06'")


def test_solved_closes_after_fourteen_days(db):
    tid = make_ticket(CUSTOMER, "Gelöst " + uuid.uuid4().hex[:8])
    agent_reply(tid, "Behoben.", status="solved")
    q(db, "UPDATE tickets SET status_at = '2019-06-03 10:00:00' WHERE id = %s", tid)
    automations("2019-06-16 21:59:00")               # 23:59 on 16 June in Berlin (summer time)
    assert row(db, tid)[0] == "solved"
    automations("2019-06-16 22:01:00")
    assert row(db, tid)[0] == "closed"
    assert events(db, tid, "status")[-1] == ("automation", "solved", "closed", "automation")


def test_two_runs_at_once_send_each_reminder_once(db):
    tids = [pending_ticket(db, "2019-02-01 09:00:00") for _ in range(6)]
    cmd = [*STACK["tool_prefix"], os.path.join(STACK["bin"], "tresen-automations"), "--now", "2019-02-11 10:00:00"]
    env = {**os.environ, **STACK["tool_env"]}
    runs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    for r in runs:
        r.wait(timeout=120)
        assert r.returncode == 0, r.stderr.read()
    for tid in tids:
        assert row(db, tid)[1] == 1
        assert len(reminders(db, tid)) == 1
        assert len(events(db, tid, "reminder")) == 1


def test_a_crash_between_the_mail_and_the_stage_loses_and_duplicates_nothing(db):
    """The job is killed while its reminder mail waits to be written (the test holds the outbox key it
    needs): its transaction - mail, stage, audit event - is gone whole; the next run does it once."""
    tid = pending_ticket(db, "2019-04-01 09:00:00")
    now = "2019-04-08 10:00:00"                      # Mon 1 Apr + 5 business days = Mon 8 Apr
    day = calendar.timegm(time.strptime(now, "%Y-%m-%d %H:%M:%S")) // 86400
    blocker = pymysql.connect(unix_socket=STACK["socket"], user="root", database="tresen", charset="utf8mb4")
    try:
        with blocker.cursor() as c:
            c.execute("BEGIN")
            c.execute("INSERT INTO outbox (kind, event_key, recipient, subject, body_text, body_html, message_id) "
                      "VALUES ('ticket_reminder', %s, %s, 'x', 'x', 'x', %s)",
                      (f"remind1:{tid}:{day}", CUSTOMER, f"<{uuid.uuid4().hex}@test>"))
        run = subprocess.Popen([*STACK["tool_prefix"], os.path.join(STACK["bin"], "tresen-automations"), "--now", now],
                               env={**os.environ, **STACK["tool_env"]}, start_new_session=True)
        # the job has locked the ticket and waits for the outbox key
        wait_until(lambda: q(db, "SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT'")[0][0],
                   30, "the job waiting on the outbox")
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()
        blocker.rollback()
    finally:
        blocker.close()
    assert row(db, tid)[1] == 0 and not reminders(db, tid) and not events(db, tid, "reminder")
    automations(now)
    assert row(db, tid)[1] == 1 and len(reminders(db, tid)) == 1 and len(events(db, tid, "reminder")) == 1


# ---- the countdown ----

def test_both_ticket_pages_show_when_the_reminder_and_the_closing_come(db):
    tid = pending_ticket(db, "2019-12-20 09:00:00")
    page = login_as(CUSTOMER).get(f"/requests/{tid}").text
    assert "Erinnerung am Di., 31.12.2019; Schließung am Mi., 08.01.2020, wenn Sie nicht antworten." in page
    agent = login_as(AGENT).get(f"/agent/tickets/{tid}").text
    assert "Erinnerung an den Kunden am Di., 31.12.2019; automatische Schließung am Mi., 08.01.2020" in agent
    automations("2019-12-30 23:30:00")
    page = login_as(CUSTOMER).get(f"/requests/{tid}").text
    assert "Schließung am Mi., 08.01.2020, wenn Sie nicht antworten." in page and "Erinnerung am" not in page
    solved = make_ticket(CUSTOMER, "Gelöst " + uuid.uuid4().hex[:8])
    agent_reply(solved, "Behoben.", status="solved")
    q(db, "UPDATE tickets SET status_at = '2019-06-03 10:00:00' WHERE id = %s", solved)
    assert "am Mo., 17.06.2019 automatisch geschlossen" in login_as(CUSTOMER).get(f"/requests/{solved}").text


# ---- the survey ----

def solve_by_web(tid):
    b = login_as(AGENT)
    page = b.get(f"/agent/tickets/{tid}")
    state = {n: re.search(rf'name="{n}" value="(\d+)"', page.text).group(1) for n in ("version", "seen_event")}
    r = b.post(f"/agent/tickets/{tid}", {"csrf": csrf_of(page.text), **state, "action": "reply",
                                          "body": "Die Ursache ist behoben.", "status": "solved"})
    assert r.status_code == 303


def survey_link(tid, requester=CUSTOMER):
    m = wait_mail(requester, subject=f"[#{tid}] Ihre Anfrage ist gelöst", timeout=90)
    text = text_of(m)
    found = re.search(re.escape(BASE) + r"/csat/[A-Za-z0-9_-]{43}", text)
    assert found, text
    # under the signature
    assert text.index(found.group(0)) > text.index("Freundliche Grüße")
    return found.group(0).replace(BASE, "")


def rating_of(db, tid):
    r = q(db, "SELECT rating, reason, comment FROM csat_ratings WHERE ticket_id = %s", tid)
    return r[0] if r else None


def vote(browser, path, **data):
    page = browser.get(path)
    return browser.post(path, {"csrf": csrf_of(page.text), **data})


def test_survey_from_the_real_mail_records_only_on_confirm_and_can_be_changed(db, browser):
    tid = make_ticket(CUSTOMER, "Umfrage " + uuid.uuid4().hex[:8])
    solve_by_web(tid)
    path = survey_link(tid)
    # a mail scanner opens the link (twice): nothing is recorded
    for _ in range(2):
        r = browser.get(path)
        assert r.status_code == 200 and f"#{tid}" in r.text
    assert rating_of(db, tid) is None
    # every level below "satisfied" offers a reason
    page = browser.get(path).text
    for level in ("very_satisfied", "satisfied", "neutral", "dissatisfied", "very_dissatisfied"):
        assert f'value="{level}"' in page
    assert len(re.findall(r'class="csat-level csat-\w+ csat-low"', page)) == 3
    assert 'name="reason"' in page and 'value="slow"' in page and 'name="comment"' in page
    r = vote(browser, path, rating="satisfied", reason="slow")
    assert r.status_code == 303
    assert rating_of(db, tid) == (4, None, None)        # no reason at "satisfied"
    assert "Vielen Dank" in browser.get(r.headers["Location"]).text
    # changed while the ticket is not closed
    r = vote(browser, path, rating="very_dissatisfied", reason="not_solved", comment="Geht <b>wieder</b> nicht.")
    assert r.status_code == 303
    assert rating_of(db, tid) == (1, "not_solved", "Geht <b>wieder</b> nicht.")
    assert q(db, "SELECT COUNT(*) FROM csat_ratings WHERE ticket_id = %s", tid)[0][0] == 1
    page = browser.get(path).text
    assert "Geht &lt;b&gt;wieder&lt;/b&gt; nicht." in page
    # an unknown reason is refused and changes nothing
    assert vote(browser, path, rating="neutral", reason="bogus").status_code == 400
    assert rating_of(db, tid)[0] == 1
    # closed: no more changes
    set_status(tid, "closed")
    page = browser.get(path)
    assert page.status_code == 200 and "Die Umfrage ist beendet" in page.text and 'name="rating"' not in page.text
    r = browser.post(path, {"csrf": csrf_of(browser.get("/login").text), "rating": "very_satisfied"})
    assert r.status_code == 409
    assert rating_of(db, tid)[0] == 1


def test_a_post_without_csrf_or_rating_records_nothing(db, browser):
    tid = make_ticket(CUSTOMER, "Umfrage " + uuid.uuid4().hex[:8])
    solve_by_web(tid)
    path = survey_link(tid)
    browser.get(path)
    assert browser.post(path, {"rating": "satisfied"}).status_code == 403
    assert vote(browser, path).status_code == 422
    assert rating_of(db, tid) is None


def test_bad_foreign_and_expired_tokens_get_a_4xx_that_leaks_nothing(db, browser):
    a = make_ticket(CUSTOMER, "Umfrage A " + uuid.uuid4().hex[:8])
    b = make_ticket(COLLEAGUE, "Umfrage B geheim " + uuid.uuid4().hex[:8])
    solve_by_web(a)
    solve_by_web(b)
    path_a = survey_link(a)
    path_b = survey_link(b, COLLEAGUE)
    token = path_a.split("/")[-1]
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    for bad in ("/csat/" + tampered, "/csat/garbage", "/csat/" + "x" * 43, "/csat/" + token + "x"):
        r = browser.get(bad)
        assert r.status_code == 404, bad
        assert "Umfrage A" not in r.text and "Umfrage B" not in r.text
        r = browser.post(bad, {"csrf": csrf_of(browser.get("/login").text), "rating": "satisfied"})
        assert r.status_code in (404, 403)
    # A's token votes on A only, whatever else the request says
    vote(browser, path_a + "?ticket=" + str(b), rating="neutral")
    assert rating_of(db, a)[0] == 3 and rating_of(db, b) is None
    assert "geheim" not in browser.get(path_a).text
    # expired
    q(db, "UPDATE csat_tokens SET expires_at = NOW() - INTERVAL 1 MINUTE WHERE ticket_id = %s", b)
    r = browser.get(path_b)
    assert r.status_code == 410 and "geheim" not in r.text
    r = browser.post(path_b, {"csrf": csrf_of(browser.get("/login").text), "rating": "neutral"})
    assert r.status_code == 410 and rating_of(db, b) is None


def test_the_outbox_keeps_no_working_survey_link(db):
    tid = make_ticket(CUSTOMER, "Umfrage " + uuid.uuid4().hex[:8])
    solve_by_web(tid)
    survey_link(tid)
    body = wait_until(lambda: q(db, "SELECT body_text FROM outbox WHERE kind = 'ticket_solved' AND status = 'sent' "
                                    "AND event_key LIKE %s", f"solved:{tid}:%"), 30, "the solution mail sent")
    assert "/csat/-" in body[0][0] and not re.search(r"/csat/[A-Za-z0-9_-]{20}", body[0][0])


# ---- the report ----

def test_report_score_matches_the_ratings(db, browser):
    # the month is this test's own (an earlier run's ratings move out of it)
    q(db, "UPDATE csat_ratings SET rated_at = '2018-01-01 10:00:00' WHERE rated_at >= '2019-05-01' "
          "AND rated_at < '2019-06-01'")
    tids = [make_ticket(CUSTOMER, "Bericht " + uuid.uuid4().hex[:8]) for _ in range(3)]
    for tid, level in zip(tids, ("very_satisfied", "neutral", "satisfied")):
        solve_by_web(tid)
        assert vote(browser, survey_link(tid), rating=level, reason="slow", comment="Bericht-Kommentar").status_code == 303
    # put them into a month of their own
    q(db, "UPDATE csat_ratings SET rated_at = '2019-05-15 10:00:00' WHERE ticket_id IN (%s, %s, %s)", *tids)
    total, good = q(db, "SELECT COUNT(*), SUM(rating >= 4) FROM csat_ratings WHERE rated_at >= '2019-05-01' "
                        "AND rated_at < '2019-06-01'")[0]
    assert (total, good) == (3, 2)
    staff = login_as(AGENT)
    page = staff.get("/agent/reports/csat?from=2019-05-01&to=2019-05-31&by=month")
    assert page.status_code == 200
    assert re.search(r'id="csat-score">67</span>', page.text)
    assert "<svg" in page.text and "2019-05" in page.text
    assert "Es hat zu lange gedauert: 1" in page.text and "Bericht-Kommentar" in page.text
    by_agent = staff.get("/agent/reports/csat?from=2019-05-01&to=2019-05-31&by=agent").text
    assert "Tom Berger" in by_agent
    csv = staff.get("/agent/reports/csat?from=2019-05-01&to=2019-05-31&by=month&format=csv")
    assert csv.status_code == 200 and csv.headers["Content-Type"].startswith("text/csv")
    lines = csv.text.strip().split("\r\n")
    assert lines[1].startswith('"2019-05","3","2","67"') and lines[-1].startswith('"Gesamt","3","2","67"')


def test_report_is_for_staff_only(browser):
    assert browser.get("/agent/reports/csat").status_code == 303
    assert login_as(CUSTOMER).get("/agent/reports/csat").status_code in (403, 404)
    assert login_as(AGENT).get("/agent/reports/csat?from=nonsense").status_code == 400


# ---- service levels ----

def sla(db, tid):
    return q(db, "SELECT DATE_FORMAT(sla_since, '%%Y-%%m-%%d %%H:%%i:%%s'), DATE_FORMAT(sla_due_at, '%%Y-%%m-%%d %%H:%%i:%%s'), "
                 "sla_kind, sla_breached FROM tickets WHERE id = %s", tid)[0]


def test_service_level_counts_business_hours_only_and_follows_the_ticket(db):
    word = "Slaziel" + uuid.uuid4().hex[:6]
    # an incident (normal: first reply within 8 business hours) on Friday 29 Nov 2019 at 16:00 in Berlin:
    # one hour that Friday, seven on Monday -> due Monday 2 Dec 15:00 (14:00 UTC), not Saturday
    tid = make_ticket(CUSTOMER, f"{word} Drucker", type="incident", at="2019-11-29 15:00:00")
    assert sla(db, tid) == ("2019-11-29 15:00:00", "2019-12-02 14:00:00", "first", 0)
    # the queue shows it overdue, and the sort by service level puts running targets first
    staff = login_as(AGENT)
    page = staff.get(f"/agent?queue=unassigned&sort=sla&q={word}").text
    assert re.search(r'class="sla sla-breached"[^>]*>überfällig seit', page)
    page = staff.get("/agent?queue=all&sort=sla").text
    assert page.index("sla-breached") < page.index("</tbody>")
    assert "Servicelevel (erste Antwort): überfällig seit" in staff.get(f"/agent/tickets/{tid}").text
    # the job records the missed target once
    automations("2019-12-02 13:59:00")
    assert sla(db, tid)[3] == 0
    automations("2019-12-02 14:01:00")
    automations("2019-12-03 10:00:00")
    assert sla(db, tid)[3] == 1
    assert events(db, tid, "sla_breached") == (("automation", None, "first", "automation"),)
    agent_reply(tid, "Schauen wir uns an.", status="pending")
    assert sla(db, tid) == (None, None, None, 0)        # answered: no target runs
    # the customer's answer starts the next-reply target
    b = login_as(CUSTOMER)
    page = b.get(f"/requests/{tid}")
    assert b.post(f"/requests/{tid}", {"csrf": csrf_of(page.text), "body": "Hier die Details."}).status_code == 303
    since, due, kind, breached = sla(db, tid)
    assert kind == "next" and since and due > since and breached == 0


# ---- the staff's calendar ----

def test_staff_admins_add_and_remove_company_days(db):
    admin = login_as("admin@tresen.example")
    page = admin.get("/admin/holidays?year=2021")
    assert page.status_code == 200
    assert "2021-04-02" in page.text and "Karfreitag" in page.text and "2021-05-13" in page.text
    q(db, "DELETE FROM holidays WHERE day = '2021-12-24'")
    r = admin.post("/admin/holidays", {"csrf": csrf_of(page.text), "action": "add", "day": "2021-12-24",
                                       "name": "Heiligabend <frei>", "kind": "company"})
    assert r.status_code == 303
    assert q(db, "SELECT name, kind FROM holidays WHERE day = '2021-12-24'") == (("Heiligabend <frei>", "company"),)
    page = admin.get("/admin/holidays?year=2021")
    assert "Heiligabend &lt;frei&gt;" in page.text
    # the same day twice: refused, nothing added
    r = admin.post("/admin/holidays", {"csrf": csrf_of(page.text), "action": "add", "day": "2021-12-24",
                                       "name": "Noch einmal", "kind": "company"})
    assert r.status_code == 422 and q(db, "SELECT COUNT(*) FROM holidays WHERE day = '2021-12-24'")[0][0] == 1
    # it counts at once: Pending on Monday 20 Dec 2021 + 5 business days is Tuesday 28, not Monday 27
    tid = pending_ticket(db, "2021-12-20 09:00:00")
    customer = login_as(CUSTOMER)
    assert "Erinnerung am Di., 28.12.2021" in customer.get(f"/requests/{tid}").text
    hid = q(db, "SELECT id FROM holidays WHERE day = '2021-12-24'")[0][0]
    r = admin.post("/admin/holidays", {"csrf": csrf_of(page.text), "action": "remove", "id": hid})
    assert r.status_code == 303 and not q(db, "SELECT id FROM holidays WHERE day = '2021-12-24'")
    assert "Erinnerung am Mo., 27.12.2021" in customer.get(f"/requests/{tid}").text
    # agents and customers have no say in it
    assert login_as(AGENT).get("/admin/holidays").status_code in (403, 404)
    assert login_as(CUSTOMER).get("/admin/holidays").status_code in (403, 404)


def test_the_sort_by_service_level_puts_running_targets_first_then_the_longest_waiting(db):
    word = "Slareihe" + uuid.uuid4().hex[:6]
    # each ticket written earlier than the one before: waiting longest is the reverse of the ids
    ids = [make_ticket(CUSTOMER, f"{word} {i}", type="question", at=f"2019-10-{28 - i:02d} 09:00:00") for i in range(28)]
    q(db, "UPDATE tickets SET sla_due_at = NULL, sla_kind = NULL, sla_since = NULL WHERE id IN (%s)"
      % ", ".join(map(str, ids)))
    # three running targets, the soonest on the newest ticket
    for tid, due in ((ids[27], "2019-11-01 08:00:00"), (ids[5], "2019-11-02 08:00:00"), (ids[12], "2019-11-03 08:00:00")):
        q(db, "UPDATE tickets SET sla_due_at = %s, sla_kind = 'first', sla_since = created_at WHERE id = %s", due, tid)
    expected = [ids[27], ids[5], ids[12]] + [t for t in reversed(ids) if t not in (ids[27], ids[5], ids[12])]
    staff = login_as(AGENT)
    shown = []
    for page in (1, 2):
        html = staff.get(f"/agent?queue=unassigned&sort=sla&q={word}&page={page}").text
        shown += [int(x) for x in dict.fromkeys(re.findall(r'href="/agent/tickets/(\d+)', html))]
    assert shown == expected
