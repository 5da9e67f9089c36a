"""test_shared.py - make dist-shared: unpacked by a non-root user into a folder served by Apache with AllowOverride All
and mod_fcgid, set up from the shell, then the HTTP smoke tests."""
import os
import re
import shutil
import subprocess

import requests

from deploy import IS_ROOT, ROOT, STACK, drop_db, free_port, root_sql, scratch_db, wait_port, workdir

USER = "www-data"     # the hosting account: not root; on a shared host the workers run as it too


def as_user(argv, **kw):
    return subprocess.run((["runuser", "-u", USER, "--"] if IS_ROOT else []) + argv, capture_output=True, text=True, **kw)


def start_apache(folder, portal, port):
    mods = ["mpm_event", "authz_core", "mime", "dir", "alias", "rewrite", "headers", "fcgid", "reqtimeout"]
    run = os.path.join(folder, "apache")
    os.makedirs(os.path.join(run, "fcgid"))
    if IS_ROOT:
        shutil.chown(os.path.join(run, "fcgid"), USER, USER)
    conf = os.path.join(run, "apache.conf")
    with open(conf, "w") as f:
        f.write(f"""ServerRoot "{run}"
DefaultRuntimeDir "{run}"
PidFile "{run}/apache.pid"
Mutex file:{run} default
Listen 127.0.0.1:{port}
ServerName 127.0.0.1
{"User www-data" if IS_ROOT else ""}
{"Group www-data" if IS_ROOT else ""}
ErrorLog "{run}/error.log"
{chr(10).join(f"LoadModule {m}_module /usr/lib/apache2/modules/mod_{m}.so" for m in mods)}
TypesConfig /etc/mime.types
FcgidIPCDir "{run}/fcgid"
FcgidProcessTableFile "{run}/fcgid_shm"
DocumentRoot "{folder}/www"
<Directory />
  AllowOverride None
  Require all denied
</Directory>
# a hoster's usual user folder: everything up to the account's .htaccess files
Alias /support "{portal}"
<Directory "{folder}/home">
  AllowOverride All
  Options FollowSymLinks
  Require all granted
</Directory>
""")
    os.makedirs(os.path.join(folder, "www"), exist_ok=True)
    p = subprocess.Popen(["/usr/sbin/apache2", "-f", conf, "-DFOREGROUND"], stdout=subprocess.DEVNULL,
                         stderr=open(os.path.join(run, "apache.out"), "wb"), start_new_session=True)
    wait_port(port)
    return p


def test_shared_hosting_bundle_unpacked_set_up_and_served():
    r = subprocess.run(["make", "--no-print-directory", "-C", ROOT, "dist-shared"], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    tarball = os.path.join(ROOT, "build", "dist", "tresen-shared.tar.gz")
    folder = workdir("shared")
    home = os.path.join(folder, "home")
    os.makedirs(home)
    if IS_ROOT:
        shutil.chown(home, USER, USER)
    shutil.copy(tarball, folder)
    os.chmod(os.path.join(folder, "tresen-shared.tar.gz"), 0o644)
    r = as_user(["tar", "xzf", os.path.join(folder, "tresen-shared.tar.gz"), "-C", home])
    assert r.returncode == 0, r.stderr
    portal = os.path.join(home, "support")
    os.rename(os.path.join(home, "tresen-shared"), portal)
    db, user, pw = scratch_db("shared")
    port = free_port()
    web = None
    try:
        r = as_user([os.path.join(portal, "setup"), "--url", f"http://127.0.0.1:{port}/support", "--db-name", db,
                     "--db-user", user, "--db-password", pw, "--db-socket", STACK["socket"],
                     "--smtp", f"smtp://127.0.0.1:{STACK['ports']['smtp']}"], env={"PATH": "/usr/sbin:/usr/bin:/bin"})
        assert r.returncode == 0, r.stdout + r.stderr
        assert "schema up to date" in r.stdout
        assert int(root_sql("SELECT COUNT(*) FROM schema_migrations", db)) == len(
            [f for f in os.listdir(os.path.join(ROOT, "sql")) if re.match(r"\d{3}_.*\.sql$", f)])
        conf = open(os.path.join(portal, "tresen.hdf")).read()
        assert f"Database.name = {db}" in conf and "RewriteBase /support/" in open(os.path.join(portal, ".htaccess")).read()
        # running setup again keeps the configuration and only migrates
        again = as_user([os.path.join(portal, "setup")])
        assert again.returncode == 0 and "schema up to date (0 applied now)" in again.stdout

        web = start_apache(folder, portal, port)
        base = f"http://127.0.0.1:{port}/support"
        s = requests.Session()
        home_page = s.get(base + "/", timeout=30)
        assert home_page.status_code == 200 and "text/html" in home_page.headers["Content-Type"]
        assert 'href="/support/' in home_page.text           # links carry the portal's path
        login = s.get(base + "/login", timeout=30)
        assert login.status_code == 200
        token = re.search(r'name="csrf" value="([^"]+)"', login.text).group(1)
        bad = s.post(base + "/login", data={"csrf": token, "email": "niemand@example.com", "password": "falsch-falsch"},
                     allow_redirects=False, timeout=30)
        assert 200 <= bad.status_code < 500 and bad.status_code not in (303,)
        assert s.get(base + "/register", timeout=30).status_code == 200
        assert s.get(base + "/requests", allow_redirects=False, timeout=30).status_code in (302, 303)
        css = [f for f in os.listdir(os.path.join(portal, "css")) if f.endswith(".css")][0]
        assert s.get(f"{base}/css/{css}", timeout=30).status_code == 200
        health = s.get(base + "/healthz", timeout=30)
        assert "database: ok" in health.text
        # nothing but pages and static files: not the configuration, programs, libraries, templates or data
        for path in ("/tresen.hdf", "/bin/tresen-migrate", "/lib/libmariadb.so.3", "/templates/layout.cs",
                     "/sql/001_core.sql", "/setup", "/README.txt", "/tresen.hdf.example", "/htaccess.example",
                     "/cgi-bin/", "/data/"):
            got = s.get(base + path, allow_redirects=False, timeout=30)
            assert got.status_code in (403, 404), (path, got.status_code)
            assert pw not in got.text
        # the programs found their libraries beside them, not the system's
        ldd = subprocess.run(["ldd", os.path.join(portal, "cgi-bin", "requests", "ticket.fcgi")],
                             capture_output=True, text=True).stdout
        assert f"{portal}/cgi-bin/requests/../../lib/libmariadb.so.3" in ldd
    finally:
        if web:
            web.terminate()
            web.wait(20)
        drop_db(db)
