"""test_hc_pages.py - the help-centre programs over FastCGI: they render for visitors, customers and staff, the
editor is for staff only (the page's access flag), signed-in articles send visitors to sign in, bad input is 4xx."""
import pytest
from conftest import Client, q

READERS = [("hc", "", ""), ("hc/search", "q=Passwort", ""), ("hc/search", "", ""), ("hc/page", "", "/imprint"),
           ("hc/page", "", "/privacy"), ("home", "", "")]


def first(db, sql):
    return q(db, sql)[0][0]


@pytest.mark.parametrize("name,query,info", READERS)
def test_reading_pages_render_for_visitors_customers_and_staff(client, name, query, info):
    for who in (client, Client().login("anna@wohnbau.example"), Client().login("agent@tresen.example")):
        r = who.get(name, query, path_info=info)
        assert r.status == 200, (name, r.text[:300])
        assert "<main" in r.text


def test_section_and_article_pages_render(client, db):
    sid = first(db, "SELECT section_id FROM hc_articles WHERE published = 1 AND visibility = 'everyone' "
                    "AND is_notice = 0 ORDER BY id LIMIT 1")
    aid = first(db, "SELECT id FROM hc_articles WHERE published = 1 AND visibility = 'everyone' ORDER BY id LIMIT 1")
    assert client.get("hc/section", path_info=f"/{sid}").status == 200
    r = client.get("hc/article", path_info=f"/{aid}")
    assert r.status == 200 and 'class="hc-body"' in r.text and 'class="breadcrumbs"' in r.text


def test_a_signed_in_article_sends_visitors_to_sign_in(client, db):
    aid = first(db, "SELECT id FROM hc_articles WHERE published = 1 AND visibility = 'signed_in' ORDER BY id LIMIT 1")
    r = client.get("hc/article", path_info=f"/{aid}")
    assert r.status == 303 and "/login?next=" in r.headers["location"]
    assert Client().login("anna@wohnbau.example").get("hc/article", path_info=f"/{aid}").status == 200


def test_the_editor_is_for_staff_only(client, db):
    r = client.get("hc/edit")
    assert r.status == 303 and "/login?next=" in r.headers["location"]
    assert Client().login("anna@wohnbau.example").get("hc/edit").status == 403
    staff = Client().login("agent@tresen.example")
    assert staff.get("hc/edit").status == 200
    aid = first(db, "SELECT id FROM hc_articles ORDER BY id LIMIT 1")
    r = staff.get("hc/edit", path_info=f"/{aid}")
    assert r.status == 200 and "<textarea" in r.text
    assert staff.get("hc/edit", path_info="/999999999").status == 404


@pytest.mark.parametrize("name,query,info,status", [
    ("hc/article", "", "/999999999", 404),
    ("hc/article", "", "", 404),
    ("hc/section", "", "/999999999", 404),
    ("hc/section", "page=0", "/1", 400),
    ("hc/search", "page=x", "", 400),
    ("hc/search", "q=" + "a" * 201, "", 400),
    ("hc/page", "", "/../etc", 404),
    ("hc/page", "", "/nicht-da", 404),
    ("hc/unfollow", "token=abc", "", 400),
    ("hc/image", "", "/99999999", 404),
    ("notfound", "", "", 404),
])
def test_bad_input_is_4xx(client, name, query, info, status):
    assert client.get(name, query, path_info=info).status == status


def test_the_404_page_keeps_the_frame_and_speaks_the_readers_language(client):
    r = client.get("notfound", "lang=en")
    assert r.status == 404
    assert 'class="site-header"' in r.text and 'action="/hc/search"' in r.text
    assert "Help Centre" in r.text or "Hilfe-Center" in r.text
