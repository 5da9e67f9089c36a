"""mailsink.py - the local stack's mail sink (an aiosmtpd handler).

Keeps every mail in a Maildir, as the tests read it (aiosmtpd's Mailbox:
X-Peer, X-MailFrom and X-RcptTo record the envelope), but delivers mail for
the intake address - support@tresen.example, also with a +token - into the
stack's Dovecot mailbox instead (it may be anything a test sends, even what
Python's mail parser cannot read), as the mail server of an installation does: each
such recipient gets its copy with Return-Path and Delivered-To on top, put
there by IMAP APPEND (over STARTTLS, with the test account). When Dovecot
cannot take it, the SMTP client hears 451 and tries again later, like from
any mail server.

  PYTHONPATH=scripts python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c mailsink.Sink MAILDIR IMAP.json
"""
import asyncio
import imaplib
import json
import ssl

from aiosmtpd.handlers import Mailbox


class Sink(Mailbox):
    def __init__(self, maildir, imap_json):
        super().__init__(maildir)
        with open(imap_json) as f:
            self.imap = json.load(f)
        local, _, domain = self.imap["address"].lower().partition("@")
        self.local, self.domain = local, domain

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 2:
            parser.error("mailsink.Sink needs MAILDIR and IMAP.json")
        return cls(*args)

    def for_intake(self, rcpt):
        local, _, domain = rcpt.lower().partition("@")
        return domain == self.domain and (local == self.local or local.startswith(self.local + "+"))

    def deliver(self, mail_from, rcpt, content):
        raw = content if isinstance(content, bytes) else content.encode("utf-8", "surrogateescape")
        head = f"Return-Path: <{mail_from or ''}>\r\nDelivered-To: {rcpt}\r\n".encode()
        ctx = ssl.create_default_context(cafile=self.imap["ca_file"])
        box = imaplib.IMAP4("127.0.0.1", int(self.imap["port"]), timeout=20)
        try:
            box.starttls(ssl_context=ctx)
            box.login(self.imap["user"], self.imap["password"])
            typ, data = box.append("INBOX", None, None, head + raw)
            if typ != "OK":
                raise RuntimeError(f"APPEND: {data!r}")
        finally:
            try:
                box.logout()
            except Exception:
                pass

    async def handle_DATA(self, server, session, envelope):
        loop = asyncio.get_running_loop()
        others = []
        for rcpt in envelope.rcpt_tos:
            if not self.for_intake(rcpt):
                others.append(rcpt)
                continue
            try:
                await loop.run_in_executor(None, self.deliver, envelope.mail_from, rcpt, envelope.original_content
                                           or envelope.content)
            except Exception as e:   # the client tries again, as with any mail server
                return f"451 4.3.0 intake mailbox unavailable: {str(e)[:200]}"
        if not others:
            return "250 OK"
        envelope.rcpt_tos = others
        return await super().handle_DATA(server, session, envelope)
