"""test_internal_content.py - internal notes and the files attached to them never reach a customer (one rule, lib/tickets/access.c).

One ticket with an internal note (a word of its own, an attachment) and a
public reply; for each customer who may see the ticket - the requester, a
colleague in CC, a colleague reading the organization's tickets - every
place a customer could meet the note is checked: the ticket page, the
download of its file, the lists and their search, the suggestions, and
every mail the sink received.
"""
import uuid

import pytest

from conftest import agent_reply, all_mails, html_of, login_as, make_ticket, q, text_of, world_readable_file


@pytest.fixture(scope="module")
def noted(db):
    word = "Geheimnis" + uuid.uuid4().hex[:8]
    tid = make_ticket("anna@wohnbau.example", "Abrechnung Objekt 7 fehlerhaft", "Bitte prüfen.",
                      cc="ben@wohnbau.example")
    note_file = world_readable_file("intern-notiz.txt", f"Nur für uns: {word}\n".encode())
    agent_reply(tid, f"Intern: {word} - Kunde nicht informieren.", internal=True, attach=note_file)
    agent_reply(tid, "Wir sehen uns das an und melden uns.")
    aid, name = q(db, "SELECT a.id, a.filename FROM attachments a JOIN comments c ON c.id = a.comment_id "
                      "WHERE a.ticket_id = %s AND c.is_public = 0", tid)[0]
    return {"id": tid, "word": word, "download": f"/attachments/{aid}/{name}"}


CUSTOMERS = {
    "requester": ("anna@wohnbau.example", "mine"),
    "cc": ("ben@wohnbau.example", "cc"),
    "organization": ("ben@wohnbau.example", "org"),
}


def places(customer, noted):
    """What a customer gets at every place the note could show, as (status, text) pairs."""
    email, scope = CUSTOMERS[customer]
    b = login_as(email)
    word, tid = noted["word"], noted["id"]
    got = {
        "ticket page": b.get(f"/requests/{tid}"),
        "download": b.get(noted["download"]),
        "list": b.get(f"/requests?scope={scope}"),
        "list search": b.get(f"/requests?scope={scope}&q={word}"),
        "suggestions": b.get(f"/hc/suggest?q={word}"),
    }
    return {k: (r.status_code, r.text) for k, r in got.items()}


@pytest.mark.parametrize("customer", list(CUSTOMERS))
@pytest.mark.parametrize("place", ["ticket page", "download", "list", "list search", "suggestions"])
def test_internal_note_is_nowhere_for_customers(noted, customer, place):
    status, text = places(customer, noted)[place]
    # the note's text and its file's content (a search echoes the word it was asked for)
    assert f"Intern: {noted['word']}" not in text and f"Nur für uns: {noted['word']}" not in text
    if place != "list search":
        assert noted["word"] not in text
    if place == "download":
        assert status == 404          # the file of an internal note does not exist for customers
    elif place == "ticket page":
        assert status == 200 and "Wir sehen uns das an" in text   # the public reply is there
    elif place == "list search":
        assert f"/requests/{noted['id']}\"" not in text        # not found by the note's word


def test_internal_note_reaches_no_customer_mailbox(noted):
    for m in all_mails():
        to = str(m["X-RcptTo"]).lower()
        if to.endswith("@tresen.example"):
            continue                  # staff may be told of their colleagues' notes
        assert noted["word"] not in text_of(m) + html_of(m), f"mail to {to} quotes the internal note"


def test_staff_see_the_note_and_its_file(noted):
    agent = login_as("agent@tresen.example")
    assert noted["word"] in agent.get(f"/requests/{noted['id']}").text
    assert agent.get(noted["download"]).status_code == 200
