/* timefmt.c - times: stored as UTC, shown in the site's time zone. */
#define _XOPEN_SOURCE 700
#include "core/timefmt.h"
#include "core/config.h"
#include "core/pool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void tr_time_init(void)
{
	setenv("TZ", tr_cfg("Site.timezone", "Europe/Berlin"), 1);
	tzset();
}

const char *tr_time_show(const char *utc, const char *lang)
{
	tr_time t;
	return tr_time_parse(utc, &t) == 0 ? tr_time_text(&t, lang) : "";
}

const char *tr_date_show(const char *utc, const char *lang)
{
	tr_time t;
	return tr_time_parse(utc, &t) == 0 ? tr_time_date(&t, lang) : "";
}

const char *tr_time_iso(const char *utc)
{
	tr_time t;
	return tr_time_parse(utc, &t) == 0 ? tr_time_iso8601(&t) : "";
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

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int tr_time_parse(const char *utc, tr_time *t)
{
	struct tm u;
	memset(&u, 0, sizeof(u));
	int y, mo, d, h, mi, s;
	if (!utc || strlen(utc) < 19 || utc[4] != '-' || utc[7] != '-' || utc[10] != ' ' || utc[13] != ':' ||
	    utc[16] != ':' || digits(utc, 4, &y) || digits(utc + 5, 2, &mo) || digits(utc + 8, 2, &d) ||
	    digits(utc + 11, 2, &h) || digits(utc + 14, 2, &mi) || digits(utc + 17, 2, &s))
		return -1;
	u.tm_year = y - 1900;
	u.tm_mon = mo - 1;
	u.tm_mday = d;
	u.tm_hour = h;
	u.tm_min = mi;
	u.tm_sec = s;
	time_t when = timegm(&u);
	localtime_r(&when, &t->local);
	t->gmtoff = t->local.tm_gmtoff;
	t->epoch = (int64_t)when;
	return 0;
}

long tr_time_minutes_ago(const tr_time *t)
{
	long m = (long)((int64_t)time(NULL) - t->epoch) / 60;
	return m > 0 ? m : 0;
}

static const char *const month_en[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
					"Nov", "Dec" };

/* Times are written by hand, not with printf: a list page shows two dozen, and
 * printf's machinery cost more than the rest of the row. */
static char *put_num(char *p, int v, int width)
{
	char d[12];
	int n = 0;
	unsigned u = v < 0 ? 0u : (unsigned)v;
	do {
		d[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u && n < (int)sizeof(d));
	while (n < width)
		d[n++] = '0';
	while (n)
		*p++ = d[--n];
	return p;
}

static char *put_str(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

static const char *finish(char *buf, char *end)
{
	*end = '\0';
	return tr_strndup(buf, (size_t)(end - buf));
}

/* "3 Mar 2026" or "03.03.2026" */
static char *put_date(char *p, const struct tm *l, int en)
{
	if (en) {
		p = put_num(p, l->tm_mday, 1);
		*p++ = ' ';
		p = put_str(p, month_en[l->tm_mon]);
		*p++ = ' ';
	} else {
		p = put_num(p, l->tm_mday, 2);
		*p++ = '.';
		p = put_num(p, l->tm_mon + 1, 2);
		*p++ = '.';
	}
	return put_num(p, l->tm_year + 1900, 1);
}

static int is_en(const char *lang)
{
	return lang && !strcmp(lang, "en");
}

const char *tr_time_text(const tr_time *t, const char *lang)
{
	char buf[48];
	char *p = put_date(buf, &t->local, is_en(lang));
	p = put_str(p, ", ");
	p = put_num(p, t->local.tm_hour, 2);
	*p++ = ':';
	p = put_num(p, t->local.tm_min, 2);
	return finish(buf, p);
}

const char *tr_time_date(const tr_time *t, const char *lang)
{
	char buf[32];
	return finish(buf, put_date(buf, &t->local, is_en(lang)));
}

const char *tr_time_iso8601(const tr_time *t)
{
	const struct tm *l = &t->local;
	long off = t->gmtoff / 60;
	long abs_off = off < 0 ? -off : off;
	char buf[48];
	char *p = put_num(buf, l->tm_year + 1900, 1);
	*p++ = '-';
	p = put_num(p, l->tm_mon + 1, 2);
	*p++ = '-';
	p = put_num(p, l->tm_mday, 2);
	*p++ = 'T';
	p = put_num(p, l->tm_hour, 2);
	*p++ = ':';
	p = put_num(p, l->tm_min, 2);
	*p++ = ':';
	p = put_num(p, l->tm_sec, 2);
	*p++ = off < 0 ? '-' : '+';
	p = put_num(p, (int)(abs_off / 60), 2);
	p = put_num(p, (int)(abs_off % 60), 2);
	return finish(buf, p);
}
