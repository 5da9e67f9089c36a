"""test_profile.py - the profile and account security (R-PROF): details, notifications, password, e-mail
change, two-factor sign-in, signed-in devices, picture, data export, anonymisation; CSRF, bad input, XSS."""
import base64
import hashlib
import hmac
import io
import json
import re
import struct
import time
import zipfile
import zlib

import pytest
from conftest import (BASE, GOOD_PASSWORD, Browser, agent_reply, csrf_of, link_in, login_as, make_ticket, new_address,
                      press_link_button, q, register, text_of, tool, wait_mail, world_readable_file)


def confirmed_user(prefix="prof", name="Paula Profil", domain="wohnbau.example"):
    """A registered, confirmed user of Wohnbau Nord GmbH (demo users keep their passwords), signed in."""
    address = new_address(prefix, domain)
    register(Browser(), address, name=name)
    assert press_link_button(Browser(), link_in(wait_mail(address), "/confirm")).status_code == 303
    b = Browser()
    b.login(address, GOOD_PASSWORD)
    return address, b


def user_row(db, address, cols):
    return q(db, f"SELECT {cols} FROM users WHERE email_norm = %s", address.lower())[0]


def post_form(b, path, data, form_path=None):
    return b.post(path, {"csrf": b.csrf(form_path or path), **data})


# ---- TOTP in the test, by RFC 6238 (HMAC-SHA1, 30 s, 6 digits) ----

def totp(secret_b32, t=None, step=30, digits=6):
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    counter = int((time.time() if t is None else t) // step)
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    off = mac[-1] & 0x0F
    code = (struct.unpack(">I", mac[off:off + 4])[0] & 0x7FFFFFFF) % (10 ** digits)
    return str(code).zfill(digits)


def test_totp_helper_matches_rfc6238_vector():
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert totp(secret, 59, digits=8) == "94287082"
    assert totp(secret, 1111111109, digits=8) == "07081804"


# ---- details, language, notifications ----

def test_profile_needs_sign_in():
    r = Browser().get("/profile")
    assert r.status_code == 303 and "/login?next=" in r.headers["Location"]
    for path in ("/profile/security", "/profile/picture", "/profile/export"):
        assert Browser().get(path).status_code == 303


def test_details_are_saved_and_shown(db):
    address, b = confirmed_user()
    r = post_form(b, "/profile", {"action": "details", "name": "Paula Neu", "phone": "+49 40 123456",
                                  "mobile": "0171 / 555 12 12", "position": "Leitung Technik", "lang": "de"})
    assert r.status_code == 303 and r.headers["Location"] == BASE + "/profile?notice=profile_saved"
    page = b.get("/profile?notice=profile_saved").text
    assert "Ihre Angaben sind gespeichert" in page
    for v in ("Paula Neu", "+49 40 123456", "0171 / 555 12 12", "Leitung Technik"):
        assert f'value="{v}"' in page
    assert user_row(db, address, "name, phone, mobile, position") == \
        ("Paula Neu", "+49 40 123456", "0171 / 555 12 12", "Leitung Technik")
    assert q(db, "SELECT kind FROM account_events e JOIN users u ON u.id = e.user_id WHERE u.email_norm = %s",
             address)[-1] == ("profile",)
    # the language is the mails' too, and the pages follow it at once
    post_form(b, "/profile", {"action": "details", "name": "Paula Neu", "lang": "en"})
    assert user_row(db, address, "lang, phone") == ("en", None)
    assert "My profile" in b.get("/profile").text


def test_notifications_are_saved(db):
    address, b = confirmed_user()
    assert user_row(db, address, "notify_updates, notify_follows") == (1, 1)
    r = post_form(b, "/profile", {"action": "notifications"})
    assert r.status_code == 303
    assert user_row(db, address, "notify_updates, notify_follows, notify_product") == (0, 0, 0)
    post_form(b, "/profile", {"action": "notifications", "notify_updates": "1"})
    assert user_row(db, address, "notify_updates, notify_follows") == (1, 0)
    page = b.get("/profile").text
    assert re.search(r'name="notify_updates" value="1" checked', page)
    assert not re.search(r'name="notify_follows" value="1" checked', page)


def test_ticket_mails_follow_the_notification_setting(db):
    address, b = confirmed_user()
    tid = make_ticket(address, "Benachrichtigung testen")

    def reply(text):
        tool("ticket", "reply", tid, "agent@tresen.example", text, "--notify")
    reply("Erste Antwort")
    wait_mail(address, subject=f"#{tid}")
    post_form(b, "/profile", {"action": "notifications"})
    reply("Zweite Antwort")
    assert not q(db, "SELECT 1 FROM outbox WHERE recipient = %s AND body_text LIKE '%%Zweite Antwort%%'", address)
    post_form(b, "/profile", {"action": "notifications", "notify_updates": "1"})
    reply("Dritte Antwort")
    assert q(db, "SELECT 1 FROM outbox WHERE recipient = %s AND body_text LIKE '%%Dritte Antwort%%'", address)


def test_bad_input_is_refused_and_changes_nothing(db):
    address, b = confirmed_user(name="Bert Bleibt")
    before = user_row(db, address, "name, phone, lang")
    r = post_form(b, "/profile", {"action": "details", "name": "Bert", "phone": "call me maybe", "lang": "de"})
    assert r.status_code == 422 and "Bitte nur Ziffern" in r.text
    r = post_form(b, "/profile", {"action": "details", "name": "", "lang": "de"})
    assert r.status_code == 422
    r = post_form(b, "/profile", {"action": "details", "name": "Visit www.spam.example", "lang": "de"})
    assert r.status_code == 422
    assert post_form(b, "/profile", {"action": "details", "name": "Bert", "lang": "fr"}).status_code == 400
    assert post_form(b, "/profile", {"action": "delete_everything"}).status_code == 400
    assert post_form(b, "/profile", {"name": "Bert"}).status_code == 400
    assert post_form(b, "/profile", {"action": "details", "name": "B" * 201, "lang": "de"}).status_code in (400, 422)
    assert post_form(b, "/profile", {"action": "details", "name": "Bert\u202eevil", "lang": "de"}).status_code in (400, 422)
    assert user_row(db, address, "name, phone, lang") == before


def test_posting_roles_and_organization_changes_nothing(db):
    """No mass assignment: only the declared fields reach the database."""
    address, b = confirmed_user()
    cols = "access_level, org_id, is_agent, is_admin, is_customer_admin, is_main_contact, is_info_recipient, confirmed_at"
    before = user_row(db, address, cols)
    other_org = q(db, "SELECT id FROM organizations WHERE name LIKE 'Stadtwerke%%'")[0][0]
    r = post_form(b, "/profile", {"action": "details", "name": "Paula Profil", "lang": "de", "access_level": "2",
                                  "org_id": str(other_org), "is_agent": "1", "is_admin": "1", "is_customer_admin": "1",
                                  "is_main_contact": "1", "is_info_recipient": "1", "role": "admin",
                                  "confirmed_at": "2000-01-01"})
    assert r.status_code in (303, 400)
    assert user_row(db, address, cols) == before
    r = post_form(b, "/profile", {"action": "notifications", "notify_updates": "1", "is_agent": "1", "org_id": "1"})
    assert user_row(db, address, cols) == before
    assert b.get("/agent").status_code == 403


def test_csrf_is_checked_on_every_profile_form(db):
    address, b = confirmed_user(name="Carl Csrf")
    b.get("/profile")
    for path, data in (("/profile", {"action": "details", "name": "Hacked", "lang": "de"}),
                       ("/profile", {"action": "notifications"}),
                       ("/profile/security", {"action": "sessions_end"}),
                       ("/profile/security", {"action": "totp_start"}),
                       ("/profile/security", {"action": "password", "current": GOOD_PASSWORD, "password": "Hacked-Pass-2026"}),
                       ("/profile/picture", {"action": "delete"}),
                       ("/profile/export", {})):
        assert b.post(path, data).status_code == 403, path
        assert b.post(path, {**data, "csrf": "x" * 43}).status_code == 403, path
    assert user_row(db, address, "name, totp_pending, notify_updates") == ("Carl Csrf", None, 1)
    # a token of another session does not fit this one
    other = login_as("ben@wohnbau.example")
    token = other.csrf("/profile")
    assert b.post("/profile", {"csrf": token, "action": "details", "name": "Hacked", "lang": "de"}).status_code == 403
    assert user_row(db, address, "name")[0] == "Carl Csrf"


XSS_NAME = '<script>alert("n")</script>'
XSS_POS = '"><img src=x onerror=alert(1)>'


def test_profile_fields_with_markup_are_shown_escaped(db):
    address, b = confirmed_user()
    r = post_form(b, "/profile", {"action": "details", "name": XSS_NAME, "position": XSS_POS, "phone": "", "lang": "de"})
    assert r.status_code == 303
    tid = make_ticket(address, "Escaping im Profil")
    pages = [b.get("/profile").text, b.get("/").text, b.get("/profile/security").text, b.get(f"/requests/{tid}").text,
             login_as("agent@tresen.example").get(f"/agent/tickets/{tid}").text]
    for page in pages:
        assert XSS_NAME not in page and XSS_POS not in page
        assert "&lt;script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in pages[0]


# ---- password ----

def test_password_change_needs_the_current_password_and_ends_other_sessions(db):
    address, b = confirmed_user()
    other = Browser()
    other.login(address, GOOD_PASSWORD)
    hash_before = user_row(db, address, "password_hash")[0]
    r = post_form(b, "/profile/security", {"action": "password", "current": "Falsch-Falsch-1", "password": "Neues-Passwort-2026"})
    assert r.status_code == 422 and "Das Passwort stimmt nicht" in r.text
    assert "Neues-Passwort-2026" not in r.text and "Falsch-Falsch-1" not in r.text
    r = post_form(b, "/profile/security", {"action": "password", "current": GOOD_PASSWORD, "password": "1234567890"})
    assert r.status_code == 422
    r = post_form(b, "/profile/security", {"action": "password", "password": "Neues-Passwort-2026"})
    assert r.status_code == 422
    assert user_row(db, address, "password_hash")[0] == hash_before
    assert other.get("/profile").status_code == 200

    r = post_form(b, "/profile/security", {"action": "password", "current": GOOD_PASSWORD, "password": "Neues-Passwort-2026"})
    assert r.status_code == 303 and r.headers["Location"] == BASE + "/profile/security?notice=password_changed"
    assert user_row(db, address, "password_hash")[0] != hash_before
    assert b.get("/profile").status_code == 200                  # this session stays
    assert other.get("/profile").status_code == 303              # the other is gone
    assert Browser().submit("/login", {"email": address, "password": GOOD_PASSWORD}).status_code == 422
    Browser().login(address, "Neues-Passwort-2026")
    wait_mail(address, subject="Ihr Passwort wurde geändert")


def test_wrong_current_passwords_are_throttled(db):
    address, b = confirmed_user()
    codes = [post_form(b, "/profile/security", {"action": "password", "current": f"Falsch-{i}-xxxx",
                                                "password": "Neues-Passwort-2026"}).status_code for i in range(7)]
    assert codes[:5] == [422] * 5 and 429 in codes[5:]
    r = post_form(b, "/profile/security", {"action": "password", "current": GOOD_PASSWORD, "password": "Neues-Passwort-2026"})
    assert r.status_code == 429     # even the right one waits


# ---- e-mail change ----

def test_email_change_takes_effect_only_after_the_new_address_confirms(db):
    address, b = confirmed_user(name="Erika Mail")
    uid = user_id(db, address)
    new = new_address("neu")
    r = post_form(b, "/profile", {"action": "email", "email": new, "email_password": "Falsch-Falsch-1"})
    assert r.status_code == 422
    r = post_form(b, "/profile", {"action": "email", "email": new, "email_password": GOOD_PASSWORD})
    assert r.status_code == 303 and "notice=email_link_sent" in r.headers["Location"]
    assert user_row(db, address, "email")[0] == address           # nothing changed yet
    assert new in b.get("/profile").text                          # shown as pending
    mail = wait_mail(new, subject="Bitte bestätigen Sie Ihre neue E-Mail-Adresse")
    link = link_in(mail, "/profile/email")

    # a foreign session (another person) gets nothing from the link
    foreign = login_as("ben@wohnbau.example")
    assert foreign.get(link).status_code == 404
    token = link.split("token=")[1]
    assert foreign.post("/profile/email", {"csrf": foreign.csrf("/profile"), "token": token}).status_code == 404
    assert user_row(db, address, "email")[0] == address
    # a visitor is sent to sign in first
    assert Browser().get(link).status_code == 303

    r = press_link_button(b, link)
    assert r.status_code == 303 and r.headers["Location"] == BASE + "/profile?notice=email_changed"
    assert q(db, "SELECT email, email_norm FROM users WHERE id = %s", uid)[0] == (new, new.lower())
    assert press_link_button(b, link).status_code == 410          # spent
    # the old address is told, with a link that takes it back
    told = wait_mail(address, subject="Die E-Mail-Adresse Ihres Kontos wurde geändert")
    assert new in text_of(told)
    undo = link_in(told, "/profile/email")
    # the new address signs in, the old no longer
    Browser().login(new, GOOD_PASSWORD)
    assert Browser().submit("/login", {"email": address, "password": GOOD_PASSWORD}).status_code == 422

    r = press_link_button(b, undo)
    assert r.status_code == 303 and "/login" in r.headers["Location"]
    assert user_row(db, address, "email")[0] == address
    assert q(db, "SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email_norm = %s",
             address)[0][0] == 0
    kinds = [k for (k,) in q(db, "SELECT e.kind FROM account_events e JOIN users u ON u.id = e.user_id "
                                 "WHERE u.email_norm = %s ORDER BY e.id", address)]
    assert kinds[-3:] == ["email_requested", "email_changed", "email_undone"]


def test_an_unconfirmed_account_moving_to_a_new_address_is_confirmed_by_its_link(db):
    address = new_address("offen")
    register(Browser(), address, name="Otto Offen")
    old_confirm = link_in(wait_mail(address), "/confirm")
    b = Browser()
    b.login(address, GOOD_PASSWORD)
    new = new_address("offen-neu")
    assert post_form(b, "/profile", {"action": "email", "email": new, "email_password": GOOD_PASSWORD}).status_code == 303
    assert press_link_button(b, link_in(wait_mail(new, subject="Bitte bestätigen"), "/profile/email")).status_code == 303
    assert q(db, "SELECT confirmed_at IS NOT NULL FROM users WHERE email_norm = %s", new)[0][0] == 1
    # the confirmation sent to the old address no longer speaks for the account
    assert press_link_button(Browser(), old_confirm).status_code == 410


def test_an_expired_email_link_does_nothing(db):
    address, b = confirmed_user()
    new = new_address("spaet")
    assert post_form(b, "/profile", {"action": "email", "email": new, "email_password": GOOD_PASSWORD}).status_code == 303
    link = link_in(wait_mail(new, subject="Bitte bestätigen"), "/profile/email")
    q(db, "UPDATE user_tokens t JOIN users u ON u.id = t.user_id SET t.expires_at = NOW() - INTERVAL 1 MINUTE "
          "WHERE u.email_norm = %s AND t.purpose = 'email'", address)
    r = b.get(link)
    assert r.status_code == 410 and "gilt nicht mehr" in r.text
    token = link.split("token=")[1]
    assert b.post("/profile/email", {"csrf": b.csrf("/profile"), "token": token}).status_code == 410
    assert user_row(db, address, "email")[0] == address


def test_email_change_refuses_other_organizations_taken_and_role_addresses(db):
    address, b = confirmed_user()
    for bad in (new_address("x", "stadtwerke.example"), "info@wohnbau.example", "kein-at-zeichen", address.upper()):
        r = post_form(b, "/profile", {"action": "email", "email": bad, "email_password": GOOD_PASSWORD})
        assert r.status_code in (400, 422), bad
    # an address in use answers like a free one, but no link goes out
    r = post_form(b, "/profile", {"action": "email", "email": "ben@wohnbau.example", "email_password": GOOD_PASSWORD})
    assert r.status_code == 303
    assert not q(db, "SELECT 1 FROM outbox WHERE recipient = 'ben@wohnbau.example' AND kind = 'email_change'")
    assert user_row(db, address, "email")[0] == address


# ---- two-factor sign-in ----

def enrol(b):
    r = post_form(b, "/profile/security", {"action": "totp_start"})
    assert r.status_code == 303
    page = b.get("/profile/security").text
    assert 'src="data:image/png;base64,' in page
    secret = re.search(r'class="totp-secret">([A-Z2-7]+)<', page).group(1)
    png = base64.b64decode(re.search(r'src="data:image/png;base64,([^"]+)"', page).group(1))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return secret


def enable(b, secret):
    r = post_form(b, "/profile/security", {"action": "totp_enable", "code": totp(secret)})
    assert r.status_code == 200, r.text[:300]
    codes = re.findall(r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>", r.text)
    assert len(codes) == 10
    return codes


def password_step(address, password=GOOD_PASSWORD):
    b = Browser()
    r = b.submit("/login", {"email": address, "password": password})
    assert r.status_code == 200, r.status_code
    challenge = re.search(r'name="challenge" value="([^"]+)"', r.text).group(1)
    return b, r, challenge


def code_step(b, r, challenge, code):
    return b.post("/login", {"csrf": csrf_of(r.text), "challenge": challenge, "code": code})


def test_two_factor_enrolment_and_sign_in(db):
    address, b = confirmed_user()
    secret = enrol(b)
    assert user_row(db, address, "totp_enabled_at")[0] is None
    r = post_form(b, "/profile/security", {"action": "totp_enable", "code": "000000" if totp(secret) != "000000" else "111111"})
    assert r.status_code == 422 and "Dieser Code stimmt nicht" in r.text
    codes = enable(b, secret)
    assert user_row(db, address, "totp_enabled_at")[0] is not None
    stored = [h for (h,) in q(db, "SELECT r.code_hash FROM recovery_codes r JOIN users u ON u.id = r.user_id "
                                  "WHERE u.email_norm = %s", address)]
    assert len(stored) == 10 and codes[0].replace("-", "") not in stored
    assert hashlib.sha256(codes[0].replace("-", "").encode()).hexdigest() in stored
    assert secret not in user_row(db, address, "totp_secret")[0]       # sealed, never plain
    assert "<code>" not in b.get("/profile/security").text              # shown once
    # while it is on, a session alone cannot swap the secret
    sealed = user_row(db, address, "totp_secret")[0]
    assert post_form(b, "/profile/security", {"action": "totp_start"}).status_code == 303
    assert user_row(db, address, "totp_secret, totp_pending") == (sealed, None)

    # the password alone signs nobody in
    nb, r, challenge = password_step(address)
    assert "Anmeldung bestätigen" in r.text and GOOD_PASSWORD not in r.text
    assert nb.get("/profile").status_code == 303
    assert code_step(nb, r, challenge, "12345").status_code == 422
    # the enrolment spent this step's code: the next step's (clocks drift one step either way)
    code = totp(secret, time.time() + 30)
    ok = code_step(nb, r, challenge, code)
    assert ok.status_code == 303
    assert nb.get("/profile").status_code == 200
    # the same code does not work twice
    nb2, r2, ch2 = password_step(address)
    assert code_step(nb2, r2, ch2, code).status_code == 422
    # a spent challenge is no way in either
    assert code_step(nb, r, challenge, totp(secret)).status_code in (403, 422)


def test_recovery_code_works_once(db):
    address, b = confirmed_user()
    codes = enable(b, enrol(b))
    nb, r, ch = password_step(address)
    assert code_step(nb, r, ch, codes[3].upper()).status_code == 303
    assert nb.get("/profile").status_code == 200
    nb, r, ch = password_step(address)
    assert code_step(nb, r, ch, codes[3]).status_code == 422
    assert "9 unbenutzte" in b.get("/profile/security").text


def test_wrong_codes_are_throttled(db):
    address, b = confirmed_user()
    secret = enable_secret = enrol(b)
    enable(b, enable_secret)
    nb, r, ch = password_step(address)
    statuses = []
    for i in range(7):
        resp = code_step(nb, r, ch, f"{(int(totp(secret)) + 1 + i) % 1000000:06d}")
        statuses.append(resp.status_code)
        r = resp
    assert statuses[:5] == [422] * 5 and statuses[-1] == 429
    assert code_step(nb, r, ch, totp(secret)).status_code == 429


def test_turning_two_factor_off_needs_the_password(db):
    address, b = confirmed_user()
    enable(b, enrol(b))
    r = post_form(b, "/profile/security", {"action": "totp_disable", "confirm_password": "Falsch-Falsch-1"})
    assert r.status_code == 422
    assert user_row(db, address, "totp_enabled_at")[0] is not None
    r = post_form(b, "/profile/security", {"action": "totp_disable", "confirm_password": GOOD_PASSWORD})
    assert r.status_code == 303
    assert user_row(db, address, "totp_enabled_at, totp_secret") == (None, None)
    Browser().login(address, GOOD_PASSWORD)


# ---- signed-in devices ----

def test_sessions_list_and_sign_out_another_device(db):
    address, b = confirmed_user()
    phone = Browser()
    phone.headers["User-Agent"] = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"
    phone.login(address, GOOD_PASSWORD)
    page = b.get("/profile/security").text
    assert "Chrome · Android" in page and "Dieses Gerät" in page
    ids = {int(i) for i in re.findall(r'name="session" value="(\d+)"', page)}
    assert ids == {i for (i,) in q(db, "SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id "
                                       "WHERE u.email_norm = %s", address)}
    theirs = q(db, "SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email_norm = %s "
                   "AND s.user_agent LIKE '%%Android%%'", address)[0][0]
    # another person's session is not one of mine
    ben = login_as("ben@wohnbau.example")
    ben_sid = q(db, "SELECT MAX(s.id) FROM sessions s JOIN users u ON u.id = s.user_id "
                    "WHERE u.email_norm = 'ben@wohnbau.example'")[0][0]
    assert post_form(b, "/profile/security", {"action": "session_end", "session": str(ben_sid)}).status_code == 404
    assert ben.get("/profile").status_code == 200
    assert post_form(b, "/profile/security", {"action": "session_end", "session": "abc"}).status_code in (400, 422)

    r = post_form(b, "/profile/security", {"action": "session_end", "session": str(theirs)})
    assert r.status_code == 303
    assert phone.get("/profile").status_code == 303                 # really signed out
    assert not q(db, "SELECT 1 FROM sessions WHERE id = %s", theirs)
    assert b.get("/profile").status_code == 200


def test_a_hostile_user_agent_is_shown_escaped(db):
    address, b = confirmed_user()
    evil = Browser()
    evil.headers["User-Agent"] = '<script>alert("ua")</script> "><img src=x onerror=alert(2)>'
    evil.login(address, GOOD_PASSWORD)
    page = b.get("/profile/security").text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page


def test_sign_out_all_other_devices(db):
    address, b = confirmed_user()
    others = [Browser() for _ in range(2)]
    for o in others:
        o.login(address, GOOD_PASSWORD)
    assert post_form(b, "/profile/security", {"action": "sessions_end"}).status_code == 303
    assert all(o.get("/profile").status_code == 303 for o in others)
    assert b.get("/profile").status_code == 200


# ---- picture ----

def png_bytes(w, h, extra_chunks=(), rgb=(200, 30, 30)):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes(rgb) * w for _ in range(h))
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
    for kind, data in extra_chunks:
        out += chunk(kind, data)
    return out + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def upload(b, data, name="bild.png", ctype="image/png"):
    token = b.csrf("/profile/picture")
    # the CSRF token first: the pipeline writes no file before it matched
    return b.post("/profile/picture", files=[("csrf", (None, token)), ("action", (None, "upload")),
                                             ("picture", (name, data, ctype))])


def user_id(db, address):
    return user_row(db, address, "id")[0]


def test_picture_is_reencoded_without_its_payload(db):
    address, b = confirmed_user()
    payload = b"<script>alert(document.cookie)</script>"
    r = upload(b, png_bytes(300, 200, [(b"tEXt", b"Comment\x00" + payload)]), name="x.html", ctype="text/html")
    assert r.status_code == 303, r.text[:500]
    uid = user_id(db, address)
    big = b.get(f"/profile/picture/{uid}?size=large")
    assert big.status_code == 200 and big.headers["Content-Type"] == "image/jpeg"
    assert big.content[:2] == b"\xff\xd8" and payload not in big.content and b"Comment" not in big.content
    assert big.headers.get("X-Content-Type-Options") == "nosniff"
    small = b.get(f"/profile/picture/{uid}")
    assert small.status_code == 200 and len(small.content) < len(big.content)
    assert q(db, "SELECT kind FROM account_events WHERE user_id = %s ORDER BY id DESC LIMIT 1", uid) == (("picture",),)
    # a JPEG polyglot: markup in a comment segment of a real JPEG comes back as a clean image
    poly = big.content[:2] + b"\xff\xfe" + struct.pack(">H", len(payload) + 2) + payload + big.content[2:]
    r = upload(b, poly, name="poly.jpg", ctype="image/jpeg")
    assert r.status_code == 303
    again = b.get(f"/profile/picture/{uid}?size=large&v=2")
    assert again.content[:2] == b"\xff\xd8" and payload not in again.content
    # visitors see no pictures
    assert Browser().get(f"/profile/picture/{uid}").status_code in (303, 403)
    assert f"/profile/picture/{uid}?size=large" in b.get("/profile/picture").text
    # shown next to the user's comments, on the customer's and the agent's page
    tid = make_ticket(address, "Anfrage mit Bild")
    version = user_row(db, address, "picture_version")[0]
    assert f'src="/profile/picture/{uid}?v={version}"' in b.get(f"/requests/{tid}").text
    agent_page = login_as("agent@tresen.example").get(f"/agent/tickets/{tid}").text
    assert f'src="/profile/picture/{uid}?v={version}"' in agent_page
    assert login_as("agent@tresen.example").get(f"/profile/picture/{uid}").status_code == 200


def test_picture_bomb_and_non_images_are_refused(db):
    address, b = confirmed_user()
    uid = user_id(db, address)
    # 20,000 x 20,000 declared: refused from the header, before any pixel is decoded
    bomb = png_bytes(1, 1)
    bomb = bomb[:16] + struct.pack(">II", 20000, 20000) + bomb[24:29] + \
        struct.pack(">I", zlib.crc32(b"IHDR" + struct.pack(">II", 20000, 20000) + bomb[24:29]) & 0xFFFFFFFF) + bomb[33:]
    t0 = time.time()
    r = upload(b, bomb)
    assert r.status_code == 422 and "zu groß" in r.text
    assert time.time() - t0 < 5
    for data, name, ctype in ((b"<html><script>alert(1)</script></html>", "bild.png", "image/png"),
                              (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "a.gif", "image/gif"),
                              (png_bytes(10, 10)[:60], "kaputt.png", "image/png"),
                              (b"\xff\xd8\xff\xe0" + b"\x00" * 40, "kaputt.jpg", "image/jpeg")):
        r = upload(b, data, name, ctype)
        assert r.status_code == 422, name
    assert not q(db, "SELECT 1 FROM user_pictures WHERE user_id = %s", uid)
    r = b.post("/profile/picture", files=[("csrf", (None, b.csrf("/profile/picture"))), ("action", (None, "upload"))])
    assert r.status_code == 422


def test_picture_can_be_removed(db):
    address, b = confirmed_user()
    uid = user_id(db, address)
    assert upload(b, png_bytes(64, 64)).status_code == 303
    assert post_form(b, "/profile/picture", {"action": "delete"}).status_code == 303
    assert b.get(f"/profile/picture/{uid}").status_code == 404
    assert user_row(db, address, "picture_version")[0] == 0


# ---- data export ----

def test_export_contains_own_tickets_and_nothing_of_colleagues(db):
    address, b = confirmed_user(name="Export Erna")
    mine = make_ticket(address, "Meine Exportanfrage", "Mein Text",
                       attach=world_readable_file("export-notiz.txt", b"Notiz fuer den Export"))
    agent_reply(mine, "Antwort an Erna")
    agent_reply(mine, "Interne Notiz über Erna", internal=True)
    colleague = make_ticket("ben@wohnbau.example", "Bens private Anfrage", "Geheim")
    r = b.post("/profile/export", {"csrf": b.csrf("/profile/export")})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("application/zip")
    assert "attachment" in r.headers["Content-Disposition"]
    z = zipfile.ZipFile(io.BytesIO(r.content))
    assert z.testzip() is None
    profile = json.loads(z.read("profile.json"))
    assert profile["name"] == "Export Erna" and profile["email"] == address
    tickets = json.loads(z.read("tickets.json"))
    assert [t["id"] for t in tickets] == [mine]
    bodies = [c["body"] for c in tickets[0]["comments"]]
    assert "Antwort an Erna" in bodies and not any("Interne Notiz" in x for x in bodies)
    assert tickets[0]["attachments"][0]["name"] == "export-notiz.txt"
    files = [n for n in z.namelist() if n.startswith("files/")]
    assert len(files) == 1 and z.read(files[0]) == b"Notiz fuer den Export"
    everything = b"".join(z.read(n) for n in z.namelist())
    assert b"Bens private Anfrage" not in everything and str(colleague).encode() not in everything.split(b'"id":')[0]
    assert q(db, "SELECT kind FROM account_events WHERE user_id = %s ORDER BY id DESC LIMIT 1",
             user_id(db, address)) == (("export",),)
    # a GET explains and sends nothing
    page = b.get("/profile/export")
    assert page.status_code == 200 and "text/html" in page.headers["Content-Type"]


# ---- anonymisation ----

def test_staff_anonymise_a_user_who_then_cannot_sign_in(db):
    address, b = confirmed_user(name="Zora Zuvor")
    post_form(b, "/profile", {"action": "details", "name": "Zora Zuvor", "phone": "040 998877", "lang": "de"})
    tid = make_ticket(address, "Anfrage vor der Anonymisierung")
    uid = user_id(db, address)
    admin = login_as("admin@tresen.example")
    assert "Zora Zuvor" in admin.get(f"/agent/tickets/{tid}").text
    # customers and agents may not
    assert b.post(f"/admin/users/{uid}/anonymise", {"csrf": b.csrf("/profile")}).status_code == 403
    assert login_as("agent@tresen.example").get(f"/admin/users/{uid}/anonymise").status_code == 403
    assert admin.post(f"/admin/users/{uid}/anonymise", {}).status_code == 403      # CSRF
    # the user's admin page leads there; an agent's does not offer it
    assert f'/admin/users/{uid}/anonymise"' in admin.get(f"/admin/users?id={uid}").text
    agent = user_id(db, "agent@tresen.example")
    assert f"/admin/users/{agent}/anonymise" not in admin.get(f"/admin/users?id={agent}").text
    page = admin.get(f"/admin/users/{uid}/anonymise")
    assert page.status_code == 200 and "Zora Zuvor" in page.text
    r = admin.post(f"/admin/users/{uid}/anonymise", {"csrf": csrf_of(page.text)})
    assert r.status_code == 303
    row = q(db, "SELECT name, email, phone, password_hash, disabled_at IS NOT NULL, anonymised_at IS NOT NULL "
                "FROM users WHERE id = %s", uid)[0]
    assert row == (f"Anonymisiert {uid}", f"anonymous-{uid}@invalid", None, None, 1, 1)
    assert "Zora Zuvor" not in admin.get(f"/agent/tickets/{tid}").text
    assert q(db, "SELECT COUNT(*) FROM tickets WHERE id = %s", tid)[0][0] == 1       # kept for the organization
    assert b.get("/profile").status_code == 303                                     # session gone
    assert Browser().submit("/login", {"email": address, "password": GOOD_PASSWORD}).status_code == 422
    assert q(db, "SELECT actor_id FROM account_events WHERE user_id = %s AND kind = 'anonymised'", uid) == \
        ((user_id(db, "admin@tresen.example"),),)
    # staff are not anonymised here, nor anybody twice
    assert admin.post(f"/admin/users/{uid}/anonymise", {"csrf": csrf_of(page.text)}).status_code == 409
    assert admin.get("/admin/users/999999999/anonymise").status_code == 404
