/* staff.h - the agents and groups, as lists for the agent pages (small tables, read whole). */
#ifndef TR_STAFF_H
#define TR_STAFF_H

#include <stdint.h>

typedef struct tr_staff_item {
	int64_t id;
	const char *name;
	int mine;                 /* groups: the agent asked about is a member */
} tr_staff_item;

/* The groups by name, with mine set for member_id's. Count or <0. */
int tr_staff_groups(int64_t member_id, tr_staff_item **out);
/* The active agents and staff admins by name. Count or <0. */
int tr_staff_agents(tr_staff_item **out);
/* Both lists in one statement, for the pages that show both (the queues, a ticket). 0 or <0. */
int tr_staff_groups_agents(int64_t member_id, tr_staff_item **groups, int *ng, tr_staff_item **agents, int *na);

#endif
