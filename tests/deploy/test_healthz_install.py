"""test_healthz_install.py - /healthz of an installed site notices a stopped mailer and a mail that waits too long."""
import uuid

from deploy import Apache, root_sql, tool


def test_healthz_reports_a_stopped_mailer(install):
    d, db, config = install["dest"], install["db"], install["config"]
    tool(d, config, "migrate")
    web = Apache(d, config)
    try:
        # no mailer ever ran on this install: unhealthy, and it says why
        r = web.get("/healthz")
        assert r.status_code == 503 and r.headers["Content-Type"].startswith("text/plain")
        assert "status: fail" in r.text and "job mailer: fail, never ran" in r.text
        assert "database: ok" in r.text

        tool(d, config, "mailer")
        r = web.get("/healthz")
        assert r.status_code == 200, r.text
        assert r.text.startswith("status: ok\n") and "job mailer: ok" in r.text
        # cleanup and intake never ran here: shown, but not required (Health.required = mailer)
        assert "job cleanup: late, never ran" in r.text

        # then the mailer stops: its last run is 20 minutes old, and a mail waits 40 minutes
        root_sql("UPDATE job_runs SET started_at = NOW() - INTERVAL 1200 SECOND, "
                 "finished_at = NOW() - INTERVAL 1200 SECOND, last_ok_at = NOW() - INTERVAL 1200 SECOND "
                 "WHERE name = 'mailer'", db)
        to = f"healthz-{uuid.uuid4().hex[:8]}@example.net"
        root_sql("INSERT INTO outbox (created_at, kind, recipient, subject, body_text, body_html, message_id, next_attempt_at) "
                 f"VALUES (NOW() - INTERVAL 2400 SECOND, 'test', '{to}', 'Health', 'x', '<p>x</p>', "
                 f"'<{uuid.uuid4().hex}@tresen.example>', NOW() - INTERVAL 2400 SECOND)", db)
        r = web.get("/healthz")
        assert r.status_code == 503
        assert "status: fail" in r.text
        assert "job mailer: fail" in r.text and "last good run ended 1200s ago" in r.text.replace("1201s", "1200s")
        assert "outbox: fail, 1 waiting, oldest 24" in r.text
        assert to not in r.text      # no addresses

        # the mailer runs again: the mail goes out, healthy again
        tool(d, config, "mailer")
        r = web.get("/healthz")
        assert r.status_code == 200, r.text
        assert "outbox: ok, 0 waiting" in r.text
    finally:
        web.stop()
