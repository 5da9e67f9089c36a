"""test_security.py - CSRF on every POST, security headers on every response, no version banners."""
import pytest

from conftest import BASE, PASSWORD, STACK, Browser, q

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def test_post_without_csrf_token_is_refused_and_changes_nothing(browser, db):
    browser.get("/login")
    before = q(db, "SELECT COUNT(*) FROM sessions")[0][0]
    r = browser.post("/login", {"email": "anna@wohnbau.example", "password": PASSWORD})
    assert r.status_code == 403
    assert "Zugriff verweigert" in r.text
    assert q(db, "SELECT COUNT(*) FROM sessions")[0][0] == before


def test_post_with_wrong_csrf_token_is_refused(browser):
    browser.get("/login")
    r = browser.post("/login", {"csrf": "x" * 43, "email": "anna@wohnbau.example", "password": PASSWORD})
    assert r.status_code == 403


def test_csrf_token_of_another_browser_is_refused():
    a, b = Browser(), Browser()
    token_a = a.csrf("/login")
    b.get("/login")
    r = b.post("/login", {"csrf": token_a, "email": "anna@wohnbau.example", "password": PASSWORD})
    assert r.status_code == 403


def test_csrf_token_changes_with_sign_in(browser):
    before = browser.csrf("/login")
    browser.login("anna@wohnbau.example")
    after = browser.csrf("/")
    assert before != after
    # the old (anonymous) token no longer works for the signed-in session
    r = browser.post("/logout", {"csrf": before})
    assert r.status_code == 403
    assert "Anna Schmidt" in browser.get("/").text


def test_every_response_carries_the_token_masked_afresh_and_each_works(browser):
    """Compressed pages must not leak the token (BREACH): no two responses carry the same bytes,
    yet any of them is this session's token; its unmasked half, or a mask of another session, is not."""
    import base64
    browser.login("anna@wohnbau.example")
    tokens = [browser.csrf("/profile") for _ in range(3)]
    assert len(set(tokens)) == 3
    raw = base64.urlsafe_b64decode(tokens[0] + "=" * (-len(tokens[0]) % 4))
    mask, masked = raw[:32], raw[32:]
    unmasked = base64.urlsafe_b64encode(bytes(a ^ b for a, b in zip(mask, masked))).rstrip(b"=").decode()
    assert browser.post("/logout", {"csrf": unmasked}).status_code == 403
    other = Browser()
    other.login("ben@wohnbau.example")
    assert browser.post("/logout", {"csrf": other.csrf("/profile")}).status_code == 403
    assert "Anna Schmidt" in browser.get("/").text
    r = browser.post("/logout", {"csrf": tokens[1]})
    assert r.status_code in (200, 303) and "Anna Schmidt" not in browser.get("/").text


def test_logout_without_csrf_changes_nothing(browser):
    browser.login("anna@wohnbau.example")
    assert browser.post("/logout", {}).status_code == 403
    assert "Anna Schmidt" in browser.get("/").text


@pytest.mark.parametrize("path", ["/", "/login", "/nope-does-not-exist", "/css/tresen.css", "/js/tresen.js"])
def test_security_headers_everywhere(browser, path):
    r = browser.get(path)
    for k, v in SECURITY_HEADERS.items():
        assert r.headers.get(k) == v, (path, k)
    csp = r.headers.get("Content-Security-Policy", "")
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    # ServerTokens Prod / server_tokens off: no version
    assert r.headers.get("Server") == ("nginx" if STACK.get("web") == "nginx" else "Apache")


def test_pages_have_strict_csp_without_inline_script(browser):
    r = browser.get("/login")
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "<script>" not in r.text and " onclick=" not in r.text and "style=" not in r.text


def test_signed_in_pages_are_not_stored(browser):
    browser.login("anna@wohnbau.example")
    r = browser.get("/")
    assert "no-store" in r.headers["Cache-Control"]


def test_debug_and_trace_are_off(browser):
    # ClearSilver's debug parameters do nothing; TRACE is disabled
    r = browser.get("/?debug_pause=1&xdisplay=:0&debug=1")
    assert r.status_code == 200 and "Traceback" not in r.text
    assert browser.request("TRACE", BASE + "/").status_code in (403, 405)
