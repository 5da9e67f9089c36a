"""test_password_reset.py - "forgot password" and the reset link (R-ACC 5, 6), and the confirmation mail again."""
import base64
import hashlib
import re

from conftest import (BASE, GOOD_PASSWORD, Browser, csrf_of, html_of, link_in, new_address, press_link_button, q, register, text_of,
                      wait_mail, wait_mails)


def confirmed_user(db, prefix="pat", lang="de", name="Pat Probe"):
    """A registered and confirmed user of Wohnbau Nord GmbH (never a demo user: their passwords stay)."""
    address = new_address(prefix)
    b = Browser()
    if lang != "de":
        b.get(f"/register?lang={lang}")
    register(b, address, name=name)
    assert press_link_button(Browser(), link_in(wait_mail(address), "/confirm")).status_code == 303
    return address


def forgot(address, browser=None):
    return (browser or Browser()).submit("/password/forgot", {"email": address})


def without_token(r):
    return r.status_code, re.sub(r'name="csrf" value="[^"]+"', "", r.text)


def token_hash(link):
    """What the database holds for the token of a link: the SHA-256 of its 32 bytes, never the token."""
    return hashlib.sha256(base64.urlsafe_b64decode(link.split("token=")[1] + "=")).hexdigest()


def test_forgot_answers_alike_for_known_and_unknown_addresses(db):
    address = confirmed_user(db)
    unknown = new_address("ghost")
    known_r, unknown_r = forgot(address), forgot(unknown)
    assert known_r.status_code == unknown_r.status_code == 303
    assert known_r.headers["Location"] == unknown_r.headers["Location"] == BASE + "/password/forgot?sent=1"
    a, b = Browser(), Browser()
    assert without_token(a.get("/password/forgot?sent=1")) == without_token(b.get("/password/forgot?sent=1"))
    assert "Wenn zu dieser Adresse ein Konto besteht" in a.get("/password/forgot?sent=1").text
    wait_mail(address, subject="Neues Passwort festlegen")
    assert not q(db, "SELECT 1 FROM outbox WHERE recipient = %s", unknown)


def test_reset_end_to_end(db):
    address = confirmed_user(db, "reset")
    other = Browser()
    other.login(address, GOOD_PASSWORD)           # a second device, signed in before
    assert "Pat Probe" in other.get("/").text

    forgot(address)
    mail = wait_mail(address, subject="Neues Passwort festlegen")
    assert "60 Minuten" in text_of(mail)
    link = link_in(mail, "/password/reset")
    token = link.split("token=")[1]
    row = q(db, "SELECT TIMESTAMPDIFF(MINUTE, t.created_at, t.expires_at), t.used_at FROM user_tokens t "
                "JOIN users u ON u.id = t.user_id WHERE u.email_norm = %s AND t.purpose = 'reset'", address)
    assert row == ((60, None),)
    assert q(db, "SELECT COUNT(*) FROM user_tokens WHERE token_hash = %s", token_hash(link))[0][0] == 1

    b = Browser()
    form = b.get(link)                            # opening the link spends nothing
    assert form.status_code == 200 and f"Für das Konto {address}." in form.text
    assert f'name="token" value="{token}"' in form.text
    weak = b.post("/password/reset", {"csrf": csrf_of(form.text), "token": token, "password": "1234567890"})
    assert weak.status_code == 422
    assert "Dieses Passwort ist zu verbreitet" in weak.text and f'value="{token}"' in weak.text
    assert "1234567890" not in weak.text
    r = b.post("/password/reset", {"csrf": csrf_of(weak.text), "token": token, "password": "Neues-Passwort-2026"})
    assert r.status_code == 303 and r.headers["Location"] == BASE + "/?notice=password_reset"
    home = b.get("/?notice=password_reset")
    assert "Ihr neues Passwort ist gespeichert" in home.text and "Pat Probe" in home.text

    # every other session ended; the old password is gone, the new one works
    assert "Pat Probe" not in other.get("/").text
    assert Browser().submit("/login", {"email": address, "password": GOOD_PASSWORD}).status_code == 422
    Browser().login(address, "Neues-Passwort-2026")
    assert q(db, "SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email_norm = %s",
             address)[0][0] == 2   # the resetting browser and the sign-in just now

    # single use: the link is spent for viewing and for posting
    again = Browser()
    r = again.get(link)
    assert r.status_code == 410 and "Link abgelaufen" in r.text and 'href="/password/forgot"' in r.text
    token_form = again.get("/password/forgot")
    r = again.post("/password/reset", {"csrf": csrf_of(token_form.text), "token": token, "password": "Noch-eines-2026"})
    assert r.status_code == 410
    Browser().login(address, "Neues-Passwort-2026")

    # the owner is told
    changed = wait_mail(address, subject="Ihr Passwort wurde geändert")
    assert address in text_of(changed)


def test_reset_links_forged_malformed_expired(browser, db):
    r = browser.get("/password/reset?token=" + "B" * 43)
    assert r.status_code == 404 and "Link ungültig" in r.text
    assert browser.get("/password/reset?token=%00").status_code == 400
    r = browser.get("/password/reset")
    assert r.status_code == 400
    address = confirmed_user(db, "expired")
    forgot(address)
    link = link_in(wait_mail(address, subject="Neues Passwort festlegen"), "/password/reset")
    q(db, "UPDATE user_tokens t JOIN users u ON u.id = t.user_id SET t.expires_at = NOW() - INTERVAL 1 SECOND "
          "WHERE u.email_norm = %s AND t.purpose = 'reset'", address)
    b = Browser()
    assert b.get(link).status_code == 410
    r = b.post("/password/reset", {"csrf": b.csrf("/password/forgot"), "token": link.split("token=")[1],
                                    "password": "Spaet-aber-gut-1"})
    assert r.status_code == 410
    Browser().login(address, GOOD_PASSWORD)      # unchanged


def test_a_newer_reset_spends_the_older_link(db):
    address = confirmed_user(db, "two")
    forgot(address)
    first = link_in(wait_mail(address, subject="Neues Passwort festlegen"), "/password/reset")
    forgot(address)
    links = [link_in(m, "/password/reset") for m in wait_mails(address, 2, subject="Neues Passwort festlegen")]
    second = [l for l in links if l != first][0]
    b = Browser()
    form = b.get(second)
    r = b.post("/password/reset", {"csrf": csrf_of(form.text), "token": second.split("token=")[1],
                                    "password": "Zweiter-Link-22"})
    assert r.status_code == 303
    assert Browser().get(first).status_code == 410


def test_reset_completes_a_pending_registration(db):
    address = new_address("pending")
    register(Browser(), address)
    wait_mail(address)
    forgot(address)
    link = link_in(wait_mail(address, subject="Neues Passwort festlegen"), "/password/reset")
    b = Browser()
    form = b.get(link)
    b.post("/password/reset", {"csrf": csrf_of(form.text), "token": link.split("token=")[1],
                               "password": "Per-Mail-bestaetigt-1"})
    assert q(db, "SELECT confirmed_at IS NOT NULL FROM users WHERE email_norm = %s", address)[0][0] == 1
    assert "noch nicht abgeschlossen" not in b.get("/").text


def test_reset_lifts_the_sign_in_throttle(db):
    address = confirmed_user(db, "locked")
    for _ in range(6):
        Browser().submit("/login", {"email": address, "password": "wrong-wrong-wrong"})
    assert Browser().submit("/login", {"email": address, "password": GOOD_PASSWORD}).status_code == 429
    forgot(address)
    link = link_in(wait_mail(address, subject="Neues Passwort festlegen"), "/password/reset")
    b = Browser()
    form = b.get(link)
    b.post("/password/reset", {"csrf": csrf_of(form.text), "token": link.split("token=")[1],
                               "password": "Wieder-frei-2026"})
    Browser().login(address, "Wieder-frei-2026")


def test_forgot_is_throttled_alike_for_known_and_unknown_addresses(db):
    address = confirmed_user(db, "many")
    q(db, "DELETE FROM throttle_events")       # the registration's own mail does not count here
    unknown = new_address("nobody")
    for target in (address, unknown):
        for _ in range(3):
            assert forgot(target).status_code == 303
        r = forgot(target)
        assert r.status_code == 429 and "Es wurden gerade mehrere Links angefordert" in r.text
    assert len(wait_mails(address, 3, subject="Neues Passwort festlegen")) == 3


def test_forgot_with_a_bad_address_is_a_field_error(browser):
    r = browser.submit("/password/forgot", {"email": "kein-at-zeichen"})
    assert r.status_code == 422 and "Bitte geben Sie eine gültige E-Mail-Adresse ein." in r.text
    assert browser.submit("/password/forgot", {"email": "a@b.de\r\nBcc: x@y.de"}).status_code == 400


def test_reset_mail_in_the_users_language(db):
    address = confirmed_user(db, "engl", lang="en", name="Emma English")
    b = Browser()
    b.get("/password/forgot?lang=de")            # the page language does not decide, the user's does
    forgot(address, b)
    mail = wait_mail(address, subject="Set a new password")
    assert "Hello Emma English," in text_of(mail) and 'lang="en"' in html_of(mail)


# ---- the confirmation mail again (R-ACC 4) ----

def unconfirmed_user():
    address = new_address("wait")
    register(Browser(), address, name="Wim Warten")
    wait_mail(address)
    b = Browser()
    b.login(address, GOOD_PASSWORD)
    return address, b


def test_resend_sends_a_new_link_and_returns(db):
    address, b = unconfirmed_user()
    home = b.get("/")
    r = b.post("/confirm/resend", {"csrf": csrf_of(home.text), "next": "/"})
    assert r.status_code == 303 and r.headers["Location"] == BASE + "/?notice=confirm_sent"
    assert "Wir haben Ihnen die Bestätigungs-E-Mail erneut geschickt." in b.get("/?notice=confirm_sent").text
    links = {link_in(m, "/confirm") for m in wait_mails(address, 2)}
    assert len(links) == 2
    newest, older = sorted(links, key=lambda l: q(db, "SELECT id FROM user_tokens WHERE token_hash = %s",
                                                       token_hash(l))[0][0], reverse=True)
    assert press_link_button(Browser(), newest).status_code == 303
    assert Browser().get(older).status_code == 410     # confirming spends every open link


def test_resend_is_throttled(db):
    address, b = unconfirmed_user()
    for _ in range(2):      # with the registration's mail: three
        assert b.post("/confirm/resend", {"csrf": b.csrf("/"), "next": "/"}).status_code == 303
    r = b.post("/confirm/resend", {"csrf": b.csrf("/"), "next": "/"})
    assert r.status_code == 429
    assert "Die Bestätigungs-E-Mail wurde gerade erst verschickt" in r.text and "resend-form" in r.text
    assert q(db, "SELECT COUNT(*) FROM outbox WHERE recipient = %s AND kind = 'confirm'", address)[0][0] == 3


def test_resend_keeps_the_page_and_refuses_foreign_targets():
    address, b = unconfirmed_user()
    r = b.post("/confirm/resend", {"csrf": b.csrf("/"), "next": "/hc?x=1"})
    assert r.headers["Location"] == BASE + "/hc?x=1&notice=confirm_sent"
    r = b.post("/confirm/resend", {"csrf": b.csrf("/"), "next": "//evil.example/"})
    assert r.headers["Location"] == BASE + "/?notice=confirm_sent"


def test_resend_needs_a_signed_in_unconfirmed_user(db):
    visitor = Browser()
    r = visitor.post("/confirm/resend", {"csrf": visitor.csrf("/login"), "next": "/"})
    assert r.status_code == 403
    r = visitor.get("/confirm/resend")
    assert r.status_code == 303 and r.headers["Location"].startswith(BASE + "/login?next=")
    address = confirmed_user(db, "done")
    b = Browser()
    b.login(address, GOOD_PASSWORD)
    before = q(db, "SELECT COUNT(*) FROM outbox WHERE recipient = %s", address)[0][0]
    r = b.post("/confirm/resend", {"csrf": b.csrf("/"), "next": "/"})
    assert r.headers["Location"] == BASE + "/?notice=already_confirmed"
    assert q(db, "SELECT COUNT(*) FROM outbox WHERE recipient = %s", address)[0][0] == before
    assert b.get("/confirm/resend").status_code == 303
    # without the CSRF token nothing is sent
    _, unconfirmed = unconfirmed_user()
    assert unconfirmed.post("/confirm/resend", {"next": "/"}).status_code == 403
