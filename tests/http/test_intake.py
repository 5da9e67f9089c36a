"""test_intake.py - replies by mail (R-MAIL 3): real notifications taken from the sink, answered through
SMTP into the stack's Dovecot mailbox, fetched by tresen-intake; the trace in /admin/mail.

The stack runs without the intake loop: each test runs tresen-intake itself (as the workers' user,
with the sanitizer build), so it knows when a mail was fetched."""
import base64
import hashlib
import html
import imaplib
import os
import re
import signal
import smtplib
import ssl
import subprocess
import time
import uuid
from email.message import EmailMessage
from email.utils import make_msgid

from conftest import (BASE, STACK, agent_reply, csrf_of, login_as, make_ticket, mails_to, q, set_status, text_of,
                      tool, wait_mail, wait_mails, wait_until, world_readable_file)
from newreq import MINIMAL, created_id, form_id, post_form

SUPPORT = STACK["imap"]["address"]


# ---- the mailbox and the intake ----

def intake(config=None, check=True):
    """Runs tresen-intake once; returns its output."""
    env = {**os.environ, **STACK["tool_env"]}
    if config:
        env["TRESEN_CONFIG"] = config
    r = subprocess.run([*STACK["tool_prefix"], os.path.join(STACK["bin"], "tresen-intake")], env=env,
                       capture_output=True, text=True, timeout=300)
    if check:
        assert r.returncode == 0, r.stdout + r.stderr
    return r


def intake_process():
    return subprocess.Popen([*STACK["tool_prefix"], os.path.join(STACK["bin"], "tresen-intake")],
                            env={**os.environ, **STACK["tool_env"]}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def config_with(*lines):
    """A copy of the stack's configuration with settings of a test's own (readable by the web user)."""
    with open(STACK["config"]) as f:
        text = f.read()
    return world_readable_file(f"intake-{uuid.uuid4().hex[:8]}.hdf", (text + "\n".join(lines) + "\n").encode())


def mailbox():
    """The Dovecot mailbox the sink delivers to, over STARTTLS as the intake reads it."""
    im = STACK["imap"]
    box = imaplib.IMAP4("127.0.0.1", im["port"], timeout=30)
    box.starttls(ssl_context=ssl.create_default_context(cafile=im["ca_file"]))
    box.login(im["user"], im["password"])
    box.select("INBOX")
    return box


def unhandled_uids():
    box = mailbox()
    try:
        typ, data = box.uid("SEARCH", None, "UNDELETED", "UNKEYWORD", "TresenDone")
        return [int(x) for x in data[0].split()]
    finally:
        box.logout()


def send(msg, rcpt=None, sender=None):
    """Delivers a mail through the stack's SMTP sink: mail for the support address lands in Dovecot."""
    with smtplib.SMTP("127.0.0.1", STACK["ports"]["smtp"], timeout=120) as s:
        if isinstance(msg, bytes):
            s.sendmail(sender, [rcpt], msg)
        else:
            s.send_message(msg, from_addr=sender, to_addrs=[rcpt] if rcpt else None)


def trace(db, message_id):
    cols = ("id", "outcome", "reason", "matched_by", "sender_role", "ticket_id", "comment_id", "new_ticket_id",
            "attachments", "bounced", "note")
    return [dict(zip(cols, r)) for r in
            q(db, f"SELECT {', '.join(cols)} FROM intake_mails WHERE message_id = %s ORDER BY id", message_id)]


def one_trace(db, message_id):
    rows = trace(db, message_id)
    assert len(rows) == 1, rows
    return rows[0]


def comments_of(db, tid):
    return q(db, "SELECT id, author_id, is_public, via, body FROM comments WHERE ticket_id = %s ORDER BY id", tid)


def user_id(db, email):
    return q(db, "SELECT id FROM users WHERE email_norm = %s", email)[0][0]


# ---- mails as a mail program writes them ----

def notification(address, tid, subject=None):
    """The newest mail about ticket tid that reached address."""
    return wait_mail(address, subject=subject or f"[#{tid}]")


def reply(orig, sender, text, *, name="Kunde", to=None, files=(), inline=None, extra=None, quote=True,
          html=None, msgid=None):
    """A reply to orig as a mail program writes it: to its Reply-To, threaded, the old text quoted below."""
    r = EmailMessage()
    r["From"] = f"{name} <{sender}>"
    r["To"] = to or str(orig["Reply-To"])
    r["Subject"] = "Re: " + str(orig["Subject"])
    r["Message-ID"] = msgid or make_msgid(domain=sender.split("@")[1])
    r["In-Reply-To"] = str(orig["Message-ID"])
    r["References"] = f"{orig['References']} {orig['Message-ID']}"
    for k, v in (extra or {}).items():
        r[k] = v
    body = text
    if quote:
        old = "\n".join("> " + line for line in text_of(orig).splitlines())
        body += f"\n\nAm 03.02.2026 um 10:00 schrieb Tresen Kundenservice <{SUPPORT}>:\n{old}\n"
    r.set_content(body)
    if html is not None:
        r.add_alternative(html, subtype="html")
    for filename, data, maintype, subtype in files:
        r.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    if inline:
        r.add_attachment(inline, maintype="image", subtype="png", disposition="inline", cid="<shot1@x>")
    return r


PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==")


def new_ticket(requester="anna@wohnbau.example", cc=None, subject=None):
    subject = subject or "Mail-Antwort " + uuid.uuid4().hex[:6]
    args = ["create", requester, subject, "Bitte prüfen.", "--notify"]
    if cc:
        args += ["--cc", cc]
    return int(tool("ticket", *args)), subject


# ---- a reply from the requester, end to end ----

def test_requester_reply_to_a_real_notification_becomes_a_comment_with_its_files(db):
    # a request made in the portal: its confirmation mail is the notification answered
    anna = login_as("anna@wohnbau.example")
    subject = "Heizungsablesung " + uuid.uuid4().hex[:6]
    tid = created_id(post_form(anna, form_id(db, "digital"), {**MINIMAL["digital"], "subject": subject}))
    note = notification("anna@wohnbau.example", tid)
    token_addr = str(note["Reply-To"])
    assert re.fullmatch(r"support\+t%d-[0-9a-f]{20}@tresen\.example" % tid, token_addr)
    assert str(note["From"]).endswith(f"<{SUPPORT}>")
    assert text_of(note).startswith("##- Bitte geben Sie Ihre Antwort oberhalb dieser Zeile ein. -##")
    assert q(db, "SELECT ticket_id FROM mail_threads WHERE message_id = %s", str(note["Message-ID"]))[0][0] == tid

    pdf = b"%PDF-1.4\n% Ablesung\n" + os.urandom(2000)
    m = reply(note, "anna@wohnbau.example", "Anbei das Ableseprotokoll.\nZähler 4711 steht auf 12.345 kWh.",
              name="Anna Schmidt", files=[("Ablesung März.pdf", pdf, "application", "pdf")], inline=PNG)
    send(m)
    assert unhandled_uids()
    intake()
    row = one_trace(db, str(m["Message-ID"]))
    assert (row["outcome"], row["reason"], row["matched_by"], row["sender_role"], row["ticket_id"]) == \
        ("comment", "customer_reply", "token", "requester", tid)
    assert row["attachments"] == 2
    cid, author, public, via, body = comments_of(db, tid)[-1]
    assert (cid, author, public, via) == (row["comment_id"], user_id(db, "anna@wohnbau.example"), 1, "mail")
    # the new text only: no quoted notification, no attribution line, no marker
    assert body == "Anbei das Ableseprotokoll.\nZähler 4711 steht auf 12.345 kWh."
    files = q(db, "SELECT filename, size, sha256, is_inline, content_type FROM attachments WHERE comment_id = %s "
                  "ORDER BY id", cid)
    assert files[0][:4] == ("Ablesung März.pdf", len(pdf), hashlib.sha256(pdf).hexdigest(), 0)
    assert files[0][4] == "application/pdf"
    assert files[1][1:4] == (len(PNG), hashlib.sha256(PNG).hexdigest(), 1)
    # the customer sees it on the ticket page, the agents are told as for a web comment
    page = anna.get(f"/requests/{tid}").text
    assert "Zähler 4711 steht auf 12.345 kWh." in page and "Ablesung März.pdf" in page
    assert q(db, "SELECT COUNT(*) FROM outbox WHERE kind = 'ticket_agent' AND event_key LIKE %s",
             f"agent:customer_comment:{tid}:%")[0][0] >= 1
    # handled: marked in the mailbox, and a second run does nothing more
    assert not unhandled_uids()
    intake()
    assert len(trace(db, str(m["Message-ID"]))) == 1 and comments_of(db, tid)[-1][0] == cid


def test_pending_and_solved_reopen_and_closed_makes_a_follow_up(db):
    tid, subject = new_ticket()
    note = notification("anna@wohnbau.example", tid)
    tool("ticket", "assign", tid, "agent@tresen.example")
    agent_reply(tid, "Welcher Zähler?", status="pending")
    m = reply(note, "anna@wohnbau.example", "Zähler 7.")
    send(m)
    intake()
    row = one_trace(db, str(m["Message-ID"]))
    assert (row["outcome"], row["reason"]) == ("comment", "reopened")
    assert q(db, "SELECT status FROM tickets WHERE id = %s", tid)[0][0] == "open"
    assert q(db, "SELECT note FROM ticket_events WHERE ticket_id = %s AND kind = 'status' ORDER BY id DESC LIMIT 1",
             tid)[0][0] == "customer_replied"

    agent_reply(tid, "Erledigt.", status="solved")
    m = reply(note, "anna@wohnbau.example", "Nein, geht noch nicht.")
    send(m)
    intake()
    assert one_trace(db, str(m["Message-ID"]))["reason"] == "reopened"
    assert q(db, "SELECT status FROM tickets WHERE id = %s", tid)[0][0] == "open"
    assert q(db, "SELECT note FROM ticket_events WHERE ticket_id = %s AND kind = 'status' ORDER BY id DESC LIMIT 1",
             tid)[0][0] == "solution_not_accepted"

    set_status(tid, "closed")
    m = reply(note, "anna@wohnbau.example", "Es ist wieder kaputt.")
    send(m)
    intake()
    row = one_trace(db, str(m["Message-ID"]))
    assert row["outcome"] == "follow_up" and row["ticket_id"] == tid
    follow = row["new_ticket_id"]
    assert q(db, "SELECT follow_up_of, requester_id, subject FROM tickets WHERE id = %s", follow)[0] == \
        (tid, user_id(db, "anna@wohnbau.example"), f"Folgeanfrage zu #{tid}: {subject}")
    assert comments_of(db, follow)[0][3:] == ("mail", "Es ist wieder kaputt.")
    assert q(db, "SELECT status FROM tickets WHERE id = %s", tid)[0][0] == "closed"
    assert len(comments_of(db, tid)) == 5     # description, two agent replies, two mail replies


def test_reply_from_a_person_in_cc(db):
    tid, _ = new_ticket(cc="ben@wohnbau.example")
    note = notification("ben@wohnbau.example", tid)
    assert "CC" in str(note["Subject"])
    m = reply(note, "ben@wohnbau.example", "Ich ergänze: betrifft auch Haus 2.", name="Ben Becker")
    send(m)
    intake()
    row = one_trace(db, str(m["Message-ID"]))
    assert (row["outcome"], row["sender_role"]) == ("comment", "cc")
    assert comments_of(db, tid)[-1][1:] == (user_id(db, "ben@wohnbau.example"), 1, "mail",
                                            "Ich ergänze: betrifft auch Haus 2.")


def test_reply_from_an_agent_is_a_public_reply_or_with_the_marker_an_internal_note(db):
    tid, _ = new_ticket()
    tool("ticket", "assign", tid, "agent@tresen.example")
    anna_note = notification("anna@wohnbau.example", tid)
    # the customer's reply by mail tells the agent by mail; the agent answers that mail
    first = reply(anna_note, "anna@wohnbau.example", "Wann kommt der Techniker?")
    send(first)
    intake()
    agent_mail = notification("agent@tresen.example", tid)
    assert re.fullmatch(r"support\+t%d-[0-9a-f]{20}@tresen\.example" % tid, str(agent_mail["Reply-To"]))
    before = len(mails_to("anna@wohnbau.example"))
    answer = "Morgen zwischen 8 und 10 Uhr, Termin " + uuid.uuid4().hex[:6]
    public = reply(agent_mail, "agent@tresen.example", answer, name="Agent")
    send(public)
    intake()
    row = one_trace(db, str(public["Message-ID"]))
    assert (row["outcome"], row["reason"], row["sender_role"]) == ("comment", "agent_reply", "agent")
    assert comments_of(db, tid)[-1][1:] == (user_id(db, "agent@tresen.example"), 1, "mail", answer)
    assert q(db, "SELECT agent_replied FROM tickets WHERE id = %s", tid)[0][0] == 1
    # the customer gets the reply, and can answer it again
    told = wait_until(lambda: [m for m in mails_to("anna@wohnbau.example")
                               if answer in text_of(m)], what="the reply mailed")[0]
    assert str(told["Reply-To"]) == str(agent_mail["Reply-To"]) and f"[#{tid}]" in str(told["Subject"])
    assert len(mails_to("anna@wohnbau.example")) == before + 1

    secret = "Kunde hat Wartungsvertrag " + uuid.uuid4().hex[:6]
    internal = reply(agent_mail, "agent@tresen.example", f"#intern\n{secret}", name="Agent")
    send(internal)
    intake()
    row = one_trace(db, str(internal["Message-ID"]))
    assert (row["outcome"], row["reason"]) == ("note", "agent_note")
    assert comments_of(db, tid)[-1][1:] == (user_id(db, "agent@tresen.example"), 0, "mail", secret)
    # an internal note reaches no customer: not on the page, not by mail
    time.sleep(2)
    assert secret not in login_as("anna@wohnbau.example").get(f"/requests/{tid}").text
    assert not [m for m in mails_to("anna@wohnbau.example") if secret in text_of(m)]


def test_an_agents_reply_by_mail_on_an_unassigned_ticket_takes_it_as_on_the_web(db):
    tid, _ = new_ticket()
    assert q(db, "SELECT status, assignee_id FROM tickets WHERE id = %s", tid)[0] == ("new", None)
    anna_note = notification("anna@wohnbau.example", tid)
    send(reply(anna_note, "anna@wohnbau.example", "Noch eine Angabe: Haus 3."))
    intake()
    agent_mail = notification("agent@tresen.example", tid)
    answer = "Wir kümmern uns, Vorgang " + uuid.uuid4().hex[:6]
    public = reply(agent_mail, "agent@tresen.example", answer, name="Agent")
    send(public)
    intake()
    assert one_trace(db, str(public["Message-ID"]))["reason"] == "agent_reply"
    # never Open without an assignee: the replying agent has it now, as after a reply on the web
    assert q(db, "SELECT status, assignee_id FROM tickets WHERE id = %s", tid)[0] == \
        ("open", user_id(db, "agent@tresen.example"))



def test_an_agents_reply_by_mail_waits_like_on_the_web_while_the_approval_is_open(db):
    s = "Auftrag per Mail " + uuid.uuid4().hex[:6]
    data = {"subject": s, **MINIMAL["erp"], "type": "change"}
    tid = created_id(post_form(login_as("ben@wohnbau.example"), form_id(db, "erp"), data))
    assert q(db, "SELECT state FROM approvals WHERE ticket_id = %s", tid) == (("awaiting",),)
    ben_mail = notification("ben@wohnbau.example", tid)
    # a public reply would start work nobody has approved: refused, the ticket untouched
    public = reply(ben_mail, "agent@tresen.example", "Wir legen los.", name="Agent")
    send(public)
    intake()
    row = one_trace(db, str(public["Message-ID"]))
    assert (row["outcome"], row["reason"]) == ("refused", "awaiting_approval")
    assert q(db, "SELECT status, assignee_id FROM tickets WHERE id = %s", tid)[0] == ("new", None)
    assert not [c for c in comments_of(db, tid) if c[2] == 1 and c[3] == "mail"]
    # an internal note is fine, as on the web
    note = reply(ben_mail, "agent@tresen.example", "#intern\nBudget prüfen.", name="Agent")
    send(note)
    intake()
    assert one_trace(db, str(note["Message-ID"]))["reason"] == "agent_note"
    assert q(db, "SELECT status, assignee_id FROM tickets WHERE id = %s", tid)[0] == ("new", None)


# ---- nothing from strangers, nothing automatic ----

def test_strangers_forged_tokens_other_organizations_and_auto_replies_create_nothing(db):
    tid, _ = new_ticket()
    note = notification("anna@wohnbau.example", tid)
    token_addr = str(note["Reply-To"])
    count = len(comments_of(db, tid))
    forged = re.sub(r"-[0-9a-f]{20}@", "-0123456789abcdef0123@", token_addr)
    other = re.sub(r"\+t\d+-", f"+t{tid + 1}-", token_addr)
    stranger = f"fremd-{uuid.uuid4().hex[:6]}@spam.example"
    cases = {
        "stranger": reply(note, stranger, "Kaufen Sie jetzt!"),
        "forged": reply(note, "anna@wohnbau.example", "Gefälschtes Token.", to=forged),
        "other_ticket": reply(note, "anna@wohnbau.example", "Token einer anderen Anfrage.", to=other),
        "other_org": reply(note, "carla@stadtwerke.example", "Ich bin von den Stadtwerken."),
        "auto_reply": reply(note, "anna@wohnbau.example", "Ich bin bis Montag nicht im Büro.",
                            extra={"Auto-Submitted": "auto-replied"}),
        "precedence": reply(note, "anna@wohnbau.example", "Abwesend.", extra={"Precedence": "auto_reply"}),
        "x_autoreply": reply(note, "anna@wohnbau.example", "Abwesend.", extra={"X-Autoreply": "yes"}),
    }
    for m in cases.values():
        send(m)
    intake()
    got = {k: one_trace(db, str(m["Message-ID"])) for k, m in cases.items()}
    assert (got["stranger"]["outcome"], got["stranger"]["reason"], got["stranger"]["sender_role"]) == \
        ("refused", "stranger", "stranger")
    assert (got["forged"]["outcome"], got["forged"]["reason"]) == ("refused", "forged_token")
    assert got["forged"]["ticket_id"] is None
    assert (got["other_ticket"]["outcome"], got["other_ticket"]["reason"]) == ("refused", "forged_token")
    assert (got["other_org"]["outcome"], got["other_org"]["reason"], got["other_org"]["sender_role"]) == \
        ("refused", "no_right", "other_org")
    for k, reason in (("auto_reply", "auto_submitted"), ("precedence", "precedence"), ("x_autoreply", "x_autoreply")):
        assert (got[k]["outcome"], got[k]["reason"], got[k]["bounced"]) == ("loop", reason, 0)
    assert len(comments_of(db, tid)) == count
    # nothing is answered to the stranger (Intake.bounce = users), nor to an automatic mail
    assert got["stranger"]["bounced"] == 0
    assert not mails_to(stranger)


def test_mail_without_token_or_known_references_is_ignored_and_answered_once_a_day(db):
    q(db, "DELETE FROM outbox WHERE kind = 'intake_refused' AND recipient = 'ben@wohnbau.example'")
    msgs = []
    for i in range(2):
        m = EmailMessage()
        m["From"] = "Ben Becker <ben@wohnbau.example>"
        m["To"] = SUPPORT
        m["Subject"] = f"Neue Frage {i}"
        m["Message-ID"] = make_msgid(domain="wohnbau.example")
        m["References"] = "<unbekannt-1@wohnbau.example>"
        m.set_content("Wie ändere ich meine Adresse?")
        send(m)
        msgs.append(m)
    intake()
    rows = [one_trace(db, str(m["Message-ID"])) for m in msgs]
    assert [(r["outcome"], r["reason"], r["matched_by"]) for r in rows] == [("ignored", "no_match", "none")] * 2
    # no ticket from a mail (R-NEW 1), and one polite answer, not two
    assert not q(db, "SELECT id FROM tickets WHERE subject LIKE 'Neue Frage%%'")
    assert [r["bounced"] for r in rows] == [1, 0]
    answers = wait_until(lambda: [a for a in mails_to("ben@wohnbau.example")
                                  if str(a["In-Reply-To"]) in (str(msgs[0]["Message-ID"]), str(msgs[1]["Message-ID"]))],
                         what="the answer")
    time.sleep(2)
    assert len(answers) == 1
    answer = answers[0]
    assert "keiner Anfrage zugeordnet" in str(answer["Subject"]) and str(answer["Auto-Submitted"]) == "auto-generated"
    assert str(answer["In-Reply-To"]) == str(msgs[0]["Message-ID"])
    assert "/requests/new" in text_of(answer)
    # with Intake.bounce = none nobody hears anything
    q(db, "DELETE FROM outbox WHERE kind = 'intake_refused' AND recipient = 'ben@wohnbau.example'")
    m = msgs[0]
    del m["Message-ID"]
    m["Message-ID"] = make_msgid(domain="wohnbau.example")
    send(m)
    intake(config=config_with("Intake.bounce = none"))
    assert one_trace(db, str(m["Message-ID"]))["bounced"] == 0


def test_our_own_mail_coming_back_is_never_a_comment(db):
    tid, _ = new_ticket()
    note = notification("anna@wohnbau.example", tid)
    # a copy of our notification (support in CC, a forward rule) arrives in the mailbox
    copy = EmailMessage()
    for h in ("From", "To", "Subject", "Message-ID", "In-Reply-To", "References", "Reply-To"):
        copy[h] = str(note[h])
    copy.set_content(text_of(note))
    send(copy, rcpt=str(note["Reply-To"]), sender=SUPPORT)
    count = len(comments_of(db, tid))
    intake()
    row = [r for r in trace(db, str(note["Message-ID"]))][-1]
    assert (row["outcome"], row["reason"]) == ("loop", "own_mail")
    assert len(comments_of(db, tid)) == count


def test_html_only_mail_becomes_safe_text(db):
    tid, _ = new_ticket()
    note = notification("anna@wohnbau.example", tid)
    m = EmailMessage()
    m["From"] = "anna@wohnbau.example"
    m["To"] = str(note["Reply-To"])
    m["Subject"] = "Re: html"
    m["Message-ID"] = make_msgid(domain="wohnbau.example")
    m.set_content("<html><body><p>Hallo <b>Team</b>,</p><script>alert(1)</script><p>es geht &amp; läuft.</p>"
                  "<img src=x onerror=alert(2)><div class=\"gmail_quote\">Am ... schrieb:<blockquote>alt</blockquote>"
                  "</div></body></html>", subtype="html")
    send(m)
    intake()
    row = one_trace(db, str(m["Message-ID"]))
    assert row["outcome"] == "comment" and "HTML only" in row["note"]
    assert comments_of(db, tid)[-1][4] == "Hallo Team,\n\nes geht & läuft."
    page = login_as("anna@wohnbau.example").get(f"/requests/{tid}").text
    assert "alert(" not in page and "onerror" not in page


# ---- exactly once ----

def test_intake_run_twice_or_at_once_stores_each_mail_once(db):
    tid, _ = new_ticket()
    note = notification("anna@wohnbau.example", tid)
    msgs = [reply(note, "anna@wohnbau.example", f"Nachricht {i} " + uuid.uuid4().hex[:6]) for i in range(4)]
    for m in msgs:
        send(m)
    # two copies at the same moment, then a third after them
    a, b = intake_process(), intake_process()
    assert a.wait(300) == 0 and b.wait(300) == 0
    intake()
    for m in msgs:
        one_trace(db, str(m["Message-ID"]))
    bodies = [c[4] for c in comments_of(db, tid)[1:]]
    assert sorted(bodies) == sorted(str(m.get_body(("plain",)).get_content()).split("\n\n")[0] for m in msgs)
    # the same mail delivered twice (to the token address and to the plain one): two UIDs, one comment
    twice = reply(note, "anna@wohnbau.example", "Zweimal zugestellt.", to=f"{note['Reply-To']}, {SUPPORT}")
    send(twice)
    intake()
    rows = trace(db, str(twice["Message-ID"]))
    assert sorted((r["outcome"], r["reason"]) for r in rows) == [("comment", "customer_reply"),
                                                                  ("duplicate", "same_message")]
    assert [c[4] for c in comments_of(db, tid)].count("Zweimal zugestellt.") == 1


def test_intake_killed_mid_run_and_run_again_stores_each_mail_once(db):
    tid, _ = new_ticket()
    note = notification("anna@wohnbau.example", tid)
    msgs = [reply(note, "anna@wohnbau.example", f"Teil {i:02d}", files=[("f.txt", os.urandom(20000), "text", "plain")])
            for i in range(12)]
    for m in msgs:
        send(m)
    ids = [str(m["Message-ID"]) for m in msgs]
    placeholders = ", ".join(["%s"] * len(ids))
    p = intake_process()
    # killed as soon as it has stored a mail or two, in the middle of its run
    wait_until(lambda: q(db, f"SELECT COUNT(*) FROM intake_mails WHERE message_id IN ({placeholders})", *ids)[0][0] >= 2,
               timeout=120, what="the first mails stored")
    os.killpg(p.pid, signal.SIGKILL)
    p.wait()
    stored = q(db, f"SELECT COUNT(*) FROM intake_mails WHERE message_id IN ({placeholders})", *ids)[0][0]
    intake()
    intake()
    for m in msgs:
        one_trace(db, str(m["Message-ID"]))
    bodies = [c[4] for c in comments_of(db, tid)[1:]]
    assert sorted(bodies) == [f"Teil {i:02d}" for i in range(12)], (stored, bodies)
    assert q(db, "SELECT COUNT(*) FROM attachments WHERE ticket_id = %s", tid)[0][0] == 12
    assert not unhandled_uids()


# ---- malformed mail ----

def test_malformed_mime_is_handled_without_a_crash(db):
    tid, _ = new_ticket()
    note = notification("anna@wohnbau.example", tid)
    token = str(note["Reply-To"])
    head = (f"From: J\xf6rg \xff <anna@wohnbau.example>\r\nTo: {token}\r\nSubject: kaputt \xe4\xf6\xfc\r\n").encode("latin-1")
    ids = {}

    def raw(name, body, headers=b""):
        ids[name] = f"<{name}-{uuid.uuid4().hex[:8]}@wohnbau.example>"
        send(head + f"Message-ID: {ids[name]}\r\n".encode() + headers + b"\r\n" + body, rcpt=token,
             sender="anna@wohnbau.example")

    raw("boundary", b"--falsch\r\nContent-Type: text/plain\r\n\r\nText ohne Grenze\r\n",
        b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"nie\"\r\n")
    raw("noboundary", b"nichts\r\n", b"Content-Type: multipart/mixed\r\n")
    deep = b"".join(b"--n%d\r\nContent-Type: multipart/mixed; boundary=\"n%d\"\r\n\r\n" % (i, i + 1) for i in range(400))
    raw("deep", deep + b"--n400\r\nContent-Type: text/plain\r\n\r\ninnen\r\n", b"Content-Type: multipart/mixed; boundary=\"n0\"\r\n")
    # a zip bomb's name: a path, a direction override, 3,000 letters in 31 RFC 2231 pieces
    zip_bytes = bytes.fromhex("504b0304140000000800") + os.urandom(64)
    pieces = ["utf-8''..%2F..%2F%E2%80%AE"] + ["A" * 100] * 30 + ["42.zip"]
    params = ";\r\n".join(f" filename*{i}{'*' if i == 0 else ''}={p}" for i, p in enumerate(pieces))
    raw("zipname", b"--z\r\nContent-Type: text/plain\r\n\r\nDas Archiv.\r\n--z\r\nContent-Type: application/zip\r\n"
        b"Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment;\r\n" + params.encode() + b"\r\n\r\n" +
        base64.encodebytes(zip_bytes).replace(b"\n", b"\r\n") + b"--z--\r\n",
        b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"z\"\r\n")
    big = os.urandom(30 * 1024 * 1024)
    raw("big", b"--g\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDie gro\xc3\x9fe Datei.\r\n--g\r\n"
        b"Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
        b"Content-Disposition: attachment; filename=\"gross.bin\"\r\n\r\n" +
        base64.encodebytes(big).replace(b"\n", b"\r\n") + b"--g--\r\n",
        b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"g\"\r\n")
    r = intake()
    got = {k: one_trace(db, v) for k, v in ids.items()}
    assert "nesting" in got["deep"]["note"] or "nested" in got["deep"]["note"]
    assert "multipart without boundary" in got["noboundary"]["note"]
    # a boundary that never comes: no part to read, and the trace says why
    assert (got["boundary"]["outcome"], got["boundary"]["reason"]) == ("ignored", "empty")
    assert "truncated message" in got["boundary"]["note"] and "8-bit header" in got["boundary"]["note"]
    # what could be read became comments; the names are clean and nothing was unpacked
    assert got["zipname"]["outcome"] == got["big"]["outcome"] == "comment"
    z = q(db, "SELECT filename, size FROM attachments WHERE comment_id = %s", got["zipname"]["comment_id"])[0]
    assert z[1] == len(zip_bytes) and "/" not in z[0] and "\u202e" not in z[0]
    assert z[0].startswith("AAAA") and len(z[0].encode()) <= 255
    b = q(db, "SELECT size, sha256 FROM attachments WHERE comment_id = %s", got["big"]["comment_id"])[0]
    assert b == (len(big), hashlib.sha256(big).hexdigest())
    subj = q(db, "SELECT subject, from_addr FROM intake_mails WHERE id = %s", got["boundary"]["id"])[0]
    assert subj[1] == "anna@wohnbau.example" and subj[0].startswith("kaputt")
    assert not unhandled_uids(), r.stdout + r.stderr


def test_a_mail_over_the_size_limit_is_refused_with_its_headers_kept(db):
    tid, _ = new_ticket()
    note = notification("anna@wohnbau.example", tid)
    m = reply(note, "anna@wohnbau.example", "Riesig.", files=[("riesig.bin", os.urandom(2 << 20), "application",
                                                                 "octet-stream")])
    send(m)
    intake(config=config_with("Intake.max_message_bytes = 1000000"))
    row = one_trace(db, str(m["Message-ID"]))
    assert (row["outcome"], row["reason"]) == ("refused", "too_large")
    headers = q(db, "SELECT headers FROM intake_mails WHERE id = %s", row["id"])[0][0]
    assert str(m["Message-ID"]) in headers and "Content-Type: multipart/mixed" in headers
    assert comments_of(db, tid)[-1][4] != "Riesig."


# ---- the trace for staff ----

def test_the_trace_explains_each_case_to_staff_admins_only(db):
    tid, _ = new_ticket()
    note = notification("anna@wohnbau.example", tid)
    ok = reply(note, "anna@wohnbau.example", "Danke!")
    lost = EmailMessage()
    lost["From"] = "carla@stadtwerke.example"
    lost["To"] = SUPPORT
    lost["Subject"] = "Ohne Bezug <b>fett</b>"
    lost["Message-ID"] = make_msgid(domain="stadtwerke.example")
    lost.set_content("Hallo?")
    for m in (ok, lost):
        send(m)
    intake()
    good, bad = one_trace(db, str(ok["Message-ID"])), one_trace(db, str(lost["Message-ID"]))
    admin = login_as("admin@tresen.example")
    page = admin.get("/admin/mail?lang=de")
    assert page.status_code == 200
    text = re.sub(r"<[^>]+>", "", page.text)
    assert f"Antwort-Token der Anfrage #{tid} · von ihrem Anfragesteller → Kommentar {good['comment_id']}" in text
    assert "kein Token, References unbekannt" in text and "ignoriert" in text
    assert "Ohne Bezug &lt;b&gt;fett&lt;/b&gt;" in page.text       # escaped like everything
    one = admin.get(f"/admin/mail?id={bad['id']}")
    assert one.status_code == 200 and "Message-ID: " + html.escape(str(lost["Message-ID"]), quote=False) in one.text
    assert "Ignoriert" in admin.get("/admin/mail?outcome=ignored").text
    en = admin.get(f"/admin/mail?id={good['id']}&lang=en").text
    assert f"reply token of request #{tid}" in re.sub(r"<[^>]+>", "", en)
    admin.get("/admin/mail?lang=de")      # the choice is kept for the account: back to German
    assert admin.get("/admin/mail?id=999999999").status_code == 404
    assert admin.get("/admin/mail?outcome=bogus").status_code == 400
    # agents who are no admins, customers and visitors see nothing of it
    assert login_as("agent@tresen.example").get("/admin/mail").status_code == 403
    assert login_as("anna@wohnbau.example").get("/admin/mail").status_code == 403
    visitor = login_as("ben@wohnbau.example")
    visitor.cookies.clear()
    assert visitor.get("/admin/mail").status_code in (303, 403)
