"""conftest.py - fixtures for the HTTP tests: the running test stack, browsers-as-sessions, the database.

The stack (Apache + mod_fcgid + MariaDB + mail sink, sanitizer build) is started
once per run by scripts/run-tests; TRESEN_STACK names its stack.json.
"""
import email
import glob
import email.policy
import json
import mailbox
import os
import re
import subprocess
import time
import uuid

import sys

import pymysql
import pytest
import requests

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import pages_seen  # noqa: E402

STACK = json.load(open(os.environ["TRESEN_STACK"]))
BASE = STACK["url"]
PASSWORD = "Tresen-Demo-2026"


def csrf_of(html):
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, "page has no CSRF field"
    return m.group(1)


def keep_html(method, path, r):
    """Every HTML page a test sees goes to the HTML5 check at the end of the run."""
    if "text/html" in r.headers.get("Content-Type", ""):
        route = re.sub(r"/\d+", "/N", path.replace(BASE, "").split("?")[0])
        pages_seen.keep(f"http-{method}-{route}-{r.status_code}", r.content)
    return r


class Browser(requests.Session):
    """A requests session that behaves like one browser: cookies, base URL, forms with their CSRF token."""

    def __init__(self):
        super().__init__()
        self.headers["User-Agent"] = "tresen-http-tests"

    def url(self, path):
        return path if path.startswith("http") else BASE + path

    def get(self, path, **kw):
        kw.setdefault("allow_redirects", False)
        return keep_html("GET", path, super().get(self.url(path), **kw))

    def post(self, path, data=None, **kw):
        kw.setdefault("allow_redirects", False)
        return keep_html("POST", path, super().post(self.url(path), data=data, **kw))

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
    """One statement of a test's own (autocommit); a deadlock with the stack's background jobs
    (the mailer claiming outbox rows, the intake) is retried as the C code would."""
    for attempt in range(8):
        db.ping(reconnect=True)   # the resilience test restarts the server
        try:
            with db.cursor() as c:
                c.execute(sql, args)
                return c.fetchall()
        except pymysql.err.OperationalError as e:
            if e.args[0] not in (1205, 1213) or attempt == 7:
                raise
            time.sleep(0.05 * (attempt + 1))


@pytest.fixture(autouse=True)
def fresh_throttle(db):
    """Every test starts (and leaves the browser journeys) without earlier attempts counted against it."""
    q(db, "DELETE FROM throttle_events")
    yield
    q(db, "DELETE FROM throttle_events")


def stack_cmd(*args):
    subprocess.run(["/usr/bin/python3", os.path.join(STACK["root"], "scripts", "stack.py"), *args,
                    "--dir", STACK["dir"], "--flavour", STACK["flavour"]], check=True)


# ---- the library's command-line tools (tickets are made through the library, never raw SQL) ----

def tool(name, *args):
    r = subprocess.run([*STACK["tool_prefix"], os.path.join(STACK["bin"], f"tresen-{name}"), *map(str, args)],
                       env={**os.environ, **STACK["tool_env"]}, capture_output=True, text=True)
    assert r.returncode == 0, f"tresen-{name} {args}: {r.stdout}{r.stderr}"
    return r.stdout.strip()


def make_ticket(requester, subject, body="Beschreibung", *, type=None, cc=None, attach=None, at=None, urgent=None):
    args = ["create", requester, subject, body]
    if urgent:
        args += ["--urgent", urgent]
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


def worker_peaks(program):
    """Peak resident memory (kB) of every running worker of a page program (e.g. "requests/new.fcgi")
    of this stack: `make test` runs two stacks from the same build side by side, and a download on
    the other one must not count here (each worker has its stack's TRESEN_CONFIG)."""
    peaks = {}
    own = f"TRESEN_CONFIG={STACK['config']}".encode()
    for status in glob.glob("/proc/[0-9]*/status"):
        pid = status.split("/")[2]
        try:
            cmd = open(f"/proc/{pid}/cmdline", "rb").read()
            if f"cgi-bin/{program}".encode() not in cmd:
                continue
            if own not in open(f"/proc/{pid}/environ", "rb").read().split(b"\0"):
                continue
            for line in open(status):
                if line.startswith("VmHWM:"):
                    peaks[pid] = int(line.split()[1])
        except OSError:
            pass
    return peaks


def world_readable_file(name, data: bytes):
    """A file the tools (running as the web user) can read: under the stack's folder, not pytest's private one."""
    folder = os.path.join(STACK["dir"], "fixtures")
    os.makedirs(folder, mode=0o755, exist_ok=True)
    path = os.path.join(folder, name)
    with open(path, "wb") as f:
        f.write(data)
    os.chmod(path, 0o644)
    return path
# ---- mail: the sink keeps every delivered mail in a Maildir ----

GOOD_PASSWORD = "Kaffeetasse-im-Regen-7"


def new_address(prefix="user", domain="wohnbau.example"):
    """An address no other test uses."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}@{domain}"


_parsed = {}


def all_mails():
    """Every mail in the sink; each is parsed once (a run puts thousands there, and tests poll)."""
    box = mailbox.Maildir(STACK["mail_dir"], factory=None, create=False)
    out = []
    for key in box.keys():
        msg = _parsed.get(key)
        if msg is None:
            try:
                raw = box.get_bytes(key)
            except (KeyError, FileNotFoundError):
                continue
            msg = _parsed[key] = email.message_from_bytes(raw, policy=email.policy.default)
        out.append(msg)
    return out


def mails_to(address):
    """Mails the sink received for this recipient (the sink records the envelope in X-RcptTo)."""
    return [m for m in all_mails() if str(m["X-RcptTo"]).lower() == address.lower()]


def wait_mails(address, count=1, timeout=30, subject=None):
    """Waits until at least count mails (with subject in their subject) reached address."""
    end = time.time() + timeout
    while True:
        found = [m for m in mails_to(address) if subject is None or subject in str(m["Subject"])]
        if len(found) >= count:
            return found
        if time.time() > end:
            raise AssertionError(f"{len(found)} of {count} mails to {address} arrived within {timeout}s")
        time.sleep(0.3)


def wait_mail(address, subject=None, timeout=30):
    return wait_mails(address, 1, timeout, subject)[-1]


def text_of(msg):
    return msg.get_body(("plain",)).get_content()


def html_of(msg):
    return msg.get_body(("html",)).get_content()


def link_in(msg, path):
    """The portal link to path (e.g. "/confirm") in the plain-text part."""
    m = re.search(re.escape(BASE + path) + r"\?token=[A-Za-z0-9_-]+", text_of(msg))
    assert m, f"no {path} link in the mail"
    return m.group(0)


def press_link_button(browser, link):
    """Follows a link from a mail as a person does: the GET shows a page with a button (and spends
    nothing, R-MAIL 4); pressing the button POSTs the token with the page's CSRF token.
    Returns the POST's response, or the GET's when the page has no button (a bad link)."""
    page = browser.get(link)
    if page.status_code != 200:
        return page
    path = link.replace(BASE, "").split("?")[0]
    m = re.search(r'<form method="post" action="' + re.escape(path) + r'">.*?name="token" value="([^"]+)"',
                  page.text, re.S)
    assert m, f"no button on the page of {path}"
    return browser.post(path, {"csrf": csrf_of(page.text), "token": m.group(1)})


def wait_until(check, timeout=30, what="condition"):
    end = time.time() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.time() > end:
            raise AssertionError(f"{what} not reached within {timeout}s")
        time.sleep(0.3)


def register(browser, email_, name="Rita Neu", password=GOOD_PASSWORD, **extra):
    return browser.submit("/register", {"name": name, "email": email_, "password": password, **extra})


# ---- programs of the stack run directly (sanitizer reports land in the stack's log folder) ----

def tool_env(config=None):
    env = {**os.environ, "TRESEN_CONFIG": config or STACK["config"]}
    if STACK["flavour"] == "asan":
        env["ASAN_OPTIONS"] = f"log_path={STACK['log_dir']}/asan:detect_leaks=0:halt_on_error=1:abort_on_error=1"
        env["UBSAN_OPTIONS"] = f"log_path={STACK['log_dir']}/ubsan:print_stacktrace=1:halt_on_error=1"
    return env


def run_tool(name, *args, config=None, **kw):
    return subprocess.run([os.path.join(STACK["bin"], f"tresen-{name}"), *args], env=tool_env(config),
                          capture_output=True, text=True, **kw)


def run_cgi(page, method="GET", query="", body="", cookie="", config=None):
    """Runs a page program as plain CGI (no web server); returns (status, headers, body)."""
    prog = os.path.join(os.path.dirname(STACK["bin"]), "cgi-bin", f"{page}.fcgi")
    env = {**tool_env(config), "REQUEST_METHOD": method, "QUERY_STRING": query, "REMOTE_ADDR": "192.0.2.7",
           "REQUEST_URI": "/" + page + ("?" + query if query else ""), "HTTP_COOKIE": cookie}
    if method == "POST":
        env.update(CONTENT_TYPE="application/x-www-form-urlencoded", CONTENT_LENGTH=str(len(body.encode())))
    r = subprocess.run([prog], input=body.encode(), env=env, capture_output=True)
    head, _, text = r.stdout.decode().partition("\r\n\r\n")
    headers = dict(line.split(": ", 1) for line in head.split("\r\n")[1:] if ": " in line)
    status = int(head.split("\r\n")[0].split()[1])
    return status, headers, text


# ---- deployment (issue 18): the same suite through nginx (make test-nginx) ----

def pytest_configure(config):
    config.addinivalue_line("markers", "apache_only: tests Apache's own behaviour (mod_reqtimeout); skipped under nginx")


def pytest_collection_modifyitems(config, items):
    if STACK.get("web") != "nginx":
        return
    skip = pytest.mark.skip(reason="tests Apache's own behaviour; this stack runs nginx")
    for item in items:
        if item.get_closest_marker("apache_only"):
            item.add_marker(skip)


def web_error_log():
    """Where the page programs' log lines land: Apache's error log, or spawn-fcgi's under nginx."""
    return STACK.get("web_error_log") or os.path.join(STACK["log_dir"], "apache-error.log")
