"""test_backup.py - tresen-backup under write load, tresen-restore into an empty install: every acknowledged ticket is back."""
import hashlib
import os
import subprocess
import tarfile
import threading
import time

from deploy import IS_ROOT, ROOT, configure, drop_db, root_sql, scratch_db, tool, workdir


def demo(config):
    """The demo users (the writers need requesters); the demo loader is not installed, so from the build."""
    argv = [os.path.join(ROOT, "build", "rel", "bin", "tresen-demo")]
    if IS_ROOT:
        argv = ["runuser", "-u", "www-data", "--", *argv]
    r = subprocess.run(argv, env={**os.environ, "TRESEN_CONFIG": config}, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


class Writers:
    """Tickets made one after another through the library (tresen-ticket), some with a file; a ticket
    counts as acknowledged once the tool has printed its id (committed)."""

    def __init__(self, dest, config, folder):
        self.dest, self.config, self.folder = dest, config, folder
        self.acked = []          # (time acknowledged, id, subject, sha256 of its file or None)
        self.errors = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        n = 0
        while not self.stop.is_set():
            n += 1
            subject = f"Backup-Last {n} {os.urandom(4).hex()}"
            args = ["create", "anna@wohnbau.example", subject, f"Text {n}"]
            sha = None
            if n % 3 == 0:
                data = f"Datei {n} {os.urandom(8).hex()}\n".encode() * 50
                path = os.path.join(self.folder, f"f{n}.txt")
                with open(path, "wb") as f:
                    f.write(data)
                os.chmod(path, 0o644)
                args += ["--attach", path]
                sha = hashlib.sha256(data).hexdigest()
            r = tool(self.dest, self.config, "ticket", *args, check=False)
            if r.returncode != 0:
                self.errors.append(r.stderr)
                continue
            self.acked.append((time.time(), int(r.stdout.strip().split()[-1]), subject, sha))


def test_backup_under_write_load_restores_every_acknowledged_ticket(install):
    d = install["dest"]
    db, user, pw = scratch_db("live")
    config = configure(d, db, user, pw, name="live.hdf")
    db2, user2, pw2 = scratch_db("restored")
    try:
        tool(d, config, "migrate")
        demo(config)
        folder = workdir("backup")
        w = Writers(d, config, folder)
        w.thread.start()
        try:
            end = time.time() + 60
            while len(w.acked) < 10 and time.time() < end:
                time.sleep(0.2)
            assert len(w.acked) >= 10, w.errors[:3]
            began = time.time()
            archive = os.path.join(folder, "snapshot.tar.gz")
            out = tool(d, config, "backup", "-o", archive, as_root=True).stdout
            assert out.strip() == archive
            time.sleep(0.5)          # the writers carry on meanwhile and after
        finally:
            w.stop.set()
            w.thread.join(60)
        assert not w.errors, w.errors[:3]
        before = [a for a in w.acked if a[0] < began]
        assert len(before) >= 10 and len(w.acked) > len(before)

        # the archive: database, files, configuration without secrets
        with tarfile.open(archive) as t:
            names = t.getnames()
            conf = t.extractfile("tresen-backup/tresen.hdf").read().decode()
        assert "tresen-backup/db.sql" in names
        assert pw not in conf and "CHANGE-ME" in conf
        secret = [l.split("=", 1)[1].strip() for l in open(config) if l.strip().startswith("secret =")][0]
        assert secret not in conf and f"Database.name = {db}" in conf

        # an empty install elsewhere: its own database and attachment folder
        files2 = os.path.join(folder, "files-restored")
        config2 = configure(d, db2, user2, pw2, name="restored.hdf",
                            extra=f"Paths.files = {files2}\n")
        r = tool(d, config2, "restore", archive, as_root=True)
        assert "restored" in r.stdout
        # a second restore refuses: the install is no longer empty
        again = tool(d, config2, "restore", archive, check=False, as_root=True)
        assert again.returncode != 0 and "not empty" in again.stderr

        for _, tid, subject, sha in before:
            got = root_sql(f"SELECT subject FROM tickets WHERE id = {tid}", db2).strip()
            assert got == subject, f"ticket {tid} acknowledged before the backup is missing"
            if sha:
                assert root_sql(f"SELECT COUNT(*) FROM attachments WHERE ticket_id = {tid} AND sha256 = '{sha}'",
                                db2).strip() == "1"
        # consistent: every attachment the restored database names has its file
        for sha in root_sql("SELECT sha256 FROM attachments", db2).split():
            assert os.path.exists(os.path.join(files2, sha[:2], sha)), sha
        # and the restored schema is current
        assert root_sql("SELECT COUNT(*) FROM schema_migrations", db2).strip() == \
            root_sql("SELECT COUNT(*) FROM schema_migrations", db).strip()
    finally:
        drop_db(db)
        drop_db(db2)
