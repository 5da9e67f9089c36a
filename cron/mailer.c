/* mailer.c - tresen-mailer: delivers the outbox over SMTP, retrying with back-off (R-MAIL 1).
 *
 * Run it every minute from cron (`make run` runs it every 2 s); it exits when
 * nothing is due or after Mail.run_seconds.
 *
 * Several copies may run at once, on one host or many: they share the work by
 * claiming rows, and never send a mail twice (see lib/mail/outbox.c).
 */
#include "tresen.h"
#include "core/email.h"
#include "jobs/job.h"
#include "mail/mail.h"
#include "mail/outbox.h"
#include "mail/smtp.h"

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

/* What an attempt's outcome means for the row. Only the server's answers
 * about this message count as attempts: an unreachable server (TR_SMTP_DOWN)
 * is not the recipient's fault, so during an outage a mail waits (with the
 * first back-off step) as long as it takes and is never given up on. */
static void finish(const tr_outbox_row *r, enum tr_smtp_result res, const char *error)
{
	int attempts = r->attempts + 1;
	long max = tr_cfg_int("Mail.max_attempts", 15);
	const char *err = tr_fmt("%.480s", error ? error : "");
	if (res == TR_SMTP_OK) {
		tr_outbox_record(me, r, "sent", 0, NULL, 1);
		tr_info("outbox %lld sent (%s)", (long long)r->id, r->kind);
	} else if (res == TR_SMTP_DOWN) {
		long wait = tr_mail_backoff(1);
		tr_outbox_record(me, r, "queued", wait, tr_fmt("server unreachable: %.440s", err), 0);
		tr_warn("outbox %lld waits %lds for the server (%s): %s", (long long)r->id, wait, r->kind, err);
	} else if (res == TR_SMTP_PERM || attempts >= max) {
		if (res != TR_SMTP_PERM)
			err = tr_fmt("gave up after %d attempts: %.440s", attempts, err);
		tr_outbox_record(me, r, "failed", 0, err, 1);
		tr_warn("outbox %lld failed (%s): %s", (long long)r->id, r->kind, err);
	} else {
		long wait = tr_mail_backoff(attempts);
		tr_outbox_record(me, r, "queued", wait, err, 1);
		tr_warn("outbox %lld deferred %lds after attempt %d (%s): %s", (long long)r->id, wait, attempts,
			r->kind, err);
	}
}

static enum tr_smtp_result deliver(tr_smtp *smtp, tr_outbox_row *r)
{
	/* From here on the row counts as possibly delivered. */
	int began = tr_outbox_begin(me, r);
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
		tr_job_failed();
		tr_job_end();
		return 1;
	}
	if (tr_outbox_recover() < 0) {
		tr_job_failed();
		tr_job_end();
		return 1;
	}
	tr_smtp *smtp = NULL;
	time_t end = time(NULL) + tr_cfg_int("Mail.run_seconds", 50);
	int rc = 0, down = 0;
	while (!down && time(NULL) < end) {
		int64_t n = tr_outbox_claim(me, BATCH);
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
		tr_outbox_row r;
		int got = 0;
		while (!down && (got = tr_outbox_next(me, &r)) > 0) {
			/* A server that cannot be reached ends the run after this row; the
			 * rest of the batch goes back untouched and is tried next run. */
			down = deliver(smtp, &r) == TR_SMTP_DOWN;
			tr_pool_reset();
		}
		if (got < 0)
			rc = 1;
		tr_pool_reset();
	}
	tr_outbox_release(me);
	tr_smtp_close(smtp);
	free(me);
	if (rc)
		tr_job_failed();
	tr_job_end();
	return rc;
}
