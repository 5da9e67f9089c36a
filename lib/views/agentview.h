/* agentview.h - page data of the agent workspace: the queue column, lists for the pickers, waiting times, a ticket's extras. */
#ifndef TR_AGENTVIEW_H
#define TR_AGENTVIEW_H

#include "accounts/staff.h"
#include "accounts/user.h"
#include "tickets/events.h"
#include "tickets/macro.h"
#include "tickets/queue.h"
#include "web/request.h"

/* Queues.N.{name, count, url} and Page.queue (the current one): the left column. */
void tr_view_queues(tr_req *req, const int64_t counts[TR_NQUEUE], int current);
/* Groups.N and Agents.N {id, name, mine} for the pickers. */
void tr_view_staff(tr_req *req, const tr_staff_item *groups, int ngroups, const tr_staff_item *agents, int nagents);
/* Queue rows as Tickets.N. */
void tr_view_queue_rows(tr_req *req, const tr_queue_list *list);
/* The queue beside a ticket: Tickets.N.{id, subject, requester, waiting, urgent}, no more. */
void tr_view_queue_strip(tr_req *req, const tr_queue_list *list);
/* What the agent's ticket page needs beyond Ticket.*: the version and the
 * newest event and comment the page shows (a change carries them back),
 * the assignee's and group's ids, the urgency review, the merge. */
void tr_view_agent_ticket(tr_req *req, const tr_ticket *t, int64_t last_event, int64_t last_comment);
/* The requester's side of the ticket (organization, customer roles, effective level): Requester.*. */
void tr_view_requester(tr_req *req, const tr_user *r);
/* The audit trail: Events.N.{at, at_iso, who, kind, old, new, note}. */
void tr_view_events(tr_req *req, const char *node, const tr_event_row *e, int n);
/* Macros.N.{id, title, shared, changes}. */
void tr_view_macros(tr_req *req, const tr_macro *m, int n);

#endif
