"""test_admin_pages.py - the staff administration's programs run directly: the TR_ADMIN flag before anything
else (visitors to the login, customers and agents 403 on GET and POST), admins in, the declared fields'
checks of malformed input."""
import re

import pytest

from conftest import Client

ADMIN = [("admin", ""), ("admin/organizations", ""), ("admin/organizations", "id=1"), ("admin/users", ""),
         ("admin/users", "id=1"), ("admin/users", "q=anna&staff=1"), ("admin/groups", ""), ("admin/forms", ""),
         ("admin/forms", "id=1"), ("admin/macros", ""), ("admin/mail", "")]


def token(client):
    return re.search(r'name="csrf" value="([^"]+)"', client.get("home").text).group(1)


@pytest.mark.parametrize("name,query", ADMIN)
def test_admin_pages_send_visitors_to_the_login(client, name, query):
    r = client.get(name, query)
    assert r.status == 303 and "/login?next=" in r.headers["location"]


@pytest.mark.parametrize("name,query", ADMIN)
@pytest.mark.parametrize("who", ["anna@wohnbau.example", "agent@tresen.example"])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_admin_pages_refuse_customers_and_agents(client, name, query, who, method):
    client.login(who)
    if method == "GET":
        r = client.get(name, query)
    else:
        r = client.post(name, {"csrf": token(client), "action": "save", "id": "1", "name": "x"})
    assert r.status == 403


@pytest.mark.parametrize("name,query", ADMIN)
def test_admin_pages_render_for_admins(client, name, query):
    client.login("admin@tresen.example")
    r = client.get(name, query)
    assert r.status == 200, r.text[:500]
    assert 'href="/admin/forms"' in r.text and 'href="/admin/organizations"' in r.text


@pytest.mark.parametrize("name,query,status", [
    ("admin/organizations", "id=x", 400), ("admin/organizations", "page=0", 400),
    ("admin/organizations", "q=" + "a" * 201, 400), ("admin/organizations", "id=999999999", 404),
    ("admin/users", "staff=2", 400), ("admin/users", "org=-1", 400), ("admin/users", "id=999999999", 404),
    ("admin/forms", "id=999999999", 404), ("admin/forms", "id=1&field=999999999", 404),
])
def test_malformed_admin_queries(client, name, query, status):
    client.login("admin@tresen.example")
    assert client.get(name, query).status == status


def test_admin_posts_without_action_or_token(client):
    client.login("admin@tresen.example")
    assert client.post("admin/users", {"csrf": token(client), "id": "1"}).status == 400
    assert client.post("admin/groups", {"csrf": token(client)}).status == 400
    assert client.post("admin/forms", {"csrf": token(client), "action": "delete_field"}).status == 400
    assert client.post("admin/organizations", {"action": "save", "name": "x"}).status == 403
    assert client.post("admin", {"csrf": token(client)}).status == 405


@pytest.mark.parametrize("name,words", [("admin", "Recent changes"), ("admin/organizations", "Mail domains"),
                                        ("admin/users", "staff only"), ("admin/groups", "receives the new requests"),
                                        ("admin/forms", "no code, no restart")])
def test_admin_pages_speak_english(client, name, words):
    client.login("admin@tresen.example")
    r = client.get(name, "lang=en")
    client.get(name, "lang=de")          # the choice is saved for the admin: give German back
    assert r.status == 200 and words in r.text
