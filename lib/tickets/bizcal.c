/* bizcal.c - the business-day calendar of this installation: the settings and the staff's days. */
#include "tickets/bizcal.h"
#include "core/config.h"
#include "core/log.h"
#include "core/pool.h"
#include "db/db.h"

#include <string.h>

static const char *const weekday_keys[7] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

int tr_auto_calendar(tr_calendar *c)
{
	tr_cal_default(c);
	c->regions = tr_cfg("Calendar.regions", NULL);
	for (int i = 0; i < 7; i++) {
		const char *h = tr_cfg(tr_fmt("Calendar.hours.%s", weekday_keys[i]), NULL);
		if (h && tr_cal_set_hours(c, i, h) < 0)
			tr_warn("Calendar.hours.%s: \"%s\" is no \"HH:MM-HH:MM\"; default kept", weekday_keys[i], h);
	}
	/* the staff's days: a small table, read whole in date order */
	tr_q *q = tr_q_new("SELECT DATE_FORMAT(day, '%Y-%m-%d') FROM holidays ORDER BY day");
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int cap = 64, n = 0;
	int *days = tr_alloc(sizeof(int) * (size_t)cap);
	while (tr_q_next(q) > 0) {
		int d = tr_cal_parse_date(tr_q_s(q, 0));
		if (d < 0)
			continue;
		if (n == cap) {
			int *more = tr_alloc(sizeof(int) * (size_t)cap * 2);
			memcpy(more, days, sizeof(int) * (size_t)n);
			days = more;
			cap *= 2;
		}
		days[n++] = d;
	}
	tr_q_end(q);
	c->extra = days;
	c->nextra = n;
	return 0;
}

