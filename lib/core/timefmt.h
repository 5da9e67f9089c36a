/* timefmt.h - times: stored as UTC, shown in the site's time zone (Site.timezone). */
#ifndef TR_TIMEFMT_H
#define TR_TIMEFMT_H

#include <stdint.h>
#include <time.h>

/* Sets the process time zone from the configuration (call once at start). */
void tr_time_init(void);
/* UTC "YYYY-MM-DD HH:MM:SS" -> local "27.11.2026, 14:05" (de) / "27 Nov 2026, 14:05" (en). */
const char *tr_time_show(const char *utc, const char *lang);
/* UTC "YYYY-MM-DD HH:MM:SS" -> local date only. */
const char *tr_date_show(const char *utc, const char *lang);
/* UTC "YYYY-MM-DD HH:MM:SS" -> ISO 8601 with offset, for <time datetime>. */
const char *tr_time_iso(const char *utc);
/* A UTC time from the database, parsed once and shown several ways (no
 * strptime/strftime: a list page formats dozens of them). */
typedef struct tr_time {
	struct tm local;
	long gmtoff;
	int64_t epoch;           /* seconds since 1970 */
} tr_time;

/* Parses "YYYY-MM-DD HH:MM:SS" (UTC) into local time; 0 or -1. */
int tr_time_parse(const char *utc, tr_time *t);
const char *tr_time_text(const tr_time *t, const char *lang);   /* as tr_time_show */
const char *tr_time_date(const tr_time *t, const char *lang);   /* as tr_date_show */
const char *tr_time_iso8601(const tr_time *t);                  /* as tr_time_iso */
/* Whole minutes from t until now (0 for the future). */
long tr_time_minutes_ago(const tr_time *t);

/* Local date "YYYY-MM-DD" plus add_days -> the UTC time of its local midnight. */
const char *tr_day_start_utc(const char *date, int add_days);

#endif
