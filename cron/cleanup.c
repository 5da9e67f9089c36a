/* cleanup.c - tresen-cleanup: removes expired sessions, old throttling records, spent mail links,
 * unconfirmed registrations past Accounts.purge_unconfirmed_days, old delivered mail, old form tokens
 * uploads kept for forms that were never sent, who had which ticket open long ago, the mail
 * intake's old trace (Intake.keep_days) and the Message-IDs of old ticket mails (Intake.thread_days).
 * Each module purges its own tables.
 * Safe to run on several hosts at once (a row claim in job_runs, lib/jobs); run it every few minutes. */
#include "tresen.h"
#include "accounts/account.h"
#include "accounts/sessions.h"
#include "accounts/throttle.h"
#include "forms/newticket.h"
#include "intake/intake.h"
#include "jobs/job.h"
#include "mail/outbox.h"
#include "tickets/viewers.h"

int main(void)
{
	int rc = tr_job_begin("cleanup");
	if (rc)
		return rc < 0 ? 1 : 0;
	int64_t sessions = tr_session_purge();
	int64_t events = tr_throttle_purge();
	int64_t links = tr_account_purge_links();
	int64_t users = tr_account_purge_unconfirmed();
	int64_t mails = tr_outbox_purge();
	int kept = tr_newticket_cleanup();
	int64_t views = tr_viewers_purge();
	int64_t traced = tr_intake_purge();
	if (sessions < 0 || events < 0 || links < 0 || users < 0 || mails < 0 || kept < 0 || views < 0 ||
	    traced < 0) {
		tr_job_failed();
		tr_job_end();
		return 1;
	}
	tr_info("removed %lld sessions, %lld throttle records, %lld mail links, %lld unconfirmed registrations, "
		"%lld delivered mails, %lld intake records", (long long)sessions, (long long)events, (long long)links,
		(long long)users, (long long)mails, (long long)traced);
	tr_job_end();
	return 0;
}
