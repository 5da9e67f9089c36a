"""test_attachments.py - uploads with comments, inline screenshots, downloads after the access check,
safe content types, large files streamed in constant memory."""
import glob
import hashlib
import os
import re
import socket
import struct
import zlib
from urllib.parse import urlparse

from conftest import worker_peaks, BASE, STACK, csrf_of, login_as, make_ticket, q

PNG = (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
       + struct.pack(">I", zlib.crc32(b"IHDR" + struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)))
       + struct.pack(">I", 12) + b"IDAT" + zlib.compress(b"\x00\xff\x00\x00")
       + struct.pack(">I", zlib.crc32(b"IDAT" + zlib.compress(b"\x00\xff\x00\x00")))
       + struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND")))


def post_files(browser, tid, files, body="Mit Anhang"):
    token = csrf_of(browser.get(f"/requests/{tid}").text)
    return browser.post(f"/requests/{tid}", data={"csrf": token, "body": body}, files=files)


def attachments_of(db, tid):
    return q(db, "SELECT id, filename, content_type, size, sha256, is_inline FROM attachments "
                 "WHERE ticket_id = %s ORDER BY id", tid)


def test_five_files_with_awkward_names_arrive_byte_identical(db):
    tid = make_ticket("anna@wohnbau.example", "Fünf Anhänge")
    anna = login_as("anna@wohnbau.example")
    big = os.urandom(30 * 1024 * 1024)
    files = [
        ("attachments", ("Übersicht \"Q1\" 2026.pdf", b"%PDF-1.4 test", "application/pdf")),
        ("attachments", ("daten.csv", "Objekt;Miete\n12;750\n".encode(), "text/csv")),
        ("attachments", ("groß.bin", big, "application/octet-stream")),
        ("attachments", ("leer.txt", b"", "text/plain")),
        ("screenshots", ("screenshot.png", PNG, "image/png")),
    ]
    r = post_files(anna, tid, files)
    assert r.status_code == 303, r.text[:500]
    rows = attachments_of(db, tid)
    assert [row[1] for row in rows] == ["Übersicht \"Q1\" 2026.pdf", "daten.csv", "groß.bin", "leer.txt", "screenshot.png"]
    page = anna.get(f"/requests/{tid}").text
    for (field, (name, data, _)), row in zip(files, rows):
        aid = row[0]
        assert row[3] == len(data) and row[4] == hashlib.sha256(data).hexdigest()
        links = re.findall(rf'href="(/attachments/{aid}/[^"]+)"', page)
        assert links, name
        d = anna.get(links[0])
        assert d.status_code == 200 and d.content == data, name
        assert d.headers["X-Content-Type-Options"] == "nosniff"
    # the screenshot is inline in its comment; the others are downloads
    shot = rows[4]
    assert shot[5] == 1 and shot[2] == "image/png"
    assert re.search(rf'<img src="/attachments/{shot[0]}/screenshot.png"', page)
    d = anna.get(f"/attachments/{shot[0]}/screenshot.png")
    assert d.headers["Content-Type"] == "image/png" and d.headers["Content-Disposition"].startswith("inline")
    pdf = anna.get(re.findall(rf'href="(/attachments/{rows[0][0]}/[^"]+)"', page)[0])
    assert pdf.headers["Content-Disposition"].startswith("attachment")
    assert "filename*=UTF-8''%C3%9Cbersicht%20%22Q1%22%202026.pdf" in pdf.headers["Content-Disposition"]


def test_html_and_svg_are_never_served_inline(db):
    tid = make_ticket("anna@wohnbau.example", "Gefährliche Dateien")
    anna = login_as("anna@wohnbau.example")
    files = [
        ("attachments", ("seite.html", b"<html><script>alert(1)</script></html>", "text/html")),
        ("screenshots", ("bild.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                         "image/svg+xml")),
        ("screenshots", ("fake.png", b"<script>alert(1)</script>", "image/png")),
    ]
    assert post_files(anna, tid, files).status_code == 303
    for aid, name, ctype, size, sha, is_inline in attachments_of(db, tid):
        assert ctype == "application/octet-stream" and is_inline == 0, name
        d = anna.get(f"/attachments/{aid}/{name}")
        assert d.headers["Content-Type"] == "application/octet-stream"
        assert d.headers["Content-Disposition"].startswith("attachment")
        assert "sandbox" in d.headers["Content-Security-Policy"]


def test_attachment_name_with_markup_is_escaped(db):
    tid = make_ticket("anna@wohnbau.example", "Name mit Markup")
    anna = login_as("anna@wohnbau.example")
    assert post_files(anna, tid, [("attachments", ('<img src=x onerror=alert(1)>.txt', b"x", "text/plain"))]).status_code == 303
    page = anna.get(f"/requests/{tid}").text
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;.txt" in page


def test_wrong_name_or_id_is_404(db):
    tid = make_ticket("anna@wohnbau.example", "Falscher Name")
    anna = login_as("anna@wohnbau.example")
    post_files(anna, tid, [("attachments", ("a.txt", b"abc", "text/plain"))])
    aid = attachments_of(db, tid)[0][0]
    assert anna.get(f"/attachments/{aid}/a.txt").status_code == 200
    assert anna.get(f"/attachments/{aid}/b.txt").status_code == 404
    assert anna.get("/attachments/999999999/a.txt").status_code == 404


def test_file_over_the_limit_is_refused_and_nothing_stored(db):
    tid = make_ticket("anna@wohnbau.example", "Zu große Datei")
    anna = login_as("anna@wohnbau.example")
    r = post_files(anna, tid, [("attachments", ("riesig.bin", b"\0" * (51 * 1024 * 1024), "application/octet-stream"))])
    assert r.status_code == 413 and "Zu groß" in r.text
    assert len(attachments_of(db, tid)) == 0
    assert q(db, "SELECT COUNT(*) FROM comments WHERE ticket_id = %s", tid)[0][0] == 1
    # and the refused upload left no temporary file behind
    assert not any(f.startswith("upload-") for f in os.listdir(STACK["dir"] + "/tmp"))


def test_broken_multipart_to_the_ticket_page(db):
    tid = make_ticket("anna@wohnbau.example", "Kaputter Upload")
    anna = login_as("anna@wohnbau.example")
    token = csrf_of(anna.get(f"/requests/{tid}").text)
    cookie = "; ".join(f"{k}={v}" for k, v in anna.cookies.items())
    body = (f'--b\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{token}\r\n'
            '--b\r\nContent-Disposition: form-data; name="attachments"; filename="x.bin"\r\n\r\n'
            "abcdef").encode()   # the closing delimiter never comes
    u = urlparse(BASE)
    with socket.create_connection((u.hostname, u.port)) as s:
        s.sendall(f"POST /requests/{tid} HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\n"
                  f"Content-Type: multipart/form-data; boundary=b\r\nContent-Length: {len(body)}\r\n"
                  "Connection: close\r\n\r\n".encode() + body)
        raw = b""
        while chunk := s.recv(65536):
            raw += chunk
    assert raw.startswith(b"HTTP/1.1 400")
    assert q(db, "SELECT COUNT(*) FROM comments WHERE ticket_id = %s", tid)[0][0] == 1
    assert anna.get(f"/requests/{tid}").status_code == 200


def test_twenty_megabytes_stream_in_constant_memory(db):
    tid = make_ticket("anna@wohnbau.example", "Großer Export")
    anna = login_as("anna@wohnbau.example")
    anna.get(f"/requests/{tid}")
    data = os.urandom(20 * 1024 * 1024)
    before = worker_peaks("requests/ticket.fcgi")
    assert post_files(anna, tid, [("attachments", ("export.zip", data, "application/zip"))]).status_code == 303
    after = worker_peaks("requests/ticket.fcgi")
    grown = max(after.get(pid, 0) - before.get(pid, after[pid]) for pid in after)
    assert grown < 8 * 1024, f"an upload worker's peak memory grew by {grown} kB"
    aid = attachments_of(db, tid)[0][0]
    anna.get(f"/attachments/{aid}/export.zip", stream=True).close()      # warm a download worker
    before = worker_peaks("attachments.fcgi")
    d = anna.get(f"/attachments/{aid}/export.zip")
    after = worker_peaks("attachments.fcgi")
    assert d.status_code == 200 and hashlib.sha256(d.content).digest() == hashlib.sha256(data).digest()
    grown = max(after.get(pid, 0) - before.get(pid, after[pid]) for pid in after)
    assert grown < 8 * 1024, f"a download worker's peak memory grew by {grown} kB"
