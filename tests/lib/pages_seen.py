"""pages_seen.py - keeps the HTML pages the tests render, for one HTML5 check at the end (scripts/check-html).

Each suite calls keep(label, html) for every text/html answer; pages that
differ only in their CSRF token, form token or session data count as one, and
at most a few variants of each page are kept, so the checker sees every page
and every state without thousands of copies.
"""
import hashlib
import os
import re

_seen = {}
_VOLATILE = re.compile(rb'(value|content)="[A-Za-z0-9_-]{30,}"|req=[0-9a-f]+|\d{1,2}\.\d{1,2}\.\d{4}, \d\d:\d\d')
PER_PAGE = 6


def folder():
    stack = os.environ.get("TRESEN_STACK")
    base = os.path.dirname(stack) if stack else "/tmp"
    path = os.path.join(base, "html")
    os.makedirs(path, exist_ok=True)
    return path


def keep(label, html):
    if isinstance(html, str):
        html = html.encode()
    if not html.lstrip().lower().startswith(b"<!doctype html"):
        return
    digest = hashlib.sha1(_VOLATILE.sub(b"", html)).hexdigest()[:12]
    variants = _seen.setdefault(label, set())
    if digest in variants or len(variants) >= PER_PAGE:
        return
    variants.add(digest)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", label).strip("_")[:80] or "root"
    with open(os.path.join(folder(), f"{name}-{digest}.html"), "wb") as f:
        f.write(html)
