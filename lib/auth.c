/* auth.c - signing in with e-mail and password (R-ACC 5, 6). */
#include "auth.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "password.h"
#include "pool.h"
#include "session.h"
#include "throttle.h"
#include "user.h"

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

enum tr_login_result tr_login(tr_req *req, const char *email, const char *password, int *wait_s)
{
	tr_throttle_rule acc = account_rule(), addr = addr_rule();
	const char *key = tr_email_norm(email);
	const char *ip = req->remote_addr ? req->remote_addr : "";
	*wait_s = 0;

	/* Keyed by the address typed, not the account: unknown addresses are
	 * throttled exactly like known ones (R-ACC 6). */
	int w1 = tr_throttle_wait(&acc, key), w2 = tr_throttle_wait(&addr, ip);
	if (w1 < 0 || w2 < 0)
		return TR_LOGIN_ERROR;
	if (w1 > 0 || w2 > 0) {
		*wait_s = w1 > w2 ? w1 : w2;
		return TR_LOGIN_THROTTLED;
	}

	tr_q *q = tr_q_new("SELECT id, password_hash FROM users WHERE email_norm = ? AND disabled_at IS NULL");
	tr_q_str(q, key);
	if (tr_q_exec(q) < 0)
		return TR_LOGIN_ERROR;
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
		return TR_LOGIN_FAILED;
	}
	tr_throttle_clear(&acc, key);
	if (tr_password_needs_rehash(hash)) {
		char fresh[TR_PASSWORD_HASH_MAX];
		if (tr_password_hash(password, fresh) == 0)
			tr_db_run("UPDATE users SET password_hash = ? WHERE id = ?", "sl", fresh, user_id);
	}
	if (tr_session_start(req, user_id) < 0)
		return TR_LOGIN_ERROR;
	req->user = tr_user_load(user_id);
	tr_info("login user=%lld", (long long)user_id);
	return TR_LOGIN_OK;
}

const char *tr_safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\')
		return "/";
	for (const char *p = next; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == '\\')
			return "/";
	return next;
}
