"""test_statement_limit.py - a page's statement that runs past Database.statement_seconds is stopped.

The page program runs with its own copy of the stack's configuration and a limit of one
second; another connection holds the search dictionary locked, so the page's search statement
waits for it as a statement over a huge data set would read. The page must answer at the
limit with the "took too long" page (never a hang until mod_fcgid gives up, never a 500),
and the same worker must serve the next request once the table is free.
"""
import os
import shutil
import tempfile
import threading

import pymysql
import pytest
from conftest import CGI, STACK, Client, env
from fcgi import Page


@pytest.fixture
def limited_requests_page():
    folder = tempfile.mkdtemp(prefix="tresen-limit-")
    os.chmod(folder, 0o755)    # the page runs as the web user
    config = os.path.join(folder, "tresen.hdf")
    with open(STACK["config"]) as f, open(config, "w") as out:
        out.write(f.read() + "\nDatabase.statement_seconds = 1\n")
    os.chmod(config, 0o644)
    page = Page(CGI, "requests", {**env(), "TRESEN_CONFIG": config}, STACK["tool_prefix"])
    yield page
    page.close()
    shutil.rmtree(folder)


def test_a_statement_over_the_limit_is_stopped_and_the_page_says_so(limited_requests_page):
    customer = Client().login("anna@wohnbau.example")
    lock = pymysql.connect(unix_socket=STACK["socket"], user="root", database="tresen")
    with lock.cursor() as c:
        c.execute("LOCK TABLES search_words WRITE")

    unlocked = threading.Lock()

    def unlock():
        if unlocked.acquire(blocking=False):
            with lock.cursor() as c:
                c.execute("UNLOCK TABLES")
    # without the limit the page would wait for the lock: freed after 20 s, it then answers 200
    release = threading.Timer(20, unlock)
    release.start()
    try:
        r = limited_requests_page.request("GET", path="/requests", query="q=Heizung", cookie=customer.cookie())
    finally:
        release.cancel()
        release.join()
        unlock()
        lock.close()
    assert r.status == 503
    assert "Das hat zu lange gedauert" in r.text and "grenzen Sie die Suche ein" in r.text
    assert "max_statement_time" not in r.text and "search_words" not in r.text
    again = limited_requests_page.request("GET", path="/requests", query="q=Heizung", cookie=customer.cookie())
    assert again.status == 200 and 'name="q"' in again.text
