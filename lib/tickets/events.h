/* events.h - a ticket's audit trail as data: who or what changed what, when (R-LIFE, R-AGT). */
#ifndef TR_EVENTS_H
#define TR_EVENTS_H

#include <stdint.h>

typedef struct tr_event_row {
	int64_t id;
	const char *at;               /* UTC */
	const char *actor;            /* the person's name, or NULL (the system, an automation) */
	const char *actor_kind;       /* "customer", "agent", "system", ... */
	const char *kind;             /* "created", "status", "assignee", "group", "priority", ... */
	const char *old_value, *new_value, *note;   /* ids of assignee/group are names here */
} tr_event_row;

/* The ticket's events after event id `after` (0: all), oldest first, at most
 * max. Count or <0 (pool memory). */
int tr_ticket_events(int64_t ticket_id, int64_t after, int max, tr_event_row **out);
/* The newest event's id (0: none) - a page keeps it to show later what changed since. */
int tr_ticket_last_event(int64_t ticket_id, int64_t *event_id);

#endif
