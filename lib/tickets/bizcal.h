/* bizcal.h - the business-day calendar of this installation (core/calendar.h filled in): the
 * settings and the staff's own days from the holidays table. */
#ifndef TR_BIZCAL_H
#define TR_BIZCAL_H

#include <stdint.h>

#include "core/calendar.h"

/* The calendar from the settings (Calendar.regions, Calendar.hours.mon ... .sun) and the
 * staff's extra days of the holidays table (pool memory). 0 or <0. */
int tr_auto_calendar(tr_calendar *c);

/* The staff's days (pool memory), in date order. */
typedef struct tr_holiday {
	int64_t id;
	const char *day, *name, *kind;   /* "YYYY-MM-DD", name, "regional" or "company" */
} tr_holiday;
/* The staff's days of year y. Count or <0. */
int tr_holiday_list(int year, tr_holiday **out);
/* Adds a day (kind "regional" or "company") by user_id: 0, TR_E_INVALID for a malformed date,
 * kind or name (1..100 characters), TR_DB_DUP when the day is there already, or <0. */
int tr_holiday_add(const char *day, const char *name, const char *kind, int64_t user_id);
/* Removes one: 0, TR_E_NOT_FOUND, or <0. */
int tr_holiday_remove(int64_t id);

#endif
