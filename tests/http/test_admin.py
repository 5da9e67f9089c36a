"""test_admin.py - staff administration (R-ORG, §1 customer roles, R-NEW 2): who may enter /admin; organizations,
users, groups and forms changed through the pages as a browser sends them; every change audited; bad input
refused with nothing changed; access levels effective at once (stricter wins, end to end); a blocked user
cannot sign in and gets no mail; a form made in /admin is usable by a customer at once.

Organizations and users of these tests are made fresh (an organization through /admin, its users with the
demo password), so the demo accounts other tests rely on keep their settings."""
import re
import uuid

import pytest

from conftest import BASE, PASSWORD, Browser, agent_reply, csrf_of, login_as, make_ticket, q, register, wait_until
from newreq import created_id, open_form, post_form, ticket

ADMIN = "admin@tresen.example"
AGENT = "agent@tresen.example"
CUSTOMER = "anna@wohnbau.example"
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'

ADMIN_URLS = ["/admin", "/admin/organizations", "/admin/organizations?id=1", "/admin/users", "/admin/users?id=1",
              "/admin/groups", "/admin/forms", "/admin/forms?id=1", "/admin/macros", "/admin/mail"]
# one real action of each page, as its form sends it
ADMIN_POSTS = {
    "/admin/organizations": {"action": "save", "id": "1", "name": "Übernommen", "access_level": "own", "domains": ""},
    "/admin/users": {"action": "block", "id": "1"},
    "/admin/groups": {"action": "save", "id": "0", "name": "Übernommen"},
    "/admin/forms": {"action": "save_form", "id": "0", "slug": "taken", "title_de": "x", "title_en": "x",
                     "group": "1", "types": "question", "active": "1"},
    "/admin/macros": {"action": "save", "id": "0", "title": "Übernommen", "body": "x"},
    "/admin": {"action": "save"},
}


def uid(db, email):
    return q(db, "SELECT id FROM users WHERE email_norm = %s", email.lower())[0][0]


def admin_events(db, kind, object_id=None):
    if object_id is None:
        return q(db, "SELECT action, actor_id, before_text, after_text FROM admin_events WHERE object_kind = %s "
                     "ORDER BY id", kind)
    return q(db, "SELECT action, actor_id, before_text, after_text FROM admin_events WHERE object_kind = %s "
                 "AND object_id = %s ORDER BY id", kind, object_id)


def send(b, page, data, form_page=None):
    """Opens the page (for its CSRF token) and sends one of its forms."""
    html = b.get(form_page or page).text
    return b.post(page, {"csrf": csrf_of(html), **data})


def new_org(admin, db, level="org_comment"):
    """A fresh organization made through /admin; returns (id, domain)."""
    tag = uuid.uuid4().hex[:8]
    domain = f"org{tag}.example"
    r = send(admin, "/admin/organizations", {"action": "save", "id": "0", "name": f"Testorg {tag}",
                                             "access_level": level, "domains": domain})
    assert r.status_code == 303, r.text[:1500]
    oid = int(re.search(r"id=(\d+)", r.headers["Location"]).group(1))
    return oid, domain


def new_user(db, org_id, domain, level=2, name=None):
    """A confirmed customer of the organization with the demo password (the hash of a demo account)."""
    email = f"u{uuid.uuid4().hex[:10]}@{domain}"
    q(db, "INSERT INTO users (org_id, name, email, email_norm, password_hash, access_level, confirmed_at) "
          "SELECT %s, %s, %s, %s, password_hash, %s, NOW() FROM users WHERE email_norm = %s",
      org_id, name or "Testkunde " + email[:6], email, email, level, CUSTOMER)
    return email


@pytest.fixture(scope="module")
def admin():
    return login_as(ADMIN)


@pytest.fixture(scope="module", autouse=True)
def leave_the_demo_as_it_was(db):
    """Forms made here go inactive and users made agents here stop being agents afterwards: later suites
    (the browser journeys) count the chooser's four forms and the demo's agents."""
    last_form = q(db, "SELECT COALESCE(MAX(id), 0) FROM forms")[0][0]
    last_user = q(db, "SELECT COALESCE(MAX(id), 0) FROM users")[0][0]
    yield
    q(db, "UPDATE forms SET active = 0 WHERE id > %s", last_form)
    q(db, "UPDATE users SET is_agent = 0 WHERE id > %s AND is_admin = 0", last_user)


# ---- access ----

@pytest.mark.parametrize("path", ADMIN_URLS)
@pytest.mark.parametrize("who", [CUSTOMER, AGENT])
def test_customers_and_agents_never_reach_admin_pages(db, path, who):
    b = login_as(who)
    assert b.get(path).status_code == 403
    page = path.split("?")[0]
    before = q(db, "SELECT COUNT(*) FROM admin_events")[0][0]
    r = b.post(page, {"csrf": b.csrf("/requests" if who == CUSTOMER else "/agent"), **ADMIN_POSTS.get(page, {})})
    assert r.status_code == 403
    assert q(db, "SELECT COUNT(*) FROM admin_events")[0][0] == before
    assert q(db, "SELECT name FROM organizations WHERE id = 1")[0][0] != "Übernommen"
    assert q(db, "SELECT disabled_at FROM users WHERE id = 1")[0][0] is None
    assert not q(db, "SELECT id FROM staff_groups WHERE name = 'Übernommen'")
    assert not q(db, "SELECT id FROM forms WHERE slug = 'taken'")


@pytest.mark.parametrize("path", ADMIN_URLS)
def test_visitors_are_sent_to_the_login(browser, path):
    r = browser.get(path)
    assert r.status_code == 303 and "/login" in r.headers["Location"]
    r = browser.post(path.split("?")[0], {"csrf": browser.csrf(), "action": "save"})
    assert r.status_code in (303, 403)


@pytest.mark.parametrize("path", ADMIN_URLS)
def test_admin_pages_render_with_the_admin_navigation(admin, path):
    r = admin.get(path)
    assert r.status_code == 200
    for target in ("/admin/organizations", "/admin/users", "/admin/groups", "/admin/forms", "/admin/macros",
                   "/admin/mail"):
        assert f'href="{target}"' in r.text


def test_post_without_csrf_changes_nothing(admin, db):
    r = admin.post("/admin/organizations", {"action": "save", "id": "1", "name": "Ohne Token",
                                            "access_level": "own", "domains": ""})
    assert r.status_code == 403
    assert q(db, "SELECT name FROM organizations WHERE id = 1")[0][0] != "Ohne Token"


# ---- organizations ----

def test_create_and_edit_an_organization_with_domains_and_audit(admin, db):
    oid, domain = new_org(admin, db, level="org_read")
    name, level = q(db, "SELECT name, access_level FROM organizations WHERE id = %s", oid)[0]
    assert level == 1
    assert [d for (d,) in q(db, "SELECT domain FROM organization_domains WHERE org_id = %s", oid)] == [domain]
    r = send(admin, "/admin/organizations", {"action": "save", "id": oid, "name": name + " AG", "access_level": "own",
                                             "domains": f"{domain}\nSub.{domain}, zweit-{domain}"},
             f"/admin/organizations?id={oid}")
    assert r.status_code == 303 and "notice=org_saved" in r.headers["Location"]
    assert q(db, "SELECT name, access_level FROM organizations WHERE id = %s", oid)[0] == (name + " AG", 0)
    assert sorted(d for (d,) in q(db, "SELECT domain FROM organization_domains WHERE org_id = %s", oid)) == \
        sorted([domain, f"sub.{domain}", f"zweit-{domain}"])
    ev = admin_events(db, "org", oid)
    assert [e[0] for e in ev] == ["org.create", "org.update"]
    assert ev[1][1] == uid(db, ADMIN)
    assert "access=org_read" in ev[1][2] and "access=own" in ev[1][3] and f"sub.{domain}" in ev[1][3]
    # the page shows it, the list finds it by name and by domain, /admin shows the change
    assert f"sub.{domain}" in admin.get(f"/admin/organizations?id={oid}").text
    assert f"?id={oid}\"" in admin.get(f"/admin/organizations?q={name[-8:]}").text
    assert f"?id={oid}\"" in admin.get(f"/admin/organizations?q=zweit-{domain}").text
    assert "org.update" in admin.get("/admin").text


@pytest.mark.parametrize("data,field", [
    ({"name": "", "access_level": "own", "domains": ""}, "name"),
    ({"name": "Gut {tag}", "access_level": "own", "domains": "kein domain!"}, "domains"),
    ({"name": "Gut {tag}", "access_level": "own", "domains": "wohnbau.example"}, "domains"),
    ({"name": "Wohnbau Nord GmbH", "access_level": "own", "domains": ""}, "name"),
])
def test_bad_organization_input_is_refused_and_changes_nothing(admin, db, data, field):
    tag = uuid.uuid4().hex[:6]
    data = {k: v.replace("{tag}", tag) for k, v in data.items()}
    before = q(db, "SELECT COUNT(*) FROM organizations")[0][0]
    events = q(db, "SELECT COUNT(*) FROM admin_events")[0][0]
    r = send(admin, "/admin/organizations", {"action": "save", "id": "0", **data})
    assert r.status_code == 422
    assert f'id="err-{field}"' in r.text
    assert q(db, "SELECT COUNT(*) FROM organizations")[0][0] == before
    assert q(db, "SELECT COUNT(*) FROM admin_events")[0][0] == events
    assert q(db, "SELECT org_id FROM organization_domains WHERE domain = 'wohnbau.example'")[0][0] == 1


@pytest.mark.parametrize("query", ["id=abc", "access_level=everything", "page=0"])
def test_malformed_organization_queries_are_400(admin, query):
    assert admin.get(f"/admin/organizations?{query}").status_code == 400


def test_unknown_organization_is_404(admin):
    assert admin.get("/admin/organizations?id=999999999").status_code == 404
    r = send(admin, "/admin/organizations", {"action": "save", "id": "999999999", "name": "Niemand",
                                             "access_level": "own", "domains": ""})
    assert r.status_code == 404


# ---- access levels: stricter wins, at once ----

def test_access_levels_change_what_customers_see_at_once(admin, db):
    oid, domain = new_org(admin, db, level="org_comment")
    writer, reader = new_user(db, oid, domain), new_user(db, oid, domain)
    tid = make_ticket(writer, "Sichtbarkeit " + uuid.uuid4().hex[:6])
    b = login_as(reader)

    def sees():
        r = b.get(f"/requests/{tid}")
        if r.status_code == 404:
            return "none"
        assert r.status_code == 200
        return "comment" if 'name="body"' in r.text else "read"

    def in_org_tab():
        r = b.get("/requests?scope=org")
        return r.status_code == 200 and f"/requests/{tid}" in r.text

    assert sees() == "comment" and in_org_tab()
    rid = uid(db, reader)
    page = f"/admin/users?id={rid}"
    # the user's own level is stricter: it wins
    assert send(admin, "/admin/users", {"action": "save", "id": rid, "org_id": oid, "access_level": "org_read"},
                page).status_code == 303
    assert sees() == "read" and in_org_tab()
    r = b.post(f"/requests/{tid}", {"csrf": b.csrf("/requests"), "body": "Darf ich?"})
    assert r.status_code in (403, 404)
    assert not q(db, "SELECT id FROM comments WHERE ticket_id = %s AND body = 'Darf ich?'", tid)
    # the organization's is stricter: it wins, the same session sees it on the next request
    org_page = f"/admin/organizations?id={oid}"
    name = q(db, "SELECT name FROM organizations WHERE id = %s", oid)[0][0]
    assert send(admin, "/admin/organizations", {"action": "save", "id": oid, "name": name, "access_level": "own",
                                                "domains": domain}, org_page).status_code == 303
    assert sees() == "none" and not in_org_tab()
    assert b.get("/requests?scope=org").status_code == 403
    assert send(admin, "/admin/users", {"action": "save", "id": rid, "org_id": oid, "access_level": "org_comment"},
                page).status_code == 303
    assert sees() == "none"
    # both permissive again
    assert send(admin, "/admin/organizations", {"action": "save", "id": oid, "name": name,
                                                "access_level": "org_comment", "domains": domain},
                org_page).status_code == 303
    assert sees() == "comment"
    # the user page says what is effective
    assert "Organisation lesen und kommentieren" in admin.get(page).text or \
        "Read and comment" in admin.get(page).text
    # the writer still sees their own ticket whatever the levels
    assert login_as(writer).get(f"/requests/{tid}").status_code == 200


# ---- users ----

def test_customer_roles_are_saved_and_audited(admin, db):
    oid, domain = new_org(admin, db)
    email = new_user(db, oid, domain)
    u = uid(db, email)
    r = send(admin, "/admin/users", {"action": "save", "id": u, "org_id": oid, "access_level": "org_comment",
                                     "is_main_contact": "1", "is_customer_admin": "1"}, f"/admin/users?id={u}")
    assert r.status_code == 303
    assert q(db, "SELECT is_main_contact, is_customer_admin, is_info_recipient, is_agent FROM users WHERE id = %s",
             u)[0] == (1, 1, 0, 0)
    r = send(admin, "/admin/users", {"action": "save", "id": u, "org_id": oid, "access_level": "org_comment",
                                     "info_recipient": "1"}, f"/admin/users?id={u}")   # the short name works too
    assert q(db, "SELECT is_main_contact, is_customer_admin, is_info_recipient FROM users WHERE id = %s",
             u)[0] == (0, 0, 1)
    ev = admin_events(db, "user", u)
    assert [e[0] for e in ev] == ["user.update", "user.update"]
    assert "main_contact=1" in ev[0][3] and "main_contact=0" in ev[0][2] and "info_recipient=1" in ev[1][3]
    page = admin.get(f"/admin/organizations?id={oid}").text
    assert "Informationsempfänger" in page or "Information recipient" in page
    # the search finds them by address and by organization
    assert f"?id={u}\"" in admin.get(f"/admin/users?q={email[:8]}").text
    assert f"?id={u}\"" in admin.get(f"/admin/users?org={oid}").text


def test_bad_user_input_is_refused_and_changes_nothing(admin, db):
    oid, domain = new_org(admin, db)
    u = uid(db, new_user(db, oid, domain))
    before = q(db, "SELECT org_id, access_level FROM users WHERE id = %s", u)[0]
    events = q(db, "SELECT COUNT(*) FROM admin_events")[0][0]
    page = f"/admin/users?id={u}"
    r = send(admin, "/admin/users", {"action": "save", "id": u, "org_id": "999999999", "access_level": "own"}, page)
    assert r.status_code == 422 and 'id="err-org_id"' in r.text
    assert send(admin, "/admin/users", {"action": "save", "id": u, "org_id": oid, "access_level": "all"},
                page).status_code == 400
    assert send(admin, "/admin/users", {"action": "fly", "id": u}, page).status_code == 400
    assert send(admin, "/admin/users", {"action": "block", "id": "999999999"}, page).status_code == 404
    assert q(db, "SELECT org_id, access_level FROM users WHERE id = %s", u)[0] == before
    assert q(db, "SELECT COUNT(*) FROM admin_events")[0][0] == events
    # nobody blocks themselves
    me = uid(db, ADMIN)
    r = send(admin, "/admin/users", {"action": "block", "id": me}, f"/admin/users?id={me}")
    assert r.status_code == 422
    assert q(db, "SELECT disabled_at FROM users WHERE id = %s", me)[0][0] is None


def test_confirm_by_hand_completes_a_registration(admin, db, browser):
    oid, domain = new_org(admin, db)
    email = f"neu{uuid.uuid4().hex[:8]}@{domain}"
    assert register(browser, email).status_code in (200, 303)
    u = uid(db, email)
    assert q(db, "SELECT confirmed_at, org_id FROM users WHERE id = %s", u)[0] == (None, oid)
    assert ("Registrierung nicht abgeschlossen" in admin.get(f"/admin/users?id={u}").text or
            "registration not complete" in admin.get(f"/admin/users?id={u}").text)
    r = send(admin, "/admin/users", {"action": "confirm", "id": u}, f"/admin/users?id={u}")
    assert r.status_code == 303 and "notice=user_confirmed" in r.headers["Location"]
    assert q(db, "SELECT confirmed_at IS NOT NULL FROM users WHERE id = %s", u)[0][0] == 1
    assert admin_events(db, "user", u)[-1][0] == "user.confirm"
    b = Browser()
    b.login(email, "Kaffeetasse-im-Regen-7")
    assert b.get("/requests").status_code == 200


def test_a_blocked_user_cannot_sign_in_and_gets_no_mail(admin, db):
    oid, domain = new_org(admin, db)
    email = new_user(db, oid, domain)
    u = uid(db, email)
    tid = make_ticket(email, "Gesperrt " + uuid.uuid4().hex[:6])
    b = login_as(email)
    assert b.get("/requests").status_code == 200
    r = send(admin, "/admin/users", {"action": "block", "id": u}, f"/admin/users?id={u}")
    assert r.status_code == 303
    assert q(db, "SELECT disabled_at IS NOT NULL FROM users WHERE id = %s", u)[0][0] == 1
    assert admin_events(db, "user", u)[-1][0] == "user.block"
    # the open session is gone, a new sign-in is refused
    r = b.get("/requests")
    assert r.status_code == 303 and "/login" in r.headers["Location"]
    r = Browser().submit("/login", {"email": email, "password": PASSWORD})
    assert r.status_code != 303
    # no mail for them: an agent's public reply queues none
    agent_reply(tid, "Antwort an Gesperrte")
    assert q(db, "SELECT COUNT(*) FROM outbox WHERE recipient = %s AND status IN ('queued', 'sending', 'sent') "
                 "AND kind NOT LIKE 'register%%'", email)[0][0] == 0
    # unblocked: signs in again
    assert send(admin, "/admin/users", {"action": "unblock", "id": u}, f"/admin/users?id={u}").status_code == 303
    login_as(email)
    assert [e[0] for e in admin_events(db, "user", u)][-2:] == ["user.block", "user.unblock"]


def test_moving_a_user_to_another_organization(admin, db):
    first, d1 = new_org(admin, db, level="org_read")
    second, d2 = new_org(admin, db, level="org_read")
    mover = new_user(db, first, d1)
    old = make_ticket(new_user(db, first, d1), "Alte Organisation " + uuid.uuid4().hex[:6])
    new = make_ticket(new_user(db, second, d2), "Neue Organisation " + uuid.uuid4().hex[:6])
    b = login_as(mover)
    assert b.get(f"/requests/{old}").status_code == 200 and b.get(f"/requests/{new}").status_code == 404
    u = uid(db, mover)
    r = send(admin, "/admin/users", {"action": "save", "id": u, "org_id": second, "access_level": "org_comment"},
             f"/admin/users?id={u}")
    assert r.status_code == 303
    assert q(db, "SELECT org_id FROM users WHERE id = %s", u)[0][0] == second
    assert b.get(f"/requests/{old}").status_code == 404 and b.get(f"/requests/{new}").status_code == 200
    ev = admin_events(db, "user", u)[-1]
    assert ev[0] == "user.move" and "Testorg" in ev[2] and "Testorg" in ev[3] and ev[2] != ev[3]


# ---- agents and groups ----

def test_groups_members_and_routing_of_a_form(admin, db):
    name = "Gruppe " + uuid.uuid4().hex[:6]
    r = send(admin, "/admin/groups", {"action": "save", "id": "0", "name": name, "email": ""})
    assert r.status_code == 303
    gid = q(db, "SELECT id FROM staff_groups WHERE name = %s", name)[0][0]
    jonas = uid(db, "jonas.keller@tresen.example")
    assert send(admin, "/admin/groups", {"action": "add_member", "id": gid, "user": jonas}).status_code == 303
    assert q(db, "SELECT COUNT(*) FROM staff_group_members WHERE group_id = %s AND user_id = %s", gid, jonas)[0][0] == 1
    assert name in admin.get("/admin/groups").text
    # a customer is no agent: refused
    r = send(admin, "/admin/groups", {"action": "add_member", "id": gid, "user": uid(db, CUSTOMER)})
    assert r.status_code == 422
    assert q(db, "SELECT COUNT(*) FROM staff_group_members WHERE group_id = %s", gid)[0][0] == 1
    # the helpcenter form's new tickets now go to this group, and to its only member
    fid, old_group = q(db, "SELECT id, group_id FROM forms WHERE slug = 'helpcenter'")[0]
    try:
        assert send(admin, "/admin/groups", {"action": "route", "form": fid, "group": gid}).status_code == 303
        assert q(db, "SELECT group_id FROM forms WHERE id = %s", fid)[0][0] == gid
        b = login_as(CUSTOMER)
        r = post_form(b, fid, {"type": "question", "subject": "Routing " + uuid.uuid4().hex[:6],
                               "field_question": "Wo steht das?", "field_article": "https://x.example/a"})
        t = ticket(db, created_id(r))
        assert t["group_id"] == gid and t["assignee_id"] == jonas and t["status"] == "open"
        r = send(admin, "/admin/groups", {"action": "route", "form": fid, "group": "999999999"})
        assert r.status_code == 422
        assert q(db, "SELECT group_id FROM forms WHERE id = %s", fid)[0][0] == gid
    finally:
        q(db, "UPDATE forms SET group_id = %s WHERE id = %s", old_group, fid)
    assert send(admin, "/admin/groups", {"action": "remove_member", "id": gid, "user": jonas}).status_code == 303
    assert q(db, "SELECT COUNT(*) FROM staff_group_members WHERE group_id = %s", gid)[0][0] == 0
    assert [e[0] for e in admin_events(db, "group", gid)] == ["group.create", "group.member_add",
                                                              "group.member_remove"]


def test_making_a_user_an_agent(admin, db):
    oid, domain = new_org(admin, db)
    u = uid(db, new_user(db, oid, domain))
    assert send(admin, "/admin/users", {"action": "save", "id": u, "org_id": "0", "access_level": "org_comment",
                                        "is_agent": "1"}, f"/admin/users?id={u}").status_code == 303
    assert q(db, "SELECT is_agent, org_id FROM users WHERE id = %s", u)[0] == (1, None)
    assert f'value="{u}"' in admin.get("/admin/groups").text


# ---- forms ----

def make_form(admin, db, **extra):
    gid = q(db, "SELECT id FROM staff_groups WHERE name = 'ERP'")[0][0]
    slug = "f" + uuid.uuid4().hex[:8]
    data = {"action": "save_form", "id": "0", "slug": slug, "title_de": f"Produkt {slug}",
            "title_en": f"Product {slug}", "help_de": "Hilfe", "help_en": "Help", "group": gid,
            "types": ["question", "incident"], "sort": "90", **extra}
    r = send(admin, "/admin/forms", data)
    assert r.status_code == 303, r.text[:2000]
    return int(re.search(r"id=(\d+)", r.headers["Location"]).group(1)), slug, gid


def add_field(admin, fid, **data):
    body = {"action": "save_field", "id": fid, "field": "0", "kind": "text", "label_de": data.get("key", "x"),
            "label_en": data.get("key", "x"), "field_sort": "10", **data}
    return send(admin, "/admin/forms", body, f"/admin/forms?id={fid}")


def test_a_form_made_in_admin_is_usable_by_a_customer_at_once(admin, db):
    fid, slug, gid = make_form(admin, db)
    # inactive: customers do not see it
    b = login_as(CUSTOMER)
    assert f"Produkt {slug}" not in b.get("/requests/new").text
    assert add_field(admin, fid, key="edition", kind="select", label_de="Ausgabe", label_en="Edition",
                     options="basis | Basis | Basic\nprofi | Profi | Pro", required="1", routing="1",
                     field_sort="10").status_code == 303
    assert add_field(admin, fid, key="lizenz", kind="text", label_de="Lizenznummer", label_en="Licence number",
                     required="1", conditions="edition=profi", field_sort="20").status_code == 303
    r = send(admin, "/admin/forms", {"action": "save_form", "id": fid, "slug": slug, "title_de": f"Produkt {slug}",
                                     "title_en": f"Product {slug}", "group": gid, "types": ["question", "incident"],
                                     "sort": "90", "active": "1"}, f"/admin/forms?id={fid}")
    assert r.status_code == 303
    assert f"Produkt {slug}" in b.get("/requests/new").text
    html = open_form(b, fid)
    assert 'name="field_edition"' in html and "Profi" in html
    # the condition holds: the licence is required
    subject = "Neues Produkt " + uuid.uuid4().hex[:6]
    r = post_form(b, fid, {"type": "question", "subject": subject, "field_edition": "profi"})
    assert r.status_code == 422
    r = post_form(b, fid, {"type": "question", "subject": subject, "field_edition": "profi",
                           "field_lizenz": "L-4711"})
    t = ticket(db, created_id(r))
    assert t["form_id"] == fid and t["group_id"] == gid
    ev = [e[0] for e in admin_events(db, "form", fid)]
    assert ev == ["form.create", "form.field_create", "form.field_create", "form.update"]


def test_broken_conditions_are_refused_with_a_clear_error(admin, db):
    fid, slug, gid = make_form(admin, db)
    assert add_field(admin, fid, key="system", kind="select", label_de="System", label_en="System",
                     options="prod | Produktion\ntest | Test", field_sort="20").status_code == 303
    fields = q(db, "SELECT COUNT(*) FROM form_fields WHERE form_id = %s", fid)[0][0]
    events = q(db, "SELECT COUNT(*) FROM admin_events")[0][0]
    cases = [
        ({"key": "a", "conditions": "unbekannt=1", "field_sort": "30"}, ("gibt es im Formular nicht", "no such field")),
        ({"key": "b", "conditions": "system=staging", "field_sort": "30"}, ("Diesen Wert", "no such value")),
        ({"key": "c", "conditions": "system=test", "field_sort": "10"}, ("nicht vor diesem", "does not come before")),
        ({"key": "d", "conditions": "kaputt", "field_sort": "30"}, ("Ungültige Bedingung", "Invalid condition")),
        ({"key": "e", "kind": "select", "options": "", "field_sort": "30"}, ("mindestens eine", "at least one")),
        ({"key": "Böse Taste", "field_sort": "30"}, ("Feldschlüssel", "field key")),
        ({"key": "system", "field_sort": "30"}, ("gibt es in diesem Formular schon", "exists in this form")),
    ]
    for data, words in cases:
        r = add_field(admin, fid, **data)
        assert r.status_code == 422, data
        assert words[0] in r.text or words[1] in r.text, data
    assert add_field(admin, fid, key="c", conditions="system=test", field_sort="30").status_code == 303
    c = q(db, "SELECT id FROM form_fields WHERE form_id = %s AND field_key = 'c'", fid)[0][0]
    system = q(db, "SELECT id FROM form_fields WHERE form_id = %s AND field_key = 'system'", fid)[0][0]
    # a change elsewhere that would break the condition is refused too: deleting or moving what it needs
    r = send(admin, "/admin/forms", {"action": "delete_field", "id": fid, "field": system},
             f"/admin/forms?id={fid}&field={system}")
    assert r.status_code == 422
    r = add_field(admin, fid, field=system, key="system", kind="select", label_de="System", label_en="System",
                  options="prod | Produktion", field_sort="20")
    assert r.status_code == 422
    assert q(db, "SELECT COUNT(*) FROM form_fields WHERE form_id = %s", fid)[0][0] == fields + 1
    assert q(db, "SELECT COUNT(*) FROM form_field_options WHERE field_id = %s", system)[0][0] == 2
    assert q(db, "SELECT COUNT(*) FROM admin_events")[0][0] == events + 1
    # the dependent field goes first, then the other may go
    assert send(admin, "/admin/forms", {"action": "delete_field", "id": fid, "field": c},
                f"/admin/forms?id={fid}&field={c}").status_code == 303
    assert send(admin, "/admin/forms", {"action": "delete_field", "id": fid, "field": system},
                f"/admin/forms?id={fid}&field={system}").status_code == 303
    assert q(db, "SELECT COUNT(*) FROM form_fields WHERE form_id = %s", fid)[0][0] == 0


def test_a_form_without_receiving_group_is_refused(admin, db):
    before = q(db, "SELECT COUNT(*) FROM forms")[0][0]
    for group in ("0", "999999999"):
        r = send(admin, "/admin/forms", {"action": "save_form", "id": "0", "slug": "g" + uuid.uuid4().hex[:6],
                                         "title_de": "Ohne", "title_en": "Without", "group": group,
                                         "types": "question"})
        assert r.status_code == 422
        assert "empfangende Gruppe" in r.text or "receiving group" in r.text
    r = send(admin, "/admin/forms", {"action": "save_form", "id": "0", "slug": "erp", "title_de": "Doppelt",
                                     "title_en": "Twice", "group": "1", "types": "question"})
    assert r.status_code == 422
    r = send(admin, "/admin/forms", {"action": "save_form", "id": "0", "slug": "x" + uuid.uuid4().hex[:6],
                                     "title_de": "Ohne Typ", "title_en": "No type", "group": "1"})
    assert r.status_code == 422
    assert q(db, "SELECT COUNT(*) FROM forms")[0][0] == before


def test_editing_a_seeded_field_keeps_its_option_products(admin, db):
    fid = q(db, "SELECT id FROM forms WHERE slug = 'erp'")[0][0]
    fld, = q(db, "SELECT id FROM form_fields WHERE form_id = %s AND field_key = 'product'", fid)[0]
    html = admin.get(f"/admin/forms?id={fid}&field={fld}").text
    options = re.search(r'name="options"[^>]*>([^<]*)</textarea>', html).group(1)
    assert "wodis_yuneo | Wodis Yuneo" in options
    before = q(db, "SELECT value, product_id FROM form_field_options WHERE field_id = %s ORDER BY value", fld)
    r = add_field(admin, fid, field=fld, key="product", kind="select", label_de="Produkt", label_en="Product",
                  options=options.replace("&amp;", "&"), required="1", routing="1", field_sort="10")
    assert r.status_code == 303, r.text[:3000]
    assert q(db, "SELECT value, product_id FROM form_field_options WHERE field_id = %s ORDER BY value", fld) == before


def test_the_editor_marks_a_field_as_needing_approval(admin, db):
    fid = q(db, "SELECT id FROM forms WHERE slug = 'datacenter'")[0][0]
    fld, = q(db, "SELECT id FROM form_fields WHERE form_id = %s AND field_key = 'access_scope'", fid)[0]
    html = admin.get(f"/admin/forms?id={fid}&field={fld}").text
    assert re.search(r'name="needs_approval" value="1" checked', html)
    mine = make_form(admin, db)[0]
    assert add_field(admin, mine, key="zugang", needs_approval="1").status_code == 303
    new, flag = q(db, "SELECT id, needs_approval FROM form_fields WHERE form_id = %s AND field_key = 'zugang'", mine)[0]
    assert flag == 1
    assert "needs_approval=1" in q(db, "SELECT after_text FROM admin_events WHERE action = 'form.field_create' "
                                       "ORDER BY id DESC LIMIT 1")[0][0]
    # saved again without the mark: the request no longer needs an approval for it
    assert add_field(admin, mine, field=new, key="zugang").status_code == 303
    assert q(db, "SELECT needs_approval FROM form_fields WHERE id = %s", new)[0][0] == 0


# ---- escaping ----

def test_xss_from_admin_fields_is_shown_escaped(admin, db):
    oid, domain = new_org(admin, db)
    name = q(db, "SELECT name FROM organizations WHERE id = %s", oid)[0][0]
    assert send(admin, "/admin/organizations", {"action": "save", "id": oid, "name": XSS + name,
                                                "access_level": "org_comment", "domains": domain},
                f"/admin/organizations?id={oid}").status_code == 303
    gname = XSS + uuid.uuid4().hex[:6]
    assert send(admin, "/admin/groups", {"action": "save", "id": "0", "name": gname}).status_code == 303
    fid, slug, gid = make_form(admin, db, title_de=XSS + " Formular", help_de=XSS, active="1")
    assert add_field(admin, fid, key="feld", label_de=XSS, label_en=XSS, field_help_de=XSS).status_code == 303
    email = new_user(db, oid, domain, name=XSS + " Kunde")
    tid = make_ticket(email, "XSS Admin " + uuid.uuid4().hex[:6])
    pages = [admin.get(p).text for p in ("/admin", "/admin/organizations", f"/admin/organizations?id={oid}",
                                         "/admin/users", f"/admin/users?id={uid(db, email)}", "/admin/groups",
                                         "/admin/forms", f"/admin/forms?id={fid}")]
    pages.append(login_as(AGENT).get(f"/agent/tickets/{tid}").text)
    customer = login_as(email)
    pages += [customer.get("/requests/new").text, customer.get(f"/requests/new?form={fid}").text,
              customer.get(f"/requests/{tid}").text]
    for page in pages:
        assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in pages[0] and "&lt;script&gt;" in pages[-2]


def test_an_option_can_name_the_product_it_sets(admin, db):
    fid, slug, gid = make_form(admin, db, active="1")
    r = add_field(admin, fid, key="loesung", kind="select", label_de="Lösung", label_en="Solution",
                  options="crm | CRM-System | CRM system | CRM\nanderes | Anderes", required="1")
    assert r.status_code == 303
    fld = q(db, "SELECT id FROM form_fields WHERE form_id = %s", fid)[0][0]
    crm = q(db, "SELECT id FROM products WHERE name = 'CRM'")[0][0]
    assert q(db, "SELECT value, product_id FROM form_field_options WHERE field_id = %s ORDER BY sort", fld) == \
        (("crm", crm), ("anderes", None))
    assert "crm | CRM-System | CRM system | CRM" in admin.get(f"/admin/forms?id={fid}&field={fld}").text
    r = add_field(admin, fid, field=fld, key="loesung", kind="select", label_de="Lösung", label_en="Solution",
                  options="crm | CRM | CRM | Gibt es nicht")
    assert r.status_code == 422 and "Gibt es nicht" in r.text
    assert q(db, "SELECT COUNT(*) FROM form_field_options WHERE field_id = %s", fld)[0][0] == 2
    b = login_as(CUSTOMER)
    r = post_form(b, fid, {"type": "question", "subject": "Produkt " + uuid.uuid4().hex[:6], "field_loesung": "crm"})
    assert ticket(db, created_id(r))["product_id"] == crm


def test_shared_macro_changes_are_audited(admin, db):
    title = "Audit-Makro " + uuid.uuid4().hex[:6]
    r = send(admin, "/admin/macros", {"action": "save", "id": "0", "title": title, "body": "Hallo {{requester}}",
                                      "visibility": "public", "set_status": "pending", "sort": "5"})
    assert r.status_code == 303
    mid = q(db, "SELECT id FROM macros WHERE title = %s", title)[0][0]
    r = send(admin, "/admin/macros", {"action": "save", "id": mid, "title": title, "body": "Neu",
                                      "visibility": "internal", "sort": "5"}, f"/admin/macros?edit={mid}")
    assert r.status_code == 303
    assert send(admin, "/admin/macros", {"action": "delete", "id": mid}).status_code == 303
    ev = admin_events(db, "macro", mid)
    assert [e[0] for e in ev] == ["macro.create", "macro.update", "macro.delete"]
    assert ev[0][2] == "" and "status=pending" in ev[0][3]
    assert "visibility=public" in ev[1][2] and "visibility=internal" in ev[1][3] and "text=Neu" in ev[1][3]
    assert "text=Neu" in ev[2][2] and ev[2][3] == ""
    assert all(e[1] == uid(db, ADMIN) for e in ev)
    assert "macro.delete" in admin.get("/admin").text
    # a bad macro is refused and not audited
    events = q(db, "SELECT COUNT(*) FROM admin_events")[0][0]
    assert send(admin, "/admin/macros", {"action": "save", "id": "0", "title": "", "body": ""}).status_code == 422
    assert q(db, "SELECT COUNT(*) FROM admin_events")[0][0] == events
