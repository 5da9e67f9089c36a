/* queue.h - the agent's queues (R-AGT): unassigned, mine, my groups, pending, solved, urgency claims,
 * customer replied - with counts, filters, keyword search over all organizations, pages.
 *
 * Each queue is one index range over tickets, read in waiting order (the
 * ticket waiting longest first) unless another sort is asked; the counts of
 * all queues come from ticket_counts (kept by tr_ticket_update), so the
 * queue page costs a handful of rows whatever the numbers. */
#ifndef TR_QUEUE_H
#define TR_QUEUE_H

#include <stdint.h>

#include "accounts/user.h"
#include "tickets/ticket.h"

enum tr_queue {
	TR_Q_UNASSIGNED,   /* New: no agent yet */
	TR_Q_MINE,         /* assigned to me, unsolved (New, Open, Pending) */
	TR_Q_GROUPS,       /* in one of my groups, unsolved */
	TR_Q_PENDING,      /* waiting for the customer */
	TR_Q_SOLVED,       /* solved, not closed yet */
	TR_Q_URGENT,       /* an urgency claim waits for review */
	TR_Q_REPLIED,      /* Open, and the customer answered the agent's reply: waiting for us */
	TR_Q_ALL,          /* every ticket (with filters or a search) */
	TR_NQUEUE,
};
extern const char *const tr_queue_names[];    /* "unassigned", ..., NULL-terminated */
int tr_queue_parse(const char *s);           /* -1 when unknown */

/* TR_QS_SLA: the service level's target due first first (tickets without a running target last;
 * over all tickets unfiltered: only those with one, read in the order of their index). */
enum tr_queue_sort { TR_QS_WAITING, TR_QS_UPDATED, TR_QS_CREATED, TR_QS_PRIORITY, TR_QS_SLA };
extern const char *const tr_queue_sort_names[];

typedef struct tr_queue_query {
	enum tr_queue queue;
	const char *q;                /* keywords (or "#123" / "123": that ticket), or NULL */
	int status, type, priority;   /* -1: any */
	int64_t group_id, assignee_id;  /* 0: any; assignee -1: nobody */
	const char *org;              /* the beginning of an organization's name, or NULL */
	const char *from, *to;        /* created between these local dates (YYYY-MM-DD), or NULL */
	enum tr_queue_sort sort;
	int page, per_page;
	int brief;                    /* rows for the strip beside a ticket: no organization, assignee
	                               * or group names (three lookups a row fewer) */
} tr_queue_query;

typedef struct tr_queue_row {
	int64_t id;
	const char *subject, *status, *type, *priority, *org, *requester, *assignee, *group;
	const char *created_at, *updated_at;
	int urgent_review;
	int awaiting_agent;           /* the customer answered an agent's reply */
	const char *sla_due_at;       /* UTC: the running service-level target is due, or NULL (tickets/sla.h) */
} tr_queue_row;

typedef struct tr_queue_list {
	tr_queue_row *rows;
	int n, has_more, searched;
	int64_t jump_to;              /* q named a ticket that exists: open it */
	int64_t found;                /* tickets the search found (-1: not known), up to TR_SEARCH_COUNT_BOUND */
	int found_more;               /* more than found */
	int64_t counts[TR_NQUEUE];    /* counts[TR_Q_ALL] is not kept: -1 */
} tr_queue_list;

/* The page of the queue for agent a (staff see every organization's
 * tickets; internal notes never reach the search documents). 0 or <0. */
int tr_agent_queue(const tr_user *a, const tr_queue_query *q, tr_queue_list *out);

#endif
