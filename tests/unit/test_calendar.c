/* test_calendar.c - unit tests: the business-day calendar (computed German holidays, regions, staff's
 * days, runs of holidays, year ends), business minutes across weekends and DST changes, the
 * automations' plan, and the reminder and survey mails. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tresen.h"
#include "core/calendar.h"
#include "mail/mail.h"
#include "tickets/automation.h"

static int D(const char *s)
{
	int d = tr_cal_parse_date(s);
	assert_true(d >= 0);
	return d;
}

static const char *S(int day)
{
	static char buf[4][11];
	static int i;
	i = (i + 1) % 4;
	tr_cal_format_date(day, buf[i]);
	return buf[i];
}

/* UTC seconds of "YYYY-MM-DD HH:MM" UTC. */
static int64_t utc(const char *s)
{
	struct tm tm = { 0 };
	assert_int_equal(sscanf(s, "%d-%d-%d %d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min), 5);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (int64_t)timegm(&tm);
}

/* Wall minutes of a local "YYYY-MM-DD HH:MM". */
static int64_t wall(const char *s)
{
	char date[11];
	int h, m;
	assert_int_equal(sscanf(s, "%10s %d:%d", date, &h, &m), 3);
	return (int64_t)D(date) * 1440 + h * 60 + m;
}

static void dates(void **state)
{
	(void)state;
	assert_int_equal(tr_cal_days(1970, 1, 1), 0);
	assert_string_equal(S(D("2026-12-02")), "2026-12-02");
	assert_int_equal(tr_cal_parse_date("2026-02-30"), -1);
	assert_int_equal(tr_cal_parse_date("2024-02-29"), D("2024-02-28") + 1);
	assert_int_equal(tr_cal_parse_date("2023-02-29"), -1);
	assert_int_equal(tr_cal_parse_date("2026-1-01"), -1);
	assert_int_equal(tr_cal_parse_date("2026-01-01x"), -1);
	assert_int_equal(tr_cal_weekday(D("2026-12-02")), 2);   /* a Wednesday */
	assert_int_equal(tr_cal_weekday(D("1970-01-01")), 3);
	assert_int_equal(tr_cal_weekday(D("2000-02-29")), 1);
}

static void easter(void **state)
{
	(void)state;
	assert_string_equal(S(tr_cal_easter(2019)), "2019-04-21");
	assert_string_equal(S(tr_cal_easter(2024)), "2024-03-31");
	assert_string_equal(S(tr_cal_easter(2025)), "2025-04-20");
	assert_string_equal(S(tr_cal_easter(2026)), "2026-04-05");
	assert_string_equal(S(tr_cal_easter(2038)), "2038-04-25");
	assert_string_equal(S(tr_cal_easter(2285)), "2285-03-22");   /* the earliest possible */
}

static void holidays(void **state)
{
	(void)state;
	assert_string_equal(tr_cal_holiday(D("2026-01-01"), NULL), "neujahr");
	assert_string_equal(tr_cal_holiday(D("2026-04-03"), NULL), "karfreitag");
	assert_string_equal(tr_cal_holiday(D("2026-04-06"), NULL), "ostermontag");
	assert_string_equal(tr_cal_holiday(D("2026-05-01"), NULL), "tag_der_arbeit");
	assert_string_equal(tr_cal_holiday(D("2026-05-14"), NULL), "christi_himmelfahrt");
	assert_string_equal(tr_cal_holiday(D("2026-05-25"), NULL), "pfingstmontag");
	assert_string_equal(tr_cal_holiday(D("2026-10-03"), NULL), "tag_der_deutschen_einheit");
	assert_string_equal(tr_cal_holiday(D("2026-12-25"), NULL), "weihnachtstag_1");
	assert_string_equal(tr_cal_holiday(D("2026-12-26"), NULL), "weihnachtstag_2");
	assert_null(tr_cal_holiday(D("2026-12-24"), NULL));
	assert_null(tr_cal_holiday(D("2026-04-05"), NULL));           /* Easter Sunday: a Sunday anyway */
	/* regional ones only where they count */
	assert_null(tr_cal_holiday(D("2026-06-04"), NULL));
	assert_string_equal(tr_cal_holiday(D("2026-06-04"), "BY"), "fronleichnam");
	assert_string_equal(tr_cal_holiday(D("2026-06-04"), "HH, NW"), "fronleichnam");
	assert_null(tr_cal_holiday(D("2026-06-04"), "HH"));
	assert_string_equal(tr_cal_holiday(D("2026-01-06"), "BW"), "heilige_drei_koenige");
	assert_string_equal(tr_cal_holiday(D("2026-11-18"), "SN"), "buss_und_bettag");
	assert_string_equal(tr_cal_holiday(D("2022-11-16"), "SN"), "buss_und_bettag");   /* 23 Nov was a Wednesday */
	assert_null(tr_cal_holiday(D("2022-11-23"), "SN"));
	assert_string_equal(tr_cal_holiday(D("2017-10-31"), NULL), "reformationstag");   /* everywhere, once */
	assert_null(tr_cal_holiday(D("2016-10-31"), "NI"));
	assert_string_equal(tr_cal_holiday(D("2018-10-31"), "NI"), "reformationstag");
	assert_null(tr_cal_holiday(D("2022-03-08"), "MV"));
	assert_string_equal(tr_cal_holiday(D("2023-03-08"), "MV"), "frauentag");
	assert_string_equal(tr_cal_holiday(D("2026-11-01"), "BY"), "allerheiligen");
}

static void business_days(void **state)
{
	(void)state;
	tr_calendar c;
	tr_cal_default(&c);
	/* a weekend */
	assert_string_equal(S(tr_cal_add_business_days(&c, D("2026-12-04"), 1)), "2026-12-07");
	assert_string_equal(S(tr_cal_add_business_days(&c, D("2026-12-05"), 1)), "2026-12-07");
	assert_string_equal(S(tr_cal_add_business_days(&c, D("2026-12-02"), 5)), "2026-12-09");
	/* Christmas and the year end: 25 and 26 Dec, 1 Jan */
	assert_string_equal(S(tr_cal_add_business_days(&c, D("2019-12-20"), 5)), "2019-12-31");
	assert_string_equal(S(tr_cal_add_business_days(&c, D("2019-12-31"), 5)), "2020-01-08");
	assert_string_equal(S(tr_cal_add_business_days(&c, D("2026-12-24"), 1)), "2026-12-28");
	assert_string_equal(S(tr_cal_add_business_days(&c, D("2026-12-30"), 2)), "2027-01-04");
	/* Easter: Good Friday to Easter Monday */
	assert_string_equal(S(tr_cal_add_business_days(&c, D("2026-04-02"), 1)), "2026-04-07");
	/* the staff's days, and a region */
	int extra[] = { D("2026-12-28"), D("2026-12-29") };
	c.extra = extra;
	c.nextra = 2;
	assert_string_equal(S(tr_cal_add_business_days(&c, D("2026-12-24"), 1)), "2026-12-30");
	assert_false(tr_cal_is_business_day(&c, D("2026-12-29")));
	c.regions = "BY";
	assert_string_equal(S(tr_cal_add_business_days(&c, D("2026-06-03"), 1)), "2026-06-05");
	/* working Saturdays */
	tr_cal_default(&c);
	assert_int_equal(tr_cal_set_hours(&c, 5, "09:00-12:00"), 0);
	assert_string_equal(S(tr_cal_add_business_days(&c, D("2026-12-04"), 1)), "2026-12-05");
	assert_int_equal(tr_cal_set_hours(&c, 5, "-"), 0);
	assert_false(tr_cal_is_business_day(&c, D("2026-12-05")));
	assert_int_equal(tr_cal_set_hours(&c, 5, "9-12"), -1);
	assert_int_equal(tr_cal_set_hours(&c, 5, "25:00-26:00"), -1);
	assert_int_equal(tr_cal_add_business_days(&c, 100, 0), 100);
}

static void business_minutes(void **state)
{
	(void)state;
	tr_calendar c;
	tr_cal_default(&c);
	/* Friday 16:00 + 4 business hours = Monday 11:00 */
	int64_t fri = wall("2026-11-27 16:00");
	assert_int_equal(tr_cal_add_business_minutes(&c, fri, 240), wall("2026-11-30 11:00"));
	assert_int_equal(tr_cal_business_minutes(&c, fri, wall("2026-11-30 11:00")), 240);
	assert_int_equal(tr_cal_business_minutes(&c, wall("2026-11-30 11:00"), fri), -240);
	/* before opening and after closing */
	assert_int_equal(tr_cal_add_business_minutes(&c, wall("2026-11-30 06:00"), 30), wall("2026-11-30 08:30"));
	assert_int_equal(tr_cal_add_business_minutes(&c, wall("2026-11-30 18:00"), 30), wall("2026-12-01 08:30"));
	assert_int_equal(tr_cal_add_business_minutes(&c, wall("2026-11-30 16:00"), 60), wall("2026-11-30 17:00"));
	/* over Christmas and the year end: Wed 23 Dec 16:00 + 2 h = Mon 28 Dec 9:00; 31 Dec + 1 h = 2 Jan ... 4 Jan */
	assert_int_equal(tr_cal_add_business_minutes(&c, wall("2026-12-23 16:00"), 120), wall("2026-12-24 09:00"));
	assert_int_equal(tr_cal_add_business_minutes(&c, wall("2026-12-24 16:30"), 60), wall("2026-12-28 08:30"));
	assert_int_equal(tr_cal_add_business_minutes(&c, wall("2026-12-31 16:30"), 60), wall("2027-01-04 08:30"));
	assert_int_equal(tr_cal_business_minutes(&c, wall("2026-12-24 00:00"), wall("2027-01-05 00:00")),
			 9 * 60 * 6);                          /* 24, 28, 29, 30, 31 Dec, 4 Jan */
	/* nights and weekends count nothing */
	assert_int_equal(tr_cal_business_minutes(&c, wall("2026-12-05 00:00"), wall("2026-12-07 08:00")), 0);
}

static void time_zone(void **state)
{
	(void)state;
	tr_calendar c;
	tr_cal_default(&c);
	/* the autumn change (25 Oct 2026): Fri 16:00 CEST + 4 business hours = Mon 11:00 CET, 68 real hours */
	int64_t from = tr_cal_utc_of(wall("2026-10-23 16:00"));
	assert_int_equal(from, utc("2026-10-23 14:00"));
	int64_t to = tr_cal_utc_of(tr_cal_add_business_minutes(&c, tr_cal_wall_of(from), 240));
	assert_int_equal(to, utc("2026-10-26 10:00"));
	assert_int_equal(to - from, 68 * 3600);
	/* spring (29 Mar 2026): business hours are wall-clock hours, the night is an hour shorter */
	from = tr_cal_utc_of(wall("2026-03-27 16:00"));
	to = tr_cal_utc_of(tr_cal_add_business_minutes(&c, tr_cal_wall_of(from), 240));
	assert_int_equal(to - from, 66 * 3600);
	/* local days and midnights */
	assert_string_equal(S(tr_cal_day_of(utc("2019-12-30 22:59"))), "2019-12-30");
	assert_string_equal(S(tr_cal_day_of(utc("2019-12-30 23:01"))), "2019-12-31");
	assert_int_equal(tr_cal_day_start(D("2019-12-31")), utc("2019-12-30 23:00"));
	assert_int_equal(tr_cal_day_start(D("2019-06-17")), utc("2019-06-16 22:00"));
	assert_int_equal(tr_cal_day_start(D("2026-03-29")), utc("2026-03-28 23:00"));
	assert_int_equal(tr_cal_day_start(D("2026-03-30")), utc("2026-03-29 22:00"));
	assert_int_equal(tr_cal_wall_of(utc("2026-03-29 01:30")), wall("2026-03-29 03:30"));
}

static void plan(void **state)
{
	(void)state;
	tr_calendar c;
	tr_cal_default(&c);
	tr_auto_rules r = { 5, 14 };
	tr_auto_plan p = tr_auto_plan_for(&c, r, TR_PENDING, 0, utc("2019-12-20 09:00"), 0);
	assert_string_equal(S(p.remind_day), "2019-12-31");
	assert_int_equal(p.remind_stage, 1);
	assert_string_equal(S(p.close_day), "2020-01-08");
	/* reminded late: the closing follows the reminder actually sent */
	p = tr_auto_plan_for(&c, r, TR_PENDING, 1, utc("2019-12-20 09:00"), utc("2020-01-02 10:00"));
	assert_int_equal(p.remind_stage, 2);
	assert_string_equal(S(p.close_day), "2020-01-09");
	/* the example: Pending on Monday 7 Dec -> reminder Mon 14.12., closing Mon 21.12. */
	p = tr_auto_plan_for(&c, r, TR_PENDING, 0, utc("2026-12-07 08:00"), 0);
	assert_string_equal(S(p.remind_day), "2026-12-14");
	assert_string_equal(S(p.close_day), "2026-12-21");
	assert_string_equal(tr_auto_day_text(p.remind_day, "de"), "Mo., 14.12.2026");
	/* late on Friday evening in Berlin counts from that Friday */
	p = tr_auto_plan_for(&c, r, TR_PENDING, 0, utc("2026-12-04 22:30"), 0);
	assert_string_equal(S(p.remind_day), "2026-12-11");
	p = tr_auto_plan_for(&c, r, TR_SOLVED, 0, utc("2019-06-03 10:00"), 0);
	assert_int_equal(p.remind_day, -1);
	assert_string_equal(S(p.close_day), "2019-06-17");
	p = tr_auto_plan_for(&c, r, TR_OPEN, 0, utc("2019-06-03 10:00"), 0);
	assert_int_equal(p.close_day, -1);
	assert_int_equal(p.remind_day, -1);
}

static void mails(void **state)
{
	(void)state;
	for (int l = 0; l < 2; l++) {
		const char *lang = l ? "en" : "de";
		for (int stage = 1; stage <= 2; stage++) {
			HDF *d = NULL;
			assert_null(hdf_init(&d));
			hdf_set_value(d, "Mail.ticket_id", "42");
			hdf_set_value(d, "Mail.subject", "Drucker <streikt>");
			hdf_set_value(d, "Mail.link", "https://portal.example/requests/42");
			hdf_set_value(d, "Mail.stage", stage == 1 ? "1" : "2");
			hdf_set_value(d, "Mail.close_date", tr_auto_day_text(D("2026-12-21"), lang));
			tr_mail m = { .kind = "ticket_reminder", .to = "m@mueller.example", .to_name = "Jo", .lang = lang,
				      .data = d };
			tr_mail_rendered r;
			assert_int_equal(tr_mail_render(&m, &r), 0);
			hdf_destroy(&d);
			assert_non_null(strstr(r.subject, "[#42]"));
			assert_non_null(strstr(r.text, "Drucker <streikt>"));
			assert_non_null(strstr(r.html, "Drucker &lt;streikt&gt;"));
			if (stage == 1)
				assert_non_null(strstr(r.text, l ? "Mon, 21 Dec 2026" : "Mo., 21.12.2026"));
		}
		/* the survey link under the signature of the solution mail */
		HDF *d = NULL;
		assert_null(hdf_init(&d));
		hdf_set_value(d, "Mail.ticket_id", "42");
		hdf_set_value(d, "Mail.subject", "Drucker");
		hdf_set_value(d, "Mail.link", "https://portal.example/requests/42");
		hdf_set_value(d, "Mail.survey_link", "https://portal.example/csat/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ");
		tr_mail m = { .kind = "ticket_solved", .to = "m@mueller.example", .to_name = "Jo", .lang = lang, .data = d };
		tr_mail_rendered r;
		assert_int_equal(tr_mail_render(&m, &r), 0);
		hdf_destroy(&d);
		const char *link = strstr(r.text, "https://portal.example/csat/");
		assert_non_null(link);
		assert_true(link > strstr(r.text, l ? "Kind regards" : "Freundliche Grüße"));
		assert_non_null(strstr(r.html, "href=\"https://portal.example/csat/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ\""));
		/* once sent, the outbox keeps no working link */
		const char *red = tr_mail_redact_links(r.text);
		assert_null(strstr(red, "abcdefghijklmnopqrstuvwxyz"));
		assert_non_null(strstr(red, "/csat/-"));
	}
	tr_pool_reset();
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	tr_cfg_set("Paths.templates", "templates");
	tr_cfg_set("Site.url", "https://portal.example");
	tr_cfg_set("Site.name", "Tresen");
	tr_log_set_level(TR_LOG_ERROR);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates),
		cmocka_unit_test(easter),
		cmocka_unit_test(holidays),
		cmocka_unit_test(business_days),
		cmocka_unit_test(business_minutes),
		cmocka_unit_test(time_zone),
		cmocka_unit_test(plan),
		cmocka_unit_test(mails),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
