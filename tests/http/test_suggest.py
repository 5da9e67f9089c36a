"""test_suggest.py - /hc/suggest?q=...: published help-centre articles for what is typed, as JSON that
is never read as HTML; visitors get only articles for everyone (R-NEW 4, R-HC 1-2)."""
import uuid

import pytest

from conftest import Browser, login_as, q


def suggest(browser, text):
    r = browser.get("/hc/suggest", params={"q": text})
    assert r.status_code == 200, r.text[:300]
    assert r.headers["Content-Type"] == "application/json; charset=utf-8"
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    return r


def titles(r):
    return [a["title"] for a in r.json()["articles"]]


@pytest.fixture
def word(db):
    """Four articles sharing a made-up word: for everyone, for signed-in users, unpublished, and one with markup."""
    w = "Quarkstrudel" + uuid.uuid4().hex[:6]
    section = q(db, "SELECT id FROM hc_sections ORDER BY id LIMIT 1")[0][0]
    rows = [
        (f"{w} für alle", f"Hinweis zu {w} für jeden.", "everyone", 1, 1),
        (f"{w} nur angemeldet", f"Anleitung zu {w} für Kunden.", "signed_in", 0, 1),
        (f"{w} Entwurf", f"Noch nicht veröffentlicht: {w}.", "everyone", 0, 0),
        (f"{w} <script>alert(\"x\")</script> & Co", f"Text mit <b>Markup</b> zu {w} \u2028 Ende.", "signed_in", 0, 1),
    ]
    for title, body, vis, notice, published in rows:
        q(db, "INSERT INTO hc_articles (section_id, title, body, body_text, visibility, is_notice, published, "
              "created_at, updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s, NOW(), NOW())",
          section, title, body, body, vis, notice, published)
    yield w
    q(db, "DELETE FROM hc_articles WHERE title LIKE %s", f"{w}%")


def test_visitors_get_only_articles_for_everyone(word):
    r = suggest(Browser(), word)
    assert titles(r) == [f"{word} für alle"]


def test_signed_in_users_get_help_articles_too_but_never_drafts(word):
    r = suggest(login_as("anna@wohnbau.example"), word)
    got = titles(r)
    assert f"{word} für alle" in got and f"{word} nur angemeldet" in got
    assert f"{word} Entwurf" not in got and len(got) == 3


def test_unconfirmed_users_get_what_visitors_get(db, word):
    carla = login_as("carla@stadtwerke.example")
    q(db, "UPDATE users SET confirmed_at = NULL WHERE email_norm = 'carla@stadtwerke.example'")
    try:
        assert titles(suggest(carla, word)) == [f"{word} für alle"]
    finally:
        q(db, "UPDATE users SET confirmed_at = NOW() WHERE email_norm = 'carla@stadtwerke.example'")


def test_json_is_never_read_as_html(word):
    r = suggest(login_as("anna@wohnbau.example"), word)
    raw = r.text
    assert "<" not in raw and ">" not in raw and "&" not in raw and "\u2028" not in raw
    assert "\\u003cscript\\u003ealert(\\\"x\\\")\\u003c/script\\u003e \\u0026 Co" in raw
    art = [a for a in r.json()["articles"] if "script" in a["title"]][0]
    assert art["title"] == f"{word} <script>alert(\"x\")</script> & Co"
    assert art["url"] == f"/hc/articles/{art['id']}"


def test_demo_articles_are_suggested_by_their_words():
    anna = login_as("anna@wohnbau.example")
    got = titles(suggest(anna, "Passwort vergessen"))
    assert got[0] == "Passwort vergessen: So melden Sie sich wieder im Serviceportal an"
    assert "Passwort für das Testsystem zurücksetzen" in got
    # a visitor gets the portal article (everyone), not the test-system one (signed-in users)
    got = titles(suggest(Browser(), "Passwort vergessen"))
    assert "Passwort vergessen: So melden Sie sich wieder im Serviceportal an" in got
    assert "Passwort für das Testsystem zurücksetzen" not in got
    # prefixes: the word being typed matches
    assert "Mietensollstellung bricht mit Fehler ab" in titles(suggest(anna, "Mietensoll"))
    first = suggest(anna, "Sollstellung Mietensollstellung Fehler").json()["articles"][0]
    assert first["title"] == "Mietensollstellung bricht mit Fehler ab"
    assert "Sollstellung" in first["snippet"] and len(first["snippet"]) <= 170


def test_at_most_five_and_nothing_for_nothing(db):
    anna = login_as("anna@wohnbau.example")
    assert len(suggest(anna, "Sie der die das und im Portal Mieter Wodis Zugang").json()["articles"]) == 5
    for text in ("", " ", "a", "+-*()~<>\"@", "und der die"):
        assert suggest(anna, text).json() == {"articles": []}


def test_bad_queries_get_a_clear_4xx():
    b = Browser()
    assert b.get("/hc/suggest", params={"q": "x" * 201}).status_code == 400
    assert b.get("/hc/suggest?q=%FF%FE").status_code == 400
    assert b.get("/hc/suggest?q=a&q=b").status_code == 400
    assert b.post("/hc/suggest", data={"q": "x"}).status_code in (403, 405)
