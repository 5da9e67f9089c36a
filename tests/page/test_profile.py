"""test_profile.py - the profile's page programs directly over FastCGI: access, rendering in both languages,
the pipeline's checks, and the setting that makes two-factor sign-in mandatory for staff (R-PROF)."""
import os
import re
import shutil

import pytest
from conftest import CGI, STACK, Client, env, q
from fcgi import Page

PAGES = [("profile", ""), ("profile/security", ""), ("profile/picture", ""), ("profile/export", "")]


@pytest.mark.parametrize("name,info", PAGES + [("profile/picture", "/1"), ("profile/email", "")])
def test_visitors_are_sent_to_the_login(client, name, info):
    r = client.get(name, "token=" + "a" * 43 if name == "profile/email" else "", path_info=info)
    assert r.status == 303 and "/login?next=" in r.headers["location"]


@pytest.mark.parametrize("name,info", PAGES)
def test_visitors_post_is_refused_unread(client, name, info):
    token = client.csrf("login")
    assert client.post(name, {"csrf": token, "action": "details", "name": "x"}, path_info=info).status == 403


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("name,info", PAGES)
def test_profile_pages_render_for_customers_and_staff(name, info, lang):
    for who in ("carla@stadtwerke.example", "agent@tresen.example"):
        c = Client().login(who)
        r = c.get(name, f"lang={lang}", path_info=info)
        assert r.status == 200, r.text[:300]
        assert 'name="csrf"' in r.text and ('aria-current="page"' in r.text)
        assert ("Mein Profil" if lang == "de" else "My profile") in r.text
        c.get("home", "lang=de")   # the demo users keep German


def test_an_unconfirmed_user_reaches_the_profile(unconfirmed):
    assert unconfirmed.get("profile").status == 200


def test_malformed_input_is_400(client):
    client.login("carla@stadtwerke.example")
    token = client.csrf("profile")
    assert client.post("profile", {"csrf": token, "action": "x"}).status == 400
    assert client.post("profile", {"csrf": token, "action": "details", "name": "a\x00b"}).status == 400
    assert client.post("profile/security", {"csrf": token, "action": "nothing"}).status == 400
    assert client.post("profile/security", {"csrf": token}).status == 400
    assert client.get("profile/email", "token=not*a*token").status == 400
    assert client.get("profile/email").status == 400
    assert client.get("profile/picture", path_info="/abc").status == 404
    assert client.get("profile/picture", path_info="/999999999").status == 404
    assert client.post("profile/picture", {"csrf": token, "action": "upload"}, path_info="/1").status == 405


def test_an_unknown_email_link_is_404(client):
    client.login("carla@stadtwerke.example")
    r = client.get("profile/email", "token=" + "A" * 43)
    assert r.status == 404 and 'href="/profile"' in r.text


@pytest.fixture
def staff_2fa_config():
    """The stack's configuration with Security.staff_2fa = 1, readable by the workers' user only."""
    path = os.path.join(STACK["dir"], "tresen-staff2fa.hdf")
    shutil.copyfile(STACK["config"], path)
    shutil.copymode(STACK["config"], path)
    st = os.stat(STACK["config"])
    os.chown(path, st.st_uid, st.st_gid)
    with open(path, "a") as f:
        f.write("\nSecurity.staff_2fa = 1\n")
    yield path
    os.remove(path)


def test_staff_must_turn_two_factor_on_when_the_setting_says_so(staff_2fa_config, db):
    e = {**env(), "TRESEN_CONFIG": staff_2fa_config}
    agent, security = Page(CGI, "agent", e, STACK["tool_prefix"]), Page(CGI, "profile/security", e, STACK["tool_prefix"])
    try:
        c = Client().login("jonas.keller@tresen.example")
        r = agent.request("GET", path="/agent", cookie=c.cookie())
        assert r.status == 303 and r.headers["location"].endswith("/profile/security?notice=totp_required")
        r = security.request("GET", path="/profile/security", cookie=c.cookie())
        assert r.status == 200 and "vorgeschrieben" in r.text
        # customers are not asked
        cust = Client().login("carla@stadtwerke.example")
        r = security.request("GET", path="/profile/security", cookie=cust.cookie())
        assert r.status == 200 and "vorgeschrieben" not in r.text
        # with the setting off (the stack's own configuration) the agent works as before
        assert c.get("agent").status == 200
    finally:
        agent.close()
        security.close()
