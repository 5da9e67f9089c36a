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
	/* the staff's days: a small table, read whole in date order; the query cache answers until
	 * it changes (SQL_CACHE) */
	tr_q *q = tr_q_new("SELECT SQL_CACHE DATE_FORMAT(day, '%Y-%m-%d') FROM holidays ORDER BY day");
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int cap = 64, n = 0;
	int *days = tr_alloc(sizeof(int) * (size_t)cap);
	while (tr_q_next(q) > 0) {
		int d = tr_cal_parse_date(tr_q_s(q, 0));
		if (d < 0)
			continue;
		days = tr_pool_grow(days, sizeof(*days), n, &cap);
		days[n++] = d;
	}
	tr_q_end(q);
	c->extra = days;
	c->nextra = n;
	return 0;
}


int tr_holiday_list(int year, tr_holiday **out)
{
	tr_q *q = tr_q_new("SELECT id, DATE_FORMAT(day, '%Y-%m-%d'), name, kind FROM holidays "
			   "WHERE day >= ? AND day < ? ORDER BY day");
	tr_q_str(q, tr_fmt("%04d-01-01", year));
	tr_q_str(q, tr_fmt("%04d-01-01", year + 1));
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int n = 0;
	tr_holiday *h = tr_zalloc(sizeof(*h) * 366);
	while (n < 366 && tr_q_next(q) > 0) {
		h[n].id = tr_q_l(q, 0);
		h[n].day = tr_q_dup(q, 1);
		h[n].name = tr_q_dup(q, 2);
		h[n].kind = tr_q_dup(q, 3);
		n++;
	}
	tr_q_end(q);
	*out = h;
	return n;
}

int tr_holiday_add(const char *day, const char *name, const char *kind, int64_t user_id)
{
	if (!day || tr_cal_parse_date(day) < 0 || !name || !*name || strlen(name) > 400 || !kind ||
	    (strcmp(kind, "regional") && strcmp(kind, "company")))
		return TR_E_INVALID;
	int64_t n = tr_db_run("INSERT INTO holidays (day, name, kind, created_by, created_at) VALUES (?, ?, ?, ?, NOW())",
			      "sssl", day, name, kind, user_id);
	return n < 0 ? (int)n : 0;
}

int tr_holiday_remove(int64_t id)
{
	int64_t n = tr_db_run("DELETE FROM holidays WHERE id = ?", "l", id);
	return n < 0 ? (int)n : n == 0 ? TR_E_NOT_FOUND : 0;
}
