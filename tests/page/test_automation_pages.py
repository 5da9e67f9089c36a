"""test_automation_pages.py - the survey and the CSAT report as page programs (R-CSAT): who may open
them, what a bad token gets, the pipeline's checks of their fields."""
import re

import pytest
from conftest import q

TOKEN = "A" * 43


@pytest.mark.parametrize("info", ["", "/", "/short", "/" + TOKEN, "/" + TOKEN + "x", "/" + "%" * 43])
def test_survey_with_a_bad_token_is_404_for_anyone(client, info):
    r = client.get("csat", path_info=info)
    assert r.status == 404
    assert "<main" in r.text and 'name="rating"' not in r.text


def test_survey_post_checks_csrf_and_fields_before_the_token(client, db):
    before = q(db, "SELECT COUNT(*) FROM csat_ratings")[0][0]
    assert client.post("csat", {"rating": "satisfied"}, path_info="/" + TOKEN).status == 403
    token = client.csrf("login")
    assert client.post("csat", {"csrf": token, "rating": "sehr gut"}, path_info="/" + TOKEN).status == 400
    assert client.post("csat", {"csrf": token, "rating": "satisfied"}, path_info="/" + TOKEN).status == 404
    assert q(db, "SELECT COUNT(*) FROM csat_ratings")[0][0] == before


def test_report_sends_visitors_to_the_login_and_refuses_customers(client):
    r = client.get("agent/reports/csat")
    assert r.status == 303 and "/login?next=" in r.headers["location"]
    client.login("anna@wohnbau.example")
    assert client.get("agent/reports/csat").status in (403, 404)


@pytest.mark.parametrize("query,status", [("", 200), ("by=group", 200), ("by=form", 200), ("by=month", 200),
                                          ("by=agent&from=2019-01-01&to=2019-12-31", 200), ("by=nobody", 400),
                                          ("from=2019-02-30", 400), ("format=pdf", 400)])
def test_report_renders_for_agents(client, query, status):
    client.login("agent@tresen.example")
    r = client.get("agent/reports/csat", query)
    assert r.status == status
    if status == 200:
        assert "<svg" in r.text or "keine Bewertungen" in r.text


def test_report_csv_is_a_download(client):
    client.login("agent@tresen.example")
    r = client.get("agent/reports/csat", "format=csv&by=month")
    assert r.status == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    assert re.match(r'^"Monat","Bewertungen"', r.text)


def test_holidays_page_is_for_staff_admins(client):
    r = client.get("admin/holidays")
    assert r.status == 303 and "/login?next=" in r.headers["location"]
    client.login("agent@tresen.example")
    assert client.get("admin/holidays").status in (403, 404)


@pytest.mark.parametrize("query,status", [("", 200), ("year=2026", 200), ("year=1800", 400), ("year=abc", 400)])
def test_holidays_page_renders_for_admins(client, query, status):
    client.login("admin@tresen.example")
    r = client.get("admin/holidays", query)
    assert r.status == status
    if query == "year=2026":
        # in the admin's language, which another test may have switched to English
        good_friday = "Good Friday" if '<html lang="en">' in r.text else "Karfreitag"
        assert "2026-04-03" in r.text and good_friday in r.text


def test_holidays_post_refuses_bad_input(client, db):
    client.login("admin@tresen.example")
    token = client.csrf("admin/holidays")
    before = q(db, "SELECT COUNT(*) FROM holidays")[0][0]
    assert client.post("admin/holidays", {"csrf": token, "action": "add", "day": "2026-02-30", "name": "x"}).status == 422
    assert client.post("admin/holidays", {"csrf": token, "action": "add", "day": "2026-02-03"}).status == 422
    assert client.post("admin/holidays", {"csrf": token, "action": "add", "day": "2026-02-03", "name": "x",
                                          "kind": "federal"}).status in (400, 422)
    assert client.post("admin/holidays", {"action": "add", "day": "2026-02-03", "name": "x"}).status == 403
    assert q(db, "SELECT COUNT(*) FROM holidays")[0][0] == before
