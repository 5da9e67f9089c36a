/* ticketlist.c - the customer's requests list: tabs, filters, keyword search, sorting, pages.
 *
 * Each tab is an index range: requester (mine), CC rows (cc), organization
 * (org), in updated/created order. A keyword search runs on the per-ticket
 * search document, whose words carry the tab's prefix (see search.h), so
 * FULLTEXT reads only that list's postings; the SQL scope is checked on top. */
#include "tickets/ticketlist.h"
#include "db/db.h"
#include "db/qbuild.h"
#include "core/log.h"
#include "core/pool.h"
#include "search/search.h"
#include "core/timefmt.h"
#include "core/util.h"

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

int tr_ticket_list(const tr_user *u, const tr_list_query *lq, tr_list *out)
{
	memset(out, 0, sizeof(*out));
	if (!tr_access_scope_ok(u, lq->scope))
		return TR_E_FORBIDDEN;
	/* each list searches its own words: o<org>_, c<user>_ or r<user>_ (see search.h) */
	const char *terms = tr_search_terms(lq->q, tr_access_search_prefix(u, lq->scope), tr_search_stopwords());
	tr_scope_sql scope = tr_access_scope_sql(u, lq->scope);
	out->searched = terms != NULL;
	tr_qb b;
	tr_qb_init(&b);

	/* names are joined only for the columns shown */
	int want_product = lq->columns & TR_COL_PRODUCT, want_requester = lq->columns & TR_COL_REQUESTER,
	    want_assignee = lq->columns & TR_COL_ASSIGNEE;
	tr_qb_sqlf(&b, "SELECT t.id, t.subject, t.status, t.type, t.priority, %s, %s, %s, t.created_at, "
			    "t.updated_at, ", want_product ? "pr.name" : "NULL", want_requester ? "r.name" : "NULL",
		      want_assignee ? "a.name" : "NULL");
	/* The tab counts ride along: uncorrelated subqueries are evaluated once,
	 * and the page saves a round trip (an empty page asks separately). */
	int org = tr_access_scope_ok(u, TR_SCOPE_ORG);
	tr_qb_sql(&b, TAB_COUNTS " FROM ");
	tr_qb_arg_num(&b, u->id);
	tr_qb_arg_num(&b, u->id);
	tr_qb_arg_num(&b, org ? u->org_id : 0);
	int per = lq->per_page > 0 ? lq->per_page : 25;
	int page = lq->page > 0 ? lq->page : 1;
	/* Ranked by relevance without other filters, the page is cut inside the
	 * FULLTEXT query: only its rows are joined, not every match. */
	int ranked_only = terms && lq->sort == TR_SORT_RELEVANCE && lq->status < 0 && lq->type < 0 &&
			  !lq->from && !lq->to;
	if (ranked_only) {
		tr_qb_sql(&b, "(SELECT ticket_id, MATCH(doc) AGAINST (? IN BOOLEAN MODE) AS score FROM ticket_search "
				  "WHERE MATCH(doc) AGAINST (? IN BOOLEAN MODE) ORDER BY score DESC, ticket_id DESC LIMIT ? OFFSET ?) s "
				  "JOIN tickets t ON t.id = s.ticket_id ");
		tr_qb_arg_str(&b, terms);
		tr_qb_arg_str(&b, terms);
		tr_qb_arg_num(&b, per + 1);
		tr_qb_arg_num(&b, (int64_t)(page - 1) * per);
	} else if (terms) {
		tr_qb_sql(&b, "ticket_search s JOIN tickets t ON t.id = s.ticket_id ");
	} else {
		tr_qb_sql(&b, "tickets t ");
	}
	tr_qb_sql(&b, scope.join);
	if (scope.join_arg)
		tr_qb_arg_num(&b, scope.join_arg);
	if (want_requester)
		tr_qb_sql(&b, "JOIN users r ON r.id = t.requester_id ");
	if (want_assignee)
		tr_qb_sql(&b, "LEFT JOIN users a ON a.id = t.assignee_id ");
	if (want_product)
		tr_qb_sql(&b, "LEFT JOIN products pr ON pr.id = t.product_id ");
	tr_qb_sqlf(&b, "WHERE %s", scope.where);
	if (scope.where_arg)
		tr_qb_arg_num(&b, scope.where_arg);
	if (terms && !ranked_only) {
		tr_qb_sql(&b, " AND MATCH(s.doc) AGAINST (? IN BOOLEAN MODE)");
		tr_qb_arg_str(&b, terms);
	}
	if (lq->status >= 0) {
		tr_qb_sql(&b, " AND t.status = ?");
		tr_qb_arg_str(&b, tr_status_name((enum tr_status)lq->status));
	}
	if (lq->type >= 0) {
		tr_qb_sql(&b, " AND t.type = ?");
		tr_qb_arg_str(&b, tr_type_name((enum tr_type)lq->type));
	}
	const char *from = lq->from ? tr_day_start_utc(lq->from, 0) : NULL;
	const char *to = lq->to ? tr_day_start_utc(lq->to, 1) : NULL;
	if (from) {
		tr_qb_sql(&b, " AND t.created_at >= ?");
		tr_qb_arg_str(&b, from);
	}
	if (to) {
		tr_qb_sql(&b, " AND t.created_at < ?");
		tr_qb_arg_str(&b, to);
	}
	const char *dir = lq->ascending ? "ASC" : "DESC";
	if (ranked_only) {
		tr_qb_sql(&b, " ORDER BY s.score DESC, t.id DESC");
	} else if (terms && lq->sort == TR_SORT_RELEVANCE) {
		tr_qb_sql(&b, " ORDER BY MATCH(s.doc) AGAINST (? IN BOOLEAN MODE) DESC, t.id DESC");
		tr_qb_arg_str(&b, terms);
	} else if (lq->sort == TR_SORT_CREATED) {
		tr_qb_sqlf(&b, " ORDER BY t.created_at %s, t.id %s", dir, dir);
	} else {
		tr_qb_sqlf(&b, " ORDER BY t.updated_at %s, t.id %s", dir, dir);
	}
	if (!ranked_only) {
		tr_qb_sql(&b, " LIMIT ? OFFSET ?");
		tr_qb_arg_num(&b, per + 1);                      /* one more tells whether a next page exists */
		tr_qb_arg_num(&b, (int64_t)(page - 1) * per);
	}

	tr_q *q = tr_qb_query(&b);
	if (!q)
		return TR_DB_ERR;
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	out->rows = tr_alloc(sizeof(tr_list_row) * (size_t)(per + 1));
	while (tr_q_next(q) > 0) {
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
		out->counts[TR_SCOPE_MINE] = tr_q_l(q, 10);
		out->counts[TR_SCOPE_CC] = tr_q_l(q, 11);
		out->counts[TR_SCOPE_ORG] = org ? tr_q_l(q, 12) : -1;
	}
	tr_q_end(q);
	return out->n == 0 ? tr_ticket_tab_counts(u, out->counts) : 0;
}
