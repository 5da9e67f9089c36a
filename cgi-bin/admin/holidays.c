/* holidays.c - /admin/holidays: the business-day calendar for staff admins (R-LIFE): the year's
 * computed federal (and Calendar.regions) holidays, and the days staff add - regional holidays
 * and company days - or remove. The automations and service levels count them at once. */
#include "tresen.h"
#include "core/calendar.h"
#include "tickets/bizcal.h"

#include <string.h>
#include <time.h>

static const char *const actions[] = { "add", "remove", NULL };
static const char *const kinds[] = { "regional", "company", NULL };

static const tr_field fields[] = {
	{ "year", TR_F_INT, 0, 2200, 1970, NULL },
	{ "action", TR_F_ENUM, 0, 0, 0, actions },
	{ "day", TR_F_DATE, 0, 0, 0, NULL },
	{ "name", TR_F_NAME, 0, 100, 0, NULL },
	{ "kind", TR_F_ENUM, 0, 0, 0, kinds },
	{ "id", TR_F_INT, 0, 1000000000, 1, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static int this_year(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return tm.tm_year + 1900;
}

static int show(tr_req *req)
{
	int year = (int)tr_arg_int(req, "year", this_year());
	tr_holiday *own;
	int n = tr_holiday_list(year, &own);
	if (n < 0)
		return n;
	tr_set(req, "Page.title", tr_L(req, "holidays.title"));
	tr_set(req, "Page.section", "admin");
	tr_set_int(req, "Holidays.year", year);
	tr_set_int(req, "Holidays.prev", year - 1);
	tr_set_int(req, "Holidays.next", year + 1);
	/* the computed ones first, then the staff's, both in date order */
	const char *regions = tr_cfg("Calendar.regions", NULL);
	int k = 0;
	for (int d = tr_cal_days(year, 1, 1); d < tr_cal_days(year + 1, 1, 1); d++) {
		const char *key = tr_cal_holiday(d, regions);
		if (!key)
			continue;
		char day[11];
		tr_cal_format_date(d, day);
		HDF *h = tr_node(req, tr_fmt("Holidays.computed.%d", k++));
		tr_node_set(h, "day", day);
		tr_node_set(h, "name", tr_L(req, tr_fmt("holidays.day.%s", key)));
	}
	for (int i = 0; i < n; i++) {
		HDF *h = tr_node(req, tr_fmt("Holidays.own.%d", i));
		tr_node_set(h, "id", tr_int_str(own[i].id));
		tr_node_set(h, "day", own[i].day);
		tr_node_set(h, "name", own[i].name);
		tr_node_set(h, "kind", own[i].kind);
	}
	return tr_render(req, "admin/holidays.cs");
}

static int submit(tr_req *req)
{
	const char *action = tr_arg(req, "action");
	if (!action)
		return 400;
	int rc;
	if (!strcmp(action, "remove")) {
		rc = tr_holiday_remove(tr_arg_int(req, "id", 0));
		if (rc)
			return rc;
		return tr_redirect(req, "/admin/holidays?notice=holiday_removed");
	}
	const char *day = tr_arg(req, "day"), *name = tr_arg(req, "name");
	const char *kind = tr_arg(req, "kind") ? tr_arg(req, "kind") : "company";
	if (!day)
		tr_form_error(req, "day", "holidays.err_day");
	if (!name)
		tr_form_error(req, "name", "holidays.err_name");
	if (day && name) {
		rc = tr_holiday_add(day, name, kind, req->user->id);
		if (rc == TR_DB_DUP) {
			tr_form_error(req, "day", "holidays.err_taken");
		} else if (rc == TR_E_INVALID) {
			tr_form_error(req, "day", "holidays.err_day");
		} else if (rc) {
			return rc;
		} else {
			return tr_redirect(req, tr_fmt("/admin/holidays?year=%.4s&notice=holiday_added", day));
		}
	}
	req->status = 422;
	return show(req);
}

static const tr_page page = {
	.name = "admin/holidays",
	.access = TR_ADMIN,
	.fields = fields,
	.get = show,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
