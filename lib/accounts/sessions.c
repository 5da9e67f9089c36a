/* sessions.c - the sessions table as accounts see it: how long a session lives, ending a user's sessions, the purge. */
#include "accounts/sessions.h"
#include "core/config.h"
#include "db/db.h"

long tr_session_idle_minutes(void)
{
	return tr_cfg_int("Security.session_idle_minutes", 480);
}

int tr_session_end_user(int64_t user_id, int64_t keep_id)
{
	int64_t rc = tr_db_run("DELETE FROM sessions WHERE user_id = ? AND id <> ?", "ll", user_id,
			       keep_id);
	return rc < 0 ? (int)rc : 0;
}

int64_t tr_session_purge(void)
{
	/* the second step of a sign-in that never came */
	int64_t c = tr_db_run("DELETE FROM login_challenges WHERE expires_at < NOW()", "");
	if (c < 0)
		return c;
	return tr_db_run("DELETE FROM sessions WHERE expires_at < NOW() OR last_seen_at < NOW() - INTERVAL ? MINUTE",
			 "l", (int64_t)tr_session_idle_minutes());
}

int tr_session_totp_missing(int64_t user_id, int staff)
{
	if (!staff || !tr_cfg_int("Security.staff_2fa", 0))
		return 0;
	int64_t on = 0;
	int rc = tr_db_int(&on, "SELECT totp_enabled_at IS NOT NULL FROM users WHERE id = ?", "l", user_id);
	return rc > 0 && !on;
}
