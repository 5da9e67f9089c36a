"""test_names.py - characters that reorder or hide text: refused in names, written out in other text."""
import re
import uuid

from conftest import Client, q


def test_name_with_a_direction_override_is_refused_with_a_message(client, db):
    email = f"rlo-{uuid.uuid4().hex[:8]}@wohnbau.example"
    r = client.post("register", {"csrf": client.csrf("register"), "name": "Anna \u202eretsiM",
                                 "email": email, "password": "Kaffeetasse-im-Regen-7"})
    assert r.status == 422
    assert "richtungsändernden" in r.text
    assert not q(db, "SELECT id FROM users WHERE email_norm = %s", email)


def test_invisible_characters_in_a_search_are_written_out(client):
    client.login("anna@wohnbau.example")
    r = client.get("requests", "q=Heizung%E2%80%AEtest")
    assert r.status == 200
    assert "Heizung[U+202E]test" in r.text
    assert "\u202e" not in r.text
