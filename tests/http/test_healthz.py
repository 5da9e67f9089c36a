"""test_healthz.py - /healthz: plain text for load balancers, no secrets (issue 18). A stopped mailer: tests/deploy."""
import re

import requests

from conftest import BASE, STACK


def config_secrets():
    found = []
    for line in open(STACK["config"]):
        m = re.match(r"\s*(password|secret)\s*=\s*(\S+)", line)
        if m:
            found.append(m.group(2))
    return found


def test_healthz_reports_database_outbox_and_jobs_in_plain_text():
    r = requests.get(BASE + "/healthz", timeout=30)
    assert r.headers["Content-Type"].startswith("text/plain")
    assert "no-store" in r.headers["Cache-Control"]
    lines = r.text.splitlines()
    assert lines[0] in ("status: ok", "status: fail")
    assert "database: ok" in lines
    assert re.search(r"^outbox: (ok|fail), \d+ waiting, oldest \d+s, \d+ failed$", r.text, re.M)
    # the stack's mailer runs every half second: a good run moments ago
    m = re.search(r"^job mailer: ok, started (\d+)s ago on \S+, last good run ended (\d+)s ago", r.text, re.M)
    assert m and int(m.group(2)) < 60, r.text
    assert r.status_code == (200 if lines[0] == "status: ok" else 503)


def test_healthz_names_no_secret():
    text = requests.get(BASE + "/healthz", timeout=30).text
    for s in config_secrets():
        assert s not in text
    assert "@" not in text and "password" not in text.lower()
    assert STACK["socket"] not in text


def test_healthz_answers_head_and_refuses_post():
    assert requests.head(BASE + "/healthz", timeout=30).status_code in (200, 503)
    assert requests.post(BASE + "/healthz", timeout=30).status_code in (403, 405)
