/* queue.c - the agent's queues: one index range each, counts from ticket_counts, filters, search, pages. */
#include "tickets/queue.h"
#include "core/pool.h"
#include "core/timefmt.h"
#include "core/util.h"
#include "db/db.h"
#include "db/qbuild.h"
#include "search/postings.h"

#include <stdlib.h>
#include <string.h>

const char *const tr_queue_names[] = { "unassigned", "mine", "groups", "pending", "solved", "urgent", "replied",
				       "all", NULL };
const char *const tr_queue_sort_names[] = { "waiting", "updated", "created", "priority", "sla", NULL };

int tr_queue_parse(const char *s)
{
	for (int i = 0; s && tr_queue_names[i]; i++)
		if (!strcmp(s, tr_queue_names[i]))
			return i;
	return -1;
}

/* Each queue's count from ticket_counts; parameters: agent, agent. The
 * all-ticket rows are spread over eight ids: summed. */
#define QUEUE_COUNTS \
	"(SELECT COALESCE(SUM(n), 0) FROM ticket_counts WHERE scope = 'all' AND status = 'new'), " \
	"(SELECT COALESCE(SUM(n), 0) FROM ticket_counts WHERE scope = 'assignee' AND scope_id = ? " \
	" AND status IN ('new', 'open', 'pending')), " \
	"(SELECT COALESCE(SUM(n), 0) FROM ticket_counts WHERE scope = 'group' AND status IN ('new', 'open', 'pending') " \
	" AND scope_id IN (SELECT group_id FROM staff_group_members WHERE user_id = ?)), " \
	"(SELECT COALESCE(SUM(n), 0) FROM ticket_counts WHERE scope = 'all' AND status = 'pending'), " \
	"(SELECT COALESCE(SUM(n), 0) FROM ticket_counts WHERE scope = 'all' AND status = 'solved'), " \
	"(SELECT COALESCE(SUM(n), 0) FROM ticket_counts WHERE scope = 'urgent'), " \
	"(SELECT COALESCE(SUM(n), 0) FROM ticket_counts WHERE scope = 'replied')"
#define NCOUNTS 7

/* The queue's own condition on tickets t, with its parameters. */
static void queue_where(tr_qb *b, const tr_user *a, enum tr_queue queue)
{
	switch (queue) {
	case TR_Q_UNASSIGNED:
		tr_qb_sql(b, "t.status = 'new'");
		break;
	case TR_Q_MINE:
		tr_qb_num(b, "t.assignee_id = ? AND t.unsolved = 1", a->id);
		break;
	case TR_Q_GROUPS:
		tr_qb_num(b, "t.group_id IN (SELECT group_id FROM staff_group_members WHERE user_id = ?) "
			  "AND t.unsolved = 1", a->id);
		break;
	case TR_Q_PENDING:
		tr_qb_sql(b, "t.status = 'pending'");
		break;
	case TR_Q_SOLVED:
		tr_qb_sql(b, "t.status = 'solved'");
		break;
	case TR_Q_URGENT:
		tr_qb_sql(b, "t.urgent_review = 1 AND t.status IN ('new', 'open', 'pending', 'solved')");
		break;
	case TR_Q_REPLIED:
		tr_qb_sql(b, "t.awaiting_agent = 1 AND t.agent_replied = 1 AND t.status = 'open'");
		break;
	default:
		tr_qb_sql(b, "1");
	}
}

static void filters(tr_qb *b, const tr_queue_query *q)
{
	if (q->status >= 0)
		tr_qb_str(b, " AND t.status = ?", tr_status_name((enum tr_status)q->status));
	if (q->type >= 0)
		tr_qb_str(b, " AND t.type = ?", tr_type_name((enum tr_type)q->type));
	if (q->priority >= 0)
		tr_qb_str(b, " AND t.priority = ?", tr_priority_name((enum tr_priority)q->priority));
	if (q->group_id > 0)
		tr_qb_num(b, " AND t.group_id = ?", q->group_id);
	if (q->assignee_id > 0)
		tr_qb_num(b, " AND t.assignee_id = ?", q->assignee_id);
	else if (q->assignee_id < 0)
		tr_qb_sql(b, " AND t.assignee_id IS NULL");
	if (q->org)
		tr_qb_str(b, " AND t.org_id IN (SELECT id FROM organizations WHERE name LIKE CONCAT(?, '%'))",
			  tr_like_escape(q->org));
	if (q->from)
		tr_qb_str(b, " AND t.created_at >= ?", tr_day_start_utc(q->from, 0));
	if (q->to)
		tr_qb_str(b, " AND t.created_at < ?", tr_day_start_utc(q->to, 1));
}

/* A filter that an index of its own serves better than the order's. */
static int narrowed(const tr_queue_query *q)
{
	return q->status >= 0 || q->group_id || q->assignee_id || q->org || q->from || q->to;
}

static void order(tr_qb *b, const tr_queue_query *q, const tr_search *ranked)
{
	switch (q->sort) {
	case TR_QS_UPDATED:
		tr_qb_sql(b, " ORDER BY t.updated_at DESC, t.id DESC");
		break;
	case TR_QS_CREATED:
		tr_qb_sql(b, " ORDER BY t.created_at DESC, t.id DESC");
		break;
	case TR_QS_PRIORITY:
		/* the enum's order is low..urgent */
		tr_qb_sql(b, " ORDER BY t.priority DESC, t.updated_at ASC, t.id ASC");
		break;
	default:
		/* a search without another sort: the best matches first */
		if (ranked) {
			tr_qb_sql(b, " ORDER BY ");
			tr_search_sql_score(b, ranked, "t.id", "t.updated_at");
			tr_qb_sql(b, " DESC, t.id DESC");
		} else {
			tr_qb_sql(b, " ORDER BY t.updated_at ASC, t.id ASC");
		}
	}
}

/* Every ticket in an order: the order's index read from its start and cut by
 * LIMIT, never the whole table sorted (deep pages read more of it, still in order). */
static const char *order_index(enum tr_queue_sort sort)
{
	switch (sort) {
	case TR_QS_CREATED:
		return "FORCE INDEX FOR ORDER BY (ix_ticket_created) ";
	case TR_QS_PRIORITY:
		return "FORCE INDEX FOR ORDER BY (ix_ticket_priority) ";
	case TR_QS_SLA:
		return "FORCE INDEX FOR ORDER BY (ix_ticket_sla) ";
	default:
		return "FORCE INDEX FOR ORDER BY (ix_ticket_updated) ";
	}
}

/* "#123" or "123": the agent means that ticket. */
static int64_t ticket_number(const char *q)
{
	int64_t id;
	if (!q)
		return 0;
	if (*q == '#')
		q++;
	return tr_parse_i64(q, &id) == 0 && id > 0 ? id : 0;
}

static void read_row(tr_q *q, tr_queue_row *r)
{
	r->id = tr_q_l(q, 0);
	r->subject = tr_q_dup(q, 1);
	r->status = tr_q_dup(q, 2);
	r->type = tr_q_dup(q, 3);
	r->priority = tr_q_dup(q, 4);
	r->org = tr_q_dup(q, 5);
	r->requester = tr_q_dup(q, 6);
	r->assignee = tr_q_dup(q, 7);
	r->group = tr_q_dup(q, 8);
	r->created_at = tr_q_dup(q, 9);
	r->updated_at = tr_q_dup(q, 10);
	r->urgent_review = (int)tr_q_l(q, 11);
	r->awaiting_agent = (int)tr_q_l(q, 12);
	r->sla_due_at = tr_q_dup(q, 13);
}

static int queue_counts(const tr_user *a, tr_queue_list *out)
{
	/* From the query cache until a ticket changes: the same counts head every agent page,
	 * and computed in the queue's statement they cost more than the rest of it (README, MariaDB). */
	tr_q *q = tr_q_new("SELECT SQL_CACHE " QUEUE_COUNTS);
	tr_q_i64(q, a->id);
	tr_q_i64(q, a->id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	if (tr_q_next(q) > 0)
		for (int i = 0; i < NCOUNTS; i++)
			out->counts[i] = tr_q_l(q, i);
	tr_q_end(q);
	return 0;
}

typedef struct queue_ctx {
	const tr_user *a;
	const tr_queue_query *q;
} queue_ctx;

/* The queue's condition and the filters, checked on each posting's ticket. */
static void queue_filter(tr_qb *b, void *ctx)
{
	const queue_ctx *c = ctx;
	tr_qb_sql(b, " AND ");
	queue_where(b, c->a, c->q->queue);
	filters(b, c->q);
}

/* What one statement of a queue page needs to know. */
typedef struct statement {
	const tr_user *a;
	const tr_queue_query *query;
	const tr_search *srch;
	int searched, driven, unfiltered;
	int64_t number;
	const tr_search_filter *filter;
} statement;

/* "SELECT ... FROM ": the row's columns and, for a search, the found-count. The ticket rows
 * drive, in the queue's index order; the other tables are looked up by key (left alone, the
 * optimizer may start from a small table and sort everything it joined). */
static void select_rows(tr_qb *b, const statement *st)
{
	tr_qb_sql(b, st->query->brief ? "SELECT STRAIGHT_JOIN t.id, t.subject, t.status, t.type, t.priority, NULL, r.name, "
					"NULL, NULL, "
				      : "SELECT STRAIGHT_JOIN t.id, t.subject, t.status, t.type, t.priority, o.name, r.name, "
					"a.name, g.name, ");
	tr_qb_sql(b, "t.created_at, t.updated_at, t.urgent_review, t.awaiting_agent AND t.agent_replied, t.sla_due_at, ");
	if (st->driven) {
		tr_search_sql_count(b, st->srch, st->unfiltered ? NULL : st->filter);
	} else if (st->searched) {
		tr_qb_sql(b, "(SELECT COUNT(*) FROM (SELECT t.id FROM tickets t WHERE ");
		queue_where(b, st->a, st->query->queue);
		tr_search_sql_exists(b, st->srch, -1, "t.id", "t.updated_at");
		filters(b, st->query);
		tr_qb_sqlf(b, " LIMIT %d) x)", TR_SEARCH_COUNT_BOUND + 1);
	} else {
		tr_qb_sql(b, "NULL");
	}
	tr_qb_sql(b, " FROM ");
}

/* The joins after tickets t and the conditions: the queue's, the search's, the filters. */
static void joins_where(tr_qb *b, const statement *st)
{
	tr_qb_sql(b, st->query->brief ? "JOIN users r ON r.id = t.requester_id WHERE "
				      : "JOIN users r ON r.id = t.requester_id LEFT JOIN organizations o ON o.id = t.org_id "
					"LEFT JOIN users a ON a.id = t.assignee_id LEFT JOIN staff_groups g ON g.id = t.group_id WHERE ");
	queue_where(b, st->a, st->query->queue);
	if (st->searched && !st->driven)
		tr_search_sql_exists(b, st->srch, -1, "t.id", "t.updated_at");
	if (st->number)
		tr_qb_num(b, " AND t.id = ?", st->number);
	filters(b, st->query);
}

/* Runs statement b and adds its rows to the page after skipping the first skip: up to per, and
 * has_more when there is one more. The number of rows read, or <0. */
static int read_rows(tr_qb *b, const statement *st, int64_t skip, int per, tr_queue_list *out)
{
	tr_q *q;
	int rc = tr_qb_exec(b, &q);
	if (rc < 0)
		return rc;
	int read = 0;
	while (!out->has_more && tr_q_next(q) > 0) {
		if (st->searched)
			out->found = tr_q_l(q, 14);
		if (read++ < skip)
			continue;
		if (out->n == per)
			out->has_more = 1;
		else
			read_row(q, &out->rows[out->n++]);
	}
	tr_q_end(q);
	return read;
}

/* A queue by target: those with a running one soonest first, then the others as they wait. Two
 * statements, each read in an index's order and cut at the page, the second only when the first
 * leaves the page short; as one "ORDER BY sla_due_at IS NULL, ..." the queue's every ticket was
 * sorted (the 70,000 new tickets of the 1M-ticket data: 150-470 ms a page), and as a UNION the
 * optimizer read the second part's table whole. The first's rows before the page are read and
 * skipped: running targets are the open work's, few beside the queue's tickets. */
static int by_target(const statement *st, int64_t offset, int per, tr_queue_list *out)
{
	tr_qb b;
	tr_qb_init(&b);
	select_rows(&b, st);
	tr_qb_sql(&b, "tickets t FORCE INDEX (ix_ticket_sla) ");
	joins_where(&b, st);
	tr_qb_num(&b, " AND t.sla_due_at IS NOT NULL ORDER BY t.sla_due_at ASC, t.id ASC LIMIT ?", offset + per + 1);
	int running = read_rows(&b, st, offset, per, out);
	if (running < 0 || out->has_more)
		return running < 0 ? running : 0;
	/* the others in the queue's waiting order (its index; offered the target's index for
	 * "IS NULL", the optimizer read the table whole) */
	tr_qb_init(&b);
	select_rows(&b, st);
	tr_qb_sql(&b, "tickets t IGNORE INDEX (ix_ticket_sla) ");
	joins_where(&b, st);
	tr_qb_sql(&b, " AND t.sla_due_at IS NULL ORDER BY t.updated_at ASC, t.id ASC");
	tr_qb_num(&b, " LIMIT ?", per + 1 - out->n);
	tr_qb_num(&b, " OFFSET ?", offset > running ? offset - running : 0);
	int rc = read_rows(&b, st, 0, per, out);
	return rc < 0 ? rc : 0;
}

/* The page's found-count and jump, and the queues' counts. */
static int finish(const statement *st, int page, tr_queue_list *out)
{
	if (out->found > TR_SEARCH_COUNT_BOUND) {
		out->found = TR_SEARCH_COUNT_BOUND;
		out->found_more = 1;
	}
	if (out->n == 0 && st->searched && page == 1)
		out->found = 0;
	if (st->number && out->n == 1)
		out->jump_to = st->number;
	return queue_counts(st->a, out);
}

int tr_agent_queue(const tr_user *a, const tr_queue_query *query, tr_queue_list *out)
{
	memset(out, 0, sizeof(*out));
	out->counts[TR_Q_ALL] = -1;
	out->found = -1;
	int per = query->per_page > 0 ? query->per_page : 25;
	int page = query->page > 0 ? query->page : 1;
	int64_t offset = (int64_t)(page - 1) * per;
	int64_t number = ticket_number(query->q);
	tr_search srch;
	memset(&srch, 0, sizeof(srch));
	if (!number && query->q) {
		int rc = tr_search_prepare(query->q, 0, &srch);     /* staff search every ticket: scope 0 */
		if (rc < 0)
			return rc;
	}
	int searched = out->searched = srch.n > 0;
	if (searched && srch.none) {
		out->found = 0;
		return queue_counts(a, out);
	}
	/* by relevance (every ticket) or recency (waiting longest, last updated): read from the
	 * postings, the queue's condition and the filters checked on each one's ticket (postings.h) */
	int unfiltered = query->queue == TR_Q_ALL && !narrowed(query) && query->type < 0 && query->priority < 0;
	int relevance = query->sort == TR_QS_WAITING && query->queue == TR_Q_ALL;
	int ascending = query->sort == TR_QS_WAITING && !relevance;
	/* a queue of a few tickets (mine, my groups, claims, replies) or a narrow filter: its own
	 * tickets are fewer than the postings to read past until a page is full */
	int broad = (query->queue == TR_Q_ALL || query->queue == TR_Q_UNASSIGNED || query->queue == TR_Q_PENDING ||
		     query->queue == TR_Q_SOLVED) && !query->group_id && !query->assignee_id && !query->org &&
		    !query->from && !query->to;
	int driven = searched && broad && (query->sort == TR_QS_WAITING || query->sort == TR_QS_UPDATED) &&
		     tr_search_driven_ok(&srch, (query->status >= 0) + (query->type >= 0) + (query->priority >= 0));
	queue_ctx qc = { a, query };
	tr_search_filter filter = { queue_filter, &qc };

	statement st = { a, query, &srch, searched, driven, unfiltered, number, &filter };
	/* every ticket by its target: those with a running one, in the order of their index */
	int sla_all = query->sort == TR_QS_SLA && query->queue == TR_Q_ALL && !narrowed(query) && !searched && !number;
	out->rows = tr_alloc(sizeof(tr_queue_row) * (size_t)(per + 1));
	if (query->sort == TR_QS_SLA && !sla_all && !driven) {
		int rc = by_target(&st, offset, per, out);
		if (rc < 0)
			return rc;
		return finish(&st, page, out);
	}
	tr_qb b;
	tr_qb_init(&b);
	if (driven) {
		select_rows(&b, &st);
		tr_search_sql_page(&b, &srch, relevance, ascending, offset, per + 1, unfiltered ? NULL : &filter);
		tr_qb_sql(&b, "JOIN tickets t ON t.id = s.ticket_id ");
		joins_where(&b, &st);
		tr_qb_sql(&b, ascending ? " ORDER BY s.k ASC, t.id ASC" : " ORDER BY s.k DESC, t.id DESC");
	} else {
		select_rows(&b, &st);
		tr_qb_sql(&b, "tickets t ");
		if (!number && query->queue == TR_Q_ALL && !narrowed(query))
			tr_qb_sql(&b, order_index(query->sort));
		joins_where(&b, &st);
		if (sla_all)
			tr_qb_sql(&b, " AND t.sla_due_at IS NOT NULL ORDER BY t.sla_due_at ASC, t.id ASC");
		else
			order(&b, query, searched && relevance ? &srch : NULL);
		tr_qb_num(&b, " LIMIT ?", per + 1);          /* one more tells whether a next page exists */
		tr_qb_num(&b, " OFFSET ?", offset);
	}
	int rc = read_rows(&b, &st, 0, per, out);
	if (rc < 0)
		return rc;
	return finish(&st, page, out);
}
