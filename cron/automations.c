/* automations.c - tresen-automations: the automatic actions of the status lifecycle (R-LIFE):
 * reminders of Pending tickets after Automation.pending_reminder_days business days without an
 * answer, the second one closing the ticket; Solved tickets closed after
 * Automation.solved_close_days days; service-level targets that passed are marked (tickets/sla.h).
 *
 * Usage: tresen-automations [--now "YYYY-MM-DD HH:MM:SS"]   (UTC; tests move the clock so)
 *
 * Run it every few minutes on any number of hosts: every action locks its ticket's row and
 * decides again there (see lib/tickets/automation.h), so copies share the work safely, and a
 * late or repeated run does each thing once. */
#include "tresen.h"
#include "jobs/job.h"
#include "tickets/automation.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static int parse_now(const char *s, int64_t *out)
{
	struct tm tm = { 0 };
	int n = 0;
	if (sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
		   &tm.tm_sec, &n) != 6 || s[n])
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t t = timegm(&tm);
	if (t == (time_t)-1)
		return -1;
	*out = (int64_t)t;
	return 0;
}

int main(int argc, char **argv)
{
	int64_t now = (int64_t)time(NULL);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--now") && i + 1 < argc && parse_now(argv[i + 1], &now) == 0) {
			i++;
		} else {
			fprintf(stderr, "usage: tresen-automations [--now \"YYYY-MM-DD HH:MM:SS\"]  (UTC)\n");
			return 2;
		}
	}
	if (tr_job_begin_shared("automations") < 0)
		return 1;
	tr_auto_stats st;
	double t0 = tr_now_ms();
	int rc = tr_auto_run(now, (int)tr_cfg_int("Automation.batch", 200), &st);
	if (rc == 0)
		tr_info("%d first reminders, %d closed after the second reminder, %d solved tickets closed, "
			"%d service-level targets missed, %d failed (%.0f ms)", st.reminded, st.closed_pending,
			st.closed_solved, st.sla_breached, st.failed, tr_now_ms() - t0);
	tr_job_end();
	return rc < 0 || st.failed ? 1 : 0;
}
