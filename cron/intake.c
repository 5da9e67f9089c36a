/* intake.c - tresen-intake: fetches replies from the intake mailbox over IMAP and threads them into tickets (R-MAIL 3).
 *
 * Run it every minute from cron (`make run` runs it every few seconds). Per
 * mail: is its trace row there already (then only the IMAP mark was lost:
 * mark it) - else fetch it into a temporary file (only its header block when
 * it is over Intake.max_message_bytes), read it with GMime, and let
 * tr_intake_handle do what it asks in one transaction with its trace row;
 * then mark it handled in the mailbox.
 *
 * Several copies may run at once, on one host or many, and a copy may be
 * killed at any point: the trace row's unique key, inserted in the same
 * transaction as the comment, decides who stores a mail, and a killed
 * copy's transaction is rolled back by the server, so the next run stores
 * the mail (see lib/intake/intake.h). No named lock: those do not replicate
 * in Galera and die silently with a reconnect.
 */
#include "tresen.h"
#include "intake/imap.h"
#include "intake/intake.h"
#include "intake/message.h"
#include "jobs/job.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_UIDS 2000
#define HEADERS_ONLY_MAX (256 * 1024)

/* One mail: 0 handled (or found handled), 1 skipped for now, -1 trouble that ends the run. */
static int one(tr_imap *im, const char *mailbox, int64_t uidvalidity, int64_t uid)
{
	tr_intake_src src = { .mailbox = mailbox, .uidvalidity = uidvalidity, .uid = uid };
	int seen = tr_intake_seen(&src);
	if (seen < 0)
		return -1;
	if (seen) {
		/* handled before - by another run, or by one that died before its mark */
		return tr_imap_mark(im, uidvalidity, uid) < 0 ? -1 : 0;
	}
	int rc = tr_imap_size(im, uidvalidity, uid, &src.size);
	if (rc)
		return rc < 0 ? -1 : 1;   /* expunged meanwhile */
	int64_t max = tr_cfg_int("Intake.max_message_bytes", 80L << 20);
	src.headers_only = src.size > max;
	char *path = tr_fmt("%s/intake-mail-XXXXXX", tr_cfg("Paths.tmp", "/tmp"));
	int fd = mkostemp(path, O_CLOEXEC);
	if (fd < 0) {
		tr_error("intake: no temporary file in %s: %s", tr_cfg("Paths.tmp", "/tmp"), strerror(errno));
		return -1;
	}
	close(fd);
	rc = tr_imap_fetch(im, uidvalidity, uid, src.headers_only, path,
			   src.headers_only ? HEADERS_ONLY_MAX : max + (1 << 20));
	if (rc == 1 && !src.headers_only) {
		/* bigger than it said: only its header block then */
		src.headers_only = 1;
		rc = tr_imap_fetch(im, uidvalidity, uid, 1, path, HEADERS_ONLY_MAX);
	}
	if (rc < 0) {
		unlink(path);
		return -1;
	}
	tr_inmail m;
	tr_inmail_limits lim = tr_inmail_limits_cfg();
	tr_inmail_parse(path, tr_cfg("Paths.tmp", "/tmp"), &lim, &m);
	unlink(path);
	tr_intake_result out;
	rc = tr_intake_handle(&src, &m, &out);
	tr_inmail_discard(&m);
	if (rc < 0) {
		tr_error("intake uid %lld: not stored (%d); it stays new for the next run", (long long)uid, rc);
		return -1;
	}
	if (tr_imap_mark(im, uidvalidity, uid) < 0)
		tr_warn("intake uid %lld: stored, but not marked in the mailbox (the next run marks it)", (long long)uid);
	return 0;
}

int main(void)
{
	if (tr_job_begin_shared("intake") < 0)
		return 1;
	if (!*tr_cfg("Intake.url", "")) {
		tr_info("no Intake.url: no mailbox to read");
		tr_job_end();
		return 0;
	}
	if (tr_render_init() < 0) {
		tr_job_failed();
		tr_job_end();
		return 1;
	}
	tr_inmail_init();
	tr_imap *im = tr_imap_open();
	if (!im) {
		tr_job_failed();
		tr_job_end();
		return 1;
	}
	int rc = 0;
	int64_t uidvalidity;
	int64_t *uids = tr_xmalloc(sizeof(int64_t) * MAX_UIDS);
	const char *mailbox = tr_xstrdup(tr_imap_mailbox(im));
	int n = tr_imap_uidvalidity(im, &uidvalidity) < 0 ? -1 : tr_imap_search(im, uids, MAX_UIDS);
	if (n < 0)
		rc = 1;
	time_t end = time(NULL) + tr_cfg_int("Intake.run_seconds", 50);
	int done = 0, skipped = 0;
	for (int i = 0; i < n && time(NULL) < end; i++) {
		int r = one(im, mailbox, uidvalidity, uids[i]);
		tr_pool_reset();
		if (r < 0) {
			rc = 1;
			break;
		}
		if (r == 0)
			done++;
		else
			skipped++;
	}
	if (n > 0)
		tr_info("intake: %d of %d new mails handled, %d gone meanwhile", done, n, skipped);
	free(uids);
	free((char *)TR_UNCONST(mailbox));
	tr_imap_close(im);
	if (rc)
		tr_job_failed();
	tr_job_end();
	return rc;
}
