"""test_assets.py - CSS and JavaScript pre-compressed at make, linked with a content hash, cached long (issue 17)."""
import gzip
import re

import requests

from conftest import BASE, Browser


def test_pages_link_hashed_assets_served_compressed_and_cached():
    html = Browser().get("/login").text
    css = re.search(r'<link rel="stylesheet" href="(/css/tresen\.css\?v=[0-9a-f]{12})">', html)
    js = re.search(r'<script src="(/js/tresen\.js\?v=[0-9a-f]{12})" defer>', html)
    assert css and js
    plain = requests.get(BASE + css.group(1), headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
    assert "max-age=31536000" in plain.headers["Cache-Control"]
    r = requests.get(BASE + css.group(1), headers={"Accept-Encoding": "gzip"}, stream=True)
    body = r.raw.read()
    assert r.headers["Content-Encoding"] == "gzip" and r.headers["Content-Type"].startswith("text/css")
    assert "Accept-Encoding" in r.headers.get("Vary", "") and "max-age=31536000" in r.headers["Cache-Control"]
    assert gzip.decompress(body) == plain.content and len(body) < len(plain.content)
    r = requests.get(BASE + js.group(1), headers={"Accept-Encoding": "gzip, br"}, stream=True)
    assert r.headers["Content-Encoding"] == "gzip" and r.headers["Content-Type"].startswith("text/javascript")
    # each file's own hash: a changed file is a new URL
    assert css.group(1).split("v=")[1] != js.group(1).split("v=")[1]
