/* timefmt.c - times: stored as UTC, shown in the site's time zone. */
#define _XOPEN_SOURCE 700
#include "timefmt.h"
#include "config.h"
#include "pool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void tr_time_init(void)
{
	setenv("TZ", tr_cfg("Site.timezone", "Europe/Berlin"), 1);
	tzset();
}

static int parse_utc(const char *utc, time_t *out)
{
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	if (!utc || !strptime(utc, "%Y-%m-%d %H:%M:%S", &tm))
		return -1;
	*out = timegm(&tm);
	return 0;
}

static const char *format(const char *utc, const char *fmt_de, const char *fmt_en, const char *lang)
{
	time_t t;
	if (parse_utc(utc, &t) < 0)
		return "";
	struct tm lt;
	localtime_r(&t, &lt);
	char buf[64];
	static const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
					"Nov", "Dec" };
	if (lang && !strcmp(lang, "en")) {
		/* month names without depending on the process locale */
		char tmp[16];
		strftime(tmp, sizeof(tmp), fmt_en, &lt);
		snprintf(buf, sizeof(buf), "%d %s %d%s", lt.tm_mday, months[lt.tm_mon], lt.tm_year + 1900, tmp);
	} else {
		strftime(buf, sizeof(buf), fmt_de, &lt);
	}
	return tr_strdup(buf);
}

const char *tr_time_show(const char *utc, const char *lang)
{
	return format(utc, "%d.%m.%Y, %H:%M", ", %H:%M", lang);
}

const char *tr_date_show(const char *utc, const char *lang)
{
	return format(utc, "%d.%m.%Y", "", lang);
}

const char *tr_time_iso(const char *utc)
{
	time_t t;
	if (parse_utc(utc, &t) < 0)
		return "";
	struct tm lt;
	localtime_r(&t, &lt);
	char buf[40];
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S%z", &lt);
	return tr_strdup(buf);
}

const char *tr_day_start_utc(const char *date, int add_days)
{
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	if (!date || !strptime(date, "%Y-%m-%d", &tm))
		return NULL;
	tm.tm_mday += add_days;
	tm.tm_isdst = -1;          /* let mktime decide summer time for that day */
	time_t t = mktime(&tm);
	struct tm u;
	gmtime_r(&t, &u);
	char buf[24];
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &u);
	return tr_strdup(buf);
}
