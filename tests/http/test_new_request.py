"""test_new_request.py - /requests/new: the chooser, the seeded forms, field rules with values kept,
priority and urgency, CC, attachments kept between attempts, one ticket per form, the rate limit,
the suggestion step without JavaScript, and bad input (R-NEW 1-8, R-PRIO)."""
import concurrent.futures
import hashlib
import hmac
import os
import re
import time
import uuid

import pytest

from conftest import STACK, Browser, csrf_of, html_of, login_as, q, run_tool, text_of, wait_mail
from newreq import (MINIMAL, ROUTING, created_id, form_id, open_form, post_form, ticket, tickets_with_subject,
                    token_of, values_of)

SLUGS = ["erp", "digital", "datacenter", "helpcenter"]


def subject(text="Anfrage"):
    return f"{text} {uuid.uuid4().hex[:10]}"


# ---- chooser and forms ----

def test_chooser_explains_each_form(db):
    anna = login_as("anna@wohnbau.example")
    r = anna.get("/requests/new")
    assert r.status_code == 200
    for slug in SLUGS:
        fid = form_id(db, slug)
        title, help_de = q(db, "SELECT title_de, help_de FROM forms WHERE id = %s", fid)[0]
        assert f'href="/requests/new?form={fid}"' in r.text
        assert title in r.text and help_de in r.text
    en = anna.get("/requests/new?lang=en").text
    assert "ERP products (e.g. Wodis Yuneo)" in en and "Choose the form that fits your request" in en
    anna.get("/?lang=de")


@pytest.mark.parametrize("slug", SLUGS)
def test_each_seeded_form_renders_and_submits(db, slug):
    fid = form_id(db, slug)
    anna = login_as("anna@wohnbau.example")
    page = open_form(anna, fid)
    # every field of the definition is on the page, with its label
    for key, label, kind in q(db, "SELECT field_key, label_de, kind FROM form_fields WHERE form_id = %s", fid):
        assert f'name="field_{key}"' in page, key
        assert label.replace('"', "&quot;") in page, label
    for value in q(db, "SELECT o.value FROM form_field_options o JOIN form_fields f ON f.id = o.field_id "
                       "WHERE f.form_id = %s", fid):
        assert f'value="{value[0]}"' in page
    s = subject(f"Formular {slug}")
    tid = created_id(post_form(anna, fid, {"subject": s, **MINIMAL[slug]}, page=page))
    t = ticket(db, tid)
    group = q(db, "SELECT group_id, product_id FROM forms WHERE id = %s", fid)[0]
    assert t["form_id"] == fid and t["group_id"] == group[0] and t["subject"] == s
    assert t["status"] == "new" and t["assignee_id"] is None       # routing fields left out
    # the description is the first comment; the values are kept with both labels
    assert q(db, "SELECT body FROM comments WHERE ticket_id = %s", tid)[0][0] == "Beschreibung der Anfrage."
    # (the product a choice names is the ticket's product, not repeated as a value)
    assert set(values_of(db, tid)) == {"erp": {"system"}, "digital": set(), "datacenter": {"request_kind", "environment"},
                                       "helpcenter": {"question"}}[slug]
    if slug in ("erp", "digital"):
        assert t["product_id"] is not None
    view = anna.get(f"/requests/{tid}?notice=ticket_created").text
    assert "Vielen Dank! Ihre Anfrage ist bei uns eingegangen." in view and s in view


def test_values_shown_with_option_labels_and_product_from_the_option(db):
    fid = form_id(db, "erp")
    anna = login_as("anna@wohnbau.example")
    tid = created_id(post_form(anna, fid, {"subject": subject(), **MINIMAL["erp"], "field_product": "wodis_sigma",
                                           "field_module": "service_charges", "field_affected_users": "12",
                                           "field_since": "2026-01-05"}))
    assert values_of(db, tid) == {"module": "Betriebskosten", "system": "Produktivsystem",
                                  "affected_users": "12", "since": "2026-01-05"}
    assert ticket(db, tid)["product_id"] == q(db, "SELECT id FROM products WHERE name = 'Wodis Sigma'")[0][0]
    page = anna.get(f"/requests/{tid}").text
    assert "<dt>Modul</dt><dd>Betriebskosten</dd>" in page


def test_requests_new_is_never_the_ticket_page():
    anna = login_as("anna@wohnbau.example")
    r = anna.get("/requests/new")
    assert r.status_code == 200 and "Anfrage stellen" in r.text and "ticket-layout" not in r.text


def test_visitors_are_sent_to_login(db):
    r = Browser().get(f"/requests/new?form={form_id(db, 'erp')}")
    assert r.status_code == 303 and "/login?next=/requests/new%3Fform%3D" in r.headers["Location"]


def test_unconfirmed_user_cannot_submit(db):
    fid = form_id(db, "digital")
    carla = login_as("carla@stadtwerke.example")
    page = open_form(carla, fid)
    q(db, "UPDATE users SET confirmed_at = NULL WHERE email_norm = 'carla@stadtwerke.example'")
    try:
        for path in ("/requests/new", f"/requests/new?form={fid}"):
            r = carla.get(path)
            assert r.status_code == 403 and "Registrierung noch nicht abgeschlossen" in r.text
            assert "neue Anfragen stellen" in r.text and 'name="subject"' not in r.text
        s = subject()
        r = post_form(carla, fid, {"subject": s, **MINIMAL["digital"]}, page=page)
        assert r.status_code == 403
        assert not tickets_with_subject(db, s)
        assert not q(db, "SELECT COUNT(*) FROM pending_uploads p JOIN users u ON u.id = p.user_id "
                         "WHERE u.email_norm = 'carla@stadtwerke.example'")[0][0]
    finally:
        q(db, "UPDATE users SET confirmed_at = NOW() WHERE email_norm = 'carla@stadtwerke.example'")


# ---- field rules, values kept ----

def test_required_fields_are_enforced_and_values_kept(db):
    fid = form_id(db, "erp")
    anna = login_as("anna@wohnbau.example")
    page = open_form(anna, fid)
    s = subject("Werte bleiben")
    r = post_form(anna, fid, {"subject": s, "description": "", "type": "incident", "field_module": "documents",
                              "field_version": "2025.2 <b>", "field_affected_users": "7"}, page=page)
    assert r.status_code == 422
    html = r.text
    assert "Bitte prüfen Sie die markierten Felder." in html
    for name in ("description", "field_product", "field_system"):
        assert f'id="err-{name}"' in html, name
    assert 'id="err-field_module"' not in html
    # everything typed is still there, escaped
    assert f'value="{s}"' in html
    assert 'value="2025.2 &lt;b&gt;"' in html and 'value="7"' in html
    assert '<option value="documents" selected>' in html
    assert 'value="incident" checked' in html
    # the same form token: the next attempt belongs to the same form
    assert token_of(html) == token_of(page)
    assert not tickets_with_subject(db, s)
    # corrected, it goes through
    tid = created_id(post_form(anna, fid, {"subject": s, **MINIMAL["erp"], "field_module": "documents"}, page=html))
    assert values_of(db, tid)["module"] == "Dokumentenmanagement"


def test_conditional_field_is_required_only_when_shown(db):
    fid = form_id(db, "erp")
    anna = login_as("anna@wohnbau.example")
    s = subject("Testsystem")
    # system = test shows "Name des Testsystems" - required then
    r = post_form(anna, fid, {"subject": s, **MINIMAL["erp"], "field_system": "test"})
    assert r.status_code == 422 and 'id="err-field_test_client"' in r.text
    assert 'data-show-when="field_system=test"' in r.text
    assert "Nur nötig bei „System: Testsystem“." in r.text
    tid = created_id(post_form(anna, fid, {"subject": s, **MINIMAL["erp"], "field_system": "test",
                                           "field_test_client": "Mandant 02"}, page=r.text))
    assert values_of(db, tid)["test_client"] == "Mandant 02"
    # production: the field is hidden, not required, and a value sent anyway is not kept
    tid = created_id(post_form(anna, fid, {"subject": subject(), **MINIMAL["erp"], "field_test_client": "X"}))
    assert "test_client" not in values_of(db, tid)


def test_checkbox_condition_and_multiselect(db):
    erp, digital = form_id(db, "erp"), form_id(db, "digital")
    anna = login_as("anna@wohnbau.example")
    r = post_form(anna, erp, {"subject": subject(), **MINIMAL["erp"], "field_error_shown": "1"})
    assert r.status_code == 422 and 'id="err-field_error_text"' in r.text
    assert 'name="field_error_shown" value="1" checked' in r.text
    tid = created_id(post_form(anna, erp, {"subject": subject(), **MINIMAL["erp"], "field_error_shown": "1",
                                           "field_error_text": "Code 4711"}, page=r.text))
    assert values_of(db, tid)["error_shown"] == "Ja" and values_of(db, tid)["error_text"] == "Code 4711"
    # platforms: shown and required for the tenant portal, several values kept on error
    r = post_form(anna, digital, {"subject": subject(), "type": "incident", "field_solution": "tenant_portal",
                                  "field_platforms": ["web", "android"], "field_affected_users": "0"})
    assert r.status_code == 422 and 'id="err-field_affected_users"' in r.text      # below the minimum of 1
    assert 'name="field_platforms" value="web" checked' in r.text
    assert 'name="field_platforms" value="android" checked' in r.text
    assert 'name="field_platforms" value="ios" checked' not in r.text
    r2 = post_form(anna, digital, {"subject": subject(), "type": "incident", "field_solution": "tenant_portal"})
    assert r2.status_code == 422 and 'id="err-field_platforms"' in r2.text
    tid = created_id(post_form(anna, digital, {"subject": subject(), "type": "incident",
                                               "field_solution": "tenant_app",
                                               "field_platforms": ["ios", "android"]}))
    assert values_of(db, tid)["platforms"] == "iOS, Android"


def test_english_values_keep_both_labels(db):
    fid = form_id(db, "datacenter")
    ben = login_as("ben@wohnbau.example")
    ben.get("/?lang=en")
    try:
        page = open_form(ben, fid)
        assert "Kind of request" in page and "Outage / unreachable" in page
        tid = created_id(post_form(ben, fid, {"subject": subject(), **MINIMAL["datacenter"]}, page=page))
        assert q(db, "SELECT label_de, label_en, value FROM ticket_values WHERE ticket_id = %s "
                     "AND field_key = 'request_kind'", tid)[0] == ("Art der Anfrage", "Kind of request",
                                                                    "Outage / unreachable")
    finally:
        ben.get("/?lang=de")


# ---- priority and urgency (R-PRIO, R-NEW 6) ----

@pytest.mark.parametrize("type,priority", [("question", "low"), ("incident", "normal"),
                                           ("requirement", "normal"), ("change", "normal")])
def test_priority_follows_the_request_type(db, type, priority):
    fid = form_id(db, "erp")
    anna = login_as("anna@wohnbau.example")
    tid = created_id(post_form(anna, fid, {"subject": subject(), **MINIMAL["erp"], "type": type}))
    t = ticket(db, tid)
    assert (t["type"], t["priority"], t["urgent_claim"], t["urgent_review"]) == (type, priority, 0, 0)


def test_urgency_needs_a_reason_and_makes_it_high_for_review(db):
    fid = form_id(db, "erp")
    anna = login_as("anna@wohnbau.example")
    s = subject("Dringend")
    r = post_form(anna, fid, {"subject": s, **MINIMAL["erp"], "type": "question", "urgent": "1"})
    assert r.status_code == 422 and 'id="err-urgent_reason"' in r.text
    assert 'name="urgent" value="1" checked' in r.text
    assert not tickets_with_subject(db, s)
    tid = created_id(post_form(anna, fid, {"subject": s, **MINIMAL["erp"], "type": "question", "urgent": "1",
                                           "urgent_reason": "Mieten müssen bis Freitag gebucht sein."}, page=r.text))
    t = ticket(db, tid)
    assert (t["priority"], t["urgent_claim"], t["urgent_review"]) == ("high", 1, 1)
    assert t["urgent_reason"] == "Mieten müssen bis Freitag gebucht sein."
    # a reason without the claim is not a claim
    tid = created_id(post_form(anna, fid, {"subject": subject(), **MINIMAL["erp"], "type": "question",
                                           "urgent_reason": "nur so"}))
    t = ticket(db, tid)
    assert (t["priority"], t["urgent_claim"], t["urgent_reason"]) == ("low", 0, None)


# ---- CC (R-NEW 7) ----

def test_cc_colleagues_by_name_or_address(db):
    fid = form_id(db, "digital")
    anna = login_as("anna@wohnbau.example")
    page = open_form(anna, fid)
    # the page lists nobody: the field asks /requests/colleagues after two letters
    assert "ben@wohnbau.example" not in page and "carla@stadtwerke.example" not in page
    assert anna.get("/requests/colleagues?q=Be").json()["colleagues"][0]["email"] == "ben@wohnbau.example"
    tid = created_id(post_form(anna, fid, {"subject": subject(), **MINIMAL["digital"],
                                           "cc": "Ben Weber <ben@wohnbau.example>, anna@wohnbau.example"},
                               page=page))
    ccs = q(db, "SELECT u.email_norm FROM ticket_ccs c JOIN users u ON u.id = c.user_id WHERE c.ticket_id = %s", tid)
    assert ccs == (("ben@wohnbau.example",),)                        # the requester is no CC of herself
    tid = created_id(post_form(anna, fid, {"subject": subject(), **MINIMAL["digital"], "cc": "Ben Weber"}))
    assert q(db, "SELECT COUNT(*) FROM ticket_ccs WHERE ticket_id = %s", tid)[0][0] == 1
    ben = login_as("ben@wohnbau.example")
    assert ben.get(f"/requests/{tid}").status_code == 200


@pytest.mark.parametrize("cc", ["carla@stadtwerke.example", "Carla Müller", "niemand@wohnbau.example",
                                "ben@wohnbau.example, carla@stadtwerke.example"])
def test_cc_outside_the_organization_is_refused(db, cc):
    fid = form_id(db, "digital")
    anna = login_as("anna@wohnbau.example")
    s = subject("CC fremd")
    r = post_form(anna, fid, {"subject": s, **MINIMAL["digital"], "cc": cc})
    assert r.status_code == 422
    assert 'id="err-cc"' in r.text and "gehört nicht zu den Kolleginnen und Kollegen Ihrer Organisation" in r.text
    assert f'value="{cc}"' in r.text
    assert not tickets_with_subject(db, s)


# ---- attachments (R-NEW 8) ----

def attachments_of(db, tid):
    return q(db, "SELECT id, filename, size, sha256, comment_id FROM attachments WHERE ticket_id = %s ORDER BY id", tid)


def test_five_attachments_arrive_byte_identical(db):
    fid = form_id(db, "erp")
    anna = login_as("anna@wohnbau.example")
    big = os.urandom(30 * 1024 * 1024)
    files = [
        ("attachments", ("Übersicht \"Q1\" – Müller's Liste.pdf", b"%PDF-1.4 Inhalt", "application/pdf")),
        ("attachments", ("export-groß.zip", big, "application/zip")),
        ("attachments", ("daten.csv", "Objekt;Miete\n12;750\n".encode(), "text/csv")),
        ("attachments", ("leer.txt", b"", "text/plain")),
        ("attachments", ("protokoll.log", b"Zeile 1\r\nZeile 2\n", "text/plain")),
    ]
    tid = created_id(post_form(anna, fid, {"subject": subject("Fünf Anhänge"), **MINIMAL["erp"]}, files=files))
    rows = attachments_of(db, tid)
    assert [r[1] for r in rows] == [f[1][0] for f in files]
    first_comment = q(db, "SELECT MIN(id) FROM comments WHERE ticket_id = %s", tid)[0][0]
    page = anna.get(f"/requests/{tid}").text
    for (_, (name, data, _)), (aid, fname, size, sha, cid) in zip(files, rows):
        assert size == len(data) and sha == hashlib.sha256(data).hexdigest() and cid == first_comment
        link = re.findall(rf'href="(/attachments/{aid}/[^"]+)"', page)[0]
        d = anna.get(link)
        assert d.status_code == 200 and d.content == data, name
    assert not q(db, "SELECT COUNT(*) FROM pending_uploads p JOIN form_submissions s ON s.token_hash = p.token_hash "
                     "WHERE s.ticket_id = %s", tid)[0][0]


def test_uploaded_files_are_kept_when_the_form_comes_back(db):
    fid = form_id(db, "erp")
    anna = login_as("anna@wohnbau.example")
    s = subject("Dateien bleiben")
    files = [("attachments", ("screenshot eins.png", b"\x89PNG\r\n\x1a\nerste", "image/png")),
             ("attachments", ("zweite <datei>.txt", b"zweite", "text/plain"))]
    r = post_form(anna, fid, {"subject": s, "type": "incident"}, files=files)      # product, system missing
    assert r.status_code == 422
    assert "Bereits hochgeladen" in r.text
    assert "screenshot eins.png" in r.text and "zweite &lt;datei&gt;.txt" in r.text
    kept = re.findall(r'name="remove" value="(\d+)"', r.text)
    assert len(kept) == 2
    # another mistake, one more file: all three are listed
    r = post_form(anna, fid, {"subject": s, "type": "incident", "field_product": "wodis_yuneo"}, page=r.text,
                  files=[("attachments", ("dritte.csv", b"a;b\n", "text/csv"))])
    assert r.status_code == 422 and len(re.findall(r'name="remove" value="(\d+)"', r.text)) == 3
    # sent without uploading again, the second one unticked
    tid = created_id(post_form(anna, fid, {"subject": s, **MINIMAL["erp"], "remove": kept[1]}, page=r.text))
    rows = attachments_of(db, tid)
    assert [r[1] for r in rows] == ["screenshot eins.png", "dritte.csv"]
    page = anna.get(f"/requests/{tid}").text
    link = re.findall(rf'href="(/attachments/{rows[0][0]}/[^"]+)"', page)[0]
    assert anna.get(link).content == b"\x89PNG\r\n\x1a\nerste"


def test_kept_files_are_only_the_users_own(db):
    fid = form_id(db, "erp")
    anna, ben = login_as("anna@wohnbau.example"), login_as("ben@wohnbau.example")
    r = post_form(anna, fid, {"subject": subject(), "type": "incident"},
                  files=[("attachments", ("annas.txt", b"geheim", "text/plain"))])
    assert r.status_code == 422
    token = token_of(r.text)
    # ben sends a form with anna's token: he neither sees nor gets her file
    page = open_form(ben, fid)
    r = post_form(ben, fid, {"subject": subject(), "type": "incident"}, page=page, token=token)
    assert r.status_code == 422 and "annas.txt" not in r.text
    tid = created_id(post_form(ben, fid, {"subject": subject(), **MINIMAL["erp"]}, page=page, token=token))
    assert attachments_of(db, tid) == ()


def test_file_over_the_limit_is_refused(db):
    fid = form_id(db, "erp")
    anna = login_as("anna@wohnbau.example")
    s = subject("Zu groß")
    r = post_form(anna, fid, {"subject": s, **MINIMAL["erp"]},
                  files=[("attachments", ("riesig.bin", b"\0" * (51 * 1024 * 1024), "application/octet-stream"))])
    assert r.status_code == 413
    assert not tickets_with_subject(db, s)


# ---- one ticket per form (R-NEW: no double tickets) ----

def test_double_submit_makes_one_ticket(db):
    fid = form_id(db, "helpcenter")
    anna = login_as("anna@wohnbau.example")
    page = open_form(anna, fid)
    s = subject("Doppelklick")
    data = {"subject": s, **MINIMAL["helpcenter"]}
    first = created_id(post_form(anna, fid, data, page=page))
    again = created_id(post_form(anna, fid, data, page=page))
    assert first == again and len(tickets_with_subject(db, s)) == 1


def test_simultaneous_double_submit_makes_one_ticket(db):
    fid = form_id(db, "erp")
    anna = login_as("anna@wohnbau.example")
    page = open_form(anna, fid)
    s = subject("Gleichzeitig")
    data = {"subject": s, **MINIMAL["erp"], **ROUTING["erp"]}
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        ids = list(pool.map(lambda _: created_id(post_form(anna, fid, data, page=page)), range(4)))
    assert len(set(ids)) == 1 and len(tickets_with_subject(db, s)) == 1


def test_a_new_form_makes_a_new_ticket(db):
    fid = form_id(db, "helpcenter")
    anna = login_as("anna@wohnbau.example")
    s = subject("Zweimal gewollt")
    a = created_id(post_form(anna, fid, {"subject": s, **MINIMAL["helpcenter"]}))
    b = created_id(post_form(anna, fid, {"subject": s, **MINIMAL["helpcenter"]}))
    assert a != b


# ---- rate limit ----

def test_rate_limit_per_user(db):
    fid = form_id(db, "helpcenter")
    ben = login_as("ben@wohnbau.example")
    uid = q(db, "SELECT id FROM users WHERE email_norm = 'ben@wohnbau.example'")[0][0]
    key = hashlib.sha256(f"new_ticket\n{uid}".encode()).hexdigest()
    q(db, "INSERT INTO throttle_events (bucket, key_hash, at) SELECT 'new_ticket', %s, NOW(3) - INTERVAL seq SECOND "
          "FROM (SELECT 1 seq UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5 UNION SELECT 6 UNION "
          "SELECT 7 UNION SELECT 8 UNION SELECT 9 UNION SELECT 10) s", key)
    q(db, "INSERT INTO throttle_events (bucket, key_hash, at) SELECT bucket, key_hash, at - INTERVAL 11 SECOND "
          "FROM throttle_events WHERE key_hash = %s", key)
    q(db, "INSERT INTO throttle_events (bucket, key_hash, at) SELECT bucket, key_hash, at - INTERVAL 30 SECOND "
          "FROM throttle_events WHERE key_hash = %s LIMIT 10", key)
    assert q(db, "SELECT COUNT(*) FROM throttle_events WHERE key_hash = %s", key)[0][0] == 30
    s = subject("Zu viele")
    r = post_form(ben, fid, {"subject": s, **MINIMAL["helpcenter"]})
    assert r.status_code == 429
    assert "sehr viele Anfragen gestellt" in r.text and f'value="{s}"' in r.text
    assert not tickets_with_subject(db, s)
    # anna is not affected
    anna = login_as("anna@wohnbau.example")
    created_id(post_form(anna, fid, {"subject": subject(), **MINIMAL["helpcenter"]}))


def test_each_ticket_counts_towards_the_limit(db):
    fid = form_id(db, "helpcenter")
    anna = login_as("anna@wohnbau.example")
    uid = q(db, "SELECT id FROM users WHERE email_norm = 'anna@wohnbau.example'")[0][0]
    key = hashlib.sha256(f"new_ticket\n{uid}".encode()).hexdigest()
    created_id(post_form(anna, fid, {"subject": subject(), **MINIMAL["helpcenter"]}))
    assert q(db, "SELECT COUNT(*) FROM throttle_events WHERE bucket = 'new_ticket' AND key_hash = %s", key)[0][0] == 1


# ---- suggested articles without JavaScript (R-NEW 4) ----

def test_first_submit_shows_suggestions_and_asks_to_confirm(db):
    fid = form_id(db, "datacenter")
    anna = login_as("anna@wohnbau.example")
    s = f"VPN-Verbindung bricht ab {uuid.uuid4().hex[:6]}"
    r = post_form(anna, fid, {"subject": s, **MINIMAL["datacenter"]}, suggested=None)
    assert r.status_code == 200
    assert "Vielleicht hilft Ihnen einer dieser Artikel" in r.text and "Anfrage trotzdem senden" in r.text
    article = q(db, "SELECT id FROM hc_articles WHERE title = 'VPN-Verbindung bricht nach wenigen Minuten ab'")[0][0]
    assert f'href="/hc/articles/{article}"' in r.text
    assert 'name="suggested" id="f-suggested" value="1"' in r.text
    assert not tickets_with_subject(db, s)
    # confirmed: the ticket is made, with the same form token
    html = r.text
    body = {"csrf": csrf_of(html), "form_token": token_of(html), "suggested": "1", "subject": s,
            "description": "Beschreibung der Anfrage.", **MINIMAL["datacenter"]}
    tid = created_id(anna.post(f"/requests/new?form={fid}", data=body))
    assert ticket(db, tid)["subject"] == s


def test_no_suggestion_step_when_nothing_matches(db):
    fid = form_id(db, "datacenter")
    anna = login_as("anna@wohnbau.example")
    created_id(post_form(anna, fid, {"subject": subject("Xylophonquintett"), **MINIMAL["datacenter"]},
                         suggested=None))


# ---- bad input: a clear 4xx, nothing stored ----

def bad(anna, fid, db, data, status, **kw):
    s = subject("Kaputt")
    r = post_form(anna, fid, {"subject": s, **data}, **kw)
    assert r.status_code == status, (r.status_code, r.text[:500])
    assert "Traceback" not in r.text and "NEOERR" not in r.text
    assert not tickets_with_subject(db, s)
    return r


def test_bad_input_is_refused_and_stores_nothing(db):
    erp, hc = form_id(db, "erp"), form_id(db, "helpcenter")
    anna = login_as("anna@wohnbau.example")
    page = open_form(anna, erp)
    m = MINIMAL["erp"]
    bad(anna, erp, db, {**m, "field_system": "staging"}, 400, page=page)            # not an option
    bad(anna, erp, db, {**m, "field_secret": "x"}, 400, page=page)                 # no field of this form
    bad(anna, erp, db, {**m, "field_question": "x"}, 400, page=page)               # another form's field
    bad(anna, erp, db, {**m, "field_product": ["wodis_yuneo", "wodis_sigma"]}, 400, page=page)   # one value only
    bad(anna, erp, db, {**m, "type": "complaint"}, 400, page=page)
    bad(anna, hc, db, {**MINIMAL["helpcenter"], "type": "incident"}, 400)          # type the form does not offer
    bad(anna, erp, db, {**m, "field_version": "x" * 41}, 400, page=page)            # longer than the field
    bad(anna, erp, db, {**m, "description": "x" * 70000}, 400, page=page)
    bad(anna, erp, db, {**m, "remove": "abc"}, 422, page=page)                    # not a number: shown again
    bad(anna, erp, db, m, 400, page=page, token="kein-token")
    bad(anna, erp, db, {**m, "field_since": "2026-02-30"}, 422, page=page)         # a soft error: shown again
    r = post_form(anna, erp, {"subject": subject(), **m}, page=page, token="")
    assert r.status_code == 400
    # unknown or malformed form ids
    assert anna.get("/requests/new?form=999999").status_code == 404
    assert anna.get("/requests/new?form=abc").status_code == 400
    assert anna.get("/requests/new?form=-1").status_code == 400
    r = anna.post("/requests/new?form=999999", data={"csrf": csrf_of(page), "form_token": token_of(page),
                                                    "subject": "x", "description": "x", "type": "question"})
    assert r.status_code == 404
    # without the CSRF token nothing happens at all
    s = subject()
    r = anna.post(f"/requests/new?form={erp}", data={"form_token": token_of(page), "subject": s,
                                                     "description": "x", **m})
    assert r.status_code == 403 and not tickets_with_subject(db, s)


def test_inactive_form_is_gone(db):
    fid = form_id(db, "digital")
    anna = login_as("anna@wohnbau.example")
    page = open_form(anna, fid)
    q(db, "UPDATE forms SET active = 0 WHERE id = %s", fid)
    try:
        assert anna.get(f"/requests/new?form={fid}").status_code == 404
        assert f"form={fid}" not in anna.get("/requests/new").text
        s = subject()
        assert post_form(anna, fid, {"subject": s, **MINIMAL["digital"]}, page=page).status_code == 404
    finally:
        q(db, "UPDATE forms SET active = 1 WHERE id = %s", fid)


def test_another_users_form_token_is_refused(db):
    fid = form_id(db, "helpcenter")
    anna, ben = login_as("anna@wohnbau.example"), login_as("ben@wohnbau.example")
    page = open_form(anna, fid)
    tid = created_id(post_form(anna, fid, {"subject": subject(), **MINIMAL["helpcenter"]}, page=page))
    r = post_form(ben, fid, {"subject": subject(), **MINIMAL["helpcenter"]}, token=token_of(page))
    assert r.status_code == 400
    assert ticket(db, tid)["requester_id"] == q(db, "SELECT id FROM users WHERE email_norm = 'anna@wohnbau.example'")[0][0]


def test_page_has_no_inline_script_or_style(db):
    anna = login_as("anna@wohnbau.example")
    page = open_form(anna, form_id(db, "erp"))
    assert "<script>" not in page and " onclick=" not in page and "style=" not in page
    src = re.search(r'<script src="(/js/newrequest\.js\?v=[0-9a-f]{12})" defer></script>', page)   # content-hashed URL
    assert src and anna.get(src.group(1)).status_code == 200


# ---- mail (R-MAIL 1): confirmation to the requester and the CCs, notice to the agents ----

def test_confirmation_to_requester_and_cc_and_notice_to_the_assignee(db):
    fid = form_id(db, "erp")
    anna = login_as("anna@wohnbau.example")
    s = subject("Mailprobe")
    tid = created_id(post_form(anna, fid, {"subject": s, **MINIMAL["erp"], **ROUTING["erp"], "urgent": "1",
                                           "urgent_reason": "Frist <heute>", "cc": "ben@wohnbau.example",
                                           "description": "Die Sollstellung & der Export brechen ab."}))
    assignee = q(db, "SELECT u.email_norm, u.name FROM tickets t JOIN users u ON u.id = t.assignee_id "
                     "WHERE t.id = %s", tid)[0]
    # queued with the ticket, once per recipient
    rows = q(db, "SELECT kind, recipient FROM outbox WHERE event_key LIKE %s OR event_key LIKE %s ORDER BY id",
             f"created:{tid}", f"agent:created:{tid}:%")
    assert sorted(rows) == sorted([("ticket_created", "anna@wohnbau.example"), ("ticket_created", "ben@wohnbau.example"),
                                   ("ticket_agent", assignee[0])])
    mail = wait_mail("anna@wohnbau.example", subject=f"[#{tid}]")
    assert str(mail["Subject"]) == f"[#{tid}] Ihre Anfrage ist eingegangen: {s}"
    text = text_of(mail)
    assert f"unter der Nummer #{tid} erfasst" in text and "Priorität: Hoch" in text
    assert f"In Bearbeitung bei {assignee[1]}." in text and "Die Sollstellung & der Export brechen ab." in text
    assert f"/requests/{tid}" in text
    assert "Die Sollstellung &amp; der Export brechen ab." in html_of(mail)
    cc = wait_mail("ben@wohnbau.example", subject=f"[#{tid}]")
    assert str(cc["Subject"]) == f"[#{tid}] Sie sind in CC einer neuen Anfrage: {s}"
    assert "Anna Schmidt hat Sie bei einer neuen Anfrage in CC gesetzt." in text_of(cc)
    agent = wait_mail(assignee[0], subject=f"[#{tid}]")
    assert str(agent["Subject"]) == f"[#{tid}] Neue Anfrage: {s}"


def test_incomplete_ticket_tells_the_group_and_the_requester_in_her_language(db):
    fid = form_id(db, "helpcenter")
    ben = login_as("ben@wohnbau.example")
    ben.get("/?lang=en")
    try:
        tid = created_id(post_form(ben, fid, {"subject": subject("Mail EN"), **MINIMAL["helpcenter"]}))
        mail = wait_mail("ben@wohnbau.example", subject=f"[#{tid}]")
        assert "We have received your request" in str(mail["Subject"])
        assert "We will assign the request to an agent shortly." in text_of(mail)
        members = {r[0] for r in q(db, "SELECT u.email_norm FROM staff_group_members m JOIN users u ON u.id = m.user_id "
                                       "JOIN forms f ON f.group_id = m.group_id WHERE f.id = %s", fid)}
        got = {r[0] for r in q(db, "SELECT recipient FROM outbox WHERE event_key LIKE %s", f"agent:created:{tid}:%")}
        assert got == members and len(members) >= 2
    finally:
        ben.get("/?lang=de")


def test_form_keys_and_values_are_a_plain_alphabet(db):
    """They become parameter names, HDF paths and CSS selectors: the schema refuses anything else."""
    fid = form_id(db, "erp")
    for key in ('a"b', "x.y", "Gro\u00df", ""):
        with pytest.raises(Exception):
            q(db, "INSERT INTO form_fields (form_id, field_key, kind, label_de, label_en) "
                  "VALUES (%s, %s, 'text', 'x', 'x')", fid, key)
    field = q(db, "SELECT id FROM form_fields WHERE form_id = %s AND field_key = 'module'", fid)[0][0]
    with pytest.raises(Exception):
        q(db, "INSERT INTO form_field_options (field_id, value, label_de, label_en) VALUES (%s, 'a.b', 'x', 'x')",
          field)
    assert len(q(db, "SELECT id FROM form_fields WHERE form_id = %s AND field_key IN ('a\"b', 'x.y')", fid)) == 0


def test_cleanup_forgets_old_form_tokens_and_files_never_sent(db):
    fid = form_id(db, "erp")
    anna = login_as("anna@wohnbau.example")
    data = os.urandom(4096)
    sha = hashlib.sha256(data).hexdigest()
    r = post_form(anna, fid, {"subject": subject(), "type": "incident"},
                  files=[("attachments", ("vergessen.bin", data, "application/octet-stream"))])
    assert r.status_code == 422
    path = os.path.join(STACK["files_dir"], sha[:2], sha)
    assert os.path.exists(path)
    tid = created_id(post_form(anna, fid, {"subject": subject(), **MINIMAL["erp"]}))
    # a day later: the form was never sent; a week later: the other form's token is spent
    q(db, "UPDATE pending_uploads SET created_at = NOW() - INTERVAL 25 HOUR WHERE sha256 = %s", sha)
    os.utime(path, (time.time() - 7200, time.time() - 7200))
    q(db, "UPDATE form_submissions SET created_at = NOW() - INTERVAL 8 DAY WHERE ticket_id = %s", tid)
    r = run_tool("cleanup")
    assert r.returncode == 0, r.stderr
    assert not q(db, "SELECT 1 FROM pending_uploads WHERE sha256 = %s", sha)
    assert not os.path.exists(path)
    assert not q(db, "SELECT 1 FROM form_submissions WHERE ticket_id = %s", tid)
    assert ticket(db, tid)["status"] == "new"
