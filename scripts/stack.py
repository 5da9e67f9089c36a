#!/usr/bin/python3
"""stack.py - the private local stack: MariaDB, Apache + mod_fcgid, a mail sink, Dovecot, the mailer and the intake.

Everything lives under one folder (var/ for `make run`, var/test for the
tests): the database files, sockets, logs, configuration, mails and
attachments. Nothing system-wide is touched; every process is started here
and stopped by its PID. Dovecot runs as a private instance (its own
configuration, certificate, runtime and state folders under imap/) with one
test account, the intake mailbox: the sink delivers mail for Mail.from
(support@tresen.example, also with a +token) into it, so a reply to a
notification can be tried end to end.

  stack.py run   --dir var [--port 8080]       foreground; Ctrl-C stops all
  stack.py start --dir var/test --flavour asan background; writes stack.json
  stack.py stop  --dir var/test
  stack.py restart-db | stop-mail | start-mail --dir var/test
  --no-mailer, --no-intake: leave the mailer / intake loop out (the tests run the intake themselves)
  --no-automations: leave the loop of tresen-automations, -approvals and -cleanup out (the tests run them)
  --web nginx: nginx + spawn-fcgi/multiwatch (scripts/tresen-fcgi) instead of Apache + mod_fcgid
"""
import argparse
import grp
import hashlib
import json
import os
import re
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IS_ROOT = os.geteuid() == 0
SUPPORT_ADDRESS = "support@tresen.example"   # Mail.from: the intake reads its mailbox
IMAP_USER = "support"
WEB_USER = "www-data"   # Apache will not serve as root; its workers run as this user then.


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_in_use(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def alive(pid):
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, TypeError):
        return False
    except PermissionError:
        return True
    # a zombie child counts as gone
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except OSError:
        return False


def wait_until(check, timeout, what):
    end = time.time() + timeout
    while time.time() < end:
        if check():
            return
        time.sleep(0.1)
    raise SystemExit(f"stack: {what} did not come up within {timeout}s")


def stop_pid(pid, name, timeout=20):
    if not pid or not alive(pid):
        return
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    end = time.time() + timeout
    while time.time() < end and alive(pid):
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        time.sleep(0.1)
    if alive(pid):
        print(f"stack: {name} did not stop; killing it", file=sys.stderr)
        os.kill(pid, signal.SIGKILL)


class Stack:
    def __init__(self, folder, flavour="rel", port=None, web=None):
        self.dir = os.path.abspath(folder)
        self.flavour = flavour
        self.run_dir = os.path.join(self.dir, "run")
        self.log_dir = os.path.join(self.dir, "log")
        self.db_dir = os.path.join(self.dir, "db")
        self.mail_dir = os.path.join(self.dir, "mail")
        self.files_dir = os.path.join(self.dir, "files")
        self.tmp_dir = os.path.join(self.dir, "tmp")
        self.apache_dir = os.path.join(self.dir, "apache")
        self.imap_dir = os.path.join(self.dir, "imap")
        self.config = os.path.join(self.dir, "tresen.hdf")
        self.state_file = os.path.join(self.dir, "stack.json")
        self.socket = os.path.join(self.run_dir, "mysqld.sock")
        self.bin = os.path.join(ROOT, "build", flavour, "bin")
        self.cgi = os.path.join(ROOT, "build", flavour, "cgi-bin")
        self.state = self.load_state()
        # deployment (issue 18): the web server, Apache (mod_fcgid) or nginx (spawn-fcgi + multiwatch)
        self.web = web or self.state.get("web") or "apache"
        self.nginx_dir = os.path.join(self.dir, "nginx")
        self.fcgi_run = os.path.join(self.run_dir, "fcgi")
        self.http_port = port or self.state.get("ports", {}).get("http") or free_port()
        self.procs = {}

    # ---- state ----
    def load_state(self):
        try:
            with open(self.state_file) as f:
                return json.load(f)
        except (OSError, ValueError):
            return {}

    def save_state(self):
        with open(self.state_file, "w") as f:
            json.dump(self.state, f, indent=2)

    def secrets(self):
        path = os.path.join(self.dir, "secrets.json")
        try:
            with open(path) as f:
                return json.load(f)
        except (OSError, ValueError):
            s = {"db_password": secrets.token_hex(16), "secret": secrets.token_hex(32)}
            with open(path, "w") as f:
                json.dump(s, f)
            os.chmod(path, 0o600)
        if "imap_password" not in s:       # stacks made before the intake
            s["imap_password"] = secrets.token_hex(16)
            with open(path, "w") as f:
                json.dump(s, f)
        return s

    # ---- preparation ----
    def prepare(self):
        for d in (self.dir, self.run_dir, self.log_dir, self.files_dir, self.tmp_dir,
                  self.apache_dir, self.mail_dir, *(os.path.join(self.mail_dir, x) for x in ("tmp", "new", "cur"))):
            os.makedirs(d, exist_ok=True)
        if not os.path.isdir(self.cgi):
            raise SystemExit(f"stack: {self.cgi} is missing; run make build first")
        sec = self.secrets()
        self.db_port = free_port()
        self.smtp_port = self.state.get("ports", {}).get("smtp") or free_port()
        if port_in_use(self.smtp_port):
            self.smtp_port = free_port()
        self.imap_port = self.state.get("ports", {}).get("imap") or free_port()
        if port_in_use(self.imap_port) or self.imap_port == self.smtp_port:
            self.imap_port = free_port()
        if port_in_use(self.http_port):
            raise SystemExit(f"stack: port {self.http_port} is in use (set PORT=... to choose another)")
        self.url = f"http://127.0.0.1:{self.http_port}"
        self.write_mycnf()
        self.write_dovecot(sec)
        self.write_config(sec)
        if self.web == "nginx":
            self.write_nginx()
        else:
            self.write_apache()
        if IS_ROOT:
            self.give_to_web_user()

    def write_mycnf(self):
        pool = os.environ.get("TRESEN_DB_POOL", "512M")
        with open(os.path.join(self.dir, "my.cnf"), "w") as f:
            f.write(f"""# my.cnf - the private MariaDB server of this stack (written by scripts/stack.py)
[mariadbd]
datadir={self.db_dir}
socket={self.socket}
port={self.db_port}
bind-address=127.0.0.1
pid-file={self.run_dir}/mysqld.pid
log-error={self.log_dir}/mariadb.log
skip-name-resolve
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
# two-letter words (IP, DB, PC) must be searchable: before any FULLTEXT index exists
innodb_ft_min_token_size=2
ft_min_word_len=2
innodb_buffer_pool_size={pool}
innodb_log_file_size=256M
innodb_flush_log_at_trx_commit=2
max_connections=1500
# one connection per page worker, short queries: a pool of threads per core
# wakes fewer threads per query than a thread per connection (~15% less CPU)
thread_handling=pool-of-threads
# a pool thread that blocks unseen (writing a result to a worker that is not reading yet)
# holds up its group until the stall limit: at the default 500 ms a repeated search had a p99
# of 850 ms (bench/run), at 10 ms another thread takes over at once
thread_pool_stall_limit=10
# first come, first served: with the default (auto) a connection's statements outside a
# transaction may wait behind those inside one for up to a second (prio_kickup_timer)
thread_pool_priority=high
# the statements marked SQL_CACHE (small tables read on every page that change rarely: holidays,
# macros, staff, the help centre's tree, the visitors' urgent notice, the help centre's search)
# are answered from the cache until a write to one of their tables; every other statement
# passes it by
query_cache_type=DEMAND
query_cache_size=64M
max_prepared_stmt_count=500000
table_open_cache=4000
wait_timeout=28800
""")

    def write_config(self, sec):
        text = f"""# tresen.hdf - configuration of this local stack (written by scripts/stack.py)
Site {{
  name = Tresen
  url = {self.url}
  lang = de
  timezone = Europe/Berlin
}}
Database {{
  socket = {self.socket}
  name = tresen
  user = tresen
  password = {sec['db_password']}
}}
Paths {{
  templates = {ROOT}/templates
  sql = {ROOT}/sql
  files = {self.files_dir}
  tmp = {self.tmp_dir}
}}
Security {{
  secret = {sec['secret']}
}}
Mail {{
  from = {SUPPORT_ADDRESS}
  from_name = Tresen Kundenservice
  smtp_url = smtp://127.0.0.1:{self.smtp_port}
  # the local mail sink speaks plain SMTP on loopback
  tls = none
  helo = tresen.example
}}
Intake {{
  # the private Dovecot of this stack; the sink delivers mail for Mail.from into it
  url = imap://127.0.0.1:{self.imap_port}/INBOX
  tls = starttls
  ca_file = {self.imap_cert}
  username = {IMAP_USER}
  password = {sec['imap_password']}
}}
Log {{
  level = info
}}
"""
        extra = os.environ.get("TRESEN_EXTRA_CONFIG")
        if extra:
            text += extra.replace("\\n", "\n") + "\n"
        with open(self.config, "w") as f:
            f.write(text)
        os.chmod(self.config, 0o640)

    # ---- Dovecot: a private instance for the intake mailbox ----
    def imap_run_dir(self):
        """Dovecot's runtime folder holds its sockets, whose paths must stay short (108 bytes)."""
        run = os.path.join(self.imap_dir, "run")
        if len(run) > 60:
            run = os.path.join("/tmp", "tresen-dovecot-" + hashlib.sha256(self.dir.encode()).hexdigest()[:12])
        return run

    def write_dovecot(self, sec):
        home, state, run = os.path.join(self.imap_dir, "home"), os.path.join(self.imap_dir, "state"), self.imap_run_dir()
        for d in (self.imap_dir, home, state, run):
            os.makedirs(d, exist_ok=True)
        self.imap_cert = os.path.join(self.imap_dir, "cert.pem")
        key = os.path.join(self.imap_dir, "key.pem")
        if not os.path.exists(self.imap_cert) or not os.path.exists(key):
            r = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                                "-out", self.imap_cert, "-days", "3650", "-subj", "/CN=127.0.0.1",
                                "-addext", "subjectAltName=IP:127.0.0.1"], capture_output=True, text=True)
            if r.returncode != 0:
                sys.stderr.write(r.stderr)
                raise SystemExit("stack: openssl could not make the IMAP certificate")
        os.chmod(key, 0o600)
        os.chmod(self.imap_cert, 0o644)
        users = os.path.join(self.imap_dir, "users")
        with open(users, "w") as f:
            f.write(f"{IMAP_USER}:{{PLAIN}}{sec['imap_password']}::::::\n")
        if IS_ROOT:
            # mail is stored as the web user's, login and auth run as Dovecot's own users
            mail_uid, mail_gid = pwd.getpwnam(WEB_USER).pw_uid, grp.getgrnam(WEB_USER).gr_gid
            internal, login = "dovecot", "dovenull"
            os.chown(users, 0, grp.getgrnam("dovecot").gr_gid)
            os.chmod(users, 0o640)
            os.chown(home, mail_uid, mail_gid)
            extra = ""
        else:
            # one user for everything: Dovecot's unprivileged mode
            mail_uid, mail_gid = os.getuid(), os.getgid()
            internal = login = pwd.getpwuid(os.getuid()).pw_name
            os.chmod(users, 0o600)
            extra = "service anvil {\n  chroot =\n}\nservice imap-login {\n  chroot =\n}\n"
        dh = "/usr/share/dovecot/dh.pem"
        with open(os.path.join(self.imap_dir, "dovecot.conf"), "w") as f:
            f.write(f"""# dovecot.conf - the private Dovecot of this stack (written by scripts/stack.py): the intake mailbox
protocols = imap
listen = 127.0.0.1
base_dir = {run}
state_dir = {state}
instance_name = tresen-{hashlib.sha256(self.dir.encode()).hexdigest()[:12]}
log_path = {self.log_dir}/dovecot.log
ssl = yes
ssl_cert = <{self.imap_cert}
ssl_key = <{key}
{"ssl_dh = <" + dh if os.path.exists(dh) else ""}
# passwords only after STARTTLS, as the intake and the sink speak it
disable_plaintext_auth = yes
auth_mechanisms = plain login
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {users}
}}
userdb {{
  driver = static
  args = uid={mail_uid} gid={mail_gid} home={home}/%n
}}
mail_location = maildir:~/Maildir
first_valid_uid = {mail_uid}
first_valid_gid = {mail_gid}
default_internal_user = {internal}
default_login_user = {login}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.imap_port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
{extra}""")
        with open(os.path.join(self.imap_dir, "sink.json"), "w") as f:
            json.dump({"port": self.imap_port, "user": IMAP_USER, "password": sec["imap_password"],
                       "ca_file": self.imap_cert, "address": SUPPORT_ADDRESS}, f)
        os.chmod(os.path.join(self.imap_dir, "sink.json"), 0o600)

    def sanitizer_env(self):
        if self.flavour != "asan":
            return {}
        return {
            "ASAN_OPTIONS": f"log_path={self.log_dir}/asan:detect_leaks=0:halt_on_error=1:abort_on_error=1",
            "UBSAN_OPTIONS": f"log_path={self.log_dir}/ubsan:print_stacktrace=1:halt_on_error=1",
        }

    def write_apache(self):
        with open(os.path.join(ROOT, "apache-conf", "tresen.conf.in")) as f:
            conf = f.read()
        env_lines = "\n".join(f'FcgidInitialEnv {k} "{v}"' for k, v in self.sanitizer_env().items())
        user_lines = f"User {WEB_USER}\nGroup {WEB_USER}" if IS_ROOT else ""
        values = {
            "APACHE_DIR": self.apache_dir, "RUN": self.run_dir, "LOG": self.log_dir,
            "PORT": str(self.http_port), "USER_LINES": user_lines, "ROOT": ROOT, "CGI": self.cgi,
            "CONFIG": self.config, "FCGID_ENV": env_lines,
            "MAX_REQUEST": str(1100 * 1024 * 1024),
            "PER_CLASS": os.environ.get("TRESEN_FCGI_PER_CLASS", "32"),
            # the tests shorten it to see a slow client cut off within seconds
            "REQ_TIMEOUT": os.environ.get("TRESEN_REQ_TIMEOUT", "header=20-40,MinRate=500 body=20,MinRate=500"),
        }
        for k, v in values.items():
            conf = conf.replace(f"@{k}@", v)
        with open(os.path.join(self.apache_dir, "apache.conf"), "w") as f:
            f.write(conf)

    def write_nginx(self):
        """nginx.conf made from the rewrite rules by scripts/nginx-conf, the same as make install ships."""
        for d in (self.nginx_dir, self.fcgi_run):
            os.makedirs(d, exist_ok=True)
        # the test stack's slow-client limits (TRESEN_REQ_TIMEOUT, mod_reqtimeout syntax) as nginx timeouts
        rt = os.environ.get("TRESEN_REQ_TIMEOUT", "header=20-40 body=20")
        header = re.search(r"header=\d+-?(\d+)?", rt)
        body = re.search(r"body=(\d+)", rt)
        h = (header.group(1) if header else None) or "20"
        timeouts = f"{h},{body.group(1) if body else 20}"
        argv = [os.path.join(ROOT, "scripts", "nginx-conf"), "--stack", os.path.join(ROOT, "htdocs"), self.fcgi_run,
                os.path.join(ROOT, "apache-conf", "rewrite.conf"), "--port", str(self.http_port),
                "--prefix", self.nginx_dir, "--log", self.log_dir, "--timeouts", timeouts]
        if IS_ROOT:
            argv += ["--user", WEB_USER]
        conf = subprocess.run(argv, check=True, capture_output=True, text=True).stdout
        with open(os.path.join(self.nginx_dir, "nginx.conf"), "w") as f:
            f.write(conf)

    def fcgi(self, command):
        """scripts/tresen-fcgi, as shipped: one spawn-fcgi + multiwatch per page program."""
        argv = [os.path.join(ROOT, "scripts", "tresen-fcgi"), command, "-r", self.fcgi_run]
        if command == "start":
            argv += ["-d", self.cgi, "-f", os.environ.get("TRESEN_FCGI_WORKERS", "3")]
            argv += ["-u", WEB_USER, "-U", WEB_USER] if IS_ROOT else []
        env = {**os.environ, **self.tool_env(), "TRESEN_FCGI_LOG": os.path.join(self.log_dir, "fcgi.log")}
        r = subprocess.run(argv, env=env, capture_output=True, text=True)
        if r.returncode != 0:
            sys.stderr.write(r.stdout + r.stderr)
            raise SystemExit(f"stack: tresen-fcgi {command} failed")

    def give_to_web_user(self):
        """Workers run as www-data: let them read the config, write files, tmp and logs."""
        uid = pwd.getpwnam(WEB_USER).pw_uid
        gid = grp.getgrnam(WEB_USER).gr_gid
        os.chown(self.config, 0, gid)
        for d in (self.files_dir, self.tmp_dir, self.log_dir):
            os.chown(d, uid, gid)
        if self.web == "nginx":
            os.chown(self.fcgi_run, uid, gid)
        # the checkout must be reachable (traversable) for the workers
        path = ROOT
        while path != "/":
            st = os.stat(path)
            if not st.st_mode & 0o001:
                os.chmod(path, st.st_mode | 0o001)
            path = os.path.dirname(path)

    # ---- processes ----
    def spawn(self, name, argv, env=None, log=None):
        out = open(os.path.join(self.log_dir, log or f"{name}.out"), "ab")
        p = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                             env={**os.environ, **(env or {})}, start_new_session=True, cwd=self.dir)
        self.procs[name] = p
        self.state.setdefault("pids", {})[name] = p.pid
        return p

    def tool_env(self):
        return {"TRESEN_CONFIG": self.config, **self.sanitizer_env()}

    def as_web_user(self, argv):
        """Tools run as the workers' user, so files they create (attachments) are the workers' too."""
        return ["runuser", "-u", WEB_USER, "--", *argv] if IS_ROOT else argv

    def tool(self, name, *args):
        r = subprocess.run(self.as_web_user([os.path.join(self.bin, f"tresen-{name}"), *args]),
                           env={**os.environ, **self.tool_env()}, capture_output=True, text=True)
        if r.returncode != 0:
            sys.stderr.write(r.stdout + r.stderr)
            raise SystemExit(f"stack: tresen-{name} failed")
        return r.stdout

    def mysql(self, sql):
        subprocess.run(["mariadb", "--no-defaults", "-S", self.socket, "-u", "root", "-e", sql], check=True)

    def start_db(self):
        fresh = not os.path.isdir(os.path.join(self.db_dir, "mysql"))
        if fresh:
            os.makedirs(self.db_dir, exist_ok=True)
            args = ["mariadb-install-db", "--no-defaults", f"--datadir={self.db_dir}",
                    "--auth-root-authentication-method=normal", "--skip-test-db"]
            if IS_ROOT:
                args.append("--user=root")
            r = subprocess.run(args, capture_output=True, text=True)
            if r.returncode != 0:
                sys.stderr.write(r.stdout + r.stderr)
                raise SystemExit("stack: mariadb-install-db failed")
        argv = ["mariadbd", f"--defaults-file={os.path.join(self.dir, 'my.cnf')}"]
        if IS_ROOT:
            argv.append("--user=root")
        self.spawn("db", argv)
        wait_until(lambda: os.path.exists(self.socket) and self.db_ping(), 60, "MariaDB")
        if fresh:
            pw = self.secrets()["db_password"]
            self.mysql("CREATE DATABASE IF NOT EXISTS tresen CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
                       f"CREATE USER IF NOT EXISTS 'tresen'@'localhost' IDENTIFIED BY '{pw}';"
                       "GRANT ALL ON tresen.* TO 'tresen'@'localhost';")

    def db_ping(self):
        r = subprocess.run(["mariadb-admin", "--no-defaults", "-S", self.socket, "-u", "root", "ping"],
                           capture_output=True)
        return r.returncode == 0

    def start_mail(self):
        # -s: mail up to 200 MB (aiosmtpd refuses more than 32 MiB by default; a 30 MB file is 40 MB in base64)
        self.spawn("mail", ["/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.smtp_port}", "-s", "209715200",
                            "-c", "mailsink.Sink", self.mail_dir, os.path.join(self.imap_dir, "sink.json")],
                   env={"PYTHONPATH": os.path.join(ROOT, "scripts")})
        wait_until(lambda: port_in_use(self.smtp_port), 20, "mail sink")

    def start_imap(self):
        self.spawn("imap", ["/usr/sbin/dovecot", "-F", "-c", os.path.join(self.imap_dir, "dovecot.conf")])
        wait_until(lambda: port_in_use(self.imap_port), 30, "Dovecot")

    def start_intake(self):
        intake = os.path.join(self.bin, "tresen-intake")
        if os.path.exists(intake):
            pause = os.environ.get("TRESEN_INTAKE_PAUSE", "3")
            self.spawn("intake", self.as_web_user(["/bin/sh", "-c", f'while :; do "{intake}"; sleep {pause}; done']),
                       env=self.tool_env())

    def start_web(self):
        if self.web == "nginx":
            self.fcgi("stop")
            self.fcgi("start")
            self.spawn("web", ["/usr/sbin/nginx", "-p", self.nginx_dir, "-c", os.path.join(self.nginx_dir, "nginx.conf"),
                               "-e", os.path.join(self.log_dir, "nginx-error.log"), "-g", "daemon off;"], log="nginx.out")
            wait_until(lambda: port_in_use(self.http_port), 30, "nginx")
            return
        self.spawn("web", ["/usr/sbin/apache2", "-f", os.path.join(self.apache_dir, "apache.conf"), "-DFOREGROUND"],
                   log="apache.out")
        wait_until(lambda: port_in_use(self.http_port), 30, "Apache")

    def start_mailer(self):
        mailer = os.path.join(self.bin, "tresen-mailer")
        if os.path.exists(mailer):
            # the tests wait for mails: they poll more often (TRESEN_MAILER_PAUSE)
            pause = os.environ.get("TRESEN_MAILER_PAUSE", "2")
            self.spawn("mailer", self.as_web_user(["/bin/sh", "-c", f'while :; do "{mailer}"; sleep {pause}; done']),
                       env=self.tool_env())

    def start_automations(self):
        # what cron/crontab.example runs besides the mailer and the intake: reminders and automatic
        # closing (R-LIFE), approval reminders (R-APPR), the cleanup; the tests run them themselves
        jobs = [p for p in (os.path.join(self.bin, f"tresen-{n}") for n in ("automations", "approvals", "cleanup"))
                if os.path.exists(p)]
        if jobs:
            pause = os.environ.get("TRESEN_AUTOMATIONS_PAUSE", "60")
            each = "; ".join(f'"{p}"' for p in jobs)
            self.spawn("automations", self.as_web_user(["/bin/sh", "-c", f"while :; do {each}; sleep {pause}; done"]),
                       env=self.tool_env())

    def start(self, demo=True, mailer=True, intake=True, automations=True):
        self.stop_stale()
        self.prepare()
        self.start_db()
        print(self.tool("migrate").strip().splitlines()[-1])
        # search postings (sql/012_search.sql) for tickets made before them; nothing to do afterwards
        self.tool("ticket", "reindex")
        if demo and not os.path.exists(os.path.join(self.dir, ".demo-loaded")):
            print(self.tool("demo").strip())
            open(os.path.join(self.dir, ".demo-loaded"), "w").close()
        self.start_imap()
        self.start_mail()
        self.start_web()
        if mailer:
            self.start_mailer()
        if intake:
            self.start_intake()
        if automations:
            self.start_automations()
        self.state.update({
            "url": self.url, "config": self.config, "flavour": self.flavour, "dir": self.dir,
            "root": ROOT, "ports": {"http": self.http_port, "db": self.db_port, "smtp": self.smtp_port,
                                    "imap": self.imap_port},
            "imap": {"port": self.imap_port, "user": IMAP_USER, "password": self.secrets()["imap_password"],
                     "ca_file": self.imap_cert, "address": SUPPORT_ADDRESS, "mailbox": "INBOX",
                     "log": os.path.join(self.log_dir, "dovecot.log")},
            "socket": self.socket, "mail_dir": self.mail_dir, "log_dir": self.log_dir, "bin": self.bin,
            "tool_env": self.tool_env(), "tool_prefix": self.as_web_user([]), "files_dir": self.files_dir,
            "web": self.web,
            # where the page programs' own log lines go: Apache's error log, or spawn-fcgi's
            "web_error_log": os.path.join(self.log_dir, "fcgi.log" if self.web == "nginx" else "apache-error.log"),
        })
        self.save_state()

    def watch(self, stopping):
        """Restarts a child that exits (a crash, or one stopped by hand to try a fault), waiting
        1, 2, 4 ... 30 s between tries; a child that ran a minute starts again from 1 s."""
        restart = {"db": self.start_db, "mail": self.start_mail, "web": self.start_web, "mailer": self.start_mailer,
                   "imap": self.start_imap, "intake": self.start_intake,
                   "automations": self.start_automations}
        wait, started = {}, {name: time.time() for name in self.procs}
        while not stopping:
            for name, p in list(self.procs.items()):
                if p.poll() is None or stopping:
                    continue
                if time.time() - started.get(name, 0) > 60:
                    wait[name] = 1
                delay = wait.get(name, 1)
                print(f"stack: {name} exited ({p.returncode}); starting it again in {delay}s "
                      f"(logs in {self.log_dir})", file=sys.stderr, flush=True)
                end = time.time() + delay
                while time.time() < end and not stopping:
                    time.sleep(0.1)
                if stopping:
                    break
                try:
                    restart[name]()
                    self.save_state()
                    print(f"stack: {name} is running again", file=sys.stderr, flush=True)
                except SystemExit as e:
                    print(f"stack: {name} did not start: {e}", file=sys.stderr, flush=True)
                    self.procs[name] = p             # try again after a longer wait
                started[name] = time.time()
                wait[name] = min(delay * 2, 30)
            time.sleep(0.3)

    def stop_stale(self):
        pids = self.state.get("pids", {})
        if any(alive(p) for p in pids.values()):
            print("stack: stopping processes left from an earlier run", file=sys.stderr)
            self.stop()

    def stop(self):
        pids = self.state.get("pids", {})
        for name in ("automations", "intake", "mailer", "web", "mail", "imap", "db"):
            pid = pids.get(name)
            if pid:
                stop_pid(pid, name, timeout=60 if name == "db" else 20)
            if name == "web" and self.web == "nginx" and os.path.isdir(self.fcgi_run):
                self.fcgi("stop")
        self.state["pids"] = {}
        if os.path.isdir(self.dir):
            self.save_state()

    def restart_db(self):
        stop_pid(self.state.get("pids", {}).get("db"), "db", timeout=60)
        self.db_port = self.state["ports"]["db"]
        self.start_db()
        self.save_state()

    def stop_mail(self):
        stop_pid(self.state.get("pids", {}).pop("mail", None), "mail")
        self.save_state()

    def start_mail_again(self):
        self.smtp_port = self.state["ports"]["smtp"]
        self.start_mail()
        self.save_state()


def banner(st):
    print(f"""
  Tresen is running at  {st.url}/

  Demo logins (password Tresen-Demo-2026):
    anna@wohnbau.example      customer, Wohnbau Nord GmbH (organization may read)
    ben@wohnbau.example       customer, Wohnbau Nord GmbH
    carla@stadtwerke.example  customer, Stadtwerke Süd AG (own tickets only)
    agent@tresen.example      agent
    admin@tresen.example      staff admin
    jonas.keller@tresen.example, miriam.vogt@tresen.example   agents
    dana@wohnbau.example      customer administrator, Wohnbau Nord GmbH (approves; /approvals)
    stefan@stadtwerke.example main contact and customer administrator, Stadtwerke Süd AG (English)

  Mails land in {st.mail_dir}/new
  Replies by mail: answer a ticket mail through the sink (smtp 127.0.0.1:{st.smtp_port});
  mail for {SUPPORT_ADDRESS} goes into the Dovecot mailbox (imap 127.0.0.1:{st.imap_port},
  user {IMAP_USER}), which tresen-intake reads every few seconds
  Logs are in   {st.log_dir}
  Ctrl-C stops everything.
""", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["run", "start", "stop", "restart-db", "stop-mail", "start-mail"])
    ap.add_argument("--dir", default="var")
    ap.add_argument("--port", type=int)
    ap.add_argument("--flavour", default="rel", choices=["rel", "asan"])
    ap.add_argument("--no-mailer", action="store_true")
    ap.add_argument("--no-intake", action="store_true")
    ap.add_argument("--no-automations", action="store_true")
    ap.add_argument("--web", choices=["apache", "nginx"])
    a = ap.parse_args()
    st = Stack(a.dir, a.flavour, a.port, a.web)

    if a.command == "run":
        stopping = []
        signal.signal(signal.SIGINT, lambda *_: stopping.append(1))
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(1))
        try:
            st.start(mailer=not a.no_mailer, intake=not a.no_intake, automations=not a.no_automations)
            banner(st)
            st.watch(stopping)
        finally:
            print("\nstack: stopping ...", flush=True)
            st.stop()
    elif a.command == "start":
        st.start(mailer=not a.no_mailer, intake=not a.no_intake, automations=not a.no_automations)
        print(st.url)
    elif a.command == "stop":
        st.stop()
    elif a.command == "restart-db":
        st.restart_db()
    elif a.command == "stop-mail":
        st.stop_mail()
    elif a.command == "start-mail":
        st.start_mail_again()


if __name__ == "__main__":
    main()
