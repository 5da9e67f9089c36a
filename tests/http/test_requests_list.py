"""test_requests_list.py - "Anfragen" (R-LIST 1-3): tabs, keyword search, filters, sorting, pages, columns."""
import re
import uuid

from conftest import Browser, agent_reply, csrf_of, login_as, make_ticket, q


def ids(page):
    return [int(x) for x in re.findall(r'<td class="col-subject"><a href="/requests/(\d+)"', page.text)]


def test_tabs_mine_cc_org():
    own = make_ticket("ben@wohnbau.example", "Bens eigene Anfrage")
    cc = make_ticket("anna@wohnbau.example", "Anna fragt, Ben liest mit", cc="ben@wohnbau.example")
    other = make_ticket("anna@wohnbau.example", "Nur Anna")
    ben = login_as("ben@wohnbau.example")
    mine, ccd, org = ids(ben.get("/requests")), ids(ben.get("/requests?scope=cc")), ids(ben.get("/requests?scope=org"))
    assert own in mine and cc not in mine and other not in mine
    assert cc in ccd and own not in ccd
    assert own in org and cc in org and other in org


def test_keyword_search_over_subject_and_public_comments():
    word = "Kaltwasser" + uuid.uuid4().hex[:6]
    in_subject = make_ticket("anna@wohnbau.example", f"{word} Zähler defekt")
    in_comment = make_ticket("anna@wohnbau.example", "Zähler im Keller")
    agent_reply(in_comment, f"Wir tauschen den {word}-Zähler morgen.")
    in_note = make_ticket("anna@wohnbau.example", "Zähler Objekt 9")
    agent_reply(in_note, f"intern {word}", internal=True)
    anna = login_as("anna@wohnbau.example")
    found = ids(anna.get(f"/requests?q={word}"))
    assert set(found) == {in_subject, in_comment}
    # prefix search, another letter case
    assert set(ids(anna.get(f"/requests?q={word[:-2].lower()}"))) == {in_subject, in_comment}
    # subject match ranks first by relevance
    assert found[0] == in_subject


def test_search_ignores_boolean_operators_and_stopwords():
    word = "Fassade" + uuid.uuid4().hex[:6]
    tid = make_ticket("anna@wohnbau.example", f"Die {word} und das Dach")
    anna = login_as("anna@wohnbau.example")
    for typed in (f'"{word}"', f"-{word}", f"+{word} (und)", f"{word}* ~die", f"<{word}>"):
        r = anna.get("/requests", params={"q": typed})
        assert r.status_code == 200 and tid in ids(r), typed
    r = anna.get("/requests", params={"q": "und die das"})      # only stopwords: no search, the plain list
    assert r.status_code == 200


def test_german_collation_in_search():
    tid = make_ticket("anna@wohnbau.example", "Überweisung an Straßenbauamt fehlgeschlagen")
    anna = login_as("anna@wohnbau.example")
    assert tid in ids(anna.get("/requests?q=uberweisung"))
    assert tid in ids(anna.get("/requests?q=Strassenbauamt")) or tid in ids(anna.get("/requests?q=straßenbau"))


def test_filter_by_status_and_type():
    q_ = make_ticket("anna@wohnbau.example", "Filtertest Frage", type="question")
    inc = make_ticket("anna@wohnbau.example", "Filtertest Störung", type="incident")
    agent_reply(inc, "Wir warten auf Logs.", status="pending")
    anna = login_as("anna@wohnbau.example")
    pending = ids(anna.get("/requests?status=pending"))
    assert inc in pending and q_ not in pending
    questions = ids(anna.get("/requests?type=question"))
    assert q_ in questions and inc not in questions
    both = ids(anna.get("/requests?type=incident&status=pending"))
    assert inc in both


def vacate(db, email, first_day, last_day):
    """Moves this user's tickets of an earlier run out of a test's fixed days (a reused stack)."""
    q(db, "UPDATE tickets SET created_at = '1999-06-01 12:00:00' WHERE created_at >= %s "
          "AND created_at < %s + INTERVAL 2 DAY AND requester_id = "
          "(SELECT id FROM users WHERE email_norm = %s)", first_day, last_day, email)


def test_filter_by_created_date_range(db):
    vacate(db, "anna@wohnbau.example", "2020-03-13", "2020-03-18")
    old = make_ticket("anna@wohnbau.example", "Uralte Anfrage", at="2020-03-15 10:00:00")
    edge = make_ticket("anna@wohnbau.example", "Grenzfall Mitternacht", at="2020-03-16 22:30:00")  # 23:30 in Berlin
    anna = login_as("anna@wohnbau.example")
    assert ids(anna.get("/requests?from=2020-03-15&to=2020-03-15")) == [old]
    assert set(ids(anna.get("/requests?from=2020-03-14&to=2020-03-16"))) == {old, edge}
    assert ids(anna.get("/requests?from=2020-03-17&to=2020-03-17")) == []
    page = anna.get("/requests?from=2020-03-17&to=2020-03-17").text
    assert "Keine passenden Anfragen" in page


def test_sorting_by_created_and_updated(db):
    vacate(db, "ben@wohnbau.example", "2020-12-30", "2021-01-03")
    a = make_ticket("ben@wohnbau.example", "Sortierung A", at="2021-01-01 08:00:00")
    b = make_ticket("ben@wohnbau.example", "Sortierung B", at="2021-01-02 08:00:00")
    agent_reply(a, "Neue Antwort macht A zuletzt aktualisiert.")
    ben = login_as("ben@wohnbau.example")
    by_updated = ids(ben.get("/requests?from=2021-01-01&to=2021-01-02"))
    by_created = ids(ben.get("/requests?from=2021-01-01&to=2021-01-02&sort=created"))
    oldest = ids(ben.get("/requests?from=2021-01-01&to=2021-01-02&sort=created_asc"))
    assert by_updated == [a, b] and by_created == [b, a] and oldest == [a, b]


def test_pagination_without_a_cap(db):
    user = "ben@wohnbau.example"
    vacate(db, user, "2019-04-29", "2019-06-01")
    made = [make_ticket(user, f"Seitentest {i}", at=f"2019-05-{1 + i % 28:02d} 09:{i % 60:02d}:00") for i in range(30)]
    ben = login_as(user)
    first = ben.get("/requests?from=2019-05-01&to=2019-05-31&sort=created")
    second = ben.get("/requests?from=2019-05-01&to=2019-05-31&sort=created&page=2")
    assert len(ids(first)) == 25 and len(ids(second)) == 5
    assert set(ids(first)) | set(ids(second)) == set(made)
    assert 'rel="next"' in first.text and 'rel="next"' not in second.text and 'rel="prev"' in second.text
    assert ids(ben.get("/requests?page=999999")) == []


def test_invalid_filter_values_are_400():
    anna = login_as("anna@wohnbau.example")
    for bad in ("status=bogus", "type=x", "from=2020-13-01", "to=gestern", "scope=all", "sort=id;drop",
                "page=0", "page=-1", "page=abc", "status=open&status=new"):
        assert anna.get(f"/requests?{bad}").status_code == 400, bad


def test_org_tab_refused_without_org_access():
    carla = login_as("carla@stadtwerke.example")    # Stadtwerke: access "own"
    assert carla.get("/requests?scope=org").status_code == 403


def test_column_choice_persists_across_sessions(db):
    anna = login_as("anna@wohnbau.example")
    page = anna.get("/requests")
    token = csrf_of(page.text)
    r = anna.post("/requests", [("csrf", token), ("cols", "id"), ("cols", "priority"), ("cols", "requester"),
                                ("cols", "created")])
    assert r.status_code == 303
    again = login_as("anna@wohnbau.example").get("/requests")      # a new session
    head = again.text.split("<thead>")[1].split("</thead>")[0]
    assert "Priorität" in head and "Angefragt von" in head and "Erstellt" in head
    assert "Status" not in head and "Aktualisiert" not in head
    assert q(db, "SELECT value FROM user_settings s JOIN users u ON u.id = s.user_id "
                 "WHERE u.email_norm = 'anna@wohnbau.example' AND s.name = 'request_columns'")[0][0] == \
        "subject,id,priority,requester,created"
    token = csrf_of(again.text)
    anna2 = login_as("anna@wohnbau.example")
    anna2.post("/requests", [("csrf", csrf_of(anna2.get("/requests").text)), ("cols", "id"), ("cols", "status"),
                             ("cols", "updated")])


def test_column_menu_rejects_unknown_columns():
    anna = login_as("anna@wohnbau.example")
    token = csrf_of(anna.get("/requests").text)
    assert anna.post("/requests", [("csrf", token), ("cols", "password_hash")]).status_code == 400


def test_list_works_without_javascript_markup():
    page = login_as("anna@wohnbau.example").get("/requests").text
    # the column menu is a plain form inside <details>, filters are a GET form
    assert '<details class="column-menu">' in page and 'method="post" action="/requests"' in page
    assert 'method="get" action="/requests"' in page


def test_requests_requires_sign_in():
    r = Browser().get("/requests?status=open")
    assert r.status_code == 303 and r.headers["Location"].endswith("/login?next=/requests%3Fstatus%3Dopen")
