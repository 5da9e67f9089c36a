"""test_list_details.py - the requests list's details and the small things of the customer pages:
sortable headers, the pager, an empty later page, notices that do not pile up, the CC suggestions,
the error summary, landmark names."""
import re
import uuid

import pytest

from conftest import BASE, GOOD_PASSWORD, Browser, csrf_of, login_as, make_ticket, new_address, q, register
from newreq import MINIMAL, form_id, open_form, post_form


def ids(html):
    return [int(x) for x in re.findall(r'<td class="col-id"[^>]*>#(\d+)</td>', html)]


def header_link(html, column):
    m = re.search(rf'<th scope="col" class="col-{column}"[^>]*><a class="sort-link" href="([^"]+)"', html)
    assert m, f"no sortable header for {column}"
    return m.group(1).replace("&amp;", "&")


def test_sortable_headers_change_the_order_and_keep_the_filters(db):
    anna = login_as("anna@wohnbau.example")
    tag = "sortierung" + uuid.uuid4().hex[:8]
    first = make_ticket("anna@wohnbau.example", f"Reihenfolge {tag} alt", at="2026-01-05 09:00:00")
    second = make_ticket("anna@wohnbau.example", f"Reihenfolge {tag} neu", at="2026-01-06 09:00:00")
    anna.post("/requests", {"csrf": anna.csrf("/requests"), "cols": ["id", "status", "created", "updated"]})
    page = anna.get(f"/requests?status=new&q={tag}").text
    link = header_link(page, "created")
    assert "status=new" in link and f"q={tag}" in link and "sort=created" in link
    newest = anna.get(link.replace("/requests", "/requests", 1)).text
    assert ids(newest)[:2] == [second, first]
    assert 'class="col-created" aria-sort="descending"' in newest
    again = header_link(newest, "created")
    assert "sort=created_asc" in again
    oldest = anna.get(again).text
    assert ids(oldest)[:2] == [first, second]
    assert 'aria-sort="ascending"' in oldest
    assert "status=new" in again                       # the filter stays


def test_a_short_list_has_no_pager_and_a_later_page_says_it_is_empty(db):
    email = new_address("kurz")                          # a handful of requests
    register(Browser(), email)
    q(db, "UPDATE users SET confirmed_at = NOW() WHERE email_norm = %s", email)
    for i in range(3):
        make_ticket(email, f"Kurze Liste {i}")
    short = Browser()
    short.login(email, GOOD_PASSWORD)
    page = short.get("/requests").text
    assert "Seite 1" not in page                       # one page: no pager
    empty = short.get("/requests?page=2").text
    assert "Auf Seite 2 gibt es keine Anfragen (mehr)." in empty
    assert "Noch keine Anfragen" not in empty
    assert 'href="/requests">Zur ersten Seite' in empty
    anna = login_as("anna@wohnbau.example")
    assert "Seite 1" in anna.get("/requests").text    # anna has many: the pager shows


def test_a_notice_replaces_the_one_before(db):
    b = Browser()
    email = new_address("notiz")
    register(b, email)
    b.login(email, "Kaffeetasse-im-Regen-7")
    token = csrf_of(b.get("/").text)
    r = b.post("/confirm/resend", {"csrf": token, "next": "/requests?notice=confirm_sent"})
    assert r.status_code == 303
    assert r.headers["Location"].count("notice=") == 1
    # the language link does not show a notice again
    page = b.get("/?notice=confirm_sent").text
    assert "lang=en" in page and not re.search(r'href="[^"]*notice=[^"]*lang=en', page)


def test_colleagues_are_offered_after_two_letters_names_first_and_only_ones_own():
    anna = login_as("anna@wohnbau.example")
    assert anna.get("/requests/colleagues?q=B").json() == {"colleagues": []}
    found = anna.get("/requests/colleagues?q=be").json()["colleagues"]
    assert [c["email"] for c in found][:1] == ["ben@wohnbau.example"]
    for c in anna.get("/requests/colleagues?q=ca").json()["colleagues"]:
        assert c["email"].endswith("@wohnbau.example")   # carla@stadtwerke never
    assert anna.get("/requests/colleagues?q=anna").json()["colleagues"] == []    # not herself
    # a word of the name counts too: "Web" finds Ben Weber
    assert any(c["name"] == "Ben Weber" for c in anna.get("/requests/colleagues?q=Web").json()["colleagues"])
    # visitors are sent to sign in; the answer is JSON, escaped
    assert Browser().get("/requests/colleagues?q=be").status_code == 303
    r = anna.get("/requests/colleagues?q=%3Cscript%3E")
    assert r.headers["Content-Type"].startswith("application/json") and "<script>" not in r.text


def test_the_error_summary_links_to_each_field(db):
    fid = form_id(db, "digital")
    anna = login_as("anna@wohnbau.example")
    r = post_form(anna, fid, {"subject": "", "type": "question"})
    assert r.status_code == 422
    summary = re.search(r'<div class="alert alert-error error-summary".*?</div>', r.text, re.S).group(0)
    assert '<a href="#f-subject">Betreff: ' in summary
    assert '<a href="#f-field_solution">Lösung: ' in summary           # a field of the form's own
    for target in re.findall(r'href="#(f-[a-z_]+)"', summary):
        assert f'id="{target}"' in r.text, f"{target} is no field of the page"


def test_landmarks_have_their_own_names():
    page = Browser().get("/").text
    assert page.count('aria-label="Hauptnavigation"') == 1
    assert 'aria-label="Einstiege"' in page
    footer = re.search(r'<footer.*</footer>', page, re.S).group(0)
    assert 'aria-label="Rechtliches und Sprache"' in footer
