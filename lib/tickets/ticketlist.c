/* ticketlist.c - the customer's requests list: tabs, filters, keyword search, sorting, pages.
 *
 * Each tab is an index range: requester (mine), CC rows (cc), organization
 * (org), in updated/created order. A keyword search of the organization's
 * tab reads its posting lists (search/postings.h); the own and CC tabs read
 * their tickets and look each up in the postings; the SQL scope is checked on top. */
#include "tickets/ticketlist.h"
#include "db/db.h"
#include "db/qbuild.h"
#include "core/log.h"
#include "core/pool.h"
#include "search/postings.h"
#include "core/timefmt.h"
#include "core/util.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

/* The three tabs' counts as one row of uncorrelated subqueries (a UNION would
 * cost the server a temporary table); parameters: user, user, organization. */
#define TAB_COUNTS "(SELECT COALESCE(SUM(n), 0) FROM ticket_counts WHERE scope = 'user' AND scope_id = ?), " \
	"(SELECT COUNT(*) FROM ticket_ccs WHERE user_id = ?), " \
	"(SELECT COALESCE(SUM(n), 0) FROM ticket_counts WHERE scope = 'org' AND scope_id = ?)"

int tr_ticket_tab_counts(const tr_user *u, int64_t counts[3])
{
	int org = tr_access_scope_ok(u, TR_SCOPE_ORG);
	counts[TR_SCOPE_MINE] = counts[TR_SCOPE_CC] = 0;
	counts[TR_SCOPE_ORG] = -1;
	tr_q *q = tr_q_new("SELECT " TAB_COUNTS);
	tr_q_i64(q, u->id);
	tr_q_i64(q, u->id);
	tr_q_i64(q, org ? u->org_id : 0);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	if (tr_q_next(q) > 0) {
		counts[TR_SCOPE_MINE] = tr_q_l(q, 0);
		counts[TR_SCOPE_CC] = tr_q_l(q, 1);
		if (org)
			counts[TR_SCOPE_ORG] = tr_q_l(q, 2);
	}
	tr_q_end(q);
	return 0;
}

/* The filters on tickets t. */
static void list_filters(tr_qb *b, void *ctx)
{
	const tr_list_query *lq = ctx;
	if (lq->status >= 0)
		tr_qb_str(b, " AND t.status = ?", tr_status_name((enum tr_status)lq->status));
	if (lq->type >= 0)
		tr_qb_str(b, " AND t.type = ?", tr_type_name((enum tr_type)lq->type));
	if (lq->from)
		tr_qb_str(b, " AND t.created_at >= ?", tr_day_start_utc(lq->from, 0));
	if (lq->to)
		tr_qb_str(b, " AND t.created_at < ?", tr_day_start_utc(lq->to, 1));
}

/* The list's condition on tickets t: its scope, the words (ticket-driven), the filters. */
static void list_where(tr_qb *b, const tr_scope_sql *scope, const tr_search *srch, int exists,
		       const tr_list_query *lq)
{
	tr_qb_sqlf(b, "WHERE %s", scope->where);
	if (scope->where_arg)
		tr_qb_arg_num(b, scope->where_arg);
	if (exists)
		tr_search_sql_exists(b, srch, -1, "t.id", "t.updated_at");
	list_filters(b, (void *)(uintptr_t)lq);
}

static void scope_join(tr_qb *b, const tr_scope_sql *scope)
{
	tr_qb_sql(b, scope->join);
	if (scope->join_arg)
		tr_qb_arg_num(b, scope->join_arg);
}

int tr_ticket_list(const tr_user *u, const tr_list_query *lq, tr_list *out)
{
	memset(out, 0, sizeof(*out));
	out->found = -1;
	if (!tr_access_scope_ok(u, lq->scope))
		return TR_E_FORBIDDEN;
	tr_scope_sql scope = tr_access_scope_sql(u, lq->scope);
	tr_search srch;
	memset(&srch, 0, sizeof(srch));
	if (lq->q) {
		int rc = tr_search_prepare(lq->q, tr_access_search_scope(u, lq->scope), &srch);
		if (rc < 0)
			return rc;
	}
	int searched = out->searched = srch.n > 0;
	if (searched && srch.none) {            /* a word no ticket has: nothing found */
		out->found = 0;
		return tr_ticket_tab_counts(u, out->counts);
	}
	int per = lq->per_page > 0 ? lq->per_page : 25;
	int page = lq->page > 0 ? lq->page : 1;
	int64_t offset = (int64_t)(page - 1) * per;
	int filtered = lq->status >= 0 || lq->type >= 0 || lq->from || lq->to;
	/* The organization's list in recency or relevance order reads the postings; every other
	 * search reads the list's own tickets and checks each for the words (see postings.h). */
	int relevance = lq->sort == TR_SORT_RELEVANCE;
	/* a date range reads its own index (created_at) */
	int driven = searched && lq->scope == TR_SCOPE_ORG && (relevance || lq->sort == TR_SORT_UPDATED) &&
		     !lq->from && !lq->to && tr_search_driven_ok(&srch, (lq->status >= 0) + (lq->type >= 0));
	tr_search_filter filter = { list_filters, (void *)(uintptr_t)lq };
	tr_qb b;
	tr_qb_init(&b);

	/* names are joined only for the columns shown */
	int want_product = lq->columns & TR_COL_PRODUCT, want_requester = lq->columns & TR_COL_REQUESTER,
	    want_assignee = lq->columns & TR_COL_ASSIGNEE;
	tr_qb_sqlf(&b, "SELECT t.id, t.subject, t.status, t.type, t.priority, %s, %s, %s, t.created_at, "
			    "t.updated_at, ", want_product ? "pr.name" : "NULL", want_requester ? "r.name" : "NULL",
		      want_assignee ? "a.name" : "NULL");
	/* The tab counts ride along: uncorrelated subqueries are evaluated once,
	 * and the page saves a round trip (an empty page asks separately); so does
	 * the search's found-count, which stops at its bound. */
	int org = tr_access_scope_ok(u, TR_SCOPE_ORG);
	tr_qb_sql(&b, TAB_COUNTS ", ");
	tr_qb_arg_num(&b, u->id);
	tr_qb_arg_num(&b, u->id);
	tr_qb_arg_num(&b, org ? u->org_id : 0);
	if (driven) {
		tr_search_sql_count(&b, &srch, filtered ? &filter : NULL);
	} else if (searched) {
		tr_qb_sql(&b, "(SELECT COUNT(*) FROM (SELECT t.id FROM tickets t ");
		scope_join(&b, &scope);
		list_where(&b, &scope, &srch, 1, lq);
		tr_qb_sqlf(&b, " LIMIT %d) x)", TR_SEARCH_COUNT_BOUND + 1);
	} else {
		tr_qb_sql(&b, "NULL");
	}
	tr_qb_sql(&b, " FROM ");
	if (driven) {
		tr_search_sql_page(&b, &srch, relevance, lq->ascending, offset, per + 1, filtered ? &filter : NULL);
		tr_qb_sql(&b, "STRAIGHT_JOIN tickets t ON t.id = s.ticket_id ");
	} else {
		tr_qb_sql(&b, "tickets t ");
		/* the organization's own order: left alone, the optimizer may read every ticket's by
		 * recency and check each for the organization (100k data, 5 % of them: 529 rows read
		 * for a page of 26, 1.1 ms of MariaDB CPU instead of 0.3) */
		if (lq->scope == TR_SCOPE_ORG && !searched && !filtered)
			tr_qb_sql(&b, lq->sort == TR_SORT_CREATED ? "FORCE INDEX (ix_ticket_org_created) "
								  : "FORCE INDEX (ix_ticket_org_updated) ");
	}
	scope_join(&b, &scope);
	if (want_requester)
		tr_qb_sql(&b, "JOIN users r ON r.id = t.requester_id ");
	if (want_assignee)
		tr_qb_sql(&b, "LEFT JOIN users a ON a.id = t.assignee_id ");
	if (want_product)
		tr_qb_sql(&b, "LEFT JOIN products pr ON pr.id = t.product_id ");
	list_where(&b, &scope, &srch, searched && !driven, lq);
	const char *dir = lq->ascending ? "ASC" : "DESC";
	if (driven) {
		tr_qb_sqlf(&b, " ORDER BY s.k %s, t.id %s", relevance ? "DESC" : dir, relevance ? "DESC" : dir);
	} else if (searched && relevance) {
		tr_qb_sql(&b, " ORDER BY ");
		tr_search_sql_score(&b, &srch, "t.id", "t.updated_at");
		tr_qb_sql(&b, " DESC, t.id DESC");
	} else if (lq->sort == TR_SORT_CREATED) {
		tr_qb_sqlf(&b, " ORDER BY t.created_at %s, t.id %s", dir, dir);
	} else {
		tr_qb_sqlf(&b, " ORDER BY t.updated_at %s, t.id %s", dir, dir);
	}
	if (!driven) {
		tr_qb_num(&b, " LIMIT ?", per + 1);       /* one more tells whether a next page exists */
		tr_qb_num(&b, " OFFSET ?", offset);
	}

	tr_q *q;
	int rc = tr_qb_exec(&b, &q);
	if (rc < 0)
		return rc;
	out->rows = tr_alloc(sizeof(tr_list_row) * (size_t)(per + 1));
	while (tr_q_next(q) > 0) {
		out->counts[TR_SCOPE_MINE] = tr_q_l(q, 10);
		out->counts[TR_SCOPE_CC] = tr_q_l(q, 11);
		out->counts[TR_SCOPE_ORG] = org ? tr_q_l(q, 12) : -1;
		if (searched)
			out->found = tr_q_l(q, 13);
		if (out->n == per) {
			out->has_more = 1;
			break;
		}
		tr_list_row *r = &out->rows[out->n++];
		r->id = tr_q_l(q, 0);
		r->subject = tr_q_dup(q, 1);
		r->status = tr_q_dup(q, 2);
		r->type = tr_q_dup(q, 3);
		r->priority = tr_q_dup(q, 4);
		r->product = tr_q_dup(q, 5);
		r->requester = tr_q_dup(q, 6);
		r->assignee = tr_q_dup(q, 7);
		r->created_at = tr_q_dup(q, 8);
		r->updated_at = tr_q_dup(q, 9);
	}
	tr_q_end(q);
	if (out->found > TR_SEARCH_COUNT_BOUND) {
		out->found = TR_SEARCH_COUNT_BOUND;
		out->found_more = 1;
	}
	if (out->n == 0 && searched && page == 1)
		out->found = 0;
	return out->n == 0 ? tr_ticket_tab_counts(u, out->counts) : 0;
}
