"""test_register.py - self-registration, confirmation and the unconfirmed state (R-ACC 1-4, 6)."""
import base64
import hashlib
import os
import re
import secrets

from conftest import (BASE, GOOD_PASSWORD, STACK, Browser, csrf_of, link_in, login_as, mails_to, press_link_button,
                      new_address, q, register, run_cgi, text_of, wait_mail, wait_mails)


def errors_of(r):
    return re.findall(r'class="field-error" id="err-([a-z]+)">([^<]*)<', r.text)


def sent_page(r):
    """The answer every accepted registration gets, without what differs per request."""
    return r.status_code, r.headers.get("Location"), "tresen_sid=" in r.headers.get("Set-Cookie", "")


def user_row(db, address):
    rows = q(db, "SELECT u.id, o.name, u.confirmed_at, u.self_registered, u.password_hash, u.lang, u.name "
                 "FROM users u LEFT JOIN organizations o ON o.id = u.org_id WHERE u.email_norm = %s",
             address.lower())
    return rows[0] if rows else None


def test_register_page_has_the_form(browser):
    r = browser.get("/register")
    assert r.status_code == 200
    assert "<h1>Registrieren</h1>" in r.text
    for name in ("name", "email", "password", "csrf"):
        assert f'name="{name}"' in r.text
    assert 'autocomplete="new-password"' in r.text
    # the honeypot is in the form but hidden from people and the tab order
    assert re.search(r'<div class="hp-field" aria-hidden="true">.*?name="website"[^>]*tabindex="-1"', r.text, re.S)
    assert 'href="/login"' in r.text


def test_login_page_links_to_registration_and_reset(browser):
    r = browser.get("/login")
    assert 'href="/register"' in r.text and 'href="/password/forgot"' in r.text
    assert browser.get("/password/forgot").status_code == 200


def test_registration_lands_in_the_organization_and_confirms_once(browser, db):
    address = new_address("rita")
    r = register(browser, address, name="Rita Neu")
    assert r.status_code == 303 and r.headers["Location"] == BASE + "/register?sent=1"
    assert "tresen_sid=" not in r.headers.get("Set-Cookie", "")   # not signed in by registering
    page = browser.get("/register?sent=1")
    assert "Bitte prüfen Sie Ihr Postfach" in page.text and "48 Stunden" in page.text

    uid, org, confirmed_at, self_registered, pw_hash, lang, name = user_row(db, address)
    assert org == "Wohnbau Nord GmbH"
    assert confirmed_at is None and self_registered == 1 and lang == "de" and name == "Rita Neu"
    assert pw_hash.startswith("$argon2id$") and GOOD_PASSWORD not in pw_hash

    mail = wait_mail(address)
    assert mail["Subject"] == "Bitte bestätigen Sie Ihre E-Mail-Adresse"
    assert "Wohnbau Nord GmbH" in text_of(mail)
    link = link_in(mail, "/confirm")
    token = link.split("token=")[1]
    # only the token's hash is stored
    digest = hashlib.sha256(base64.urlsafe_b64decode(token + "=")).hexdigest()
    stored = q(db, "SELECT token_hash, TIMESTAMPDIFF(HOUR, created_at, expires_at) FROM user_tokens "
                   "WHERE user_id = %s AND purpose = 'confirm'", uid)
    assert stored == ((digest, 48),)
    assert not q(db, "SELECT 1 FROM user_tokens WHERE token_hash = %s", token)

    # before confirming: signed in, the notice and the resend button, no completed registration
    b = Browser()
    b.login(address.upper(), GOOD_PASSWORD)
    home = b.get("/")
    assert "Ihre Registrierung ist noch nicht abgeschlossen" in home.text
    assert re.search(r'<form class="resend-form" method="post" action="/confirm/resend">', home.text)
    guard = b.get("/confirm/resend")
    assert guard.status_code == 200 and "Registrierung noch nicht abgeschlossen" in guard.text
    assert address in guard.text

    # opening the link (a mail scanner does it first) spends nothing: it shows a button (R-MAIL 4)
    scanner = Browser().get(link)
    assert scanner.status_code == 200 and "E-Mail-Adresse bestätigen" in scanner.text
    assert "tresen_sid=" not in scanner.headers.get("Set-Cookie", "").replace("tresen_sid=;", "")
    assert user_row(db, address)[2] is None
    assert q(db, "SELECT used_at FROM user_tokens WHERE user_id = %s AND purpose = 'confirm'", uid)[0][0] is None
    # the button completes the registration and signs in (a browser without a session)
    visitor = Browser()
    r = press_link_button(visitor, link)
    assert r.status_code == 303 and r.headers["Location"] == BASE + "/?notice=confirmed"
    home = visitor.get("/?notice=confirmed")
    assert "Ihre E-Mail-Adresse ist bestätigt" in home.text and "Rita Neu" in home.text
    assert "noch nicht abgeschlossen" not in home.text and "resend-form" not in home.text
    assert user_row(db, address)[2] is not None
    # confirming ended the other sessions, including the one signed in before
    assert "Rita Neu" not in b.get("/").text

    # the link works once
    again = Browser().get(link)
    assert again.status_code == 410
    assert "Bereits bestätigt" in again.text
    assert "tresen_sid=" not in again.headers.get("Set-Cookie", "").replace("tresen_sid=;", "")


def test_forged_malformed_missing_and_expired_links_get_4xx(browser, db):
    r = browser.get("/confirm?token=" + "A" * 43)
    assert r.status_code == 404 and "Link ungültig" in r.text
    r = browser.get("/confirm?token=" + base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("="))
    assert r.status_code == 404
    assert browser.get("/confirm?token=abc%3Cscript%3E").status_code == 400
    assert browser.get("/confirm?token=" + "A" * 200).status_code == 400
    r = browser.get("/confirm")
    assert r.status_code == 400 and "Link unvollständig" in r.text

    address = new_address("late")
    register(browser, address)
    link = link_in(wait_mail(address), "/confirm")
    q(db, "UPDATE user_tokens t JOIN users u ON u.id = t.user_id SET t.expires_at = NOW() - INTERVAL 1 MINUTE "
          "WHERE u.email_norm = %s", address)
    r = Browser().get(link)
    assert r.status_code == 410 and "Link abgelaufen" in r.text
    assert user_row(db, address)[2] is None
    assert "tresen_sid=" not in r.headers.get("Set-Cookie", "").replace("tresen_sid=;", "")


def test_known_address_in_another_letter_case_gets_the_same_answer(db):
    before = q(db, "SELECT COUNT(*) FROM users")[0][0]
    known = register(Browser(), "Anna@WOHNBAU.example", name="Mallory Stranger", password="Mallory-was-here-1")
    fresh = register(Browser(), new_address("fresh"))
    assert sent_page(known) == sent_page(fresh)
    assert q(db, "SELECT COUNT(*) FROM users")[0][0] == before + 1
    anna = q(db, "SELECT name, password_hash FROM users WHERE email_norm = 'anna@wohnbau.example'")[0]
    assert anna[0] == "Anna Schmidt"
    assert Browser().login("anna@wohnbau.example")       # password unchanged
    # the owner hears of it; the stranger's name and password are not in the mail
    mail = wait_mail("anna@wohnbau.example", subject="Registrierungsversuch")
    body = text_of(mail)
    assert "anna@wohnbau.example" in body and BASE + "/password/forgot" in body
    assert "Mallory" not in body and "Mallory-was-here-1" not in body
    assert not q(db, "SELECT 1 FROM user_tokens t JOIN users u ON u.id = t.user_id "
                     "WHERE u.email_norm = 'anna@wohnbau.example' AND t.purpose = 'confirm'")


def test_registering_a_pending_address_again_takes_effect_only_through_its_link(db):
    address = new_address("twice")
    register(Browser(), address, name="First Try", password="First-password-11")
    first = link_in(wait_mail(address), "/confirm")
    register(Browser(), address.upper(), name="Second Try", password="Second-password-22")
    mails = wait_mails(address, 2)
    second = [link_in(m, "/confirm") for m in mails if link_in(m, "/confirm") != first][0]
    assert q(db, "SELECT COUNT(*) FROM users WHERE email_norm = %s", address)[0][0] == 1
    # nothing changed yet: a stranger cannot take over a pending registration
    assert user_row(db, address)[6] == "First Try"
    assert Browser().submit("/login", {"email": address, "password": "Second-password-22"}).status_code == 422
    Browser().login(address, "First-password-11")
    # the owner follows the second link: its name and password apply, the first link is spent
    b = Browser()
    assert press_link_button(b, second).status_code == 303
    assert user_row(db, address)[6] == "Second Try"
    Browser().login(address, "Second-password-22")
    assert Browser().submit("/login", {"email": address, "password": "First-password-11"}).status_code == 422
    assert Browser().get(first).status_code == 410


def test_role_addresses_are_refused_with_values_kept(browser, db):
    for address in ("info@wohnbau.example", "Support@wohnbau.example", "no-reply@wohnbau.example",
                    "kontakt+web@wohnbau.example"):
        r = register(browser, address, name="Zentrale Wohnbau")
        assert r.status_code == 422
        assert errors_of(r) == [("email", "Bitte verwenden Sie Ihre persönliche Adresse. Sammeladressen wie "
                                          "info@ oder support@ sind nicht möglich.")]
        assert f'value="{address}"' in r.text and 'value="Zentrale Wohnbau"' in r.text
        assert GOOD_PASSWORD not in r.text
        assert 'aria-invalid="true" aria-describedby="err-email"' in r.text
        assert not q(db, "SELECT 1 FROM users WHERE email_norm = %s", address.lower())


def test_unknown_domains_and_subdomains_are_refused(browser, db):
    for address, domain in (("eva@nirgendwo.example", "nirgendwo.example"),
                            ("eva@mail.wohnbau.example", "mail.wohnbau.example"),
                            ("eva@wohnbau.example.com", "wohnbau.example.com")):
        r = register(browser, address)
        assert r.status_code == 422
        assert errors_of(r) == [("email", f"Für die Domain {domain} ist keine Organisation hinterlegt. Bitte "
                                          "registrieren Sie sich mit der Adresse Ihres Unternehmens oder wenden Sie "
                                          "sich an Ihren Ansprechpartner bei uns.")]
        assert not q(db, "SELECT 1 FROM users WHERE email_norm = %s", address)
    # the domain is matched without regard to case
    assert register(browser, new_address("case", "WohnBau.Example")).status_code == 303


def test_weak_passwords_are_refused(browser):
    address = new_address("weak")
    cases = {
        "kurz": "Das Passwort muss mindestens 10 Zeichen lang sein.",
        address: "Das Passwort darf nicht Ihre E-Mail-Adresse sein oder enthalten.",
        "Passwort123": "Dieses Passwort ist zu verbreitet und leicht zu erraten. Bitte wählen Sie ein anderes.",
    }
    for pw, message in cases.items():
        r = register(browser, address, password=pw)
        assert r.status_code == 422
        assert errors_of(r) == [("password", message)]
        assert f'value="{address}"' in r.text
    r = register(browser, address, name="Rita Neu-Mann", password="Rita Neu-Mann")
    assert errors_of(r) == [("password", "Das Passwort darf nicht Ihr Name sein.")]
    assert mails_to(address) == []


def test_several_field_errors_at_once(browser):
    r = register(browser, "info@nirgendwo.example", name="Visit www.spam.example", password="short")
    assert r.status_code == 422
    fields = dict(errors_of(r))
    assert set(fields) == {"name", "email", "password"}
    assert "ohne Web- oder E-Mail-Adresse" in fields["name"]


def test_missing_fields_and_control_characters(browser, db):
    r = browser.submit("/register", {"name": "", "email": "", "password": ""})
    assert r.status_code == 422
    assert len(errors_of(r)) == 3
    r = register(browser, new_address("ctl"), name="Eve\r\nBcc: evil@example.com")
    assert r.status_code == 400
    r = register(browser, "not-an-address")
    assert r.status_code == 422 and ("email", "Bitte geben Sie eine gültige E-Mail-Adresse ein.") in errors_of(r)
    assert register(browser, new_address("long"), name="x" * 201).status_code == 400


def test_honeypot_gets_the_same_answer_and_does_nothing(browser, db):
    address = new_address("robot")
    r = register(browser, address, website="http://spam.example/")
    assert r.status_code == 303 and r.headers["Location"] == BASE + "/register?sent=1"
    assert user_row(db, address) is None
    assert not q(db, "SELECT 1 FROM outbox WHERE recipient = %s", address)


def test_registration_is_throttled_per_client_address(browser, db):
    address = new_address("flood")
    assert register(browser, address).status_code == 303
    # a valid registration counts against the client address (keys are stored hashed)
    key = hashlib.sha256(b"register_addr\n127.0.0.1").hexdigest()
    assert q(db, "SELECT COUNT(*) FROM throttle_events WHERE bucket = 'register_addr' AND key_hash = %s", key)[0][0] == 1
    for _ in range(19):
        q(db, "INSERT INTO throttle_events (bucket, key_hash, at) VALUES ('register_addr', %s, NOW(3))", key)
    other = new_address("flood")
    r = register(browser, other)
    assert r.status_code == 429
    assert "Von Ihrem Anschluss kamen zu viele Registrierungen" in r.text and f'value="{other}"' in r.text
    assert user_row(db, other) is None


def test_registration_is_throttled_per_e_mail_address(browser, db):
    address = new_address("bomb")
    for _ in range(3):   # the registration and two repeats: three mails to the address
        assert register(Browser(), address).status_code == 303
    r = register(Browser(), address)
    assert r.status_code == 429
    assert "Für diese E-Mail-Adresse wurden gerade mehrere Nachrichten verschickt" in r.text
    assert q(db, "SELECT COUNT(*) FROM outbox WHERE recipient = %s", address)[0][0] == 3


def test_registration_in_english_gets_an_english_account_and_mail(db):
    b = Browser()
    b.get("/register?lang=en")
    address = new_address("emma")
    r = register(b, address, name="Emma Example")
    assert r.status_code == 303
    assert "Please check your inbox" in b.get("/register?sent=1").text
    assert user_row(db, address)[5] == "en"
    mail = wait_mail(address)
    assert mail["Subject"] == "Please confirm your e-mail address"
    assert "Hello Emma Example," in text_of(mail)


def test_signed_in_users_are_sent_home_from_the_form():
    b = login_as("ben@wohnbau.example")
    r = b.get("/register")
    assert r.status_code == 303 and r.headers["Location"] == BASE + "/"


def test_registration_without_csrf_token_is_refused(browser, db):
    browser.get("/register")
    address = new_address("nocsrf")
    r = browser.post("/register", {"name": "X Y", "email": address, "password": GOOD_PASSWORD})
    assert r.status_code == 403
    assert user_row(db, address) is None


def test_setting_allows_users_without_organization(db):
    """Accounts.allow_without_org = 1, with the page run as plain CGI on a copy of the configuration."""
    config = os.path.join(STACK["dir"], "tresen-without-org.hdf")
    with open(STACK["config"]) as src, open(config, "w") as dst:
        dst.write(src.read() + "Accounts.allow_without_org = 1\n")
    anon = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("=")
    cookie = f"tresen_anon={anon}"
    status, _, page = run_cgi("register", cookie=cookie, config=config)
    assert status == 200
    address = new_address("solo", "freelancer.example")
    body = f"csrf={csrf_of(page)}&name=Solo+Selbst&email={address}&password={GOOD_PASSWORD}"
    status, headers, _ = run_cgi("register", "POST", body=body, cookie=cookie, config=config)
    assert status == 303 and headers["Location"].endswith("/register?sent=1")
    row = user_row(db, address)
    assert row is not None and row[1] is None      # no organization
    assert "Organisation" not in text_of(wait_mail(address))
    # the same request under the default setting is refused
    status, _, page = run_cgi("register", cookie=cookie)
    body = f"csrf={csrf_of(page)}&name=Solo+Selbst&email={new_address('solo', 'freelancer.example')}" \
           f"&password={GOOD_PASSWORD}"
    status, _, page = run_cgi("register", "POST", body=body, cookie=cookie)
    assert status == 422 and "freelancer.example ist keine Organisation" in page
    os.remove(config)
