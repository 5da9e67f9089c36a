/* approvals.c - tresen-approvals: reminds the approvers of requests that wait (Approvals.remind_days) and tells
 * the agents once when an organization has nobody left who may decide (R-APPR).
 *
 * Safe on several hosts at once: each run claims the due rows under its own id (an UPDATE, as the
 * mailer does), never a named lock; a reminder's mails carry the reminder's number in their event
 * key, so even a run that lost its claim cannot queue one twice. */
#include "tresen.h"
#include "jobs/job.h"
#include "tickets/approval.h"

#include <sodium.h>
#include <stdio.h>
#include <unistd.h>

#define BATCH 50

int main(void)
{
	if (tr_job_begin_shared("approvals") < 0)
		return 1;
	char host[256] = "";
	if (gethostname(host, sizeof(host) - 1) < 0)
		host[0] = '\0';
	host[sizeof(host) - 1] = '\0';
	unsigned char raw[6];
	char hex[13];
	randombytes_buf(raw, sizeof(raw));
	tr_hex_encode(raw, sizeof(raw), hex);
	const char *me = tr_xstrdup(tr_fmt("%.60s:%d:%s", host, (int)getpid(), hex));
	int total = 0, n;
	/* a batch at a time, until nothing is due */
	while ((n = tr_approval_remind(me, BATCH)) > 0) {
		total += n;
		tr_pool_reset();
	}
	if (n < 0) {
		tr_job_end();
		return 1;
	}
	if (total)
		tr_info("%d approval reminders sent", total);
	tr_job_end();
	return 0;
}
