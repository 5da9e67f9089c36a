"""test_pages.py - the frame, the home page, languages, error pages."""
from conftest import BASE, Browser, login_as, q


def test_home_for_visitors(browser):
    r = browser.get("/")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Wie können wir helfen?" in r.text
    assert 'href="/login"' in r.text and "Meine Anfragen</a>" not in r.text.split("<main")[0]


def test_home_for_a_signed_in_customer():
    b = login_as("anna@wohnbau.example")
    r = b.get("/")
    head = r.text.split("<main")[0]
    assert "Meine Anfragen" in head and "Anna Schmidt" in head and "Wohnbau Nord GmbH" in head
    assert 'action="/logout"' in head


def test_english_by_query_and_remembered_in_a_cookie(browser):
    r = browser.get("/?lang=en")
    assert 'lang="en"' in r.text and "How can we help?" in r.text
    assert "tresen_lang=en" in r.headers.get("Set-Cookie", "")
    r = browser.get("/login")
    assert "Sign in" in r.text


def test_german_is_the_default(browser):
    r = browser.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert 'lang="de"' in r.text and "Wie können wir helfen?" in r.text


def test_language_choice_is_saved_on_the_user(db):
    b = login_as("ben@wohnbau.example")
    b.get("/?lang=en")
    assert q(db, "SELECT lang FROM users WHERE email_norm = 'ben@wohnbau.example'")[0][0] == "en"
    other = login_as("ben@wohnbau.example")     # another browser: the setting follows the user
    assert "How can we help?" in other.get("/").text
    b.get("/?lang=de")
    assert q(db, "SELECT lang FROM users WHERE email_norm = 'ben@wohnbau.example'")[0][0] == "de"


def test_language_switch_link_keeps_the_page(browser):
    r = browser.get("/login?next=/x")
    assert 'href="/login?next=/x&amp;lang=en"' in r.text


def test_unknown_path_gets_the_404_page(browser):
    r = browser.get("/does/not/exist")
    assert r.status_code == 404
    assert "Seite nicht gefunden" in r.text


def test_error_page_does_not_leak_internals(browser):
    r = browser.request("DELETE", BASE + "/")
    assert r.status_code == 405
    assert "Methode nicht erlaubt" in r.text
    for word in ("Traceback", "NEOERR", ".c:", "mysql", "ClearSilver"):
        assert word not in r.text


def test_static_files_are_served(browser):
    r = browser.get("/css/tresen.css")
    assert r.status_code == 200 and "text/css" in r.headers["Content-Type"]
    assert browser.get("/js/tresen.js").status_code == 200
