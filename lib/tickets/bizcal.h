/* bizcal.h - the business-day calendar of this installation (core/calendar.h filled in): the
 * settings and the staff's own days from the holidays table. */
#ifndef TR_BIZCAL_H
#define TR_BIZCAL_H

#include "core/calendar.h"

/* The calendar from the settings (Calendar.regions, Calendar.hours.mon ... .sun) and the
 * staff's extra days of the holidays table (pool memory). 0 or <0. */
int tr_auto_calendar(tr_calendar *c);

#endif
