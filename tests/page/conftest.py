"""conftest.py - fixtures for the page tests: page programs run directly over FastCGI against the test database.

No web server: tests/page/fcgi.py starts each program with a listening socket
as Apache's mod_fcgid would and speaks FastCGI to it. The programs are the
sanitizer build and run as the web user, like the stack's workers.
"""
import json
import os
import re
import sys
import urllib.parse
import uuid

import pymysql
import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(__file__))
import pages_seen  # noqa: E402
from fcgi import Page  # noqa: E402

STACK = json.load(open(os.environ["TRESEN_STACK"]))
CGI = os.path.join(os.path.dirname(STACK["bin"]), "cgi-bin")
PASSWORD = "Tresen-Demo-2026"
_pages = {}


def env():
    e = {"PATH": os.environ.get("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"), **STACK["tool_env"]}
    return e


def page(name):
    """The running program of a page (started once per test run)."""
    if name not in _pages:
        # as the workers' user, as Apache runs them: files a page stores stay theirs
        _pages[name] = Page(CGI, name, env(), STACK["tool_prefix"])
    return _pages[name]


def pytest_sessionfinish(session, exitstatus):
    for p in _pages.values():
        p.close()


class Client:
    """A browser's cookies, sent to page programs directly. get/post return fcgi.Response."""

    def __init__(self):
        self.cookies = {}

    def cookie(self):
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def _remember(self, r):
        for c in r.cookies:
            name, _, rest = c.partition("=")
            value = rest.split(";", 1)[0]
            if "Max-Age=0" in c:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value

    def call(self, name, method="GET", query="", data=None, body=None, content_type=None, path_info="", **kw):
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True).encode()
        path = "/" + name
        r = page(name).request(method, path=path, query=query, body=body or b"", content_type=content_type,
                               cookie=self.cookie(), path_info=path_info, **kw)
        self._remember(r)
        if "text/html" in r.headers.get("content-type", ""):
            pages_seen.keep(f"page-{name}-{r.status}", r.body)
        return r

    def get(self, name, query="", **kw):
        return self.call(name, "GET", query, **kw)

    def post(self, name, data, query="", **kw):
        return self.call(name, "POST", query, data=data, **kw)

    def csrf(self, name="login", query=""):
        m = re.search(r'name="csrf" value="([^"]+)"', self.get(name, query).text)
        assert m, f"{name} has no CSRF field"
        return m.group(1)

    def login(self, email, password=PASSWORD):
        r = self.post("login", {"csrf": self.csrf(), "email": email, "password": password})
        assert r.status == 303, f"login of {email}: {r.status}"
        return self


@pytest.fixture
def client():
    return Client()


@pytest.fixture(scope="session")
def db():
    conn = pymysql.connect(unix_socket=STACK["socket"], user="root", database="tresen", autocommit=True,
                           charset="utf8mb4")
    yield conn
    conn.close()


def q(db, sql, *args):
    db.ping(reconnect=True)
    with db.cursor() as c:
        c.execute(sql, args)
        return c.fetchall()


@pytest.fixture(autouse=True)
def fresh_throttle(db):
    q(db, "DELETE FROM throttle_events")
    yield


@pytest.fixture
def unconfirmed(db):
    """A client signed in as a freshly registered user who has not confirmed the address yet."""
    c = Client()
    email = f"page-{uuid.uuid4().hex[:10]}@wohnbau.example"
    r = c.post("register", {"csrf": c.csrf("register"), "name": "Paula Page", "email": email,
                            "password": "Kaffeetasse-im-Regen-7"})
    assert r.status == 303, r.status
    return c.login(email, "Kaffeetasse-im-Regen-7")
