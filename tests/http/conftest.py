"""conftest.py - fixtures for the HTTP tests: the running test stack, browsers-as-sessions, the database.

The stack (Apache + mod_fcgid + MariaDB + mail sink, sanitizer build) is started
once per run by scripts/run-tests; TRESEN_STACK names its stack.json.
"""
import json
import os
import re
import subprocess

import pymysql
import pytest
import requests

STACK = json.load(open(os.environ["TRESEN_STACK"]))
BASE = STACK["url"]
PASSWORD = "Tresen-Demo-2026"


def csrf_of(html):
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, "page has no CSRF field"
    return m.group(1)


class Browser(requests.Session):
    """A requests session that behaves like one browser: cookies, base URL, forms with their CSRF token."""

    def __init__(self):
        super().__init__()
        self.headers["User-Agent"] = "tresen-http-tests"

    def url(self, path):
        return path if path.startswith("http") else BASE + path

    def get(self, path, **kw):
        kw.setdefault("allow_redirects", False)
        return super().get(self.url(path), **kw)

    def post(self, path, data=None, **kw):
        kw.setdefault("allow_redirects", False)
        return super().post(self.url(path), data=data, **kw)

    def csrf(self, path="/login"):
        return csrf_of(self.get(path).text)

    def submit(self, form_path, data, post_path=None, **kw):
        """GETs the form (for its CSRF token), then POSTs data to it."""
        token = self.csrf(form_path)
        return self.post(post_path or form_path.split("?")[0], {"csrf": token, **data}, **kw)

    def login(self, email, password=PASSWORD):
        r = self.submit("/login", {"email": email, "password": password})
        assert r.status_code == 303, f"login of {email} failed: {r.status_code}"
        return r


@pytest.fixture
def browser():
    b = Browser()
    yield b
    b.close()


def login_as(email):
    b = Browser()
    b.login(email)
    return b


@pytest.fixture(scope="session")
def db():
    conn = pymysql.connect(unix_socket=STACK["socket"], user="root", database="tresen",
                           autocommit=True, charset="utf8mb4")
    yield conn
    conn.close()


def q(db, sql, *args):
    db.ping(reconnect=True)   # the resilience test restarts the server
    with db.cursor() as c:
        c.execute(sql, args)
        return c.fetchall()


@pytest.fixture(autouse=True)
def fresh_throttle(db):
    """Every test starts without earlier failed logins counted against it."""
    q(db, "DELETE FROM throttle_events")
    yield


def stack_cmd(*args):
    subprocess.run(["/usr/bin/python3", os.path.join(STACK["root"], "scripts", "stack.py"), *args,
                    "--dir", STACK["dir"], "--flavour", STACK["flavour"]], check=True)


# ---- the library's command-line tools (tickets are made through the library, never raw SQL) ----

def tool(name, *args):
    r = subprocess.run([*STACK["tool_prefix"], os.path.join(STACK["bin"], f"tresen-{name}"), *map(str, args)],
                       env={**os.environ, **STACK["tool_env"]}, capture_output=True, text=True)
    assert r.returncode == 0, f"tresen-{name} {args}: {r.stdout}{r.stderr}"
    return r.stdout.strip()


def make_ticket(requester, subject, body="Beschreibung", *, type=None, cc=None, attach=None, at=None):
    args = ["create", requester, subject, body]
    if type:
        args += ["--type", type]
    if cc:
        args += ["--cc", cc]
    if attach:
        args += ["--attach", attach]
    if at:
        args += ["--at", at]
    return int(tool("ticket", *args))


def agent_reply(ticket_id, body, *, status="open", internal=False, attach=None, agent="agent@tresen.example"):
    args = ["reply", ticket_id, agent, body, "--status", status]
    if internal:
        args.append("--internal")
    if attach:
        args += ["--attach", attach]
    return int(tool("ticket", *args))


def set_status(ticket_id, status):
    tool("ticket", "status", ticket_id, status)


def world_readable_file(name, data: bytes):
    """A file the tools (running as the web user) can read: under the stack's folder, not pytest's private one."""
    folder = os.path.join(STACK["dir"], "fixtures")
    os.makedirs(folder, mode=0o755, exist_ok=True)
    path = os.path.join(folder, name)
    with open(path, "wb") as f:
        f.write(data)
    os.chmod(path, 0o644)
    return path
