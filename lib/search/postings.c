/* postings.c - searching the posting lists of sql/012_search.sql (see postings.h). */
#include "search/postings.h"
#include "core/pool.h"
#include "db/db.h"

#include <stdlib.h>
#include <string.h>

/* The dictionary words a term stands for: its ids when few (written as numbers: they are
 * ours, read from search_words, and keep the statement's parameters for the filters), else
 * every word it begins. */
void tr_search_sql_word_ids(tr_qb *b, const tr_search_term *t, const char *col)
{
	if (t->nids <= TR_SEARCH_DRIVER_IDS) {
		tr_qb_sqlf(b, "%s IN (", col);
		for (int i = 0; i < t->nids; i++)
			tr_qb_sqlf(b, "%s%lld", i ? ", " : "", (long long)t->ids[i]);
		tr_qb_sql(b, ")");
	} else {
		tr_qb_sqlf(b, "%s IN (SELECT id FROM search_words WHERE word LIKE ", col);
		tr_qb_str(b, "?)", t->like);
	}
}

int tr_search_prepare(const char *typed, int64_t scope, tr_search *s)
{
	tr_search_where w = { .postings = "search_postings", .scope = scope, .driver = 1, .span_column = "updated_at" };
	return tr_search_prepare_in(typed, &w, s);
}

/* "count" or "count span" */
static void read_count(tr_search_term *t, const char *v)
{
	char *end;
	t->count = v ? strtoll(v, &end, 10) : 0;
	t->span = v && *end == ' ' ? strtoll(end + 1, NULL, 10) : 0;
}

/* Whether term a has fewer postings than b: by their counts, and for two single words above the
 * bound by the time their first postings span (the bound's worth of a commoner word is written in
 * less time; the postings of a prefix's several words are read word by word, so their span says
 * nothing). */
static int rarer(const tr_search_term *a, const tr_search_term *b)
{
	if (a->count != b->count)
		return a->count < b->count;
	if (a->count > TR_SEARCH_COUNT_BOUND && a->nids == 1 && b->nids == 1 && a->span != b->span)
		return a->span > b->span;
	return a->nids < b->nids;
}

int tr_search_prepare_in(const char *typed, const tr_search_where *w, tr_search *s)
{
	memset(s, 0, sizeof(*s));
	int64_t scope = s->scope = w->scope;
	const char *postings = w->driver ? w->postings : NULL;
	const char *words[TR_SEARCH_MAX_TERMS];
	s->n = tr_search_query_words(typed, tr_search_stopwords(), words);
	if (!s->n)
		return 0;
	/* every term's dictionary words, one more than a driver may have */
	const char *cache = w->cache ? "SQL_CACHE " : "";
	tr_qb b;
	tr_qb_init(&b);
	if (w->queue)
		tr_qb_sqlf(&b, "(SELECT %s-1, 0 FROM %s LIMIT 1) UNION ALL ", cache, w->queue);
	for (int i = 0; i < s->n; i++) {
		s->t[i].word = words[i];
		s->t[i].like = tr_utf8_len(words[i], strlen(words[i])) < (size_t)w->exact_below ? tr_like_escape(words[i])
											      : tr_search_like(words[i]);
		/* the query cache takes its word from the first SELECT of a UNION only */
		tr_qb_sqlf(&b, "%s(SELECT %s%d, id FROM search_words WHERE word LIKE ?", i ? " UNION ALL " : "",
			   i || w->queue ? "" : cache, i);
		tr_qb_arg_str(&b, s->t[i].like);
		if (w->present_only)
			tr_qb_num(&b, tr_fmt(" AND EXISTS (SELECT 1 FROM %s x WHERE x.word_id = search_words.id AND x.scope = ?)",
					     w->postings), scope);
		tr_qb_sqlf(&b, " ORDER BY word LIMIT %d)", TR_SEARCH_DRIVER_IDS + 1);
	}
	tr_q *q;
	int rc = tr_qb_exec(&b, &q);
	if (rc < 0)
		return rc;
	while (tr_q_next(q) > 0) {
		if (tr_q_l(q, 0) < 0) {
			s->queued = 1;
			continue;
		}
		tr_search_term *t = &s->t[tr_q_l(q, 0)];
		if (t->nids <= TR_SEARCH_DRIVER_IDS)
			t->ids[t->nids++] = tr_q_l(q, 1);
	}
	tr_q_end(q);
	for (int i = 0; i < s->n; i++)
		if (!s->t[i].nids)
			s->none = 1;
	if (s->none || s->n == 1 || !postings)
		return 0;
	/* several words: the rarest drives (each count stops at the bound) */
	tr_qb_init(&b);
	tr_qb_sqlf(&b, "SELECT %s", cache);
	for (int i = 0; i < s->n; i++) {
		if (w->word_counts) {
			tr_qb_sqlf(&b, "%s(SELECT COALESCE(SUM(p.%s), 0) FROM %s p WHERE ", i ? ", " : "", w->count_column,
				   w->word_counts);
			tr_search_sql_word_ids(&b, &s->t[i], "p.word_id");
			tr_qb_num(&b, " AND p.scope = ?)", scope);
			continue;
		}
		const char *span = w->span_column;
		if (span)
			tr_qb_sqlf(&b, "%s(SELECT CONCAT(COUNT(*), ' ', TIMESTAMPDIFF(SECOND, MIN(x%d.t), MAX(x%d.t))) "
				   "FROM (SELECT p.%s AS t FROM %s p FORCE INDEX (PRIMARY) WHERE ", i ? ", " : "", i, i,
				   span, postings);
		else
			tr_qb_sqlf(&b, "%s(SELECT COUNT(*) FROM (SELECT 1 FROM %s p WHERE ", i ? ", " : "", postings);
		tr_search_sql_word_ids(&b, &s->t[i], "p.word_id");
		tr_qb_num(&b, " AND p.scope = ?", scope);
		tr_qb_sqlf(&b, " LIMIT %d) x%d)", TR_SEARCH_COUNT_BOUND + 1, i);
	}
	if ((rc = tr_qb_exec(&b, &q)) < 0)
		return rc;
	if (tr_q_next(q) > 0)
		for (int i = 0; i < s->n; i++)
			read_count(&s->t[i], tr_q_s(q, i));
	tr_q_end(q);
	for (int i = 0; i < s->n; i++) {
		if (!s->t[i].count)
			s->none = 1;
		if (rarer(&s->t[i], &s->t[s->driver]))
			s->driver = i;
	}
	return 0;
}

int tr_search_driven_ok(const tr_search *s, int filter_params)
{
	int k = s->t[s->driver].nids, checks = 0;
	/* the numbers (scope, word ids) are written into the statement; parameters are each range's
	 * LIMIT and filters, a prefix of too many words' pattern where it is checked, and the page's own */
	for (int i = 0; i < s->n; i++)
		checks += i != s->driver && s->t[i].nids > TR_SEARCH_DRIVER_IDS;
	int params = k * (1 + filter_params + checks) + (filter_params + checks) + 16;
	return s->n && k <= TR_SEARCH_DRIVER_IDS && params <= TR_QB_MAX;
}

/* A word of several dictionary words (up to TR_SEARCH_DRIVER_IDS) is looked up once per
 * dictionary word, never as "word_id IN (...)" with the ticket's keys from the outer query: that
 * MariaDB reads as a range over every listed word's postings (1M-ticket data, "Steue", a prefix
 * of 38 words: the customer's own ten tickets 190 -> 8 ms; with a 17 % word in the 50,000-ticket
 * organization, 8,500 postings checked, 10.9 s -> 0.7 s). Up to FEW_IDS words a subquery each;
 * more are a table of their ids (JSON_TABLE) joined to the postings by primary key, one subquery
 * whatever their number: as subqueries, a search of two prefixes of 30 and 41 words in the
 * 100k data made a 313 KB statement of 1,271 subqueries whose preparing took most of its 0.5 s. */
#define FEW_IDS 8

/* "JSON_TABLE(...) alias": term t's dictionary words as a table of one column, id. */
static void word_table(tr_qb *b, const tr_search_term *t, const char *alias)
{
	tr_qb_sql(b, "JSON_TABLE('[");
	for (int j = 0; j < t->nids; j++)
		tr_qb_sqlf(b, "%s%lld", j ? "," : "", (long long)t->ids[j]);
	tr_qb_sqlf(b, "]', '$[*]' COLUMNS (id INT UNSIGNED PATH '$')) %s", alias);
}

/* tr_search_sql_exists, for every term but skip and, when joined, the terms of one dictionary
 * word (joined to the postings by join_single instead). */
static void exists_but(tr_qb *b, const tr_search *s, int skip, int joined, const char *tid, const char *upd)
{
	for (int i = 0; i < s->n; i++) {
		const tr_search_term *t = &s->t[i];
		if (i == skip || (joined && t->nids == 1))
			continue;
		/* by primary key: the word, the scope, the ticket's updated_at and id; a scalar
		 * subquery, which the optimizer never turns into a join driven by the postings */
		if (t->nids > 1 && t->nids <= FEW_IDS) {
			tr_qb_sql(b, " AND (");
			for (int j = 0; j < t->nids; j++)
				tr_qb_sqlf(b, "%s(SELECT 1 FROM search_postings e%d_%d FORCE INDEX (PRIMARY) WHERE e%d_%d.word_id = %lld "
					   "AND e%d_%d.scope = %lld AND e%d_%d.updated_at = %s AND e%d_%d.ticket_id = %s) IS NOT NULL",
					   j ? " OR " : "", i, j, i, j, (long long)t->ids[j], i, j, (long long)s->scope, i, j, upd,
					   i, j, tid);
			tr_qb_sql(b, ")");
			continue;
		}
		if (t->nids > 1 && t->nids <= TR_SEARCH_DRIVER_IDS) {
			tr_qb_sql(b, " AND (SELECT 1 FROM ");
			word_table(b, t, tr_fmt("l%d", i));
			tr_qb_sqlf(b, " STRAIGHT_JOIN search_postings e%d FORCE INDEX (PRIMARY) ON e%d.word_id = l%d.id AND "
				   "e%d.scope = %lld AND e%d.updated_at = %s AND e%d.ticket_id = %s LIMIT 1) IS NOT NULL",
				   i, i, i, i, (long long)s->scope, i, upd, i, tid);
			continue;
		}
		tr_qb_sqlf(b, " AND (SELECT 1 FROM search_postings e%d FORCE INDEX (PRIMARY) WHERE ", i);
		tr_search_sql_word_ids(b, t, tr_fmt("e%d.word_id", i));
		tr_qb_sqlf(b, " AND e%d.scope = %lld", i, (long long)s->scope);
		tr_qb_sqlf(b, " AND e%d.updated_at = %s AND e%d.ticket_id = %s LIMIT 1) IS NOT NULL", i, upd, i, tid);
	}
}

void tr_search_sql_exists(tr_qb *b, const tr_search *s, int skip, const char *tid, const char *upd)
{
	exists_but(b, s, skip, 0, tid, upd);
}

/* " STRAIGHT_JOIN ...": each term of one dictionary word besides the driving one, joined to
 * posting p by primary key. In a long read (a count) a join's lookup costs about 60 % of a
 * scalar subquery's (1,715 postings checked: 2.9 ms instead of 4.8, README). */
static void join_single(tr_qb *b, const tr_search *s)
{
	for (int i = 0; i < s->n; i++)
		if (i != s->driver && s->t[i].nids == 1)
			tr_qb_sqlf(b, "STRAIGHT_JOIN search_postings j%d ON j%d.word_id = %lld AND j%d.scope = %lld AND "
				   "j%d.updated_at = p.updated_at AND j%d.ticket_id = p.ticket_id ", i, i,
				   (long long)s->t[i].ids[0], i, (long long)s->scope, i, i);
}

void tr_search_sql_score(tr_qb *b, const tr_search *s, const char *tid, const char *upd)
{
	tr_qb_sql(b, "(0");
	for (int i = 0; i < s->n; i++) {
		const tr_search_term *t = &s->t[i];
		if (t->nids > 1 && t->nids <= FEW_IDS) {
			/* the best of the word's dictionary words, one lookup each (see FEW_IDS) */
			tr_qb_sql(b, " + GREATEST(0");
			for (int j = 0; j < t->nids; j++)
				tr_qb_sqlf(b, ", COALESCE((SELECT w%d_%d.impact FROM search_postings w%d_%d FORCE INDEX (PRIMARY) "
					   "WHERE w%d_%d.word_id = %lld AND w%d_%d.scope = %lld AND w%d_%d.updated_at = %s AND "
					   "w%d_%d.ticket_id = %s), 0)", i, j, i, j, i, j, (long long)t->ids[j], i, j,
					   (long long)s->scope, i, j, upd, i, j, tid);
			tr_qb_sql(b, ")");
			continue;
		}
		if (t->nids > 1 && t->nids <= TR_SEARCH_DRIVER_IDS) {
			tr_qb_sqlf(b, " + COALESCE((SELECT MAX(w%d.impact) FROM ", i);
			word_table(b, t, tr_fmt("l%d", i));
			tr_qb_sqlf(b, " STRAIGHT_JOIN search_postings w%d FORCE INDEX (PRIMARY) ON w%d.word_id = l%d.id AND "
				   "w%d.scope = %lld AND w%d.updated_at = %s AND w%d.ticket_id = %s), 0)",
				   i, i, i, i, (long long)s->scope, i, upd, i, tid);
			continue;
		}
		tr_qb_sqlf(b, " + COALESCE((SELECT MAX(w%d.impact) FROM search_postings w%d FORCE INDEX (PRIMARY) WHERE ", i, i);
		tr_search_sql_word_ids(b, t, tr_fmt("w%d.word_id", i));
		tr_qb_num(b, tr_fmt(" AND w%d.scope = ?", i), s->scope);
		tr_qb_sqlf(b, " AND w%d.updated_at = %s AND w%d.ticket_id = %s), 0)", i, upd, i, tid);
	}
	tr_qb_sql(b, ")");
}

/* One dictionary word's range in the page's order, checked for the other words. */
static void range(tr_qb *b, const tr_search *s, int64_t id, int relevance, int ascending, const tr_search_filter *f)
{
	const char *dir = ascending ? "ASC" : "DESC";
	tr_qb_sqlf(b, "SELECT STRAIGHT_JOIN p.ticket_id, p.%s AS k FROM search_postings p FORCE INDEX (%s) "
		   "%sWHERE p.word_id = %lld",
		   relevance ? "impact" : "updated_at", relevance ? "ix_posting_impact" : "PRIMARY",
		   f ? "JOIN tickets t ON t.id = p.ticket_id " : "", (long long)id);
	tr_qb_sqlf(b, " AND p.scope = %lld", (long long)s->scope);
	if (f)
		f->fn(b, f->ctx);
	tr_search_sql_exists(b, s, s->driver, "p.ticket_id", "p.updated_at");
	tr_qb_sqlf(b, " ORDER BY p.%s %s, p.ticket_id %s", relevance ? "impact" : "updated_at", dir, dir);
}

void tr_search_sql_page(tr_qb *b, const tr_search *s, int relevance, int ascending, int64_t offset, int n,
			const tr_search_filter *f)
{
	const tr_search_term *d = &s->t[s->driver];
	if (d->nids == 1) {
		tr_qb_sql(b, "(");
		range(b, s, d->ids[0], relevance, ascending, f);
		tr_qb_num(b, " LIMIT ?", n);
		tr_qb_num(b, " OFFSET ?) s ", offset);
		return;
	}
	/* Several words begin with the driving one: the page's rows are among the first
	 * offset + n of each word's range; a ticket in several counts once, at its best key. */
	const char *dir = ascending ? "ASC" : "DESC";
	tr_qb_sqlf(b, "(SELECT ticket_id, %s(k) AS k FROM (", ascending ? "MIN" : "MAX");
	for (int i = 0; i < d->nids; i++) {
		tr_qb_sql(b, i ? " UNION ALL (" : "(");
		range(b, s, d->ids[i], relevance, ascending, f);
		tr_qb_num(b, " LIMIT ?)", offset + n);
	}
	tr_qb_sqlf(b, ") u GROUP BY ticket_id ORDER BY k %s, ticket_id %s", dir, dir);
	tr_qb_num(b, " LIMIT ?", n);
	tr_qb_num(b, " OFFSET ?) s ", offset);
}

void tr_search_sql_count(tr_qb *b, const tr_search *s, const tr_search_filter *f)
{
	const tr_search_term *d = &s->t[s->driver];
	/* one dictionary word lists each ticket once: no DISTINCT (and no temporary table) needed */
	tr_qb_sqlf(b, "(SELECT COUNT(*) FROM (SELECT %sSTRAIGHT_JOIN p.ticket_id FROM search_postings p ",
		   d->nids > 1 ? "DISTINCT " : "");
	join_single(b, s);
	tr_qb_sqlf(b, "%sWHERE ", f ? "JOIN tickets t ON t.id = p.ticket_id " : "");
	tr_search_sql_word_ids(b, d, "p.word_id");
	tr_qb_sqlf(b, " AND p.scope = %lld", (long long)s->scope);
	if (f)
		f->fn(b, f->ctx);
	exists_but(b, s, s->driver, 1, "p.ticket_id", "p.updated_at");
	tr_qb_sqlf(b, " LIMIT %d) x)", TR_SEARCH_COUNT_BOUND + 1);
}
