"""test_ticket_access.py - the access levels (R-ORG 1-3): for every combination of organization and
user setting, what is listed, counted, found, opened, downloaded and commentable."""
import uuid

import pytest

from conftest import Browser, agent_reply, login_as, make_ticket, q, world_readable_file

LEVELS = {"own": 0, "org_read": 1, "org_comment": 2}


@pytest.fixture
def levels(db):
    """Sets Wohnbau's and ben's access level; restores the demo settings afterwards."""
    def apply(org, user):
        q(db, "UPDATE organizations SET access_level = %s WHERE name = 'Wohnbau Nord GmbH'", LEVELS[org])
        q(db, "UPDATE users SET access_level = %s WHERE email_norm = 'ben@wohnbau.example'", LEVELS[user])
    yield apply
    apply("org_read", "org_comment")


@pytest.fixture(scope="module")
def annas():
    """A ticket of anna's (Wohnbau) with an attachment and an agent reply."""
    word = "Zauberwort" + uuid.uuid4().hex[:8]
    f = world_readable_file("bericht.txt", b"Inhalt des Berichts\n")
    tid = make_ticket("anna@wohnbau.example", f"Heizung {word} defekt", "Die Heizung im Objekt 12 fällt aus.",
                      attach=f)
    agent_reply(tid, "Wir schicken einen Techniker.")
    return {"id": tid, "word": word}


def attachment_url(db, ticket_id):
    aid, name = q(db, "SELECT id, filename FROM attachments WHERE ticket_id = %s", ticket_id)[0]
    return f"/attachments/{aid}/{name}"


def what_ben_gets(annas, db):
    ben = login_as("ben@wohnbau.example")
    org_list = ben.get("/requests?scope=org")
    search = ben.get(f"/requests?scope=org&q={annas['word']}")
    page = ben.get(f"/requests/{annas['id']}")
    download = ben.get(attachment_url(db, annas["id"]))
    csrf = ben.csrf("/requests")
    comment = ben.post(f"/requests/{annas['id']}", {"csrf": csrf, "body": "Kommentar von Ben"})
    mine = ben.get("/requests")
    return {
        "org_tab": org_list.status_code,
        "listed": f"/requests/{annas['id']}\"" in org_list.text,
        "org_tab_shown": "scope=org" in mine.text,
        "found": f"/requests/{annas['id']}\"" in search.text,
        "page": page.status_code,
        "download": download.status_code,
        "comment": comment.status_code,
    }


@pytest.mark.parametrize("org,user,expect", [
    # the stricter setting wins (R-ORG 2)
    ("own", "own", "none"),
    ("own", "org_comment", "none"),
    ("org_read", "own", "none"),
    ("org_comment", "own", "none"),
    ("org_read", "org_read", "read"),
    ("org_read", "org_comment", "read"),
    ("org_comment", "org_read", "read"),
    ("org_comment", "org_comment", "comment"),
])
def test_access_matrix(levels, annas, db, org, user, expect):
    levels(org, user)
    got = what_ben_gets(annas, db)
    if expect == "none":
        assert got["org_tab"] == 403 and not got["org_tab_shown"]
        assert not got["found"] and not got["listed"]
        assert got["page"] == 404 and got["download"] == 404 and got["comment"] == 404
    else:
        assert got["org_tab"] == 200 and got["org_tab_shown"] and got["listed"] and got["found"]
        assert got["page"] == 200 and got["download"] == 200
        assert got["comment"] == (303 if expect == "comment" else 403)


def test_read_only_colleague_sees_no_comment_box(levels, annas):
    levels("org_read", "org_comment")
    page = login_as("ben@wohnbau.example").get(f"/requests/{annas['id']}")
    assert 'name="body"' not in page.text
    assert "lesen, aber nicht kommentieren" in page.text


def test_other_organization_gets_404_like_a_missing_ticket(annas, db):
    carla = login_as("carla@stadtwerke.example")
    other = carla.get(f"/requests/{annas['id']}")
    missing = carla.get("/requests/999999999")
    assert other.status_code == missing.status_code == 404
    assert other.text.replace(str(annas["id"]), "X") .count("Seite nicht gefunden") == 1
    assert carla.get(attachment_url(db, annas["id"])).status_code == 404
    csrf = carla.csrf("/requests")
    assert carla.post(f"/requests/{annas['id']}", {"csrf": csrf, "body": "x"}).status_code == 404
    for scope in ("mine", "cc"):
        r = carla.get(f"/requests?scope={scope}&q={annas['word']}")
        assert r.status_code == 200 and f"/requests/{annas['id']}\"" not in r.text
    assert carla.get(f"/requests?scope=org&q={annas['word']}").status_code == 403


def test_counts_respect_access(levels, db):
    levels("own", "org_comment")
    ben = login_as("ben@wohnbau.example")
    page = ben.get("/requests")
    own = q(db, "SELECT COUNT(*) FROM tickets t JOIN users u ON u.id = t.requester_id "
                "WHERE u.email_norm = 'ben@wohnbau.example'")[0][0]
    assert f'Meine Anfragen <span class="count">{own}</span>' in page.text
    assert "Organisation <span" not in page.text
    levels("org_read", "org_comment")
    org = q(db, "SELECT COUNT(*) FROM tickets t JOIN organizations o ON o.id = t.org_id "
                "WHERE o.name = 'Wohnbau Nord GmbH'")[0][0]
    assert f'Organisation <span class="count">{org}</span>' in ben.get("/requests").text


def test_cc_user_sees_and_may_comment_even_at_level_own(levels, db):
    levels("own", "own")
    tid = make_ticket("anna@wohnbau.example", "Aufzug Objekt 7 steht", cc="ben@wohnbau.example")
    ben = login_as("ben@wohnbau.example")
    assert f"/requests/{tid}\"" in ben.get("/requests?scope=cc").text
    assert ben.get(f"/requests/{tid}").status_code == 200
    csrf = ben.csrf(f"/requests/{tid}")
    assert ben.post(f"/requests/{tid}", {"csrf": csrf, "body": "Bei mir auch."}).status_code == 303


def test_unconfirmed_user_sees_no_tickets(db):
    q(db, "UPDATE users SET confirmed_at = NULL WHERE email_norm = 'carla@stadtwerke.example'")
    try:
        carla = login_as("carla@stadtwerke.example")
        page = carla.get("/requests")
        assert page.status_code == 403
        assert "Registrierung noch nicht abgeschlossen" in page.text
        assert "Bestätigungs-E-Mail erneut senden" in page.text
        assert "/requests/" not in page.text.split("<main")[1].replace("/requests/new", "")
        tid = q(db, "SELECT t.id FROM tickets t JOIN users u ON u.id = t.requester_id "
                    "WHERE u.email_norm = 'carla@stadtwerke.example' LIMIT 1")[0][0]
        r = carla.get(f"/requests/{tid}")
        assert r.status_code == 403 and "Registrierung noch nicht abgeschlossen" in r.text
        assert q(db, "SELECT subject FROM tickets WHERE id = %s", tid)[0][0] not in r.text
    finally:
        q(db, "UPDATE users SET confirmed_at = NOW() WHERE email_norm = 'carla@stadtwerke.example'")


def test_signed_out_visitors_are_sent_to_login():
    r = Browser().get("/requests/1")
    assert r.status_code == 303 and r.headers["Location"].endswith("/login?next=/requests/1")
