/* sla.h - service levels (R-LIFE, R-PRIO): per priority a first-reply and a next-reply target in
 * business hours (SLA.first_reply.<priority>, SLA.next_reply.<priority>, in hours).
 *
 * A target runs while a ticket waits for an agent: New or Open with the customer's word last.
 * It starts when the ticket is made (first reply) or when the customer answers an agent's reply
 * (next reply), and stops with the agent's public reply or a status that waits for nobody.
 * tickets.sla_since / sla_due_at / sla_kind hold the running one (set in the transaction of the
 * change, by tr_sla_apply); the queues show the business time left and sort by sla_due_at. */
#ifndef TR_SLA_H
#define TR_SLA_H

#include <stdint.h>

#include "core/calendar.h"
#include "tickets/rules.h"

/* The target in business minutes (first reply or next reply) for a priority. */
long tr_sla_target_minutes(int first, enum tr_priority p);
/* When a target of `minutes` business minutes started at since (UTC seconds) is due (UTC). */
int64_t tr_sla_due(const tr_calendar *c, int64_t since, long minutes);
/* Business minutes from now until due (UTC seconds); negative once breached. */
int64_t tr_sla_left(const tr_calendar *c, int64_t now, int64_t due);

/* What of a ticket decides on its target. */
typedef struct tr_sla_state {
	enum tr_status status;
	int awaiting_agent, agent_replied;
	enum tr_priority priority;
} tr_sla_state;

/* After a change of the ticket from before to after (before NULL: just made, with its created_at
 * as at; at NULL: now): starts, moves (priority) or stops its target. In the caller's
 * transaction (tickets/ticket.c calls it); 0 or <0. */
int tr_sla_apply(int64_t ticket_id, const tr_sla_state *before, const tr_sla_state *after, const char *at);

#endif
