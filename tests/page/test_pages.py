"""test_pages.py - every page program answers directly over FastCGI: renders, access flags, the pipeline's checks.

These need no web server: the request goes straight into the page program,
so a hundred variants cost a second. The HTML of every page seen here goes
to the HTML5 check (scripts/check-html) with that of the HTTP tests.
"""
import os
import re

import pytest
from conftest import Client, STACK, page, q

PUBLIC = ["home", "login", "register", "password/forgot"]
CONFIRMED = [("requests", "", ""), ("requests/new", "", ""), ("requests/new", "form=1", ""),
             ("requests/ticket", "", "/1"), ("attachments", "", "/1")]


@pytest.mark.parametrize("name", PUBLIC)
def test_public_pages_render_for_visitors(client, name):
    r = client.get(name)
    assert r.status == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert "<main" in r.text and "Content-Security-Policy" in {k.title(): v for k, v in r.headers.items()}


@pytest.mark.parametrize("name,query,info", CONFIRMED)
def test_confirmed_pages_send_visitors_to_the_login(client, name, query, info):
    r = client.get(name, query, path_info=info)
    assert r.status == 303
    assert "/login?next=" in r.headers["location"]


@pytest.mark.parametrize("name,query,info", CONFIRMED)
def test_confirmed_pages_answer_an_unconfirmed_user_with_the_resend_page(unconfirmed, name, query, info):
    """The loop applies the page's TR_CONFIRMED flag: the page itself has no guard to forget."""
    r = unconfirmed.get(name, query, path_info=info)
    assert r.status == 403
    assert 'action="/confirm/resend"' in r.text or "/confirm/resend" in r.text
    assert 'name="next"' in r.text


def test_unconfirmed_post_is_refused_before_the_handler(unconfirmed, db):
    token = re.search(r'name="csrf" value="([^"]+)"', unconfirmed.get("home").text).group(1)
    before = q(db, "SELECT COUNT(*) FROM comments")[0][0]
    r = unconfirmed.post("requests/ticket", {"csrf": token, "body": "Hallo"}, path_info="/1")
    assert r.status == 403
    assert q(db, "SELECT COUNT(*) FROM comments")[0][0] == before


@pytest.mark.parametrize("name,query,info", [("requests", "", ""), ("requests", "scope=org", ""),
                                             ("requests/new", "", ""), ("requests/new", "form=2", "")])
def test_customer_pages_render(client, name, query, info):
    client.login("anna@wohnbau.example")
    r = client.get(name, query, path_info=info)
    assert r.status == 200, r.text[:500]


def test_post_without_csrf_token_is_403(client, db):
    client.login("anna@wohnbau.example")
    r = client.post("requests", {"cols": "type"})
    assert r.status == 403


def test_method_not_served_is_405(client):
    r = client.call("home", "POST", data={})
    assert r.status == 405
    assert r.headers["allow"] == "GET, HEAD"


@pytest.mark.parametrize("query,status", ids=["long-query", "nul", "child-name", "bad-enum", "below-min", "bad-date",
                                              "too-long", "bad-escape-name", "bad-escape", "cut-escape",
                                              "plus-escape", "empty-component", "control-name"], argvalues=[
    ("q=" + "a" * 9000, 414),                 # query over Limits.query_bytes
    ("q=a%00b", 400),                         # a NUL would cut the value
    ("q.x=1", 400),                           # a crafted child name of a declared field
    ("status=nonsense", 400),                 # not one of the enum's values
    ("page=0", 400),                          # below the field's minimum (a GET: no form to show it on)
    ("from=2026-02-30", 400),                 # no such date
    ("q=" + "ä" * 201, 400),                  # over the field's length in characters
    ("%zz=1", 400),                           # not two hex digits (a browser never sends it)
    ("q=%G0", 400),
    ("q=%4", 400),
    ("q=%+9", 400),
    ("q.=1", 400),                            # an empty component of the HDF path
    ("a%01b=1", 400),                         # a control character in a name
])
def test_malformed_list_queries_are_4xx(client, query, status):
    client.login("anna@wohnbau.example")
    r = client.get("requests", query)
    assert r.status == status
    assert "Traceback" not in r.text and "NEOERR" not in r.text


def test_broken_cookie_header_is_400(client):
    r = page("home").request("GET", path="/", cookie="a=" + "\x01" * 3)
    assert r.status == 400


def test_head_sends_no_body(client):
    r = page("login").request("HEAD", path="/login")
    assert r.status == 200 and r.body == b""


def test_page_without_a_secret_refuses_to_serve(tmp_path):
    """Without Security.secret CSRF tokens and signed links would be forgeable: 503 for every request."""
    text = open(STACK["config"]).read()
    text = re.sub(r"Security \{[^}]*\}", "Security {\n}", text)
    path = os.path.join(STACK["dir"], "no-secret.hdf")
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, 0o644)
    from fcgi import Page
    from conftest import CGI, env
    p = Page(CGI, "login", {**env(), "TRESEN_CONFIG": path}, STACK["tool_prefix"])
    try:
        r = p.request("GET", path="/login")
        assert r.status == 503
        assert "Security.secret" in p.log()
    finally:
        p.close()


# ---- the staff pages: the loop's TR_AGENT and TR_ADMIN flags ----

STAFF = [("agent", "", ""), ("agent", "queue=urgent", ""), ("agent/tickets", "", "/1"), ("agent/viewers", "", "/1"),
         ("agent/macros", "", "")]
ADMIN = [("admin/macros", "", "")]


@pytest.mark.parametrize("name,query,info", STAFF + ADMIN)
def test_staff_pages_send_visitors_to_the_login(client, name, query, info):
    r = client.get(name, query, path_info=info)
    assert r.status == 303 and "/login?next=" in r.headers["location"]


@pytest.mark.parametrize("name,query,info", STAFF + ADMIN)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_staff_pages_refuse_customers_before_anything_else(client, name, query, info, method):
    client.login("anna@wohnbau.example")
    if method == "GET":
        r = client.get(name, query, path_info=info)
    else:
        token = re.search(r'name="csrf" value="([^"]+)"', client.get("home").text).group(1)
        r = client.post(name, {"csrf": token, "body": "x"}, path_info=info)
    assert r.status == 403


@pytest.mark.parametrize("name,query,info", STAFF)
def test_staff_pages_render_for_agents(client, name, query, info):
    client.login("agent@tresen.example")
    r = client.get(name, query, path_info=info)
    assert r.status == 200, r.text[:500]


def test_admin_pages_are_for_admins_only(client):
    client.login("agent@tresen.example")
    assert client.get("admin/macros").status == 403
    admin = Client()
    admin.login("admin@tresen.example")
    assert admin.get("admin/macros").status == 200


@pytest.mark.parametrize("query", ["queue=nope", "sort=random", "priority=1", "assignee=x", "page=0",
                                   "q=" + "a" * 201, "next=-3", "from=2026-13-01"])
def test_malformed_queue_queries_are_400(client, query):
    client.login("agent@tresen.example")
    assert client.get("agent", query).status == 400
