"""test_cleanup.py - tresen-cleanup purges unconfirmed registrations, spent links and old delivered mail."""
from conftest import Browser, link_in, press_link_button, new_address, q, register, run_tool, wait_mail, wait_until


def exists(db, address):
    return bool(q(db, "SELECT 1 FROM users WHERE email_norm = %s", address))


def test_cleanup_purges_what_is_old_and_keeps_the_rest(db):
    old, recent, confirmed = new_address("old"), new_address("recent"), new_address("kept")
    for address in (old, recent, confirmed):
        register(Browser(), address)
    assert press_link_button(Browser(), link_in(wait_mail(confirmed), "/confirm")).status_code == 303
    q(db, "UPDATE users SET created_at = NOW() - INTERVAL 8 DAY WHERE email_norm IN (%s, %s)", old, confirmed)
    q(db, "UPDATE users SET created_at = NOW() - INTERVAL 6 DAY WHERE email_norm = %s", recent)
    # a user created by staff and not confirmed yet is not a registration to purge
    staff_made = new_address("invited")
    q(db, "INSERT INTO users (org_id, name, email, email_norm, created_at) SELECT id, 'Invited', %s, %s, "
          "NOW() - INTERVAL 30 DAY FROM organizations WHERE name = 'Wohnbau Nord GmbH'", staff_made, staff_made)
    old_id = q(db, "SELECT id FROM users WHERE email_norm = %s", old)[0][0]
    # a delivered mail past Mail.keep_sent_days, and a spent link past its expiry
    wait_until(lambda: q(db, "SELECT status FROM outbox WHERE recipient = %s", confirmed) == (("sent",),),
               20, "the mail recorded as sent")
    q(db, "UPDATE outbox SET sent_at = NOW() - INTERVAL 91 DAY WHERE recipient = %s", confirmed)
    q(db, "UPDATE user_tokens t JOIN users u ON u.id = t.user_id SET t.expires_at = NOW() - INTERVAL 2 DAY "
          "WHERE u.email_norm = %s", confirmed)

    r = run_tool("cleanup")
    assert r.returncode == 0, r.stderr
    assert "1 unconfirmed registrations" in r.stderr

    assert not exists(db, old)
    assert not q(db, "SELECT 1 FROM user_tokens WHERE user_id = %s", old_id)
    assert exists(db, recent) and exists(db, confirmed) and exists(db, staff_made)
    assert not q(db, "SELECT 1 FROM outbox WHERE recipient = %s", confirmed)
    assert not q(db, "SELECT 1 FROM user_tokens t JOIN users u ON u.id = t.user_id WHERE u.email_norm = %s",
                 confirmed)
    assert q(db, "SELECT COUNT(*) FROM user_tokens t JOIN users u ON u.id = t.user_id WHERE u.email_norm = %s",
             recent)[0][0] == 1
    # the purged address can register afresh
    assert register(Browser(), old).status_code == 303 and exists(db, old)
