"""test_install.py - `make install` into a DESTDIR, then run from there: migrate, Apache with the shipped snippet."""
import os
import re
import subprocess

from deploy import ROOT, Apache, configure, drop_db, root_sql, scratch_db, tool


def test_layout_follows_gnu_directories(install):
    d = install["dest"]
    for path in ("usr/bin/tresen-migrate", "usr/bin/tresen-mailer", "usr/bin/tresen-cleanup", "usr/bin/tresen-intake",
                 "usr/bin/tresen-backup", "usr/bin/tresen-restore", "usr/bin/tresen-fcgi", "usr/bin/tresen-config",
                 "usr/libexec/tresen/cgi-bin/home.fcgi", "usr/libexec/tresen/cgi-bin/requests/ticket.fcgi",
                 "usr/share/tresen/templates/layout.cs", "usr/share/tresen/htdocs/css", "usr/share/tresen/sql/001_core.sql",
                 "usr/share/tresen/apache-conf/rewrite.conf", "etc/tresen/tresen.hdf.example", "etc/tresen/crontab.example",
                 "etc/apache2/conf-available/tresen.conf", "etc/nginx/sites-available/tresen",
                 "var/lib/tresen/files", "usr/share/doc/tresen/README.md"):
        assert os.path.exists(os.path.join(d, path)), path
    for p in os.listdir(os.path.join(d, "usr/bin")):
        assert os.access(os.path.join(d, "usr/bin", p), os.X_OK), p


def test_no_demo_data_is_installed(install):
    d = install["dest"]
    assert not os.path.exists(os.path.join(d, "usr/bin/tresen-demo"))
    found = subprocess.run(["grep", "-rlI", "-e", "wohnbau.example", "-e", "Tresen-Demo-2026", d],
                           capture_output=True, text=True).stdout.split()
    assert [f for f in found if not f.endswith("README.md")] == []


def test_shipped_files_name_the_final_places(install):
    d = install["dest"]
    snippet = open(os.path.join(d, "etc/apache2/conf-available/tresen.conf")).read()
    assert 'Include "/usr/share/tresen/apache-conf/rewrite.conf"' in snippet
    assert "/etc/tresen/tresen.hdf" in snippet and d not in snippet
    assert not re.search(r"@[A-Z]+@", snippet)
    cron = open(os.path.join(d, "etc/tresen/crontab.example")).read()
    assert "/usr/bin/tresen-mailer" in cron and "TRESEN_CONFIG=/etc/tresen/tresen.hdf" in cron
    nginx = open(os.path.join(d, "etc/nginx/sites-available/tresen")).read()
    assert "root /usr/share/tresen/htdocs;" in nginx
    assert "fastcgi_pass unix:/var/run/tresen/requests-ticket.sock;" in nginx
    fcgi = open(os.path.join(d, "usr/bin/tresen-fcgi")).read()
    assert 'cgi="/usr/libexec/tresen/cgi-bin"' in fcgi and not re.search(r"@[A-Z]+@", fcgi)
    ex = open(os.path.join(d, "etc/tresen/tresen.hdf.example")).read()
    assert "templates = /usr/share/tresen/templates" in ex and "sql = /usr/share/tresen/sql" in ex


def test_nginx_config_has_every_route_of_the_rewrite_rules(install):
    nginx = open(os.path.join(install["dest"], "etc/nginx/sites-available/tresen")).read()
    rules = [l for l in open(os.path.join(ROOT, "apache-conf/rewrite.conf")) if l.startswith("RewriteRule") and ".fcgi" in l]
    assert nginx.count("fastcgi_pass unix:") == len(rules) + 1      # and the 404 page (@notfound)
    # nginx itself accepts it (inside a minimal http block of a private prefix)
    tmp = os.path.join(install["dest"], "nginx-check")
    os.makedirs(tmp)
    conf = os.path.join(tmp, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"pid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\nevents {{}}\nhttp {{\n"
                f"include /etc/nginx/mime.types;\nclient_body_temp_path {tmp}/b;\nfastcgi_temp_path {tmp}/f;\n"
                f"proxy_temp_path {tmp}/p;\nuwsgi_temp_path {tmp}/u;\nscgi_temp_path {tmp}/s;\n"
                + nginx.replace("include fastcgi_params;", "include /etc/nginx/fastcgi_params;") + "}\n")
    r = subprocess.run(["nginx", "-t", "-p", tmp, "-c", conf, "-e", f"{tmp}/error.log"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_migrate_creates_then_upgrades_the_schema(install):
    d = install["dest"]
    db, user, pw = scratch_db("upg")
    config = configure(d, db, user, pw, name="upgrade.hdf")
    try:
        migrate_twice(d, db, config)
    finally:
        drop_db(db)


def migrate_twice(d, db, config):
    # an older install: only the first migrations
    older = os.path.join(d, "sql-older")
    os.makedirs(older)
    files = sorted(f for f in os.listdir(os.path.join(d, "usr/share/tresen/sql")) if f.endswith(".sql"))
    for f in files[:2]:
        os.symlink(os.path.join(d, "usr/share/tresen/sql", f), os.path.join(older, f))
    tool(d, config, "migrate", older)
    assert int(root_sql("SELECT COUNT(*) FROM schema_migrations", db)) == 2
    out = tool(d, config, "migrate").stdout
    assert f"applied {files[-1]}" in out
    assert int(root_sql("SELECT COUNT(*) FROM schema_migrations", db)) == len(files)
    again = tool(d, config, "migrate").stdout
    assert "applied" not in again.replace("0 applied", "")
    # nothing of the demo data: no users, no tickets
    assert int(root_sql("SELECT COUNT(*) FROM users", db)) == 0
    assert int(root_sql("SELECT COUNT(*) FROM tickets", db)) == 0


def test_installed_site_serves_through_apache_with_the_snippet(install):
    d, config = install["dest"], install["config"]
    tool(d, config, "migrate")
    web = Apache(d, config)
    try:
        r = web.get("/")
        assert r.status_code == 200, r.text[:500]
        assert "text/html" in r.headers["Content-Type"]
        r = web.get("/login")
        assert r.status_code == 200 and 'name="csrf"' in r.text
        css = [f for f in os.listdir(os.path.join(d, "usr/share/tresen/htdocs/css")) if f.endswith(".css")][0]
        r = web.get(f"/css/{css}")
        assert r.status_code == 200 and r.headers.get("X-Content-Type-Options") == "nosniff"
        assert web.get("/requests/12345").status_code in (303, 404)
        # the configuration and the programs' folder are never served as files
        assert web.get("/cgi-bin/tresen.hdf").status_code in (403, 404)
        assert web.get("/no-such-page").status_code == 404
    finally:
        web.stop()
