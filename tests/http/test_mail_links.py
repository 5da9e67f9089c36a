"""test_mail_links.py - links in mails are not spent by a GET (R-MAIL 4): mail scanners open links before
the person does. The page shows a button; its POST (token and CSRF) spends the link. A delivered mail
keeps no working link in the outbox."""
from conftest import (BASE, GOOD_PASSWORD, Browser, csrf_of, link_in, new_address, press_link_button, q, register,
                      wait_mail, wait_until)


def user_state(db, address, purpose):
    return q(db, "SELECT u.confirmed_at IS NOT NULL, t.used_at IS NOT NULL FROM users u JOIN user_tokens t "
                 "ON t.user_id = u.id AND t.purpose = %s WHERE u.email_norm = %s", purpose, address)[0]


def test_confirmation_link_does_nothing_on_get_and_works_on_the_button(db):
    address = new_address("scanned")
    register(Browser(), address)
    link = link_in(wait_mail(address), "/confirm")
    # a scanner opens it, twice, with and without cookies: nothing happens
    for _ in range(2):
        r = Browser().get(link)
        assert r.status_code == 200 and 'action="/confirm"' in r.text and address in r.text
        assert "tresen_sid=" not in r.headers.get("Set-Cookie", "").replace("tresen_sid=;", "")
    assert user_state(db, address, "confirm") == (0, 0)
    # the button's POST needs the page's CSRF token
    token = link.split("token=")[1]
    assert Browser().post("/confirm", {"token": token}).status_code == 403
    assert user_state(db, address, "confirm") == (0, 0)
    b = Browser()
    r = press_link_button(b, link)
    assert r.status_code == 303 and r.headers["Location"] == BASE + "/?notice=confirmed"
    assert user_state(db, address, "confirm") == (1, 1)
    # pressed again (a second tab): the link is spent, the page says so
    page = Browser().get(link)
    assert page.status_code == 410 and "Bereits bestätigt" in page.text
    again = Browser()
    form = again.get("/login")
    assert again.post("/confirm", {"csrf": csrf_of(form.text), "token": token}).status_code == 410


def test_reset_link_does_nothing_on_get_and_works_on_the_button(db):
    address = new_address("reset-scan")
    register(Browser(), address)
    press_link_button(Browser(), link_in(wait_mail(address), "/confirm"))
    b = Browser()
    b.submit("/password/forgot", {"email": address})
    link = link_in(wait_mail(address, subject="Neues Passwort festlegen"), "/password/reset")
    for _ in range(2):
        r = Browser().get(link)
        assert r.status_code == 200 and 'action="/password/reset"' in r.text
    assert user_state(db, address, "reset")[1] == 0
    assert Browser().login(address, GOOD_PASSWORD)          # the old password still works
    form = Browser()
    page = form.get(link)
    r = form.post("/password/reset", {"csrf": csrf_of(page.text), "token": link.split("token=")[1],
                                      "password": "Neues-Passwort-2026"})
    assert r.status_code == 303
    assert user_state(db, address, "reset")[1] == 1
    assert Browser().get(link).status_code == 410


def test_delivered_mails_keep_no_working_link_in_the_outbox(db):
    address = new_address("redacted")
    register(Browser(), address)
    link = link_in(wait_mail(address), "/confirm")
    token = link.split("token=")[1]
    row = wait_until(lambda: q(db, "SELECT status, body_text, body_html FROM outbox WHERE recipient = %s "
                                   "AND kind = 'confirm' AND status = 'sent'", address), what="the mail sent")[0]
    assert token not in row[1] and token not in row[2]
    assert BASE + "/confirm?token=-" in row[1] and "/confirm?token=-" in row[2]
    # the link itself still works: the person has it in the mail
    assert press_link_button(Browser(), link).status_code == 303
