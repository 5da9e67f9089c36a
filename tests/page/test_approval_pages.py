"""test_approval_pages.py - the approval and product-mail pages answered directly over FastCGI (R-APPR):
access flags, rendering in both languages, declared fields, and the unsubscribe link's GET that changes nothing."""
import re

import pytest
from conftest import Client, q


def waiting_approval(db):
    """The demo's change of Anna that waits for Dana (or any waiting one of Wohnbau Nord)."""
    rows = q(db, "SELECT a.ticket_id FROM approvals a JOIN organizations o ON o.id = a.org_id "
                 "WHERE a.state = 'awaiting' AND a.role = 'order' AND o.name = 'Wohnbau Nord GmbH' ORDER BY a.ticket_id")
    assert rows, "no waiting approval in the demo data"
    return rows[0][0]


@pytest.mark.parametrize("name,info", [("approvals", ""), ("approvals/ticket", "/1"), ("agent/productmails", ""),
                                       ("agent/productmails", "/1")])
def test_visitors_are_sent_to_the_login(client, name, info):
    r = client.get(name, path_info=info)
    assert r.status == 303 and "/login?next=" in r.headers["location"]


def test_the_approvers_list_is_for_approvers(db):
    assert Client().login("ben@wohnbau.example").get("approvals").status == 403
    assert Client().login("agent@tresen.example").get("approvals").status == 403
    dana = Client().login("dana@wohnbau.example")
    try:
        for lang, word in (("en", "Approvals"), ("de", "Freigaben")):
            r = dana.get("approvals", f"lang={lang}")
            assert r.status == 200 and word in r.text
    finally:
        q(db, "UPDATE users SET lang = 'de' WHERE email_norm = 'dana@wohnbau.example'")   # her mails stay German
    tid = waiting_approval(db)
    assert f"/approvals/{tid}" in Client().login("dana@wohnbau.example").get("approvals").text


def test_the_decision_page_renders_for_the_approver_only(db):
    tid = waiting_approval(db)
    dana = Client().login("dana@wohnbau.example")
    r = dana.get("approvals/ticket", path_info=f"/{tid}")
    assert r.status == 200 and 'name="decision" value="approve"' in r.text and 'name="comment"' in r.text
    assert Client().login("carla@stadtwerke.example").get("approvals/ticket", path_info=f"/{tid}").status == 404
    assert Client().login("stefan@stadtwerke.example").get("approvals/ticket", path_info=f"/{tid}").status == 404
    assert Client().login("ben@wohnbau.example").get("approvals/ticket", path_info=f"/{tid}").status == 403
    assert dana.get("approvals/ticket", path_info="/999999999").status == 404
    # a value no form of ours sends
    token = re.search(r'name="csrf" value="([^"]+)"', r.text).group(1)
    r = dana.post("approvals/ticket", {"csrf": token, "decision": "maybe"}, path_info=f"/{tid}")
    assert r.status in (400, 422)
    assert q(db, "SELECT state FROM approvals WHERE ticket_id = %s", tid)[0][0] == "awaiting"


def test_product_mails_are_for_staff(db):
    assert Client().login("anna@wohnbau.example").get("agent/productmails").status == 403
    agent = Client().login("agent@tresen.example")
    r = agent.get("agent/productmails")
    assert r.status == 200 and 'name="subject_de"' in r.text and 'name="product"' in r.text
    assert agent.get("agent/productmails", path_info="/999999999").status == 404
    assert agent.get("agent/productmails", "product=abc").status == 400


def test_the_unsubscribe_link_changes_nothing_by_a_get(client, db):
    assert client.get("unsubscribe", "token=1x0123456789abcdef0123456789abcdef").status == 404
    assert client.get("unsubscribe", "token=not*a*token").status == 400
    assert client.get("unsubscribe").status == 404
