/* ticketlist.c - the customer's requests list: tabs, filters, keyword search, sorting, pages.
 *
 * Each tab is an index range: requester (mine), CC rows (cc), organization
 * (org), in updated/created order. A keyword search runs on the per-ticket
 * search document, whose access tokens (zr/zc/zo) make FULLTEXT return only
 * documents of the tab; the SQL scope is checked on top. */
#include "ticketlist.h"
#include "db.h"
#include "log.h"
#include "pool.h"
#include "timefmt.h"
#include "util.h"

#include <string.h>
#include <strings.h>

#define MAX_TERMS 8

/* The German/English stopwords of the FULLTEXT index, read once per process. */
static const char *const *stopwords(void)
{
	static char **words;
	static int loaded;
	if (loaded)
		return (const char *const *)words;
	tr_q *q = tr_q_new("SELECT value FROM ft_stopwords");
	if (tr_q_exec(q) < 0)
		return NULL;
	int n = 0;
	words = tr_xcalloc(512, sizeof(char *));
	while (tr_q_next(q) > 0 && n < 511)
		words[n++] = tr_xstrdup(tr_q_s(q, 0));
	tr_q_end(q);
	loaded = 1;
	return (const char *const *)words;
}

static int is_word_byte(unsigned char c)
{
	/* letters, digits and every byte of a multi-byte UTF-8 letter */
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80 || c == '_';
}

const char *tr_search_terms(const char *typed, const char *const *stop)
{
	if (!typed)
		return NULL;
	tr_buf out;
	tr_buf_init(&out);
	int terms = 0;
	const unsigned char *p = (const unsigned char *)typed;
	while (*p && terms < MAX_TERMS) {
		while (*p && !is_word_byte(*p))
			p++;
		const unsigned char *start = p;
		while (*p && is_word_byte(*p))
			p++;
		size_t n = (size_t)(p - start);
		if (n == 0)
			break;
		char *w = tr_strndup((const char *)start, n);
		if (tr_utf8_len(w, n) < 2 || n > 84)
			continue;
		int skip = 0;
		for (int i = 0; stop && stop[i]; i++)
			if (!strcasecmp(stop[i], w))
				skip = 1;
		if (skip)
			continue;
		tr_buf_printf(&out, "%s+%s*", terms ? " " : "", w);
		terms++;
	}
	const char *r = terms ? tr_strdup(out.data) : NULL;
	tr_buf_free(&out);
	return r;
}

int tr_ticket_tab_counts(const tr_user *u, int64_t counts[3])
{
	counts[TR_SCOPE_MINE] = counts[TR_SCOPE_CC] = 0;
	counts[TR_SCOPE_ORG] = -1;
	if (tr_db_int(&counts[TR_SCOPE_MINE], "SELECT COALESCE(SUM(n), 0) FROM ticket_counts "
		      "WHERE scope = 'user' AND scope_id = ?", "l", u->id) < 0 ||
	    tr_db_int(&counts[TR_SCOPE_CC], "SELECT COUNT(*) FROM ticket_ccs WHERE user_id = ?", "l", u->id) < 0)
		return TR_DB_ERR;
	if (tr_access_scope_ok(u, TR_SCOPE_ORG) &&
	    tr_db_int(&counts[TR_SCOPE_ORG], "SELECT COALESCE(SUM(n), 0) FROM ticket_counts "
		      "WHERE scope = 'org' AND scope_id = ?", "l", u->org_id) < 0)
		return TR_DB_ERR;
	return 0;
}

/* Parameters collected while the SQL text is built, bound in the same order. */
typedef struct params {
	char kind[16];
	int64_t num[16];
	const char *str[16];
	int n;
} params;

static void p_num(params *p, int64_t v)
{
	p->kind[p->n] = 'l';
	p->num[p->n++] = v;
}

static void p_str(params *p, const char *v)
{
	p->kind[p->n] = 's';
	p->str[p->n++] = v;
}

int tr_ticket_list(const tr_user *u, const tr_list_query *lq, tr_list *out)
{
	memset(out, 0, sizeof(*out));
	if (!tr_access_scope_ok(u, lq->scope))
		return 403;
	const char *terms = tr_search_terms(lq->q, stopwords());
	out->searched = terms != NULL;
	tr_buf sql;
	tr_buf_init(&sql);
	params p = { .n = 0 };

	tr_buf_adds(&sql, "SELECT t.id, t.subject, t.status, t.type, t.priority, pr.name, r.name, a.name, "
			  "t.created_at, t.updated_at FROM ");
	if (terms) {
		/* the access token narrows the FULLTEXT match to the tab's documents */
		const char *token = lq->scope == TR_SCOPE_ORG ? tr_fmt("zo%lld", (long long)u->org_id) :
				    lq->scope == TR_SCOPE_CC ? tr_fmt("zc%lld", (long long)u->id) :
				    tr_fmt("zr%lld", (long long)u->id);
		terms = tr_fmt("+%s %s", token, terms);
		tr_buf_adds(&sql, "ticket_search s JOIN tickets t ON t.id = s.ticket_id ");
	} else {
		tr_buf_adds(&sql, "tickets t ");
	}
	if (lq->scope == TR_SCOPE_CC) {
		tr_buf_adds(&sql, "JOIN ticket_ccs c ON c.ticket_id = t.id AND c.user_id = ? ");
		p_num(&p, u->id);
	}
	tr_buf_adds(&sql, "JOIN users r ON r.id = t.requester_id LEFT JOIN users a ON a.id = t.assignee_id "
			  "LEFT JOIN products pr ON pr.id = t.product_id WHERE ");
	if (lq->scope == TR_SCOPE_MINE) {
		tr_buf_adds(&sql, "t.requester_id = ?");
		p_num(&p, u->id);
	} else if (lq->scope == TR_SCOPE_ORG) {
		tr_buf_adds(&sql, "t.org_id = ?");
		p_num(&p, u->org_id);
	} else {
		tr_buf_adds(&sql, "1");
	}
	if (terms) {
		tr_buf_adds(&sql, " AND MATCH(s.doc) AGAINST (? IN BOOLEAN MODE)");
		p_str(&p, terms);
	}
	if (lq->status >= 0) {
		tr_buf_adds(&sql, " AND t.status = ?");
		p_str(&p, tr_status_name((enum tr_status)lq->status));
	}
	if (lq->type >= 0) {
		tr_buf_adds(&sql, " AND t.type = ?");
		p_str(&p, tr_type_name((enum tr_type)lq->type));
	}
	const char *from = lq->from ? tr_day_start_utc(lq->from, 0) : NULL;
	const char *to = lq->to ? tr_day_start_utc(lq->to, 1) : NULL;
	if (from) {
		tr_buf_adds(&sql, " AND t.created_at >= ?");
		p_str(&p, from);
	}
	if (to) {
		tr_buf_adds(&sql, " AND t.created_at < ?");
		p_str(&p, to);
	}
	const char *dir = lq->ascending ? "ASC" : "DESC";
	if (terms && lq->sort == TR_SORT_RELEVANCE) {
		tr_buf_adds(&sql, " ORDER BY MATCH(s.doc) AGAINST (? IN BOOLEAN MODE) DESC, t.id DESC");
		p_str(&p, terms);
	} else if (lq->sort == TR_SORT_CREATED) {
		tr_buf_printf(&sql, " ORDER BY t.created_at %s, t.id %s", dir, dir);
	} else {
		tr_buf_printf(&sql, " ORDER BY t.updated_at %s, t.id %s", dir, dir);
	}
	int per = lq->per_page > 0 ? lq->per_page : 25;
	int page = lq->page > 0 ? lq->page : 1;
	tr_buf_adds(&sql, " LIMIT ? OFFSET ?");
	p_num(&p, per + 1);                      /* one more tells whether a next page exists */
	p_num(&p, (int64_t)(page - 1) * per);

	tr_q *q = tr_q_new(tr_strdup(sql.data));
	tr_buf_free(&sql);
	for (int i = 0; i < p.n; i++) {
		if (p.kind[i] == 'l')
			tr_q_i64(q, p.num[i]);
		else
			tr_q_str(q, p.str[i]);
	}
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
	}
	tr_q_end(q);
	return 0;
}
