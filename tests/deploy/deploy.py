"""deploy.py - helpers of the deployment tests: a staged `make install`, a scratch database, a private Apache or nginx."""
import json
import os
import pwd
import re
import grp
import secrets
import shutil
import socket
import subprocess
import time

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STACK = json.load(open(os.environ["TRESEN_STACK"]))
IS_ROOT = os.geteuid() == 0
LAYOUT = {"PREFIX": "/usr", "sysconfdir": "/etc", "localstatedir": "/var"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def root_sql(sql, db=None):
    argv = ["mariadb", "--no-defaults", "-S", STACK["socket"], "-u", "root", "-N", "-B", "-e", sql]
    if db:
        argv.append(db)
    return subprocess.run(argv, check=True, capture_output=True, text=True).stdout


def scratch_db(tag):
    """A new empty database with its own user: 'the customer's server'. Returns (name, user, password)."""
    name = f"tr_{tag}_{secrets.token_hex(3)}"
    pw = secrets.token_hex(12)
    root_sql(f"CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
             f"CREATE USER '{name}'@'localhost' IDENTIFIED BY '{pw}';"
             f"GRANT ALL ON {name}.* TO '{name}'@'localhost';")
    return name, name, pw


def drop_db(name):
    root_sql(f"DROP DATABASE IF EXISTS {name}; DROP USER IF EXISTS '{name}'@'localhost';")


def workdir(tag):
    """A folder below the stack's (reachable for the web user, unlike pytest's tmp folders)."""
    d = os.path.join(STACK["dir"], "deploy", f"{tag}-{secrets.token_hex(3)}")
    os.makedirs(d)
    os.chmod(os.path.dirname(d), 0o755)
    os.chmod(d, 0o755)
    return d


def make_install(destdir, **extra):
    args = ["make", "--no-print-directory", "-C", ROOT, "install", f"DESTDIR={destdir}"]
    args += [f"{k}={v}" for k, v in {**LAYOUT, **extra}.items()]
    r = subprocess.run(args, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


def configure(destdir, db, user, password, extra="", name="tresen.hdf"):
    """tresen.hdf from the installed example, with the paths moved into DESTDIR and the scratch database."""
    ex = open(os.path.join(destdir, "etc/tresen/tresen.hdf.example")).read()
    ex = ex.replace("/usr/share/tresen", f"{destdir}/usr/share/tresen").replace("/var/lib/tresen", f"{destdir}/var/lib/tresen")
    ex = ex.replace("socket = /run/mysqld/mysqld.sock", f"socket = {STACK['socket']}")
    ex = ex.replace("name = tresen", f"name = {db}").replace("user = tresen", f"user = {user}")
    ex = ex.replace("password = CHANGE-ME", f"password = {password}", 1)
    ex = ex.replace("secret = CHANGE-ME", f"secret = {secrets.token_hex(32)}")
    ex = ex.replace("smtp_url = smtp://localhost:25", f"smtp_url = smtp://127.0.0.1:{STACK['ports']['smtp']}")
    ex = ex.replace("tls = starttls\n  # leave", "tls = none\n  # leave")
    ex += extra
    path = os.path.join(destdir, "etc/tresen", name)
    for line in extra.splitlines():
        # a host's own folders (Paths.files = ..., Paths.tmp = ...): empty, the workers'
        m = re.match(r"\s*Paths\.(files|tmp)\s*=\s*(\S+)", line)
        if m:
            os.makedirs(m.group(2), exist_ok=True)
            if IS_ROOT:
                shutil.chown(m.group(2), "www-data", "www-data")
    with open(path, "w") as f:
        f.write(ex)
    if IS_ROOT:
        os.chown(path, 0, grp.getgrnam("www-data").gr_gid)
        os.chmod(path, 0o640)
        for d in ("var/lib/tresen/files", "var/lib/tresen/tmp"):
            www = pwd.getpwnam("www-data")
            os.chown(os.path.join(destdir, d), www.pw_uid, www.pw_gid)
    return path


def tool(destdir, config, name, *args, check=True, env=None, as_root=False):
    argv = [os.path.join(destdir, "usr/bin", f"tresen-{name}"), *args]
    if IS_ROOT and not as_root:
        argv = ["runuser", "-u", "www-data", "--", *argv]
    r = subprocess.run(argv, capture_output=True, text=True, cwd=os.path.dirname(config),
                       env={**os.environ, "TRESEN_CONFIG": config, **(env or {})})
    if check:
        assert r.returncode == 0, f"tresen-{name}: {r.stdout}{r.stderr}"
    return r


def wait_port(port, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port}")


class Apache:
    """A private Apache whose whole site configuration is the installed conf-available/tresen.conf."""

    MODULES = ["mpm_event", "authz_core", "mime", "dir", "alias", "rewrite", "headers", "expires", "fcgid", "reqtimeout"]

    def __init__(self, destdir, config, port=None, name="apache"):
        self.dir = os.path.join(destdir, name)
        os.makedirs(os.path.join(self.dir, "fcgid"), exist_ok=True)
        self.port = port or free_port()
        snippet = open(os.path.join(destdir, "etc/apache2/conf-available/tresen.conf")).read()
        snippet = snippet.replace("/usr/share/tresen", f"{destdir}/usr/share/tresen")
        snippet = snippet.replace("/usr/libexec/tresen", f"{destdir}/usr/libexec/tresen")
        snippet = snippet.replace("/etc/tresen/tresen.hdf", config)
        mods = "\n".join(f"LoadModule {m}_module /usr/lib/apache2/modules/mod_{m}.so" for m in self.MODULES)
        user = "User www-data\nGroup www-data" if IS_ROOT else ""
        with open(os.path.join(self.dir, "apache.conf"), "w") as f:
            f.write(f"""ServerRoot "{self.dir}"
DefaultRuntimeDir "{self.dir}"
PidFile "{self.dir}/apache.pid"
Mutex file:{self.dir} default
Listen 127.0.0.1:{self.port}
ServerName 127.0.0.1
{user}
ErrorLog "{self.dir}/error.log"
{mods}
TypesConfig /etc/mime.types
FcgidIPCDir "{self.dir}/fcgid"
FcgidProcessTableFile "{self.dir}/fcgid_shm"
<Directory />
  AllowOverride None
  Require all denied
</Directory>
DocumentRoot "{destdir}/usr/share/tresen/htdocs"
{snippet}
""")
        if IS_ROOT:
            shutil.chown(os.path.join(self.dir, "fcgid"), "www-data", "www-data")
        self.proc = subprocess.Popen(["/usr/sbin/apache2", "-f", os.path.join(self.dir, "apache.conf"), "-DFOREGROUND"],
                                     stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.dir, "apache.out"), "wb"),
                                     start_new_session=True)
        wait_port(self.port)
        self.url = f"http://127.0.0.1:{self.port}"

    def get(self, path, **kw):
        kw.setdefault("allow_redirects", False)
        return requests.get(self.url + path, timeout=30, **kw)

    def browser(self, email, password="Tresen-Demo-2026"):
        """A signed-in requests session on this host."""
        b = requests.Session()
        page = b.get(self.url + "/login", timeout=30).text
        token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        r = b.post(self.url + "/login", data={"csrf": token, "email": email, "password": password},
                   allow_redirects=False, timeout=30)
        assert r.status_code == 303, f"login of {email} on {self.url}: {r.status_code}"
        return b

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
