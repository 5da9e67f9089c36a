/* cleanup.c - tresen-cleanup: removes expired sessions, old throttling records, old form tokens and kept uploads.
 * Safe to run on several hosts at once (named lock); run it every few minutes. */
#include "tresen.h"
#include "job.h"
#include "newticket.h"

#include <stdio.h>

int main(void)
{
	int rc = tr_job_begin("cleanup");
	if (rc)
		return rc < 0 ? 1 : 0;
	int64_t sessions = tr_db_run("DELETE FROM sessions WHERE expires_at < NOW() OR last_seen_at < NOW() - "
				     "INTERVAL ? MINUTE", "l",
				     (int64_t)tr_cfg_int("Security.session_idle_minutes", 480));
	int64_t events = tr_db_run("DELETE FROM throttle_events WHERE at < NOW() - INTERVAL 1 DAY", "");
	int kept = tr_newticket_cleanup();
	if (sessions < 0 || events < 0 || kept < 0) {
		tr_job_end();
		return 1;
	}
	tr_info("removed %lld sessions, %lld throttle records", (long long)sessions, (long long)events);
	tr_job_end();
	return 0;
}
