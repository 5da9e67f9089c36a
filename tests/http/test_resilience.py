"""test_resilience.py - workers survive a MariaDB restart."""
from conftest import Browser, login_as, stack_cmd


def test_worker_keeps_serving_after_mariadb_restart():
    b = login_as("anna@wohnbau.example")
    assert "Anna Schmidt" in b.get("/").text      # the worker holds a connection now
    stack_cmd("restart-db")
    # the session lookup fails once on the dead connection, reconnects, re-prepares, retries
    for _ in range(3):
        r = b.get("/")
        assert r.status_code == 200
        assert "Anna Schmidt" in r.text
    # and writes work again too
    Browser().login("ben@wohnbau.example")
