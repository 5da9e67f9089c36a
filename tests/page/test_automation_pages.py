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
