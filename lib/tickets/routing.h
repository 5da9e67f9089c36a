/* routing.h - who gets a new ticket (R-NEW 9): the group's agent with the fewest open tickets, ties round-robin.
 *
 * Locking: tr_route_assign locks the group's staff_groups row (SELECT ... FOR
 * UPDATE) as the FIRST statement of the caller's transaction. Submissions to
 * one group therefore choose one after the other, and because a locking read
 * takes no InnoDB read view, the counts read after the lock is granted
 * include every ticket an earlier chooser committed: no two tickets choose on
 * the same stale counts. Other groups are not held up; the lock is released by
 * the commit (or rollback) of the ticket's transaction. */
#ifndef TR_ROUTING_H
#define TR_ROUTING_H

#include <stdint.h>

typedef struct tr_route_candidate {
	int64_t user_id;
	int64_t load;              /* tickets assigned to the agent in New, Open or Pending */
	int64_t last_seq;          /* the group's counter at the agent's last assignment (0: never) */
} tr_route_candidate;

/* The pure choice: the fewest open tickets; among equals the one the group
 * served longest ago (round-robin), then the lowest id. Index or -1 (n = 0). */
int tr_route_choose(const tr_route_candidate *c, int n);

/* Chooses and records the agent for a new ticket of group_id, in the
 * caller's transaction, which must not have read anything before (see
 * above). *agent_id = 0 when the group has no active agent. 0 or <0. */
int tr_route_assign(int64_t group_id, int64_t *agent_id);

#endif
