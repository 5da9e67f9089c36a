/* auth.c - signing in with e-mail and password (R-ACC 5, 6). */
#include "accounts/auth.h"
#include "core/config.h"
#include "db/db.h"
#include "core/log.h"
#include "accounts/password.h"
#include "core/pool.h"
#include "accounts/throttle.h"
#include "accounts/user.h"
#include "core/email.h"

#include <string.h>

static tr_throttle_rule account_rule(void)
{
	tr_throttle_rule r = { "login_account", (int)tr_cfg_int("Security.login_account_limit", 5),
			       900, (int)tr_cfg_int("Security.login_backoff_s", 30) };
	return r;
}

static tr_throttle_rule addr_rule(void)
{
	tr_throttle_rule r = { "login_addr", (int)tr_cfg_int("Security.login_addr_limit", 30), 900,
			       (int)tr_cfg_int("Security.login_backoff_s", 30) };
	return r;
}

int tr_auth_password(const char *email, const char *password, const char *remote_addr, int64_t *user_id_out,
		     int *wait_s)
{
	tr_throttle_rule acc = account_rule(), addr = addr_rule();
	const char *key = tr_email_norm(email);
	const char *ip = remote_addr ? remote_addr : "";
	*wait_s = 0;
	*user_id_out = 0;

	/* Keyed by the address typed, not the account: unknown addresses are
	 * throttled exactly like known ones (R-ACC 6). */
	int w1 = tr_throttle_wait(&acc, key), w2 = tr_throttle_wait(&addr, ip);
	if (w1 < 0 || w2 < 0)
		return w1 < 0 ? w1 : w2;
	if (w1 > 0 || w2 > 0) {
		*wait_s = w1 > w2 ? w1 : w2;
		return TR_E_THROTTLED;
	}

	tr_q *q = tr_q_new("SELECT id, password_hash FROM users WHERE email_norm = ? AND disabled_at IS NULL");
	tr_q_str(q, key);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int64_t user_id = 0;
	char *hash = NULL;
	if (tr_q_next(q) > 0) {
		user_id = tr_q_l(q, 0);
		hash = tr_q_dup(q, 1);
	}
	tr_q_end(q);

	int ok;
	if (user_id && hash) {
		ok = tr_password_verify(hash, password);
	} else {
		tr_password_dummy(password);   /* same time for unknown accounts */
		ok = 0;
	}
	if (!ok) {
		tr_throttle_hit(&acc, key);
		tr_throttle_hit(&addr, ip);
		tr_info("login failed");
		return TR_E_INVALID;
	}
	tr_throttle_clear(&acc, key);
	if (tr_password_needs_rehash(hash)) {
		char fresh[TR_PASSWORD_HASH_MAX];
		if (tr_password_hash(password, fresh) == 0)
			tr_db_run("UPDATE users SET password_hash = ? WHERE id = ?", "sl", fresh, user_id);
	}
	*user_id_out = user_id;
	tr_info("login user=%lld", (long long)user_id);
	return 0;
}
