"""test_admin_mail.py - /admin/mail (the intake's trace) is for staff admins only, decided by the page's access flag."""
from conftest import Client, q


def test_admin_mail_is_for_staff_admins_only(client, db):
    r = client.get("admin/mail")
    assert r.status == 303 and "/login?next=" in r.headers["location"]
    assert Client().login("anna@wohnbau.example").get("admin/mail").status == 403
    assert Client().login("agent@tresen.example").get("admin/mail").status == 403
    admin = Client().login("admin@tresen.example")
    r = admin.get("admin/mail")
    assert r.status == 200 and ("Eingehende E-Mails" in r.text or "Incoming e-mail" in r.text)
    # the filters are declared: anything else is no request of ours
    assert admin.get("admin/mail", "outcome=everything").status == 400
    assert admin.get("admin/mail", "id=abc").status == 400
    assert admin.get("admin/mail", "id=999999999999").status == 404
    if q(db, "SELECT COUNT(*) FROM intake_mails")[0][0] == 0:
        assert "Noch keine E-Mails abgeholt" in r.text or "No e-mail fetched yet" in r.text
