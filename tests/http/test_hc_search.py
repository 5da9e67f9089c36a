"""test_hc_search.py - the help-centre search on our own posting lists (sql/019_hc_search.sql) finds
exactly what a reference query finds, for visitors, customers and staff.

A fixed data set of articles in a section of its own, whose words carry a tag of this run: words in
titles and in texts, words sharing a prefix, a capitalised and an accented spelling, an article for
signed-in readers, a draft. Each search - one word, a prefix, two words, a short word - is compared
page by page with the reference: the published articles the reader may read whose title or text holds
a word beginning with each typed word (shorter than four letters: the word itself; letter case and
accents folded). Also: articles written by plain SQL are found at once (the triggers queue them),
a changed one under its new words only, a deleted one not at all; title hits rank first; counts and
section counts are exact; paging reaches every match."""
import re
import unicodedata
import uuid

import pytest

from conftest import Browser, login_as, q

WORD = re.compile("[0-9A-Za-z_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u1FFF]+")
TAG = uuid.uuid4().hex[:6]
FILTER, FILTERN, KESSEL, UBER = f"filter{TAG}satz", f"filter{TAG}netz", f"kessel{TAG}", f"über{TAG}gabe"
HIT = re.compile(r'<li class="card hc-hit">\s*<h2[^>]*><a href="/hc/articles/(\d+)"')


def fold(w):
    return "".join(ch for ch in unicodedata.normalize("NFKD", w.casefold()) if not unicodedata.combining(ch))


def add(db, section, title, text, *, everyone=1, published=1):
    q(db, "INSERT INTO hc_articles (section_id, title, body, body_text, visibility, published, created_at, updated_at) "
          "VALUES (%s, %s, %s, %s, %s, %s, UTC_TIMESTAMP(), UTC_TIMESTAMP())",
      section, title, f"<p>{text}</p>", text, "everyone" if everyone else "signed_in", published)
    return q(db, "SELECT LAST_INSERT_ID()")[0][0]


@pytest.fixture(scope="module")
def data(db):
    cat = q(db, "SELECT id FROM hc_categories ORDER BY id LIMIT 1")[0][0]
    sections = []
    for name in ("eins", "zwei"):
        q(db, "INSERT INTO hc_sections (category_id, name, sort) VALUES (%s, %s, 998)", cat, f"Suchtest {name} {TAG}")
        sections.append(q(db, "SELECT LAST_INSERT_ID()")[0][0])
    one, two = sections
    a = {
        "title": add(db, one, f"{FILTER.capitalize()} wechseln", f"Anleitung zum {KESSEL} und mehr"),
        "text": add(db, one, "Wartung im Herbst", f"Der {FILTER} sitzt hinter dem {KESSEL.upper()}."),
        "netz": add(db, two, f"{FILTERN} prüfen", "Ein kurzer Text ohne weitere Stichworte."),
        "signed": add(db, two, f"Intern: {FILTER}", f"Nur für Kunden: {KESSEL}", everyone=0),
        "draft": add(db, one, f"Entwurf {FILTER}", f"{KESSEL} im Entwurf", published=0),
        "umlaut": add(db, two, f"{UBER.capitalize()} an den Nachmieter", f"Die Ueber{TAG} ist nicht {UBER}."),
        "short": add(db, one, f"PV {TAG}anlage", f"Die PV-Anlage {TAG}pv läuft."),
    }
    yield {"ids": a, "sections": sections}
    q(db, "DELETE FROM hc_articles WHERE section_id IN (%s, %s)", one, two)
    q(db, "DELETE FROM hc_sections WHERE id IN (%s, %s)", one, two)


def reference(db, data, typed, level):
    """The data set's articles the level may read holding every typed word (a prefix from four letters)."""
    rows = q(db, "SELECT id, title, body_text, visibility, published FROM hc_articles WHERE section_id IN (%s, %s)",
             *data["sections"])
    words = [fold(w) for w in WORD.findall(typed) if len(w) >= 2]
    found = set()
    for aid, title, text, vis, published in rows:
        if not published or (vis != "everyone" and level == "visitor"):
            continue
        have = [fold(w) for w in WORD.findall(title + " " + text)]
        if all(any(h.startswith(w) if len(w) >= 4 else h == w for h in have) for w in words):
            found.add(aid)
    return found


def search_all(client, typed, **params):
    """Every hit of every page, in order, and the first page's count text."""
    ids, page, count = [], 1, None
    while True:
        r = client.get("/hc/search", params={"q": typed, "page": page, **params})
        assert r.status_code == 200
        if count is None:
            count = re.search(r'<p class="hc-count" role="status">([^<]*)</p>', r.text).group(1)
        ids += [int(x) for x in HIT.findall(r.text)]
        if 'rel="next"' not in r.text:
            return ids, count
        page += 1


def ours(data, ids):
    return [i for i in ids if i in data["ids"].values()]


READERS = {"visitor": Browser, "customer": lambda: login_as("anna@wohnbau.example"),
           "staff": lambda: login_as("agent@tresen.example")}


@pytest.mark.parametrize("level", READERS)
@pytest.mark.parametrize("typed", [KESSEL, FILTER, f"filter{TAG}", f"{FILTER} {KESSEL}", f"FILTER{TAG}SATZ kessel{TAG}",
                                   f"uber{TAG}gabe", f"ÜBER{TAG}", f"{TAG}pv", f"{TAG}p", f"kessel{TAG} nirgends{TAG}"])
def test_search_finds_what_the_reference_finds(db, data, level, typed):
    got, _ = search_all(READERS[level](), typed)
    assert len(got) == len(set(got)), "an article on two pages"
    assert set(ours(data, got)) == reference(db, data, typed, level), typed


def test_title_hits_rank_first_and_counts_are_exact(db, data):
    ids = data["ids"]
    got, count = search_all(Browser(), FILTER)
    assert ours(data, got)[0] == ids["title"]
    assert count == "2 Treffer"                  # the draft and the signed-in article are not counted
    got, count = search_all(login_as("anna@wohnbau.example"), FILTER)
    assert count == "3 Treffer" and ours(data, got)[-1] == ids["text"]


def test_section_counts_and_filter(db, data):
    one, two = data["sections"]
    anna = login_as("anna@wohnbau.example")
    r = anna.get("/hc/search", params={"q": KESSEL})
    assert re.search(rf'section={one}[^"]*">Suchtest eins {TAG}</a> <span class="muted">\(2\)</span>', r.text)
    assert re.search(rf'section={two}[^"]*">Suchtest zwei {TAG}</a> <span class="muted">\(1\)</span>', r.text)
    got, count = search_all(anna, KESSEL, section=two)
    assert got == [data["ids"]["signed"]] and count == "1 Treffer"


def test_articles_written_by_sql_are_found_changed_and_gone_at_once(db, data):
    one = data["sections"][0]
    word, new = f"sqlneu{TAG}", f"sqlanders{TAG}"
    aid = add(db, one, f"Import {word}", "Importiert")
    assert search_all(Browser(), word)[0] == [aid]
    q(db, "UPDATE hc_articles SET title = %s, body_text = %s WHERE id = %s", f"Import {new}", "Importiert", aid)
    assert search_all(Browser(), word)[0] == []
    assert search_all(Browser(), new)[0] == [aid]
    q(db, "UPDATE hc_articles SET visibility = 'signed_in' WHERE id = %s", aid)
    assert search_all(Browser(), new)[0] == []
    assert search_all(login_as("anna@wohnbau.example"), new)[0] == [aid]
    q(db, "DELETE FROM hc_articles WHERE id = %s", aid)
    assert search_all(login_as("anna@wohnbau.example"), new)[0] == []
    assert q(db, "SELECT COUNT(*) FROM hc_postings WHERE article_id = %s", aid)[0][0] == 0


def test_paging_reaches_every_match_and_the_count_is_bounded(db, data):
    two = data["sections"][1]
    word = f"massen{TAG}"
    made = {add(db, two, f"Artikel {i} {word}", f"Text {i}") for i in range(23)}
    got, count = search_all(Browser(), word)
    assert set(got) == made and len(got) == 23 and count == "23 Treffer"
    q(db, "DELETE FROM hc_articles WHERE title LIKE %s", f"% {word}")


def test_suggestions_rank_articles_with_every_word_first(db, data):
    arts = Browser().get("/hc/suggest", params={"q": f"{FILTER} {KESSEL}"}).json()["articles"]
    mine = [a["id"] for a in arts if a["id"] in data["ids"].values()]
    # both words (title and text) before one of them; the signed-in article and the draft not at all
    assert mine[:2] == [data["ids"]["title"], data["ids"]["text"]] or mine[:2] == [data["ids"]["text"], data["ids"]["title"]]
    assert data["ids"]["signed"] not in mine and data["ids"]["draft"] not in mine


def test_the_counts_per_section_match_the_postings(db, data):
    """After all the writes above (by SQL: insert, change, visibility, delete) the counts a one-word
    search reads (hc_word_sections) are the postings' own."""
    word = f"zaehl{TAG}"
    one, two = data["sections"]
    aid = add(db, one, f"Zählung {word}", "eins")
    add(db, two, f"Zählung {word} zwei", "zwei")
    assert search_all(Browser(), word)[1] == "2 Treffer"
    q(db, "UPDATE hc_articles SET section_id = %s WHERE id = %s", two, aid)
    r = Browser().get("/hc/search", params={"q": word})
    assert re.search(rf'section={two}[^"]*">Suchtest zwei {TAG}</a> <span class="muted">\(2\)</span>', r.text)
    assert f"Suchtest eins {TAG}</a>" not in r.text
    q(db, "DELETE FROM hc_articles WHERE id = %s", aid)
    assert search_all(Browser(), word)[1] == "1 Treffer"
    wrong = q(db, "SELECT COUNT(*) FROM (SELECT word_id, scope, section_id, COUNT(*) n FROM hc_postings GROUP BY 1, 2, 3) g "
                  "LEFT JOIN hc_word_sections c USING (word_id, scope, section_id) WHERE c.articles IS NULL OR c.articles <> g.n")
    assert wrong[0][0] == 0
    stale = q(db, "SELECT COUNT(*) FROM hc_word_sections c WHERE c.articles > 0 AND NOT EXISTS (SELECT 1 FROM hc_postings p "
                  "WHERE p.word_id = c.word_id AND p.scope = c.scope AND p.section_id = c.section_id)")
    assert stale[0][0] == 0
