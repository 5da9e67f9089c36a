"""test_mailer.py - mail delivery (R-MAIL 1, 2): valid MIME in the recipient's language, no header injection,
retries after temporary refusals, failures marked, never one mail twice, several mailers at once."""
import collections
import email.utils
import os
import subprocess
import time
import uuid
from datetime import datetime, timezone

from aiosmtpd.controller import Controller

from conftest import (BASE, STACK, Browser, all_mails, html_of, link_in, mails_to, new_address, q, register,
                      stack_cmd, text_of, tool_env, wait_mail, wait_until)


def queue_raw(db, recipient, name="", subject="Testnachricht"):
    """An outbox row as tr_mail_queue writes it, for tests of the mailer alone."""
    mid = f"<{uuid.uuid4().hex}@test.tresen.example>"
    q(db, "INSERT INTO outbox (kind, recipient, recipient_name, lang, subject, body_text, body_html, message_id) "
          "VALUES ('test', %s, %s, 'de', %s, 'Hallo\\n', '<p>Hallo</p>', %s)", recipient, name, subject, mid)
    return mid


def with_id(mid):
    return [m for m in all_mails() if m["Message-ID"] == mid]


def outbox(db, where, *args):
    return q(db, "SELECT status, attempts, last_error, message_id, next_attempt_at > NOW() + INTERVAL 30 SECOND "
                 f"FROM outbox WHERE {where}", *args)


def release_queue(db):
    """Other tests' mails deferred while a test had the sink down are due again."""
    q(db, "UPDATE outbox SET next_attempt_at = NOW() WHERE status = 'queued'")


def test_mails_are_valid_mime_in_the_recipients_language(db):
    de, en = new_address("mime-de"), new_address("mime-en")
    register(Browser(), de, name="Jürgen Müller")
    b = Browser()
    b.get("/register?lang=en")
    register(b, en, name="Emma Example")
    for address, lang, subject, greeting, button in (
            (de, "de", "Bitte bestätigen Sie Ihre E-Mail-Adresse", "Guten Tag Jürgen Müller,",
             "E-Mail-Adresse bestätigen"),
            (en, "en", "Please confirm your e-mail address", "Hello Emma Example,", "Confirm e-mail address")):
        msg = wait_mail(address)
        assert msg.defects == []
        assert msg.get_content_type() == "multipart/alternative"
        parts = list(msg.iter_parts())
        assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
        for p in parts:
            assert p.defects == [] and p.get_content_charset() == "utf-8"
            assert p["Content-Transfer-Encoding"] == "quoted-printable"
        assert msg["Subject"] == subject
        assert msg["To"].addresses[0].addr_spec == address
        assert msg["From"].addresses[0].display_name == "Tresen Kundenservice"
        assert msg["From"].addresses[0].addr_spec == "support@tresen.example"
        assert msg["Auto-Submitted"] == "auto-generated"
        sent = email.utils.parsedate_to_datetime(str(msg["Date"]))
        assert abs((datetime.now(timezone.utc) - sent).total_seconds()) < 300
        row = q(db, "SELECT message_id, lang, status FROM outbox WHERE recipient = %s", address)[0]
        assert row == (msg["Message-ID"], lang, "sent")
        text, html = text_of(msg), html_of(msg)
        assert text.startswith(greeting) and button in text
        assert f'<html lang="{lang}">' in html and button in html
        assert "<img" not in html and "http" not in html.replace(BASE, "")   # nothing loaded from outside
        link = link_in(msg, "/confirm")
        assert f'href="{link}"' in html


def test_a_name_with_cr_lf_adds_no_header(db):
    address = new_address("eve")
    register(Browser(), address, name="Eve Normal")
    wait_mail(address)
    q(db, "UPDATE users SET name = %s WHERE email_norm = %s", "Eve\r\nBcc: evil@attacker.example\r\nX-Evil: 1",
      address)
    Browser().submit("/password/forgot", {"email": address})
    msg = wait_mail(address, subject="Neues Passwort festlegen")
    assert msg["Bcc"] is None and msg["X-Evil"] is None
    assert msg.defects == []
    assert msg["To"].addresses[0].addr_spec == address
    assert "Bcc: evil@attacker.example" in msg["To"].addresses[0].display_name
    assert str(msg["X-RcptTo"]) == address                     # one envelope recipient
    time.sleep(3)
    assert mails_to("evil@attacker.example") == []


def test_temporary_refusal_keeps_the_mail_until_the_server_is_back_then_sends_it_once(db):
    address = new_address("later")
    stack_cmd("stop-mail")
    try:
        register(Browser(), address)
        row = wait_until(lambda: [r for r in outbox(db, "recipient = %s", address) if r[2]], 40,
                         "a failed delivery attempt")[0]
        status, attempts, error, mid, backed_off = row
        # an unreachable server counts against no mail: no attempt used up
        assert status == "queued" and attempts == 0 and backed_off == 1
        assert error and "onnect" in error
        assert with_id(mid) == []
    finally:
        stack_cmd("start-mail")
    q(db, "UPDATE outbox SET next_attempt_at = NOW() WHERE message_id = %s", mid)   # the back-off has passed
    release_queue(db)
    wait_until(lambda: with_id(mid), 40, "delivery after the server came back")
    time.sleep(5)                                        # a few more mailer runs
    assert len(with_id(mid)) == 1
    assert outbox(db, "message_id = %s", mid)[0][:2] == ("sent", 1)
    assert link_in(with_id(mid)[0], "/confirm")


def test_a_long_outage_never_fails_a_mail(db):
    """Connection failures are the server's, not the recipient's: after any number of them (here the
    mail has used all but one attempt already, and the server stays away for five runs) the mail
    is still queued, and goes out once when the server answers."""
    address = new_address("outage")
    max_attempts = 15
    # other tests' mails first: with the server away the mailer tries the oldest due mail of a run only
    wait_until(lambda: not q(db, "SELECT 1 FROM outbox WHERE status = 'queued' AND next_attempt_at <= NOW() LIMIT 1"),
               120, "the queue delivered")
    stack_cmd("stop-mail")
    mid = queue_raw(db, address, subject="Während der Störung")
    q(db, "UPDATE outbox SET attempts = %s WHERE message_id = %s", max_attempts - 1, mid)
    try:
        for _ in range(5):
            q(db, "UPDATE outbox SET next_attempt_at = NOW() WHERE message_id = %s", mid)
            wait_until(lambda: outbox(db, "message_id = %s", mid)[0][4] == 1, 40, "an attempt during the outage")
        status, attempts, error, _, _ = outbox(db, "message_id = %s", mid)[0]
        assert status == "queued" and attempts == max_attempts - 1
        assert "unreachable" in error
    finally:
        stack_cmd("start-mail")
    q(db, "UPDATE outbox SET next_attempt_at = NOW() WHERE message_id = %s", mid)
    release_queue(db)
    wait_until(lambda: with_id(mid), 40, "delivery after the outage")
    time.sleep(5)
    assert len(with_id(mid)) == 1
    assert outbox(db, "message_id = %s", mid)[0][0] == "sent"


class Picky:
    """An SMTP server that refuses some recipients for good and some for now."""

    def __init__(self):
        self.accepted = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("bounce-"):
            return "550 5.1.1 No such user here"
        if address.startswith("grey-"):
            return "451 4.7.1 Greylisted, please try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.accepted.append(envelope.content)
        return "250 Message accepted"


def test_permanent_refusal_fails_the_mail_temporary_retries_it(db):
    bounce, grey, fine = new_address("bounce"), new_address("grey"), new_address("fine")
    stack_cmd("stop-mail")
    picky = Picky()
    server = Controller(picky, hostname="127.0.0.1", port=STACK["ports"]["smtp"])
    server.start()
    try:
        ids = {a: queue_raw(db, a) for a in (bounce, grey, fine)}
        release_queue(db)
        wait_until(lambda: outbox(db, "message_id = %s", ids[bounce])[0][0] == "failed"
                   and outbox(db, "message_id = %s", ids[fine])[0][0] == "sent"
                   and outbox(db, "message_id = %s", ids[grey])[0][1] >= 1, 40, "all three attempted")
        status, attempts, error, _, _ = outbox(db, "message_id = %s", ids[bounce])[0]
        assert status == "failed" and attempts == 1 and "550" in error
        status, attempts, error, _, backed_off = outbox(db, "message_id = %s", ids[grey])[0]
        assert status == "queued" and attempts == 1 and "451" in error and backed_off == 1
        assert sum(ids[fine].encode() in m for m in picky.accepted) == 1
    finally:
        server.stop()
        stack_cmd("start-mail")
    # greylisting over: the retry goes through; the failed mail is never tried again
    q(db, "UPDATE outbox SET next_attempt_at = NOW() WHERE message_id = %s", ids[grey])
    release_queue(db)
    wait_until(lambda: with_id(ids[grey]), 40, "the retried mail")
    time.sleep(3)
    assert outbox(db, "message_id = %s", ids[grey])[0][:2] == ("sent", 2)
    assert outbox(db, "message_id = %s", ids[bounce])[0][:2] == ("failed", 1)
    assert with_id(ids[bounce]) == []


def test_two_mailers_at_once_send_every_mail_exactly_once(db):
    rows = [("test", new_address("bulk"), "de", "Massenpost", "x\n", "<p>x</p>",
             f"<{uuid.uuid4().hex}@test.tresen.example>") for _ in range(30)]
    with db.cursor() as c:   # one multi-row statement: all due at the same moment
        c.executemany("INSERT INTO outbox (kind, recipient, lang, subject, body_text, body_html, message_id) "
                      "VALUES (%s, %s, %s, %s, %s, %s, %s)", rows)
    mailer = os.path.join(STACK["bin"], "tresen-mailer")
    # two more besides the stack's own loop: three mailers take from one queue
    procs = [subprocess.Popen([mailer], env=tool_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for _ in range(2)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    mids = [r[-1] for r in rows]
    wait_until(lambda: q(db, "SELECT COUNT(*) FROM outbox WHERE status = 'sent' AND message_id IN %s",
                         mids)[0][0] == 30, 60, "all 30 sent")
    time.sleep(3)
    counts = collections.Counter(str(m["Message-ID"]) for m in all_mails())
    assert [counts[mid] for mid in mids] == [1] * 30
    assert q(db, "SELECT COUNT(*) FROM outbox WHERE message_id IN %s AND (attempts <> 1 OR claimed_by IS NOT NULL)",
             mids)[0][0] == 0


def test_claims_of_a_crashed_mailer_are_recovered_without_sending_twice(db):
    never_started, started, alive = new_address("stale"), new_address("maybe"), new_address("alive")
    a, b, c = queue_raw(db, never_started), queue_raw(db, started), queue_raw(db, alive)
    # a crashed mailer claimed a and b an hour ago and had begun sending b; c is claimed by a live one
    q(db, "UPDATE outbox SET status = 'sending', claimed_by = 'crashed:1:x', claimed_at = NOW() - INTERVAL 1 HOUR "
          "WHERE message_id IN (%s, %s)", a, b)
    q(db, "UPDATE outbox SET attempts = 1, attempt_started_at = NOW() - INTERVAL 1 HOUR WHERE message_id = %s", b)
    q(db, "UPDATE outbox SET status = 'sending', claimed_by = 'alive:2:y', claimed_at = NOW() WHERE message_id = %s",
      c)
    wait_until(lambda: with_id(a), 40, "the never-started claim delivered")
    wait_until(lambda: outbox(db, "message_id = %s", b)[0][0] == "failed", 20, "the started claim marked")
    assert "may have happened" in outbox(db, "message_id = %s", b)[0][2]
    time.sleep(5)
    assert len(with_id(a)) == 1 and with_id(b) == [] and with_id(c) == []
    assert outbox(db, "message_id = %s", c)[0][0] == "sending"      # a live claim is left alone
    q(db, "DELETE FROM outbox WHERE message_id = %s", c)
