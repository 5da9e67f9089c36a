"""test_login.py - signing in and out (R-ACC 5, 6): answers, sessions, cookies, throttling."""
import re

from conftest import BASE, PASSWORD, Browser, q


def normalized(r, *emails):
    """The page without what differs per request (token, request id, the address typed)."""
    text = re.sub(r'name="csrf" value="[^"]+"', "", r.text)
    for e in emails:
        text = text.replace(e, "EMAIL")
    return r.status_code, text


def test_login_page_renders_german_form(browser):
    r = browser.get("/login")
    assert r.status_code == 200
    assert "Anmelden" in r.text and 'name="email"' in r.text and 'name="password"' in r.text
    assert 'type="password"' in r.text


def test_login_succeeds_and_shows_the_user(browser, db):
    r = browser.login("anna@wohnbau.example")
    assert r.headers["Location"] == BASE + "/"
    home = browser.get("/")
    assert "Anna Schmidt" in home.text
    assert q(db, "SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id "
                 "WHERE u.email_norm = 'anna@wohnbau.example'")[0][0] >= 1


def test_login_is_case_insensitive_for_the_address(browser):
    browser.login("Anna@Wohnbau.EXAMPLE")
    assert "Anna Schmidt" in browser.get("/").text


def test_unknown_user_and_wrong_password_get_the_same_answer():
    a, b = Browser(), Browser()
    wrong = a.submit("/login", {"email": "anna@wohnbau.example", "password": "not-the-password"})
    unknown = b.submit("/login", {"email": "nobody@wohnbau.example", "password": "not-the-password"})
    assert wrong.status_code == unknown.status_code == 422
    assert "E-Mail-Adresse oder Passwort ist falsch." in wrong.text
    assert normalized(wrong, "anna@wohnbau.example") == normalized(unknown, "nobody@wohnbau.example")
    assert "tresen_sid=" not in wrong.headers.get("Set-Cookie", "")


def test_empty_fields_are_field_errors_with_values_kept(browser):
    r = browser.submit("/login", {"email": "anna@wohnbau.example", "password": ""})
    assert r.status_code == 422
    assert "Bitte füllen Sie dieses Feld aus." in r.text
    assert 'value="anna@wohnbau.example"' in r.text
    assert 'aria-invalid="true" aria-describedby="err-password"' in r.text


def test_session_cookie_flags(browser):
    r = browser.login("ben@wohnbau.example")
    cookie = [c for c in r.raw.headers.getlist("Set-Cookie") if c.startswith("tresen_sid=")][0]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie   # plain HTTP here; Secure is added under HTTPS
    token = cookie.split(";")[0].split("=", 1)[1]
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)


def test_only_the_token_hash_is_stored(browser, db):
    browser.login("ben@wohnbau.example")
    token = browser.cookies["tresen_sid"]
    rows = q(db, "SELECT token_hash FROM sessions")
    assert all(token not in r[0] for r in rows)
    assert all(re.fullmatch(r"[0-9a-f]{64}", r[0]) for r in rows)


def test_login_issues_a_new_token_and_ends_the_old_session(browser, db):
    browser.login("anna@wohnbau.example")
    first = browser.cookies["tresen_sid"]
    # signing in again from the signed-in browser (its token is on every page's logout form)
    r = browser.submit("/", {"email": "anna@wohnbau.example", "password": PASSWORD}, post_path="/login")
    assert r.status_code == 303
    second = browser.cookies["tresen_sid"]
    assert first != second
    old = Browser()
    old.cookies.set("tresen_sid", first)
    assert "Anna Schmidt" not in old.get("/").text
    assert "Anna Schmidt" in browser.get("/").text


def test_forged_session_cookie_is_ignored_and_cleared():
    b = Browser()
    b.cookies.set("tresen_sid", "A" * 43)
    r = b.get("/")
    assert r.status_code == 200
    assert "Anmelden" in r.text
    assert any(c.startswith("tresen_sid=;") and "Max-Age=0" in c for c in r.raw.headers.getlist("Set-Cookie"))


def test_logout_ends_the_session(browser, db):
    browser.login("carla@stadtwerke.example")
    token = browser.cookies["tresen_sid"]
    csrf = browser.csrf("/")
    r = browser.post("/logout", {"csrf": csrf})
    assert r.status_code == 303 and r.headers["Location"] == BASE + "/?notice=signed_out"
    page = browser.get("/?notice=signed_out")
    assert "Sie wurden abgemeldet." in page.text and "Carla" not in page.text
    replay = Browser()
    replay.cookies.set("tresen_sid", token)
    assert "Carla" not in replay.get("/").text


def test_logout_is_post_only(browser):
    browser.login("carla@stadtwerke.example")
    assert browser.get("/logout").status_code == 405
    assert "Carla" in browser.get("/").text


def test_next_parameter_is_followed_only_inside_the_portal(browser):
    r = browser.submit("/login", {"email": "anna@wohnbau.example", "password": PASSWORD, "next": "/login?x=1"})
    assert r.headers["Location"] == BASE + "/login?x=1"
    for evil in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        b = Browser()
        r = b.submit("/login", {"email": "anna@wohnbau.example", "password": PASSWORD, "next": evil})
        assert r.headers["Location"] == BASE + "/"


def test_redirect_uses_configured_url_not_host_header(browser):
    token = browser.csrf("/login")
    # requests picks cookies by the Host header, so send the browser's cookie by hand
    cookie = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
    r = browser.post("/login", {"csrf": token, "email": "anna@wohnbau.example", "password": PASSWORD},
                     headers={"Host": "evil.example", "Cookie": cookie})
    assert r.status_code == 303
    assert r.headers["Location"] == BASE + "/"


def test_throttling_per_account_after_repeated_failures(browser):
    for _ in range(5):
        r = browser.submit("/login", {"email": "ben@wohnbau.example", "password": "wrong-password"})
        assert r.status_code == 422
    # now even the right password waits: the account is throttled
    r = browser.submit("/login", {"email": "ben@wohnbau.example", "password": PASSWORD})
    assert r.status_code == 429
    assert "Zu viele Anmeldeversuche" in r.text
    # another account from the same address is not affected by ben's failures
    assert Browser().submit("/login", {"email": "anna@wohnbau.example", "password": PASSWORD}).status_code == 303


def test_throttling_treats_unknown_accounts_alike(browser):
    for _ in range(5):
        assert browser.submit("/login", {"email": "ghost@wohnbau.example", "password": "x-wrong"}).status_code == 422
    r = browser.submit("/login", {"email": "ghost@wohnbau.example", "password": "x-wrong"})
    assert r.status_code == 429


def test_throttling_per_client_address(browser, db):
    for i in range(30):
        r = browser.submit("/login", {"email": f"probe{i}@wohnbau.example", "password": "x-wrong"})
        assert r.status_code == 422
    r = browser.submit("/login", {"email": "anna@wohnbau.example", "password": PASSWORD})
    assert r.status_code == 429
    assert q(db, "SELECT COUNT(*) FROM throttle_events WHERE bucket = 'login_addr'")[0][0] == 30


def test_successful_login_clears_account_failures(browser, db):
    for _ in range(3):
        browser.submit("/login", {"email": "anna@wohnbau.example", "password": "wrong"})
    browser.login("anna@wohnbau.example")
    assert q(db, "SELECT COUNT(*) FROM throttle_events WHERE bucket = 'login_account'")[0][0] == 0
