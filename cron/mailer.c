/* mailer.c - tresen-mailer: delivers the outbox over SMTP, retrying with back-off (R-MAIL 1).
 *
 * Run it every minute from cron (`make run` runs it every 2 s); it exits when
 * nothing is due or after Mail.run_seconds.
 *
 * Several copies may run at once, on one host or many. They share the work by
 * claiming rows: one UPDATE ... LIMIT marks due rows as 'sending' under this
 * run's own id, and InnoDB's row locks let only one UPDATE take a row. A named
 * lock (lib/job.h) is not used here: it dies silently with the connection,
 * and the database layer reconnects, so a mailer could go on sending while a
 * second one already holds the lock; a claim stays on the row.
 *
 * Never one mail twice: just before a row's SMTP transaction begins,
 * attempt_started_at is set. A crashed run leaves its claims behind; after
 * Mail.claim_timeout_s a claim that never began goes back to the queue, but a
 * row whose transaction began may have been delivered, so it is marked
 * failed (for staff to look at) rather than sent again. */
#include "tresen.h"
#include "mail.h"
#include "smtp.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BATCH 10

static char *me;   /* this run's claim id: host, process, random part */

static void make_id(void)
{
	char host[256] = "";
	if (gethostname(host, sizeof(host) - 1) < 0)
		host[0] = '\0';
	host[sizeof(host) - 1] = '\0';
	unsigned char raw[6];
	char hex[13];
	randombytes_buf(raw, sizeof(raw));
	tr_hex_encode(raw, sizeof(raw), hex);
	me = tr_xstrdup(tr_fmt("%.60s:%d:%s", host, (int)getpid(), hex));
}

static long claim_timeout(void)
{
	return tr_cfg_int("Mail.claim_timeout_s", 900);
}

/* Claims left by crashed runs. */
static int recover_stale(void)
{
	int64_t back = tr_db_run(
		"UPDATE outbox SET status = 'queued', claimed_by = NULL, claimed_at = NULL "
		"WHERE status = 'sending' AND attempt_started_at IS NULL "
		"AND claimed_at < NOW() - INTERVAL ? SECOND", "l", (int64_t)claim_timeout());
	int64_t lost = tr_db_run(
		"UPDATE outbox SET status = 'failed', claimed_by = NULL, attempt_started_at = NULL, "
		"last_error = 'delivery was interrupted and may have happened; not sent again' "
		"WHERE status = 'sending' AND attempt_started_at < NOW() - INTERVAL ? SECOND",
		"l", (int64_t)claim_timeout());
	if (back < 0 || lost < 0)
		return -1;
	if (back || lost)
		tr_warn("stale claims: %lld back in the queue, %lld marked failed (delivery unknown)",
			(long long)back, (long long)lost);
	return 0;
}

static int64_t claim(void)
{
	return tr_db_run("UPDATE outbox SET status = 'sending', claimed_by = ?, claimed_at = NOW(), "
			 "attempt_started_at = NULL WHERE status = 'queued' AND next_attempt_at <= NOW() "
			 "ORDER BY next_attempt_at, id LIMIT ?", "si", me, BATCH);
}

/* Gives back what this run claimed but did not begin. */
static void release_claims(void)
{
	tr_db_run("UPDATE outbox SET status = 'queued', claimed_by = NULL, claimed_at = NULL "
		  "WHERE claimed_by = ? AND status = 'sending' AND attempt_started_at IS NULL", "s", me);
}

typedef struct row {
	int64_t id, date;
	int attempts;
	const char *kind;
	tr_mail_msg msg;
} row;

/* The next claimed row not yet begun; 1 found, 0 none, <0 error. */
static int next_row(row *r)
{
	tr_q *q = tr_q_new("SELECT id, kind, recipient, recipient_name, subject, body_text, body_html, "
			   "message_id, in_reply_to, reply_to, UNIX_TIMESTAMP(created_at), attempts "
			   "FROM outbox WHERE claimed_by = ? AND status = 'sending' "
			   "AND attempt_started_at IS NULL ORDER BY id LIMIT 1");
	tr_q_str(q, me);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	rc = tr_q_next(q);
	if (rc > 0) {
		memset(r, 0, sizeof(*r));
		r->id = tr_q_l(q, 0);
		r->kind = tr_q_dup(q, 1);
		r->msg.to = tr_q_dup(q, 2);
		r->msg.to_name = tr_q_dup(q, 3);
		r->msg.subject = tr_q_dup(q, 4);
		r->msg.text = tr_q_dup(q, 5);
		r->msg.html = tr_q_dup(q, 6);
		r->msg.message_id = tr_q_dup(q, 7);
		r->msg.in_reply_to = tr_q_dup(q, 8);
		r->msg.reply_to = tr_q_dup(q, 9);
		r->msg.date = tr_q_l(q, 10);
		r->attempts = (int)tr_q_l(q, 11);
	}
	tr_q_end(q);
	return rc;
}

/* The outcome must reach the database even through a short outage: a row
 * left 'sending' after its transaction began is never sent again. */
static void record(int64_t id, const char *status, long wait, const char *error)
{
	for (int i = 0; i < 3; i++) {
		if (tr_db_run("UPDATE outbox SET status = ?, sent_at = IF(? = 'sent', NOW(), NULL), "
			      "next_attempt_at = NOW() + INTERVAL ? SECOND, last_error = ?, claimed_by = NULL, "
			      "claimed_at = NULL, attempt_started_at = NULL WHERE id = ? AND claimed_by = ?",
			      "sslsls", status, status, (int64_t)wait, error, id, me) >= 0)
			return;
		sleep(1);
	}
	tr_error("outbox %lld: outcome not recorded", (long long)id);
}

static void finish(const row *r, enum tr_smtp_result res, const char *error)
{
	int attempts = r->attempts + 1;
	long max = tr_cfg_int("Mail.max_attempts", 15);
	const char *err = tr_fmt("%.480s", error ? error : "");
	if (res == TR_SMTP_OK) {
		record(r->id, "sent", 0, NULL);
		tr_info("outbox %lld sent (%s)", (long long)r->id, r->kind);
	} else if (res == TR_SMTP_PERM || attempts >= max) {
		if (res != TR_SMTP_PERM)
			err = tr_fmt("gave up after %d attempts: %.440s", attempts, err);
		record(r->id, "failed", 0, err);
		tr_warn("outbox %lld failed (%s): %s", (long long)r->id, r->kind, err);
	} else {
		long wait = tr_mail_backoff(attempts);
		record(r->id, "queued", wait, err);
		tr_warn("outbox %lld deferred %lds after attempt %d (%s): %s", (long long)r->id, wait, attempts,
			r->kind, err);
	}
}

static enum tr_smtp_result deliver(tr_smtp *smtp, row *r)
{
	/* From here on the row counts as possibly delivered. */
	int64_t began = tr_db_run("UPDATE outbox SET attempt_started_at = NOW(), attempts = attempts + 1 "
				  "WHERE id = ? AND claimed_by = ? AND status = 'sending'", "ls", r->id, me);
	if (began != 1)
		return began < 0 ? TR_SMTP_DOWN : TR_SMTP_OK;   /* taken back meanwhile: not ours */
	r->msg.from = tr_cfg("Mail.from", "");
	r->msg.from_name = tr_cfg("Mail.from_name", tr_cfg("Site.name", "Tresen"));
	tr_buf b;
	tr_buf_init(&b);
	tr_mail_build(&r->msg, tr_mail_boundary(), &b);
	const char *error = NULL;
	enum tr_smtp_result res = tr_smtp_send(smtp, r->msg.from, r->msg.to, b.data, b.len, &error);
	tr_buf_free(&b);
	finish(r, res, error);
	return res;
}

int main(void)
{
	if (tr_job_begin_shared("mailer") < 0)
		return 1;
	make_id();
	if (!tr_email_valid(tr_cfg("Mail.from", ""))) {
		tr_error("Mail.from is not a valid address: nothing is sent");
		tr_job_end();
		return 1;
	}
	if (recover_stale() < 0) {
		tr_job_end();
		return 1;
	}
	tr_smtp *smtp = NULL;
	time_t end = time(NULL) + tr_cfg_int("Mail.run_seconds", 50);
	int rc = 0, down = 0;
	while (!down && time(NULL) < end) {
		int64_t n = claim();
		if (n < 0 && n != TR_DB_RETRY) {
			rc = 1;
			break;
		}
		if (n <= 0)
			break;
		if (!smtp && !(smtp = tr_smtp_open())) {
			rc = 1;
			break;
		}
		row r;
		int got = 0;
		while (!down && (got = next_row(&r)) > 0) {
			/* A server that cannot be reached ends the run after this row; the
			 * rest of the batch goes back untouched and is tried next run. */
			down = deliver(smtp, &r) == TR_SMTP_DOWN;
			tr_pool_reset();
		}
		if (got < 0)
			rc = 1;
		tr_pool_reset();
	}
	release_claims();
	tr_smtp_close(smtp);
	free(me);
	tr_job_end();
	return rc;
}
