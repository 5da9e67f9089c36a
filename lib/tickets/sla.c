/* sla.c - service levels: targets in business hours, started and stopped with the changes of a ticket. */
#include "tickets/sla.h"
#include "core/config.h"
#include "core/pool.h"
#include "db/db.h"
#include "tickets/bizcal.h"

#include <stdio.h>
#include <time.h>

long tr_sla_target_minutes(int first, enum tr_priority p)
{
	/* the seed: updates are worked the same day, a justified urgency at once */
	static const long first_h[TR_NPRIORITY] = { 16, 8, 1, 1 };
	static const long next_h[TR_NPRIORITY] = { 8, 8, 4, 1 };
	if ((int)p < 0 || p >= TR_NPRIORITY)
		p = TR_NORMAL;
	long h = tr_cfg_int(tr_fmt("SLA.%s.%s", first ? "first_reply" : "next_reply", tr_priority_name(p)),
			    first ? first_h[p] : next_h[p]);
	return h < 0 ? 0 : h * 60;
}

int64_t tr_sla_due(const tr_calendar *c, int64_t since, long minutes)
{
	return tr_cal_utc_of(tr_cal_add_business_minutes(c, tr_cal_wall_of(since), minutes));
}

int64_t tr_sla_left(const tr_calendar *c, int64_t now, int64_t due)
{
	return tr_cal_business_minutes(c, tr_cal_wall_of(now), tr_cal_wall_of(due));
}

static int waits_for_agent(const tr_sla_state *t)
{
	return (t->status == TR_NEW || t->status == TR_OPEN) && t->awaiting_agent;
}

static const char *utc_text(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	return tr_fmt("%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		      tm.tm_min, tm.tm_sec);
}

int tr_sla_apply(int64_t ticket_id, const tr_sla_state *before, const tr_sla_state *after, const char *at)
{
	int was = before && waits_for_agent(before), is = waits_for_agent(after);
	if (!is) {
		if (!was)
			return 0;
		int64_t n = tr_db_run("UPDATE tickets SET sla_since = NULL, sla_due_at = NULL, sla_kind = NULL, "
				      "sla_breached = 0 WHERE id = ?", "l", ticket_id);
		return n < 0 ? (int)n : 0;
	}
	if (was && before->priority == after->priority)
		return 0;                     /* running, unchanged */
	int64_t since;
	int first = !after->agent_replied;
	if (was) {
		/* a new priority: the same start, its own target */
		int64_t s = 0;
		int rc = tr_db_int(&s, "SELECT COALESCE(UNIX_TIMESTAMP(sla_since), UNIX_TIMESTAMP(NOW())) FROM tickets "
				   "WHERE id = ?", "l", ticket_id);
		if (rc < 0)
			return rc;
		since = s;
	} else if (at) {
		int64_t s = 0;
		int rc = tr_db_int(&s, "SELECT UNIX_TIMESTAMP(?)", "s", at);
		if (rc < 0)
			return rc;
		since = s;
	} else {
		since = (int64_t)time(NULL);
	}
	tr_calendar c;
	int rc = tr_auto_calendar(&c);
	if (rc < 0)
		return rc;
	int64_t due = tr_sla_due(&c, since, tr_sla_target_minutes(first, after->priority));
	int64_t n = tr_db_run("UPDATE tickets SET sla_since = ?, sla_due_at = ?, sla_kind = ?, sla_breached = 0 "
			      "WHERE id = ?", "sssl", utc_text(since), utc_text(due), first ? "first" : "next", ticket_id);
	return n < 0 ? (int)n : 0;
}
