"""test_hc.py - the help centre (R-HC 1-5): notices on / and /hc and the urgent bar, categories, sections and
articles with the visibility rule everywhere (pages, lists, search, suggest, follow mails), search (word, prefix,
title hits first, highlights escaped, section filter, pages), comments and their moderation, votes, follows with
an unfollow link that only its button spends, the staff editor (Markdown with raw HTML inert, imported HTML
sanitized, preview, revisions), the legal pages, and bad input."""
import html
import re
import uuid

import pytest

from conftest import BASE, Browser, login_as, q, wait_mail, text_of

STAFF = "agent@tresen.example"
ANNA = "anna@wohnbau.example"
BEN = "ben@wohnbau.example"


def uid():
    return uuid.uuid4().hex[:8]


def user_id(db, email):
    return q(db, "SELECT id FROM users WHERE email_norm = %s", email)[0][0]


def add_article(db, section, title, body, *, everyone=1, published=1, notice=0, promoted=0):
    q(db, "INSERT INTO hc_articles (section_id, title, body, body_text, visibility, is_notice, published, promoted, "
          "created_at, updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, UTC_TIMESTAMP(), UTC_TIMESTAMP())",
      section, title, body, re.sub("<[^>]+>", " ", body), "everyone" if everyone else "signed_in", notice,
      published, promoted)
    return q(db, "SELECT LAST_INSERT_ID()")[0][0]


@pytest.fixture
def section(db):
    """A section of its own (in the first category), removed with its articles afterwards."""
    cat = q(db, "SELECT id FROM hc_categories ORDER BY id LIMIT 1")[0][0]
    name = f"Testbereich {uid()}"
    q(db, "INSERT INTO hc_sections (category_id, name, sort) VALUES (%s, %s, 999)", cat, name)
    sid = q(db, "SELECT id FROM hc_sections WHERE name = %s", name)[0][0]
    yield sid
    q(db, "DELETE FROM hc_follows WHERE (kind = 'section' AND target_id = %s) OR (kind = 'article' AND target_id IN "
          "(SELECT id FROM hc_articles WHERE section_id = %s))", sid, sid)
    q(db, "DELETE FROM hc_articles WHERE section_id = %s", sid)
    q(db, "DELETE FROM hc_sections WHERE id = %s", sid)


@pytest.fixture
def word(db, section):
    """A made-up word in four articles of the section: for everyone, signed-in only, a draft, and a title hit."""
    w = "Zwiebelkuchen" + uid()
    ids = {
        "body_hit": add_article(db, section, "Allgemeine Anleitung", f"<p>Hier steht {w} im Text, mehrfach: {w}.</p>"),
        "signed_in": add_article(db, section, f"Geheim {w}", f"<p>Nur für Kunden: {w}.</p>", everyone=0),
        "draft": add_article(db, section, f"Entwurf {w}", f"<p>Noch nicht fertig: {w}.</p>", published=0),
        "title_hit": add_article(db, section, f"{w} im Titel", "<p>Kurzer Text ohne das Wort.</p>"),
    }
    return w, ids


# ---- notices, the urgent bar, the front pages ----

def test_visitors_see_the_notices_on_the_home_page_and_in_the_help_centre(db):
    notices = [t for (t,) in q(db, "SELECT title FROM hc_articles WHERE is_notice = 1 AND published = 1 AND "
                                   "visibility = 'everyone' ORDER BY updated_at DESC LIMIT 3")]
    assert notices, "demo data has notices"
    b = Browser()
    home = b.get("/")
    assert home.status_code == 200
    assert "Zurzeit gibt es keine Hinweise" not in home.text
    page = b.get("/hc")
    assert page.status_code == 200
    for t in notices:
        assert html.escape(t, quote=False) in home.text
        assert html.escape(t, quote=False) in page.text


def test_an_urgent_notice_shows_as_a_bar_on_every_page_until_its_end(db, section):
    t = f"Dringend {uid()}"
    aid = add_article(db, section, t, "<p>Jetzt wichtig.</p>", notice=1)
    q(db, "UPDATE hc_articles SET urgent_until = UTC_TIMESTAMP() + INTERVAL 1 YEAR + INTERVAL 0 SECOND, "
          "updated_at = UTC_TIMESTAMP() WHERE id = %s", aid)
    # the nearest end wins: make ours the only one ending this soon
    q(db, "UPDATE hc_articles SET urgent_until = UTC_TIMESTAMP() + INTERVAL 1 MINUTE WHERE id = %s", aid)
    b = Browser()
    for path in ("/", "/login", "/hc", "/hc/imprint", "/nothing-here-" + uid()):
        r = b.get(path)
        bar = re.search(r'<div class="urgent-bar".*?</div></div>', r.text, re.S)
        assert bar and t in bar.group(0), path
    # signed in, the notice rides in the session statement: the same bar, on customer and staff pages
    customer, agent = login_as("anna@wohnbau.example"), login_as("agent@tresen.example")
    for who, path in ((customer, "/requests"), (customer, "/profile"), (agent, "/agent"), (agent, "/hc")):
        bar = re.search(r'<div class="urgent-bar".*?</div></div>', who.get(path).text, re.S)
        assert bar and t in bar.group(0) and f"/hc/articles/{aid}" in bar.group(0), path
    q(db, "UPDATE hc_articles SET urgent_until = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE id = %s", aid)
    assert t not in b.get("/login").text
    assert t not in customer.get("/requests").text and t not in agent.get("/agent").text


def test_the_help_centre_lists_categories_sections_and_promoted_articles(db, section):
    t = f"Empfohlen {uid()}"
    add_article(db, section, t, "<p>Lesenswert.</p>", promoted=1)
    r = Browser().get("/hc")
    assert r.status_code == 200
    for (name,) in q(db, "SELECT DISTINCT c.name FROM hc_categories c JOIN hc_sections s ON s.category_id = c.id "
                         "JOIN hc_articles a ON a.section_id = s.id WHERE a.published = 1 AND a.visibility = 'everyone'"):
        assert html.escape(name, quote=False) in r.text
    assert t in r.text
    assert f"/hc/sections/{section}" in r.text


def test_demo_data_is_a_help_centre_of_three_categories_and_a_dozen_sections(db):
    assert q(db, "SELECT COUNT(*) FROM hc_categories")[0][0] >= 3
    assert q(db, "SELECT COUNT(*) FROM hc_sections WHERE sort < 999")[0][0] >= 12
    assert q(db, "SELECT COUNT(*) FROM hc_articles WHERE urgent_until > UTC_TIMESTAMP()")[0][0] >= 1


# ---- the visibility rule everywhere ----

def test_a_signed_in_article_answers_visitors_with_the_sign_in_page_never_its_text(db, word):
    w, ids = word
    b = Browser()
    r = b.get(f"/hc/articles/{ids['signed_in']}")
    assert r.status_code == 303 and "/login?next=" in r.headers["Location"]
    assert w not in r.text
    anna = login_as(ANNA)
    r = anna.get(f"/hc/articles/{ids['signed_in']}")
    assert r.status_code == 200 and f"Nur für Kunden: {w}." in r.text


def test_signed_in_articles_are_in_no_list_a_visitor_sees(db, section, word):
    w, ids = word
    b = Browser()
    sec = b.get(f"/hc/sections/{section}")
    assert sec.status_code == 200
    assert f"Geheim {w}" not in sec.text and f"Entwurf {w}" not in sec.text
    assert f"/hc/articles/{ids['body_hit']}" in sec.text
    found = b.get("/hc/search", params={"q": w})
    assert f"Geheim {w}" not in found.text and w in found.text
    assert f"Geheim {w}" not in b.get("/hc/suggest", params={"q": w}).text
    # a signed-in customer sees it in all of them
    anna = login_as(ANNA)
    assert f"Geheim {w}" in anna.get(f"/hc/sections/{section}").text
    assert "Geheim" in anna.get("/hc/search", params={"q": w}).text


def test_a_section_with_only_signed_in_articles_sends_visitors_to_sign_in(db, section):
    add_article(db, section, f"Intern {uid()}", "<p>Nur Kunden.</p>", everyone=0)
    r = Browser().get(f"/hc/sections/{section}")
    assert r.status_code == 303 and "/login?next=" in r.headers["Location"]


def test_drafts_are_for_staff_only(db, word):
    w, ids = word
    assert Browser().get(f"/hc/articles/{ids['draft']}").status_code == 404
    assert login_as(ANNA).get(f"/hc/articles/{ids['draft']}").status_code == 404
    r = login_as(STAFF).get(f"/hc/articles/{ids['draft']}")
    assert r.status_code == 200 and "Entwurf" in r.text
    assert f"Entwurf {w}" not in login_as(ANNA).get("/hc/search", params={"q": w}).text


# ---- search ----

def test_search_finds_by_word_and_by_prefix_and_ranks_title_hits_first(word):
    w, ids = word
    b = Browser()
    for typed in (w, w[:-3]):
        r = b.get("/hc/search", params={"q": typed})
        assert r.status_code == 200
        order = [int(x) for x in re.findall(r'<li class="card hc-hit">\s*<h2[^>]*><a href="/hc/articles/(\d+)"', r.text)]
        assert order[:2] == [ids["title_hit"], ids["body_hit"]], (typed, order)
        assert "2 Treffer" in r.text


def test_search_marks_the_words_found_and_escapes_everything_else(db, section):
    w = "Kartoffel" + uid()
    add_article(db, section, f"<script>alert(1)</script> {w}", f"<p>Text mit &lt;img src=x onerror=alert(1)&gt; {w}</p>")
    r = Browser().get("/hc/search", params={"q": w})
    assert f"<mark>{w}</mark>" in r.text
    assert "<script>alert(1)</script>" not in r.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    assert "<img src=x" not in r.text


def test_search_filters_by_section_and_pages(db, section):
    w = "Rhabarber" + uid()
    for i in range(12):
        add_article(db, section, f"{w} Nummer {i}", f"<p>{w}</p>")
    other = q(db, "SELECT id FROM hc_sections WHERE id <> %s ORDER BY id LIMIT 1", section)[0][0]
    add_article(db, other, f"{w} anderswo", f"<p>{w}</p>")
    b = Browser()
    r = b.get("/hc/search", params={"q": w})
    assert "13 Treffer" in r.text and 'rel="next"' in r.text
    assert f"section={section}" in r.text
    only = b.get("/hc/search", params={"q": w, "section": section})
    assert "12 Treffer" in only.text and f"{w} anderswo" not in only.text
    second = b.get("/hc/search", params={"q": w, "section": section, "page": 2})
    assert second.text.count('class="card hc-hit"') == 2
    q(db, "DELETE FROM hc_articles WHERE section_id = %s AND title LIKE %s", other, f"{w}%")


def test_every_suggested_article_opens(db):
    anna = login_as(ANNA)
    for typed, who in (("Passwort", Browser()), ("Mietensollstellung", anna), ("VPN", anna)):
        arts = who.get("/hc/suggest", params={"q": typed}).json()["articles"]
        assert arts, typed
        for a in arts:
            assert who.get(a["url"].replace(BASE, "")).status_code == 200, a


# ---- comments and votes ----

def test_a_customers_comment_appears_and_a_hidden_one_does_not(db, section):
    aid = add_article(db, section, f"Kommentierbar {uid()}", "<p>Text</p>")
    anna = login_as(ANNA)
    body = f"Danke, hat geholfen <script>alert('x')</script> {uid()}"
    r = anna.submit(f"/hc/articles/{aid}", {"action": "comment", "body": body})
    assert r.status_code == 303
    page = anna.get(f"/hc/articles/{aid}").text
    assert html.escape(body, quote=False).replace("'", "&#39;") in page or html.escape(body) in page
    assert "<script>alert('x')</script>" not in page
    visitor = Browser().get(f"/hc/articles/{aid}").text
    assert "Danke, hat geholfen" in visitor
    cid = q(db, "SELECT id FROM hc_comments WHERE article_id = %s", aid)[0][0]
    staff = login_as(STAFF)
    assert staff.submit(f"/hc/articles/{aid}", {"action": "hide", "comment": cid}).status_code == 303
    assert "Danke, hat geholfen" not in Browser().get(f"/hc/articles/{aid}").text
    assert "Danke, hat geholfen" not in login_as(BEN).get(f"/hc/articles/{aid}").text
    assert "Danke, hat geholfen" in staff.get(f"/hc/articles/{aid}").text
    assert staff.submit(f"/hc/articles/{aid}", {"action": "official", "comment": cid}).status_code == 303
    assert q(db, "SELECT hidden, official FROM hc_comments WHERE id = %s", cid) == ((1, 1),)


def test_only_the_author_edits_and_only_author_or_staff_delete(db, section):
    aid = add_article(db, section, f"Kommentare {uid()}", "<p>Text</p>")
    anna, ben = login_as(ANNA), login_as(BEN)
    anna.submit(f"/hc/articles/{aid}", {"action": "comment", "body": "Erste Fassung"})
    cid = q(db, "SELECT id FROM hc_comments WHERE article_id = %s", aid)[0][0]
    assert ben.submit(f"/hc/articles/{aid}", {"action": "edit_comment", "comment": cid, "body": "Fremd"}).status_code == 403
    assert ben.submit(f"/hc/articles/{aid}", {"action": "delete_comment", "comment": cid}).status_code == 403
    assert ben.submit(f"/hc/articles/{aid}", {"action": "hide", "comment": cid}).status_code == 403
    assert anna.submit(f"/hc/articles/{aid}", {"action": "edit_comment", "comment": cid, "body": "Zweite Fassung"}).status_code == 303
    assert q(db, "SELECT body FROM hc_comments WHERE id = %s", cid) == (("Zweite Fassung",),)
    assert anna.submit(f"/hc/articles/{aid}", {"action": "delete_comment", "comment": cid}).status_code == 303
    assert not q(db, "SELECT 1 FROM hc_comments WHERE id = %s", cid)


def test_visitors_cannot_comment_and_an_empty_comment_is_refused(db, section):
    aid = add_article(db, section, f"Leer {uid()}", "<p>Text</p>")
    b = Browser()
    assert b.post(f"/hc/articles/{aid}", {"csrf": b.csrf("/login"), "action": "comment", "body": "anonym"}).status_code == 403
    anna = login_as(ANNA)
    assert anna.submit(f"/hc/articles/{aid}", {"action": "comment", "body": "   "}).status_code == 422
    assert anna.post(f"/hc/articles/{aid}", {"action": "comment", "body": "ohne Token"}).status_code == 403
    assert not q(db, "SELECT 1 FROM hc_comments WHERE article_id = %s", aid)


def test_helpful_votes_are_counted_once_per_user_and_shown_to_staff(db, section):
    aid = add_article(db, section, f"Hilfreich {uid()}", "<p>Text</p>")
    anna = login_as(ANNA)
    anna.submit(f"/hc/articles/{aid}", {"action": "vote", "helpful": "yes"})
    anna.submit(f"/hc/articles/{aid}", {"action": "vote", "helpful": "yes"})
    login_as(BEN).submit(f"/hc/articles/{aid}", {"action": "vote", "helpful": "no"})
    assert q(db, "SELECT helpful_yes, helpful_no FROM hc_articles WHERE id = %s", aid) == ((1, 1),)
    anna.submit(f"/hc/articles/{aid}", {"action": "vote", "helpful": "no"})
    assert q(db, "SELECT helpful_yes, helpful_no FROM hc_articles WHERE id = %s", aid) == ((0, 2),)
    assert "hc-votes" in login_as(STAFF).get(f"/hc/articles/{aid}").text
    assert "hc-votes" not in anna.get(f"/hc/articles/{aid}").text


# ---- follows ----

def follow_mails(db, recipient, like):
    return q(db, "SELECT event_key FROM outbox WHERE kind = 'hc_follow' AND recipient = %s AND event_key LIKE %s",
             recipient, like)


def test_a_follower_gets_exactly_one_mail_per_event(db, section):
    ben = login_as(BEN)
    assert ben.submit(f"/hc/sections/{section}", {"action": "follow"}).status_code == 303
    staff = login_as(STAFF)
    title = f"Neu im Bereich {uid()}"
    r = staff.submit("/hc/articles/new", {"title": title, "body": "Erster **Text**", "format": "markdown",
                                          "section": section, "published": "1", "everyone": "1"})
    assert r.status_code == 303, r.text[:500]
    aid = int(re.search(r"/hc/articles/(\d+)", r.headers["Location"]).group(1))
    assert len(follow_mails(db, BEN, f"hc_new_article:{aid}")) == 1
    # following the article: a comment by someone else and an update each make one mail
    assert ben.submit(f"/hc/articles/{aid}", {"action": "follow"}).status_code == 303
    login_as(ANNA).submit(f"/hc/articles/{aid}", {"action": "comment", "body": "Frage dazu"})
    cid = q(db, "SELECT id FROM hc_comments WHERE article_id = %s", aid)[0][0]
    assert len(follow_mails(db, BEN, f"hc_comment:{cid}")) == 1
    staff.submit(f"/hc/articles/{aid}/edit", {"title": title, "body": "Zweiter Text", "format": "markdown",
                                              "section": section, "published": "1", "everyone": "1"})
    assert len(q(db, "SELECT 1 FROM outbox WHERE kind = 'hc_follow' AND recipient = %s AND event_key LIKE 'hc_updated:%%' "
                     "AND subject LIKE %s", BEN, f"%{title}%")) == 1
    # nobody is told about their own comment
    ben.submit(f"/hc/articles/{aid}", {"action": "comment", "body": "Eigener Kommentar"})
    own = q(db, "SELECT MAX(id) FROM hc_comments WHERE article_id = %s", aid)[0][0]
    assert not follow_mails(db, BEN, f"hc_comment:{own}")


def test_follow_mails_never_tell_about_articles_the_follower_may_not_read(db, section):
    carla = login_as("carla@stadtwerke.example")
    carla.submit(f"/hc/sections/{section}", {"action": "follow"})
    q(db, "UPDATE users SET confirmed_at = NULL WHERE email_norm = 'carla@stadtwerke.example'")
    try:
        staff = login_as(STAFF)
        r = staff.submit("/hc/articles/new", {"title": f"Nur Kunden {uid()}", "body": "Intern", "format": "markdown",
                                              "section": section, "published": "1"})
        aid = int(re.search(r"/hc/articles/(\d+)", r.headers["Location"]).group(1))
        assert not follow_mails(db, "carla@stadtwerke.example", f"hc_new_article:{aid}")
    finally:
        q(db, "UPDATE users SET confirmed_at = NOW() WHERE email_norm = 'carla@stadtwerke.example'")


def test_the_unfollow_link_changes_nothing_until_its_button_is_pressed(db, section):
    ben = login_as(BEN)
    ben.submit(f"/hc/sections/{section}", {"action": "follow"})
    title = f"Abmelden testen {uid()}"
    login_as(STAFF).submit("/hc/articles/new", {"title": title, "body": "Text", "format": "markdown",
                                                "section": section, "published": "1", "everyone": "1"})
    mail = wait_mail(BEN, subject=title)
    link = re.search(r"(https?://\S+/hc/unfollow\?token=\S+)", text_of(mail)).group(1)
    b = Browser()   # a mail scanner: no session
    for _ in range(2):
        r = b.get(link)
        assert r.status_code == 200
    bid = user_id(db, BEN)
    assert q(db, "SELECT 1 FROM hc_follows WHERE user_id = %s AND kind = 'section' AND target_id = %s", bid, section)
    token = re.search(r'name="token" value="([^"]+)"', r.text).group(1)
    assert b.post("/hc/unfollow", {"csrf": re.search(r'name="csrf" value="([^"]+)"', r.text).group(1),
                                   "token": token}).status_code == 200
    assert not q(db, "SELECT 1 FROM hc_follows WHERE user_id = %s AND kind = 'section' AND target_id = %s", bid, section)
    # a forged token is refused
    assert b.get("/hc/unfollow", params={"token": token[:-1] + ("0" if token[-1] != "0" else "1")}).status_code == 400


# ---- the editor ----

def test_the_editor_is_for_staff_only(section):
    assert Browser().get("/hc/articles/new").status_code == 303
    anna = login_as(ANNA)
    assert anna.get("/hc/articles/new").status_code == 403
    assert anna.post("/hc/articles/new", {"csrf": anna.csrf("/hc"), "title": "x", "body": "y",
                                          "section": section}).status_code == 403


def test_markdown_with_raw_html_renders_it_inert(db, section):
    staff = login_as(STAFF)
    md = ("# Überschrift\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n- [x] erledigt\n- [ ] offen\n\n"
          "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[klick](javascript:alert(3)) "
          "und https://example.com/seite\n")
    title = f"Markdown {uid()}"
    r = staff.submit("/hc/articles/new", {"title": title, "body": md, "format": "markdown", "section": section,
                                          "published": "1", "everyone": "1"})
    assert r.status_code == 303
    aid = int(re.search(r"/hc/articles/(\d+)", r.headers["Location"]).group(1))
    page = Browser().get(f"/hc/articles/{aid}").text
    body = re.search(r'<div class="hc-body">(.*?)</div>', page, re.S).group(1)
    assert "<table>" in body and "<h2>Überschrift</h2>" in body
    assert 'type="checkbox"' in body
    assert '<a href="https://example.com/seite"' in body
    for bad in ("<script", "onerror", "javascript:", "<img"):
        assert bad not in body.lower(), bad


def test_imported_html_is_sanitized_and_keeps_its_formatting(db, section):
    staff = login_as(STAFF)
    src = ('<h2 style="position:fixed">Titel</h2><p onclick="x()">Ein <strong>wichtiger</strong> '
           '<a href="javascript:alert(1)">Link</a> und <a href="/hc">intern</a></p><iframe src="//evil"></iframe>'
           '<ul><li>eins</li></ul><img src="data:image/png;base64,AAAA"><img src="/attachments/1/a.png" alt="Bild">')
    r = staff.submit("/hc/articles/new", {"title": f"Import {uid()}", "body": src, "format": "html",
                                          "section": section, "published": "1", "everyone": "1"})
    aid = int(re.search(r"/hc/articles/(\d+)", r.headers["Location"]).group(1))
    stored = q(db, "SELECT body FROM hc_articles WHERE id = %s", aid)[0][0]
    assert "<h2>Titel</h2>" in stored and "<strong>wichtiger</strong>" in stored and "<li>eins</li>" in stored
    assert '<a href="/hc" rel="nofollow noopener noreferrer">intern</a>' in stored
    assert '<img src="/attachments/1/a.png" alt="Bild">' in stored
    for bad in ("style", "onclick", "javascript:", "iframe", "data:"):
        assert bad not in stored, bad
    # the editor keeps the source as it was given, for the next edit
    assert "onclick" in staff.get(f"/hc/articles/{aid}/edit").text.replace("&quot;", '"')


def test_preview_renders_without_saving_and_the_history_names_the_editor(db, section):
    staff = login_as(STAFF)
    title = f"Vorschau {uid()}"
    r = staff.submit("/hc/articles/new", {"title": title, "body": "Nur **Vorschau**", "format": "markdown",
                                          "section": section, "preview": "1"})
    assert r.status_code == 200 and "<strong>Vorschau</strong>" in r.text
    assert not q(db, "SELECT 1 FROM hc_articles WHERE title = %s", title)
    r = staff.submit("/hc/articles/new", {"title": title, "body": "Text", "format": "markdown", "section": section,
                                          "note": "Erste Fassung"})
    aid = int(re.search(r"/hc/articles/(\d+)", r.headers["Location"]).group(1))
    staff.submit(f"/hc/articles/{aid}/edit", {"title": title, "body": "Text 2", "format": "markdown",
                                              "section": section, "published": "1", "note": "Veröffentlicht"})
    hist = staff.get(f"/hc/articles/{aid}/edit").text
    assert "Erste Fassung" in hist and "Veröffentlicht" in hist
    assert q(db, "SELECT COUNT(*) FROM hc_article_revisions WHERE article_id = %s", aid)[0][0] == 2


def test_the_editor_refuses_missing_fields_and_changes_nothing(db, section):
    staff = login_as(STAFF)
    before = q(db, "SELECT COUNT(*) FROM hc_articles")[0][0]
    r = staff.submit("/hc/articles/new", {"title": "", "body": "Text", "section": section})
    assert r.status_code == 422
    r = staff.submit("/hc/articles/new", {"title": "Ohne Bereich", "body": "Text", "section": 99999999})
    assert r.status_code == 422
    r = staff.submit("/hc/articles/new", {"title": "x", "body": "y", "section": section, "format": "rtf"})
    assert r.status_code == 400
    r = staff.submit("/hc/articles/new", {"title": "x", "body": "y", "section": section, "urgent_until": "morgen"})
    assert r.status_code == 422
    assert q(db, "SELECT COUNT(*) FROM hc_articles")[0][0] == before


# ---- legal pages ----

def test_the_legal_pages_exist_from_the_first_start_with_a_placeholder_note():
    b = Browser()
    for path, title in (("/hc/imprint", "Impressum"), ("/hc/privacy", "Datenschutz")):
        r = b.get(path)
        assert r.status_code == 200 and title in r.text
        assert "Platzhalter" in r.text
    home = b.get("/").text
    assert 'href="/hc/imprint"' in home and 'href="/hc/privacy"' in home


def test_staff_edit_a_static_page_and_add_one(db):
    staff = login_as(STAFF)
    slug = f"agb-{uid()}"
    try:
        r = staff.submit(f"/hc/pages/{slug}?edit=1", {"title": "AGB", "body": "Unsere **Bedingungen** <script>x</script>"})
        assert r.status_code == 303
        page = Browser().get(f"/hc/pages/{slug}")
        assert page.status_code == 200 and "<strong>Bedingungen</strong>" in page.text and "<script>x" not in page.text
        assert Browser().get(f"/hc/pages/{slug}?edit=1").text.count("<textarea") == 0
        assert login_as(ANNA).submit(f"/hc/pages/{slug}", {"title": "x", "body": "y"}).status_code == 403
    finally:
        q(db, "DELETE FROM hc_pages WHERE slug = %s", slug)


# ---- bad input ----

@pytest.mark.parametrize("path,status", [
    ("/hc/articles/99999999", 404),
    ("/hc/sections/99999999", 404),
    ("/hc/pages/nicht-da", 404),
    ("/hc/search?page=abc", 400),
    ("/hc/search?section=-1", 400),
    ("/hc/unfollow?token=1-a1-00", 400),
    ("/hc/unfollow", 400),
])
def test_bad_input_is_a_clear_4xx(path, status):
    assert Browser().get(path).status_code == status


def test_an_unknown_action_is_refused(db, section):
    aid = add_article(db, section, f"Aktion {uid()}", "<p>Text</p>")
    anna = login_as(ANNA)
    assert anna.submit(f"/hc/articles/{aid}", {"action": "explode"}).status_code == 400
    assert anna.submit(f"/hc/articles/{aid}", {"action": "hide", "comment": "abc"}).status_code == 400


def test_the_web_servers_404_keeps_the_frame_and_search_and_speaks_english_when_asked():
    b = Browser()
    r = b.get("/gibt-es-nicht-" + uid())
    assert r.status_code == 404
    assert 'class="site-header"' in r.text and 'action="/hc/search"' in r.text and "Hilfe-Center" in r.text
    assert "Seite nicht gefunden" in r.text
    b.get("/login?lang=en")
    r = b.get("/does-not-exist-" + uid())
    assert r.status_code == 404 and "Page not found" in r.text and "Help Centre" in r.text
    assert 'lang="en"' in r.text


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def test_images_uploaded_in_the_editor_are_inserted_and_served_and_nothing_else_is(db, section):
    staff = login_as(STAFF)
    token = staff.csrf("/hc/articles/new")
    r = staff.post("/hc/articles/new", data={"csrf": token, "title": "Mit Bild", "body": "Text", "format": "markdown",
                                             "section": str(section)},
                   files={"images": ("bild.png", PNG, "image/png")})
    assert r.status_code == 200, r.text[:300]
    m = re.search(r"!\[bild.png\]\((/hc/images/(\d+)/bild.png)\)", html.unescape(r.text))
    assert m, "the image's Markdown is in the text"
    img = staff.get(m.group(1))
    assert img.status_code == 200 and img.content == PNG and img.headers["Content-Type"].startswith("image/png")
    assert Browser().get(m.group(1)).status_code == 200
    # an HTML file claiming to be an image is refused and nothing is recorded
    before = q(db, "SELECT COUNT(*) FROM hc_images")[0][0]
    r = staff.post("/hc/articles/new", data={"csrf": token, "title": "x", "body": "y", "section": str(section)},
                   files={"images": ("bild.png", b"<html><script>alert(1)</script>", "image/png")})
    assert r.status_code == 422
    assert q(db, "SELECT COUNT(*) FROM hc_images")[0][0] == before
    assert Browser().get("/hc/images/99999999/x.png").status_code == 404
