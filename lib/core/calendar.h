/* calendar.h - the business-day calendar (R-LIFE): weekends, German federal holidays computed for
 * any year (Easter-dependent ones included), the regional ones of chosen Länder, extra days kept
 * by staff, business hours per weekday.
 *
 * Pure functions on local wall-clock values: a day is the number of days since 1970-01-01 of
 * the local calendar, a wall time minutes since local 1970-01-01 00:00 as if every day had 24
 * hours. Business hours are wall-clock hours, so a DST change moves no business minute; only
 * the conversion to UTC (tr_cal_wall_of / tr_cal_utc_of, through the process time zone set by
 * tr_time_init, Site.timezone, default Europe/Berlin) knows about offsets. */
#ifndef TR_CALENDAR_H
#define TR_CALENDAR_H

#include <stdint.h>

/* Days since 1970-01-01 of a date of the proleptic Gregorian calendar, and back. */
int tr_cal_days(int y, int m, int d);
void tr_cal_ymd(int days, int *y, int *m, int *d);
/* 0 Monday ... 6 Sunday. */
int tr_cal_weekday(int days);
/* Easter Sunday of year y (Gregorian computus). */
int tr_cal_easter(int y);
/* "YYYY-MM-DD" -> day, -1 when malformed; day -> "YYYY-MM-DD" (out: 11 bytes). */
int tr_cal_parse_date(const char *s);
void tr_cal_format_date(int days, char out[11]);

/* The key of the federal holiday on day ("neujahr", "karfreitag", ...), or of a regional one
 * of the Länder named in regions (comma-separated codes such as "BY,NW", may be NULL); NULL
 * when the day is none. */
const char *tr_cal_holiday(int days, const char *regions);

typedef struct tr_calendar {
	const char *regions;       /* Länder whose regional holidays count, e.g. "BY"; NULL: none */
	const int *extra;          /* further days without business (staff's list), sorted ascending */
	int nextra;
	int open[7], close[7];     /* business hours per weekday (0 Monday), minutes after midnight;
	                            * open >= close: no business that weekday */
} tr_calendar;

/* Mon-Fri 08:00-17:00, no regions, no extra days. */
void tr_cal_default(tr_calendar *c);
/* Business hours from text "08:00-17:00" ("" or "-": closed). 0 or -1. */
int tr_cal_set_hours(tr_calendar *c, int weekday, const char *text);

/* 1 when day has business: a weekday with hours that is no holiday nor extra day. */
int tr_cal_is_business_day(const tr_calendar *c, int day);
/* The n-th business day after day (n >= 1; n <= 0 gives day itself). */
int tr_cal_add_business_days(const tr_calendar *c, int day, int n);

/* The wall time reached after `minutes` business minutes from wall time w. A start outside
 * business hours begins at the next opening. */
int64_t tr_cal_add_business_minutes(const tr_calendar *c, int64_t w, int64_t minutes);
/* Business minutes from wall time a to b (negative when b is before a). */
int64_t tr_cal_business_minutes(const tr_calendar *c, int64_t a, int64_t b);

/* UTC seconds -> local wall minutes (seconds dropped), and local wall minutes -> UTC seconds
 * (a wall time that a DST change skips counts as the moment after the gap). */
int64_t tr_cal_wall_of(int64_t utc);
int64_t tr_cal_utc_of(int64_t wall);
/* The local day of UTC seconds. */
int tr_cal_day_of(int64_t utc);
/* UTC seconds of the local midnight that starts day. */
int64_t tr_cal_day_start(int day);

#endif
