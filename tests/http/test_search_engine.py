"""test_search_engine.py - the ticket search on our own posting lists (issue 17, sql/012_search.sql)
finds exactly what a reference query finds, for every list and access level.

A fixed data set of tickets whose words carry a tag of this run: words in subjects, in public
replies, in internal notes (never found by customers), words sharing a prefix, a capitalised
and an accented spelling. Each search - one word, a prefix, two words, in relevance and recency
order - is compared per list (mine, CC, organization; own-tickets and organization access; the
agents' search over everything) with the reference: the tickets of that list, read straight
from the database, whose subject or public comments hold a word beginning with each typed
word (letter case and accents folded). Also: paging reaches every match, the found-count is
exact, a status change keeps a ticket findable."""
import re
import unicodedata
import uuid

import pytest

from conftest import agent_reply, login_as, make_ticket, q, set_status

WORD = re.compile("[0-9A-Za-z_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u1FFF]+")
ANNA, BEN, CARLA, AGENT = "anna@wohnbau.example", "ben@wohnbau.example", "carla@stadtwerke.example", "agent@tresen.example"
TAG = uuid.uuid4().hex[:6]
ROHRBRUCH, ROHRLEITUNG, PUMPE, UBER = f"rohr{TAG}bruch", f"rohr{TAG}leitung", f"pumpe{TAG}", f"über{TAG}weisung"


def fold(w):
    return "".join(ch for ch in unicodedata.normalize("NFKD", w.casefold()) if not unicodedata.combining(ch))


@pytest.fixture(scope="module")
def data():
    t = {}
    t["anna_subject"] = make_ticket(ANNA, f"Kellerwasser {ROHRBRUCH.capitalize()} im Haus 3")
    t["ben_reply"] = make_ticket(BEN, "Zählerstand fehlt")
    agent_reply(t["ben_reply"], f"Die {ROHRLEITUNG} wird geprüft, die {PUMPE} ist getauscht.")
    t["ben_note"] = make_ticket(BEN, f"{PUMPE} macht Geräusche")
    agent_reply(t["ben_note"], f"intern: {ROHRBRUCH} vermutet", internal=True)
    t["carla_both"] = make_ticket(CARLA, f"{ROHRBRUCH} und {PUMPE} im Werk")
    t["anna_cc_ben"] = make_ticket(ANNA, f"{ROHRLEITUNG.upper()} undicht", cc=BEN)
    t["anna_umlaut"] = make_ticket(ANNA, f"{UBER.capitalize()} fehlgeschlagen")
    t["note_only"] = make_ticket(CARLA, "Anfrage ohne Stichwort")
    agent_reply(t["note_only"], f"intern {PUMPE} {ROHRLEITUNG}", internal=True)
    return t


def reference(db, user_email, scope, typed):
    """The tickets of the list whose subject or public comments hold every typed word as a prefix."""
    uid, org = q(db, "SELECT id, org_id FROM users WHERE email_norm = %s", user_email)[0]
    tickets = q(db, "SELECT id, requester_id, org_id, subject FROM tickets WHERE subject LIKE %s "
                    "OR id IN (SELECT ticket_id FROM comments WHERE body LIKE %s)", f"%{TAG}%", f"%{TAG}%")
    public = {}
    for tid, body in q(db, "SELECT ticket_id, body FROM comments WHERE is_public = 1 AND ticket_id IN "
                           "(SELECT id FROM tickets WHERE subject LIKE %s OR id IN "
                           "(SELECT ticket_id FROM comments WHERE body LIKE %s))", f"%{TAG}%", f"%{TAG}%"):
        public[tid] = public.get(tid, "") + " " + body
    rows = [(tid, requester, torg, subject, public.get(tid, "")) for tid, requester, torg, subject in tickets]
    ccs = {r[0] for r in q(db, "SELECT ticket_id FROM ticket_ccs WHERE user_id = %s", uid)}
    words = [fold(w) for w in WORD.findall(typed)]
    found = set()
    for tid, requester, torg, subject, bodies in rows:
        if scope == "mine" and requester != uid or scope == "cc" and tid not in ccs or \
                scope == "org" and torg != org:
            continue
        have = [fold(w) for w in WORD.findall(subject + " " + bodies)]
        if all(any(h.startswith(w) for h in have) for w in words):
            found.add(tid)
    return found


def customer_ids(r):
    assert r.status_code == 200
    return [int(x) for x in re.findall(r'<td class="col-subject"><a href="/requests/(\d+)"', r.text)]


def agent_ids(r):
    assert r.status_code == 200
    return [int(x) for x in re.findall(r'<td class="col-id">#(\d+)</td>', r.text)]


def found_count(r):
    m = re.search(r'data-found="(\d+)"', r.text)
    return int(m.group(1)) if m else None


SEARCHES = [ROHRBRUCH, ROHRLEITUNG, PUMPE, f"rohr{TAG}", f"{ROHRBRUCH} {PUMPE}", f"rohr{TAG} pumpe{TAG}",
            ROHRBRUCH.upper(), f"uber{TAG}", f"ÜBER{TAG}", f"{PUMPE} {ROHRLEITUNG} {ROHRBRUCH}"]


@pytest.mark.parametrize("who,scope", [(ANNA, "mine"), (ANNA, "cc"), (ANNA, "org"), (BEN, "mine"), (BEN, "cc"),
                                       (BEN, "org"), (CARLA, "mine"), (CARLA, "cc")])
def test_customer_search_finds_what_the_reference_finds(db, data, who, scope):
    browser = login_as(who)
    for typed in SEARCHES:
        want = reference(db, who, scope, typed)
        for sort in ("", "&sort=updated", "&sort=created", "&sort=updated_asc"):
            r = browser.get(f"/requests?scope={scope}{sort}", params={"q": typed})
            got = customer_ids(r)
            assert set(got) == want, (who, scope, typed, sort)
            assert len(got) == len(set(got))
            if sort:
                assert found_count(r) == len(want), (who, scope, typed, sort)
        # relevance is the default with words; a filter combines with them
        r = browser.get(f"/requests?scope={scope}&status=new", params={"q": typed})
        new = {i for (i,) in q(db, "SELECT id FROM tickets WHERE status = 'new'")}
        assert set(customer_ids(r)) == want & new


def test_internal_notes_are_never_found_by_customers(db, data):
    for who, scope in ((BEN, "mine"), (BEN, "org"), (ANNA, "org"), (CARLA, "mine")):
        b = login_as(who)
        assert data["ben_note"] not in customer_ids(b.get(f"/requests?scope={scope}", params={"q": ROHRBRUCH}))
        assert data["note_only"] not in customer_ids(b.get(f"/requests?scope={scope}", params={"q": PUMPE}))
    # nor by staff: notes are not indexed (the documents hold public text only)
    a = login_as(AGENT)
    assert data["note_only"] not in agent_ids(a.get("/agent", params={"queue": "all", "q": PUMPE}))


def test_organization_access_only_for_its_members(db, data):
    carla = login_as(CARLA)
    assert carla.get("/requests?scope=org", params={"q": PUMPE}).status_code in (403, 404)
    # another organization's words are not found in one's own lists
    assert data["carla_both"] not in customer_ids(login_as(ANNA).get("/requests?scope=org", params={"q": PUMPE}))
    assert data["anna_subject"] not in customer_ids(carla.get("/requests", params={"q": ROHRBRUCH}))


def test_agents_search_every_organization(db, data):
    a = login_as(AGENT)
    for typed in SEARCHES:
        want = reference(db, AGENT, "all", typed)
        for sort in ("", "&sort=updated", "&sort=created", "&sort=priority"):
            r = a.get(f"/agent?queue=all{sort}", params={"q": typed})
            assert set(agent_ids(r)) == want, (typed, sort)
            assert found_count(r) == len(want), (typed, sort)


def test_ranking_subject_first_and_found_count(db, data):
    tag = uuid.uuid4().hex[:6]
    word = f"heizkessel{tag}"
    in_comment = make_ticket(ANNA, "Ein Anliegen")
    agent_reply(in_comment, f"Der {word} ist bestellt.")
    in_subject = make_ticket(ANNA, f"{word} defekt")
    anna = login_as(ANNA)
    for scope in ("mine", "org"):
        r = anna.get(f"/requests?scope={scope}", params={"q": word})
        assert customer_ids(r) == [in_subject, in_comment]
        assert found_count(r) == 2
        # by recency: the last updated first
        r = anna.get(f"/requests?scope={scope}&sort=updated", params={"q": word})
        assert customer_ids(r) == [in_subject, in_comment]
    # nothing found: a count of none
    r = anna.get("/requests?scope=org", params={"q": f"nichtda{tag}"})
    assert customer_ids(r) == [] and found_count(r) == 0


def test_paging_reaches_every_match_and_status_changes_keep_tickets_found(db, data):
    tag = uuid.uuid4().hex[:6]
    word = f"seitenweise{tag}"
    made = [make_ticket(ANNA if i % 2 else BEN, f"{word} Nummer {i}") for i in range(28)]
    anna = login_as(ANNA)
    for sort in ("", "&sort=updated", "&sort=updated_asc", "&sort=created"):
        seen = []
        for page in (1, 2):
            r = anna.get(f"/requests?scope=org{sort}&page={page}", params={"q": word})
            seen += customer_ids(r)
            assert found_count(r) == 28
        assert sorted(seen) == sorted(made), sort
    # a change of status moves the ticket in the recency order; it is still found, once
    set_status(made[0], "pending")
    r = anna.get("/requests?scope=org&sort=updated", params={"q": word})
    order = [i for (i,) in q(db, "SELECT id FROM tickets WHERE id IN (" + ",".join(map(str, made)) + ") "
                                 "ORDER BY updated_at DESC, id DESC LIMIT 25")]
    assert customer_ids(r) == order and made[0] in order
    stale = q(db, "SELECT COUNT(*) FROM search_postings p JOIN tickets t ON t.id = p.ticket_id "
                  "WHERE p.ticket_id = %s AND p.updated_at <> t.updated_at", made[0])[0][0]
    assert stale == 0
    agent = login_as(AGENT)
    seen = agent_ids(agent.get("/agent?queue=all&sort=updated", params={"q": word})) + \
        agent_ids(agent.get("/agent?queue=all&sort=updated&page=2", params={"q": word}))
    assert sorted(seen) == sorted(made)


def test_many_words_with_every_filter_still_answer(db, data):
    typed = f"{ROHRBRUCH} {PUMPE} rohr{TAG} pumpe{TAG} kellerwasser haus zähler werk"
    a = login_as(AGENT)
    r = a.get("/agent", params={"queue": "all", "q": typed, "status": "new", "type": "question", "priority": "normal",
                                "from": "2020-01-01", "to": "2030-12-31"})
    assert r.status_code == 200
    for sort in ("waiting", "updated", "created", "priority"):
        assert a.get("/agent", params={"queue": "all", "q": typed, "status": "new", "type": "question",
                                       "priority": "normal", "sort": sort}).status_code == 200
    anna = login_as(ANNA)
    for scope in ("mine", "cc", "org"):
        r = anna.get("/requests", params={"scope": scope, "q": typed, "status": "new", "type": "question",
                                          "from": "2020-01-01", "to": "2030-12-31"})
        assert r.status_code == 200
        r = anna.get("/requests", params={"scope": scope, "q": typed, "status": "new", "type": "question"})
        assert r.status_code == 200 and set(customer_ids(r)) == reference(db, ANNA, scope, typed) & {
            i for (i,) in q(db, "SELECT id FROM tickets WHERE status = 'new' AND type = 'question'")}


def test_prefixes_of_many_dictionary_words_find_what_the_reference_finds(db):
    """A typed word that begins more dictionary words than are checked one subquery each (8) is
    checked as a table of their ids; two such prefixes together, and with a single word."""
    tag = TAG                                          # the reference reads this run's tickets
    zahn = [f"zahn{tag}x{i}" for i in range(12)]
    quer = [f"quer{tag}y{i}" for i in range(11)]
    for i in range(14):
        words = [zahn[i % 12], quer[(i * 5) % 11]] if i % 3 else [zahn[(i * 7) % 12]]
        tid = make_ticket(ANNA if i % 2 else BEN, f"Anliegen {' '.join(words)}")
        if i % 4 == 0:
            agent_reply(tid, f"Antwort zu {quer[i % 11]}")
    searches = [f"zahn{tag}", f"zahn{tag} quer{tag}", f"quer{tag} zahn{tag}", f"{quer[5]} zahn{tag}",
                f"zahn{tag}x1 quer{tag}"]
    for who, scope in ((ANNA, "mine"), (ANNA, "org"), (BEN, "org")):
        browser = login_as(who)
        for typed in searches:
            want = reference(db, who, scope, typed)
            for sort in ("", "&sort=updated"):
                r = browser.get(f"/requests?scope={scope}{sort}", params={"q": typed})
                assert set(customer_ids(r)) == want, (who, scope, typed, sort)
                if sort:
                    assert found_count(r) == len(want), (who, scope, typed)
    a = login_as(AGENT)
    for typed in searches:
        want = reference(db, AGENT, "all", typed)
        assert want and set(agent_ids(a.get("/agent?queue=all", params={"q": typed}))) == want, typed
