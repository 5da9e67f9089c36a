"""test_stateless.py - several web hosts without a shared folder (Files.store = database), cron jobs on several hosts."""
import hashlib
import math
import os
import re
import subprocess

from deploy import IS_ROOT, ROOT, Apache, configure, drop_db, free_port, root_sql, scratch_db, tool


def demo(config):
    argv = [os.path.join(ROOT, "build", "rel", "bin", "tresen-demo")]
    if IS_ROOT:
        argv = ["runuser", "-u", "www-data", "--", *argv]
    r = subprocess.run(argv, env={**os.environ, "TRESEN_CONFIG": config}, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def peaks(cgi_path):
    out = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            if cgi_path.encode() not in open(f"/proc/{pid}/cmdline", "rb").read():
                continue
            for line in open(f"/proc/{pid}/status"):
                if line.startswith("VmHWM:"):
                    out[pid] = int(line.split()[1])
        except OSError:
            pass
    return out


def test_two_hosts_share_attachments_through_the_database(install):
    d = install["dest"]
    db, user, pw = scratch_db("hosts")
    port_a, port_b = free_port(), free_port()
    common = "Files.store = database\nFiles.chunk_bytes = 65536\n"
    conf_a = configure(d, db, user, pw, name="host-a.hdf",
                       extra=common + f"Site.url = http://127.0.0.1:{port_a}\nPaths.files = {d}/host-a/files\n"
                       f"Paths.tmp = {d}/host-a/tmp\n")
    conf_b = configure(d, db, user, pw, name="host-b.hdf",
                       extra=common + f"Site.url = http://127.0.0.1:{port_b}\nPaths.files = {d}/host-b/files\n"
                       f"Paths.tmp = {d}/host-b/tmp\n")
    # the same Security.secret on both hosts (sessions and signed links are the site's, not a host's)
    secret = re.search(r"secret = (\w+)", open(conf_a).read()).group(1)
    text = re.sub(r"secret = \w+", f"secret = {secret}", open(conf_b).read())
    open(conf_b, "w").write(text)
    a = b = None
    try:
        tool(d, conf_a, "migrate")
        demo(conf_a)
        tid = int(tool(d, conf_a, "ticket", "create", "anna@wohnbau.example", "Zwei Hosts", "Text").stdout.split()[-1])
        a, b = Apache(d, conf_a, port_a, "apache-a"), Apache(d, conf_b, port_b, "apache-b")
        anna_a = a.browser("anna@wohnbau.example")
        page = anna_a.get(f"{a.url}/requests/{tid}", timeout=30).text
        token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        data = os.urandom(3 * 1024 * 1024 + 123)
        r = anna_a.post(f"{a.url}/requests/{tid}", data={"csrf": token, "body": "Auf Host A"},
                        files=[("attachments", ("bericht.bin", data, "application/octet-stream"))],
                        allow_redirects=False, timeout=120)
        assert r.status_code == 303
        sha = hashlib.sha256(data).hexdigest()
        # in the database, in chunks; no host wrote a file
        assert int(root_sql(f"SELECT COUNT(*) FROM file_chunks WHERE sha256 = '{sha}'", db)) == math.ceil(len(data) / 65536)
        assert root_sql(f"SELECT size FROM file_blobs WHERE sha256 = '{sha}'", db).strip() == str(len(data))
        for host in ("host-a", "host-b"):
            assert [f for _, _, fs in os.walk(f"{d}/{host}/files") for f in fs] == []
        # host B serves it byte-identical, to a session begun on host B
        aid = root_sql(f"SELECT id FROM attachments WHERE ticket_id = {tid} AND sha256 = '{sha}'", db).strip()
        anna_b = b.browser("anna@wohnbau.example")
        assert f"/attachments/{aid}/bericht.bin" in anna_b.get(f"{b.url}/requests/{tid}", timeout=30).text
        got = anna_b.get(f"{b.url}/attachments/{aid}/bericht.bin", timeout=60)
        assert got.status_code == 200 and got.content == data
        assert "attachment" in got.headers["Content-Disposition"]
        # the demo data's files went into the database too, and are served
        demo_att = root_sql("SELECT a.id, a.filename FROM attachments a JOIN tickets t ON t.id = a.ticket_id "
                            "JOIN users u ON u.id = t.requester_id WHERE u.email = 'anna@wohnbau.example' "
                            f"AND a.ticket_id <> {tid} LIMIT 1", db).split("\t")
        if len(demo_att) == 2:
            assert anna_b.get(f"{b.url}/attachments/{demo_att[0]}/{demo_att[1].strip()}", timeout=30).status_code == 200

        # a 20 MB upload streams into the database in constant memory (release build)
        page = anna_b.get(f"{b.url}/requests/{tid}", timeout=30).text
        token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        cgi = f"{d}/usr/libexec/tresen/cgi-bin/requests/ticket.fcgi"
        before = peaks(cgi)
        big = os.urandom(20 * 1024 * 1024)
        r = anna_b.post(f"{b.url}/requests/{tid}", data={"csrf": token, "body": "Groß"},
                        files=[("attachments", ("gross.zip", big, "application/zip"))], allow_redirects=False, timeout=300)
        assert r.status_code == 303
        after = peaks(cgi)
        grown = max(after[p] - before.get(p, after[p]) for p in after)
        assert grown < 8 * 1024, f"a worker grew by {grown} kB"
        aid = root_sql(f"SELECT id FROM attachments WHERE ticket_id = {tid} AND filename = 'gross.zip'", db).strip()
        small = root_sql(f"SELECT id FROM attachments WHERE ticket_id = {tid} AND filename = 'bericht.bin'", db).strip()
        anna_a.get(f"{a.url}/attachments/{small}/bericht.bin", timeout=60)      # a warm download worker
        before = peaks(f"{d}/usr/libexec/tresen/cgi-bin/attachments.fcgi")
        got = anna_a.get(f"{a.url}/attachments/{aid}/gross.zip", timeout=120)
        assert got.content == big
        after = peaks(f"{d}/usr/libexec/tresen/cgi-bin/attachments.fcgi")
        common = [p for p in after if p in before]
        if common:
            grown = max(after[p] - before[p] for p in common)
            assert grown < 8 * 1024, f"a download worker grew by {grown} kB"
        else:                       # a fresh worker served it: its whole peak stays small
            assert max(after.values()) < 24 * 1024, after
    finally:
        for web in (a, b):
            if web:
                web.stop()
        drop_db(db)


def test_cleanup_runs_once_across_hosts(install):
    """tresen-cleanup claims its job_runs row: a copy on another host (or Galera node) that finds the claim held
    exits without working; a claim left by a crashed copy runs out."""
    d = install["dest"]
    db, user, pw = scratch_db("cron")
    config = configure(d, db, user, pw, name="cron.hdf")
    try:
        tool(d, config, "migrate")
        tool(d, config, "cleanup")
        assert root_sql("SELECT runs, ok, claimed_by IS NULL FROM job_runs WHERE name = 'cleanup'", db).split() == ["1", "1", "1"]
        # another host's copy holds the claim: this one does nothing
        root_sql("UPDATE job_runs SET claimed_by = 'web2:4242:abcd', claim_until = NOW() + INTERVAL 10 MINUTE "
                 "WHERE name = 'cleanup'", db)
        r = tool(d, config, "cleanup")
        assert "removed" not in r.stderr + r.stdout
        assert root_sql("SELECT runs, claimed_by FROM job_runs WHERE name = 'cleanup'", db).split() == ["1", "web2:4242:abcd"]
        # that copy crashed: once its claim has run out, the next run takes over
        root_sql("UPDATE job_runs SET claim_until = NOW() - INTERVAL 1 SECOND WHERE name = 'cleanup'", db)
        tool(d, config, "cleanup")
        assert root_sql("SELECT runs, claimed_by IS NULL FROM job_runs WHERE name = 'cleanup'", db).split() == ["2", "1"]
        # many copies at once: each run is counted once, none fails
        procs = [subprocess.Popen((["runuser", "-u", "www-data", "--"] if IS_ROOT else []) +
                                  [f"{d}/usr/bin/tresen-cleanup"], env={**os.environ, "TRESEN_CONFIG": config},
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(6)]
        assert all(p.wait(60) == 0 for p in procs)
        runs = int(root_sql("SELECT runs FROM job_runs WHERE name = 'cleanup'", db))
        assert 3 <= runs <= 8
        assert root_sql("SELECT claimed_by IS NULL, ok FROM job_runs WHERE name = 'cleanup'", db).split() == ["1", "1"]
    finally:
        drop_db(db)
