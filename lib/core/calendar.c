/* calendar.c - the business-day calendar: computed German holidays, weekends, staff's extra days,
 * business hours; pure arithmetic on local days and wall-clock minutes (see calendar.h). */
#include "core/calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Howard Hinnant's days_from_civil / civil_from_days: exact for every Gregorian date. */
int tr_cal_days(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void tr_cal_ymd(int days, int *y, int *m, int *d)
{
	int z = days + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

int tr_cal_weekday(int days)
{
	/* 1970-01-01 was a Thursday (3) */
	int w = (days + 3) % 7;
	return w < 0 ? w + 7 : w;
}

int tr_cal_easter(int y)
{
	/* the anonymous Gregorian algorithm (Meeus/Jones/Butcher) */
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
	return tr_cal_days(y, month, day);
}

int tr_cal_parse_date(const char *s)
{
	int y, m, d, n = 0;
	if (!s || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 || m < 1 || m > 12 ||
	    d < 1 || d > 31)
		return -1;
	int days = tr_cal_days(y, m, d);
	int y2, m2, d2;
	tr_cal_ymd(days, &y2, &m2, &d2);
	return y2 == y && m2 == m && d2 == d ? days : -1;   /* 2026-02-30 is no date */
}

void tr_cal_format_date(int days, char out[11])
{
	int y, m, d;
	tr_cal_ymd(days, &y, &m, &d);
	y = y < 0 ? 0 : y % 10000;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/* Regional holidays: where they count and since when. */
typedef struct regional {
	const char *key;
	int month, day;           /* fixed date, or month 0: easter_offset, or month -1: Buß- und Bettag */
	int easter_offset;
	const char *lands;        /* ",BW,BY," */
	int since;                /* first year (0: always) */
} regional;

static const regional regionals[] = {
	{ "heilige_drei_koenige", 1, 6, 0, ",BW,BY,ST,", 0 },
	{ "frauentag", 3, 8, 0, ",BE,", 2019 },
	{ "frauentag", 3, 8, 0, ",MV,", 2023 },
	{ "fronleichnam", 0, 0, 60, ",BW,BY,HE,NW,RP,SL,", 0 },
	{ "mariae_himmelfahrt", 8, 15, 0, ",SL,", 0 },
	{ "weltkindertag", 9, 20, 0, ",TH,", 2019 },
	{ "reformationstag", 10, 31, 0, ",BB,MV,SN,ST,TH,", 0 },
	{ "reformationstag", 10, 31, 0, ",HB,HH,NI,SH,", 2018 },
	{ "allerheiligen", 11, 1, 0, ",BW,BY,NW,RP,SL,", 0 },
	{ "buss_und_bettag", -1, 0, 0, ",SN,", 0 },
};

/* 1 when the comma-separated list names one of the Länder in lands (",BW,BY,"). */
static int region_in(const char *regions, const char *lands)
{
	if (!regions)
		return 0;
	const char *p = regions;
	while (*p) {
		while (*p == ',' || *p == ' ')
			p++;
		size_t n = strcspn(p, ", ");
		if (n == 2) {
			char code[5] = { ',', p[0], p[1], ',', 0 };
			if (strstr(lands, code))
				return 1;
		}
		p += n;
	}
	return 0;
}

const char *tr_cal_holiday(int days, const char *regions)
{
	int y, m, d;
	tr_cal_ymd(days, &y, &m, &d);
	if (m == 1 && d == 1)
		return "neujahr";
	if (m == 5 && d == 1)
		return "tag_der_arbeit";
	if (m == 10 && d == 3 && y >= 1990)
		return "tag_der_deutschen_einheit";
	if (m == 12 && d == 25)
		return "weihnachtstag_1";
	if (m == 12 && d == 26)
		return "weihnachtstag_2";
	if (m == 10 && d == 31 && y == 2017)
		return "reformationstag";            /* the 500th year: everywhere */
	int e = tr_cal_easter(y);
	if (days == e - 2)
		return "karfreitag";
	if (days == e + 1)
		return "ostermontag";
	if (days == e + 39)
		return "christi_himmelfahrt";
	if (days == e + 50)
		return "pfingstmontag";
	for (size_t i = 0; regions && i < sizeof(regionals) / sizeof(regionals[0]); i++) {
		const regional *r = &regionals[i];
		if (y < r->since || !region_in(regions, r->lands))
			continue;
		int on;
		if (r->month > 0)
			on = tr_cal_days(y, r->month, r->day);
		else if (r->month == 0)
			on = e + r->easter_offset;
		else {
			/* the Wednesday before 23 November */
			int n23 = tr_cal_days(y, 11, 23);
			int back = (tr_cal_weekday(n23) - 2 + 7) % 7;
			on = n23 - (back ? back : 7);
		}
		if (on == days)
			return r->key;
	}
	return NULL;
}

void tr_cal_default(tr_calendar *c)
{
	memset(c, 0, sizeof(*c));
	for (int i = 0; i < 5; i++) {
		c->open[i] = 8 * 60;
		c->close[i] = 17 * 60;
	}
}

int tr_cal_set_hours(tr_calendar *c, int weekday, const char *text)
{
	if (weekday < 0 || weekday > 6 || !text)
		return -1;
	if (!*text || !strcmp(text, "-")) {
		c->open[weekday] = c->close[weekday] = 0;
		return 0;
	}
	int h1, m1, h2, m2, n = 0;
	if (sscanf(text, "%2d:%2d-%2d:%2d%n", &h1, &m1, &h2, &m2, &n) != 4 || text[n] || h1 < 0 || h1 > 24 ||
	    h2 < 0 || h2 > 24 || m1 < 0 || m1 > 59 || m2 < 0 || m2 > 59 || h1 * 60 + m1 > 1440 || h2 * 60 + m2 > 1440)
		return -1;
	c->open[weekday] = h1 * 60 + m1;
	c->close[weekday] = h2 * 60 + m2;
	return 0;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

int tr_cal_is_business_day(const tr_calendar *c, int day)
{
	int wd = tr_cal_weekday(day);
	if (c->open[wd] >= c->close[wd])
		return 0;
	if (tr_cal_holiday(day, c->regions))
		return 0;
	if (c->nextra && bsearch(&day, c->extra, (size_t)c->nextra, sizeof(int), cmp_int))
		return 0;
	return 1;
}

/* Ten years without one business day is a calendar without any: stop there. */
#define MAX_DAYS 3660

int tr_cal_add_business_days(const tr_calendar *c, int day, int n)
{
	for (int i = 0; n > 0 && i < MAX_DAYS; i++) {
		day++;
		if (tr_cal_is_business_day(c, day))
			n--;
	}
	return day;
}

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int64_t tr_cal_add_business_minutes(const tr_calendar *c, int64_t w, int64_t minutes)
{
	if (minutes <= 0)
		return w;
	int64_t day = floor_div(w, 1440);
	int64_t minute = w - day * 1440;
	for (int i = 0; i < MAX_DAYS; i++, day++, minute = 0) {
		if (!tr_cal_is_business_day(c, (int)day))
			continue;
		int wd = tr_cal_weekday((int)day);
		if (minute < c->open[wd])
			minute = c->open[wd];
		if (minute >= c->close[wd])
			continue;
		int64_t avail = c->close[wd] - minute;
		if (minutes <= avail)
			return day * 1440 + minute + minutes;
		minutes -= avail;
	}
	return day * 1440;
}

int64_t tr_cal_business_minutes(const tr_calendar *c, int64_t a, int64_t b)
{
	if (b < a)
		return -tr_cal_business_minutes(c, b, a);
	int64_t sum = 0;
	int64_t first = floor_div(a, 1440), last = floor_div(b, 1440);
	if (last - first > MAX_DAYS)
		first = last - MAX_DAYS;
	for (int64_t day = first; day <= last; day++) {
		if (!tr_cal_is_business_day(c, (int)day))
			continue;
		int wd = tr_cal_weekday((int)day);
		int64_t from = day * 1440 + c->open[wd], to = day * 1440 + c->close[wd];
		if (from < a)
			from = a;
		if (to > b)
			to = b;
		if (to > from)
			sum += to - from;
	}
	return sum;
}

int64_t tr_cal_wall_of(int64_t utc)
{
	time_t t = (time_t)utc;
	struct tm tm;
	if (!localtime_r(&t, &tm))
		return utc / 60;
	return (int64_t)tr_cal_days(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) * 1440 + tm.tm_hour * 60 + tm.tm_min;
}

int64_t tr_cal_utc_of(int64_t wall)
{
	int64_t day = floor_div(wall, 1440);
	int minute = (int)(wall - day * 1440);
	int y, m, d;
	tr_cal_ymd((int)day, &y, &m, &d);
	struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = minute / 60,
			 .tm_min = minute % 60, .tm_isdst = -1 };
	return (int64_t)mktime(&tm);
}

int tr_cal_day_of(int64_t utc)
{
	return (int)floor_div(tr_cal_wall_of(utc), 1440);
}

int64_t tr_cal_day_start(int day)
{
	return tr_cal_utc_of((int64_t)day * 1440);
}
