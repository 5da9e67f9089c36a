"""newreq.py - helpers for the request-form tests: the seeded forms, filling them in, what a submit made."""
import re

from conftest import csrf_of, q

# the smallest complete answer to each seeded form (routing fields left out: those decide assignment)
MINIMAL = {
    "erp": {"type": "incident", "field_product": "wodis_yuneo", "field_system": "production"},
    "digital": {"type": "question", "field_solution": "crm"},
    "datacenter": {"type": "incident", "field_request_kind": "outage", "field_environment": "production"},
    "helpcenter": {"type": "question", "field_question": "Welcher Schritt gilt für Release 2025.2?"},
}
# what makes each of them complete for routing (R-NEW 9)
ROUTING = {
    "erp": {"field_module": "accounting", "field_version": "2025.2"},
    "digital": {"field_environment": "test"},
    "datacenter": {"field_system": "wodis-prod-01"},
    "helpcenter": {"field_article": "https://support.example.com/hc/articles/8"},
}


def form_id(db, slug):
    return q(db, "SELECT id FROM forms WHERE slug = %s", slug)[0][0]


def token_of(html):
    m = re.search(r'name="form_token" value="([^"]+)"', html)
    assert m, "form has no form token"
    return m.group(1)


def open_form(browser, fid):
    r = browser.get(f"/requests/new?form={fid}")
    assert r.status_code == 200, r.status_code
    return r.text


def post_form(browser, fid, data, *, page=None, files=None, suggested="1", token=None):
    """Sends the form as a browser does: its CSRF and form token, the fields, optional files."""
    html = page if page is not None else open_form(browser, fid)
    body = {"csrf": csrf_of(html), "form_token": token_of(html) if token is None else token, "suggested": suggested,
            "description": "Beschreibung der Anfrage.", **data}
    body = {k: v for k, v in body.items() if v is not None}
    return browser.post(f"/requests/new?form={fid}", data=body, files=files)


def created_id(r):
    assert r.status_code == 303, (r.status_code, r.text[:2000])
    m = re.search(r"/requests/(\d+)\?notice=ticket_created$", r.headers["Location"])
    assert m, r.headers["Location"]
    return int(m.group(1))


def ticket(db, tid):
    cols = ("status", "type", "priority", "urgent_claim", "urgent_reason", "urgent_review", "form_id", "group_id",
            "assignee_id", "product_id", "requester_id", "subject")
    row = q(db, f"SELECT {', '.join(cols)} FROM tickets WHERE id = %s", tid)[0]
    return dict(zip(cols, row))


def tickets_with_subject(db, subject):
    return q(db, "SELECT id FROM tickets WHERE subject = %s", subject)


def values_of(db, tid):
    return dict(q(db, "SELECT field_key, value FROM ticket_values WHERE ticket_id = %s", tid))
