/* privacy.c - anonymising an account: every personal field replaced in one transaction. */
#include "accounts/privacy.h"
#include "accounts/profile.h"
#include "core/config.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/result.h"
#include "db/db.h"

typedef struct anon_ctx {
	int64_t user_id, actor_id;
} anon_ctx;

static int anon_tx(void *ctx)
{
	anon_ctx *c = ctx;
	tr_q *q = tr_q_new("SELECT is_agent OR is_admin, anonymised_at IS NOT NULL FROM users WHERE id = ? FOR UPDATE");
	tr_q_i64(q, c->user_id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int found = 0, staff = 0, done = 0;
	if (tr_q_next(q) > 0) {
		found = 1;
		staff = (int)tr_q_l(q, 0);
		done = (int)tr_q_l(q, 1);
	}
	tr_q_end(q);
	if (!found)
		return TR_E_NOT_FOUND;
	if (staff || done)
		return TR_E_CONFLICT;
	const char *name = tr_fmt("%s %lld", tr_cfg("Profile.anonymous_name", "Anonymisiert"), (long long)c->user_id);
	const char *email = tr_fmt("anonymous-%lld@invalid", (long long)c->user_id);
	int64_t n = tr_db_run("UPDATE users SET name = ?, email = ?, email_norm = ?, phone = NULL, mobile = NULL, "
			      "position = NULL, password_hash = NULL, totp_secret = NULL, totp_pending = NULL, "
			      "totp_enabled_at = NULL, picture_version = 0, is_main_contact = 0, is_customer_admin = 0, "
			      "is_info_recipient = 0, notify_updates = 0, notify_follows = 0, notify_product = 0, "
			      "disabled_at = COALESCE(disabled_at, NOW()), anonymised_at = NOW() WHERE id = ?",
			      "sssl", name, email, email, c->user_id);
	static const char *const wipe[] = {
		"DELETE FROM sessions WHERE user_id = ?",
		"DELETE FROM user_tokens WHERE user_id = ?",
		"DELETE FROM user_settings WHERE user_id = ?",
		"DELETE FROM user_pictures WHERE user_id = ?",
		"DELETE FROM recovery_codes WHERE user_id = ?",
		"DELETE FROM login_challenges WHERE user_id = ?",
		/* mail to the person: what is queued is never sent, what was sent keeps no address */
		"DELETE FROM outbox WHERE user_id = ?",
	};
	for (size_t i = 0; n >= 0 && i < sizeof(wipe) / sizeof(wipe[0]); i++)
		n = tr_db_run(wipe[i], "l", c->user_id);
	if (n < 0)
		return (int)n;
	return tr_account_event(c->user_id, c->actor_id, "anonymised", NULL);
}

int tr_privacy_anonymise(int64_t user_id, int64_t actor_id)
{
	anon_ctx c = { user_id, actor_id };
	int rc = tr_db_tx(anon_tx, &c);
	if (rc == 0)
		tr_info("user=%lld anonymised by user=%lld", (long long)user_id, (long long)actor_id);
	return rc;
}
