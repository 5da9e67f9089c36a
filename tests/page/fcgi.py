"""fcgi.py - runs a page program the way mod_fcgid does and speaks FastCGI to it, without a web server.

The program gets a listening Unix socket as its standard input (FastCGI's
FCGI_LISTENSOCK_FILENO) and serves request after request on it, so a test
reaches a page in a millisecond or two instead of a process start each time.
Like kcgi's regression harness: the page's own code, the real database, no
Apache in between.
"""
import os
import socket
import struct
import subprocess
import tempfile
import time

FCGI_BEGIN_REQUEST, FCGI_END_REQUEST, FCGI_PARAMS, FCGI_STDIN, FCGI_STDOUT, FCGI_STDERR = 1, 3, 4, 5, 6, 7
FCGI_RESPONDER = 1


def _record(kind, request_id, content):
    out = b""
    # records carry at most 65535 bytes
    for i in range(0, max(len(content), 1), 65535):
        chunk = content[i:i + 65535]
        pad = (8 - len(chunk) % 8) % 8
        out += struct.pack(">BBHHBx", 1, kind, request_id, len(chunk), pad) + chunk + b"\0" * pad
        if not content:
            break
    return out


def _pair(name, value):
    def length(n):
        return bytes([n]) if n < 128 else struct.pack(">I", n | 0x80000000)
    return length(len(name)) + length(len(value)) + name + value


class Response:
    def __init__(self, raw, stderr):
        head, _, self.body = raw.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        self.headers = {}
        self.cookies = []
        for line in lines:
            if ": " in line:
                k, v = line.split(": ", 1)
                if k.lower() == "set-cookie":
                    self.cookies.append(v)
                self.headers[k.lower()] = v
        self.status = int(self.headers.get("status", "200").split()[0])
        self.stderr = stderr

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")


class Page:
    """One running page program, e.g. Page("login") or Page("requests/ticket")."""

    def __init__(self, cgi_dir, name, env, prefix=()):
        self.name = name
        self.dir = tempfile.mkdtemp(prefix="tresen-page-")
        self.path = os.path.join(self.dir, "sock")
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(self.path)
        self.listener.listen(16)
        self.proc = subprocess.Popen([*prefix, os.path.join(cgi_dir, name + ".fcgi")], stdin=self.listener.fileno(),
                                     stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.dir, "err"), "wb"),
                                     env=env, close_fds=True)

    def request(self, method="GET", path="/", query="", body=b"", content_type=None, cookie="",
                path_info="", remote_addr="192.0.2.10", extra=None):
        params = {
            "REQUEST_METHOD": method, "QUERY_STRING": query, "REQUEST_URI": path + ("?" + query if query else ""),
            "SCRIPT_NAME": "/cgi-bin/" + self.name + ".fcgi", "PATH_INFO": path_info,
            "REMOTE_ADDR": remote_addr, "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_USER_AGENT": "tresen-page-tests",
        }
        if cookie:
            params["HTTP_COOKIE"] = cookie
        if method == "POST" or body:
            params["CONTENT_LENGTH"] = str(len(body))
            params["CONTENT_TYPE"] = content_type or "application/x-www-form-urlencoded"
        params.update(extra or {})
        payload = b"".join(_pair(k.encode(), v.encode() if isinstance(v, str) else v) for k, v in params.items())
        msg = (_record(FCGI_BEGIN_REQUEST, 1, struct.pack(">HB5x", FCGI_RESPONDER, 0)) +
               _record(FCGI_PARAMS, 1, payload) + _record(FCGI_PARAMS, 1, b""))
        for i in range(0, len(body), 65535):
            msg += _record(FCGI_STDIN, 1, body[i:i + 65535])
        msg += _record(FCGI_STDIN, 1, b"")
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(30)
        s.connect(self.path)
        s.sendall(msg)
        out, err, buf = b"", b"", b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            buf += chunk
            done = False
            while len(buf) >= 8:
                _, kind, _, clen, pad = struct.unpack(">BBHHBx", buf[:8])
                if len(buf) < 8 + clen + pad:
                    break
                content, buf = buf[8:8 + clen], buf[8 + clen + pad:]
                if kind == FCGI_STDOUT:
                    out += content
                elif kind == FCGI_STDERR:
                    err += content
                elif kind == FCGI_END_REQUEST:
                    done = True
            if done:
                break
        s.close()
        if not out:
            raise AssertionError(f"{self.name}: no answer (exit {self.proc.poll()}): {self.log()[-2000:]}")
        return Response(out, err)

    def log(self):
        try:
            with open(os.path.join(self.dir, "err"), errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.listener.close()
        for f in ("sock", "err"):
            try:
                os.unlink(os.path.join(self.dir, f))
            except OSError:
                pass
        os.rmdir(self.dir)
