/* cleanup.c - tresen-cleanup: removes expired sessions, old throttling records, spent mail links,
 * unconfirmed registrations past Accounts.purge_unconfirmed_days, old delivered mail, old form tokens
 * and uploads kept for forms that were never sent.
 * Safe to run on several hosts at once (named lock); run it every few minutes. */
#include "tresen.h"
#include "job.h"
#include "newticket.h"

#include <stdio.h>

/* Registrations made on /register and never confirmed (R-ACC 4). One at a
 * time: a row that something else came to reference is skipped, not the run. */
static int64_t purge_unconfirmed(void)
{
	int64_t days = tr_cfg_int("Accounts.purge_unconfirmed_days", 7);
	int64_t purged = 0, after = 0;
	for (;;) {
		tr_q *q = tr_q_new("SELECT id FROM users WHERE confirmed_at IS NULL AND self_registered = 1 "
				   "AND created_at < NOW() - INTERVAL ? DAY AND id > ? ORDER BY id LIMIT 200");
		tr_q_i64(q, days);
		tr_q_i64(q, after);
		if (tr_q_exec(q) < 0)
			return -1;
		int64_t ids[200];
		int n = 0;
		while (n < 200 && tr_q_next(q) > 0)
			ids[n++] = tr_q_l(q, 0);
		tr_q_end(q);
		for (int i = 0; i < n; i++) {
			/* checked again: a confirmation may have come in meanwhile */
			int64_t rc = tr_db_run("DELETE FROM users WHERE id = ? AND confirmed_at IS NULL", "l", ids[i]);
			if (rc > 0)
				purged++;
			else if (rc < 0)
				tr_warn("unconfirmed user %lld could not be removed", (long long)ids[i]);
			after = ids[i];
		}
		tr_pool_reset();
		if (n < 200)
			break;
	}
	return purged;
}

int main(void)
{
	int rc = tr_job_begin("cleanup");
	if (rc)
		return rc < 0 ? 1 : 0;
	int64_t sessions = tr_db_run("DELETE FROM sessions WHERE expires_at < NOW() OR last_seen_at < NOW() - "
				     "INTERVAL ? MINUTE", "l",
				     (int64_t)tr_cfg_int("Security.session_idle_minutes", 480));
	int64_t events = tr_db_run("DELETE FROM throttle_events WHERE at < NOW() - INTERVAL 1 DAY", "");
	/* spent links are kept a day so a second click still gets "already used" */
	int64_t links = tr_db_run("DELETE FROM user_tokens WHERE expires_at < NOW() - INTERVAL 1 DAY", "");
	int64_t users = purge_unconfirmed();
	int64_t mails = tr_db_run("DELETE FROM outbox WHERE status = 'sent' AND sent_at < NOW() - INTERVAL ? DAY",
				  "l", (int64_t)tr_cfg_int("Mail.keep_sent_days", 90));
	int kept = tr_newticket_cleanup();
	if (sessions < 0 || events < 0 || links < 0 || users < 0 || mails < 0 || kept < 0) {
		tr_job_end();
		return 1;
	}
	tr_info("removed %lld sessions, %lld throttle records, %lld mail links, %lld unconfirmed registrations, "
		"%lld delivered mails", (long long)sessions, (long long)events, (long long)links, (long long)users,
		(long long)mails);
	tr_job_end();
	return 0;
}
