/* hcsearch.c - searching the help centre's posting lists (sql/019_hc_search.sql): /hc/search,
 * /hc/suggest and the new-request form's suggestions share one query shape.
 *
 * A page's rows come from the lists in rank order (title hits first, then BM25 relevance). With
 * every word required (the search page) the rarest word's lists drive and the others are looked
 * up by primary key; with any word (suggestions) each word's lists are read. Either way each
 * dictionary word a typed word begins is one index range cut by LIMIT, so the cost follows the
 * page, not how many articles hold the word. A one-word search is counted, per section too, from
 * hc_word_sections (exact at any size); other counts are exact up to TR_SEARCH_COUNT_BOUND.
 *
 * Every statement may be answered from the query cache: the lists change only when an article
 * does, and any write to a table a statement read empties the cache of it, so a repeated search
 * (most are: visitors type the same few problems) costs MariaDB a lookup, never a stale answer. */
#include "hc/hc.h"
#include "hc/article.h"
#include "hc/hcindex.h"
#include "core/log.h"
#include "core/pool.h"
#include "db/qbuild.h"
#include "search/postings.h"

#include <string.h>

/* Shorter words match only themselves: "ab" or "im" would begin half of the help centre. */
#define EXACT_BELOW 4
/* Queued articles indexed before one search at most: a burst of edits is spread over searches. */
#define INDEX_BATCH 100
#define MAX_FACETS 50
/* A required word of at most this many dictionary words is checked by one lookup each. */
#define FEW_IDS 8
/* Any of several words: the best of each word's ranges ranked by all the words they hold. */
#define CANDIDATES 50

typedef struct hc_search {
	tr_search s;
	int scope;            /* 0 what visitors may read, 1 signed-in readers */
	int all;              /* every word required */
	int ids[TR_SEARCH_MAX_TERMS];    /* the driving terms (all: the rarest; any: every term) */
	int nterms;
	int ranges;           /* their dictionary words, when each can be a range of its own; else 0 */
} hc_search;

/* Reads the dictionary for what was typed. 1 when something can match, 0 when nothing, <0. */
static int prepare(const tr_hc_query *hq, hc_search *h)
{
	memset(h, 0, sizeof(*h));
	h->scope = hq->level >= TR_HC_MEMBER;
	h->all = hq->all_words;
	tr_search_where w = { .postings = "hc_postings", .scope = h->scope, .driver = h->all, .exact_below = EXACT_BELOW,
			      .present_only = 1, .queue = "hc_search_queue", .word_counts = "hc_word_sections",
			      .count_column = "articles", .cache = 1 };
	int rc = tr_search_prepare_in(hq->typed, &w, &h->s);
	/* articles written since the last search are indexed first (the queue is asked in the same
	 * statement), and the dictionary read again: the lists never lag a change */
	if (rc >= 0 && h->s.queued) {
		if (tr_hc_index_pending(INDEX_BATCH) < 0)
			tr_warn("help-centre search: the queue was not indexed; searching the lists as they are");
		w.queue = NULL;
		rc = tr_search_prepare_in(hq->typed, &w, &h->s);
	}
	if (rc < 0 || !h->s.n)
		return rc;
	for (int i = 0; i < h->s.n; i++)
		if (h->all ? i == h->s.driver : h->s.t[i].nids > 0)
			h->ids[h->nterms++] = i;
	if ((h->all && h->s.none) || !h->nterms)
		return 0;
	for (int i = 0; i < h->nterms; i++)
		h->ranges += h->s.t[h->ids[i]].nids;
	/* each range binds the section and, for a required word of many dictionary words, its pattern */
	int per_range = hq->section != 0;
	for (int i = 0; h->all && i < h->s.n; i++)
		per_range += i != h->s.driver && h->s.t[i].nids > TR_SEARCH_DRIVER_IDS;
	if (h->ranges > TR_SEARCH_DRIVER_IDS || h->ranges * per_range > TR_QB_MAX / 2)
		h->ranges = 0;
	return 1;
}

/* " AND ...": the article of posting p holds every required word besides the driving one, each
 * checked as a scalar subquery (the optimizer never turns it into a join). A word of a few
 * dictionary words by primary key, one lookup each (MariaDB reads "word_id IN (...) AND article_id
 * = p.article_id" as a range over every listed word's postings); of many, among the article's own. */
static void others_but(tr_qb *b, const hc_search *h, int joined)
{
	if (!h->all)
		return;
	for (int i = 0; i < h->s.n; i++) {
		const tr_search_term *t = &h->s.t[i];
		if (i == h->s.driver || (joined && t->nids == 1))
			continue;
		if (t->nids <= FEW_IDS) {
			tr_qb_sql(b, " AND (");
			for (int j = 0; j < t->nids; j++)
				tr_qb_sqlf(b, "%s(SELECT 1 FROM hc_postings e%d_%d FORCE INDEX (PRIMARY) WHERE e%d_%d.word_id = %lld "
					   "AND e%d_%d.scope = %d AND e%d_%d.article_id = p.article_id) IS NOT NULL", j ? " OR " : "",
					   i, j, i, j, (long long)t->ids[j], i, j, h->scope, i, j);
			tr_qb_sql(b, ")");
			continue;
		}
		tr_qb_sqlf(b, " AND (SELECT 1 FROM hc_postings e%d FORCE INDEX (ix_hc_posting_article) "
			   "WHERE e%d.article_id = p.article_id AND e%d.scope = %d AND ", i, i, i, h->scope);
		tr_search_sql_word_ids(b, t, tr_fmt("e%d.word_id", i));
		tr_qb_sql(b, " LIMIT 1) IS NOT NULL");
	}
}

static void others(tr_qb *b, const hc_search *h)
{
	others_but(b, h, 0);
}

/* " STRAIGHT_JOIN ...": each required word of one dictionary word besides the driving one, joined
 * to posting p by primary key (in a long bounded read a join's lookup costs a fraction of a
 * subquery's); others_but(b, h, 1) checks the rest. */
static void others_joined(tr_qb *b, const hc_search *h)
{
	for (int i = 0; h->all && i < h->s.n; i++)
		if (i != h->s.driver && h->s.t[i].nids == 1)
			tr_qb_sqlf(b, " STRAIGHT_JOIN hc_postings j%d ON j%d.word_id = %lld AND j%d.scope = %d AND "
				   "j%d.article_id = p.article_id", i, i, (long long)h->s.t[i].ids[0], i, h->scope, i);
}

/* "(...)": posting p is of a driving word. */
static void driving(tr_qb *b, const hc_search *h)
{
	tr_qb_sql(b, "(");
	for (int i = 0; i < h->nterms; i++) {
		tr_qb_sql(b, i ? " OR " : "");
		tr_search_sql_word_ids(b, &h->s.t[h->ids[i]], "p.word_id");
	}
	tr_qb_sql(b, ")");
}

/* One dictionary word's postings in rank order, of the section if one is given. */
static void range(tr_qb *b, const hc_search *h, int64_t word, int64_t section)
{
	tr_qb_sqlf(b, "SELECT p.article_id, p.score AS k FROM hc_postings p FORCE INDEX (%s) "
		   "WHERE p.word_id = %lld AND p.scope = %d",
		   section ? "ix_hc_posting_section" : "ix_hc_posting_rank", (long long)word, h->scope);
	if (section)
		tr_qb_num(b, " AND p.section_id = ?", section);
	others(b, h);
	tr_qb_sql(b, " ORDER BY p.score DESC, p.article_id DESC");
}

/* The rows of the driving words' ranges in rank order, each cut at cut: an article in several
 * ranges counts once, at its best rank (columns article_id, k). */
static void best_of_ranges(tr_qb *b, const hc_search *h, int64_t section, int cut)
{
	tr_qb_sql(b, "SELECT article_id, MAX(k) AS k FROM (");
	if (h->ranges) {
		int any = 0;
		for (int i = 0; i < h->nterms; i++) {
			const tr_search_term *t = &h->s.t[h->ids[i]];
			for (int j = 0; j < t->nids; j++) {
				tr_qb_sql(b, any++ ? " UNION ALL (" : "(");
				range(b, h, t->ids[j], section);
				tr_qb_sqlf(b, " LIMIT %d)", cut);
			}
		}
	} else {
		/* a short prefix of many words: their postings together */
		tr_qb_sql(b, "SELECT p.article_id, p.score AS k FROM hc_postings p WHERE ");
		driving(b, h);
		tr_qb_sqlf(b, " AND p.scope = %d", h->scope);
		if (section)
			tr_qb_num(b, " AND p.section_id = ?", section);
		others(b, h);
	}
	tr_qb_sql(b, ") u GROUP BY article_id ORDER BY k DESC, article_id DESC");
}

/* The rank of candidate c.article_id over every typed word: the sum of each word's best. */
static void score_sum(tr_qb *b, const hc_search *h)
{
	tr_qb_sql(b, "(0");
	for (int i = 0; i < h->s.n; i++) {
		if (!h->s.t[i].nids)
			continue;
		tr_qb_sqlf(b, " + COALESCE((SELECT MAX(w%d.score) FROM hc_postings w%d WHERE ", i, i);
		tr_search_sql_word_ids(b, &h->s.t[i], tr_fmt("w%d.word_id", i));
		tr_qb_sqlf(b, " AND w%d.scope = %d AND w%d.article_id = c.article_id), 0)", i, h->scope, i);
	}
	tr_qb_sql(b, ")");
}

/* A derived table "(...) m" of the page's article ids (article_id) and ranks (k). Every word
 * required: the driving word's rank, exact for every page (the page's rows are among the first
 * offset + n of each of its ranges). Any word of several: the best candidates of each word's
 * ranges, ranked by all the words they hold, so an article with both words comes first. */
static void page_ids(tr_qb *b, const hc_search *h, int64_t section, int offset, int n)
{
	if (h->ranges == 1) {
		tr_qb_sql(b, "(");
		range(b, h, h->s.t[h->ids[0]].ids[0], section);
		tr_qb_sqlf(b, " LIMIT %d OFFSET %d) m", n, offset);
		return;
	}
	if (h->all || h->s.n == 1) {
		tr_qb_sql(b, "(");
		best_of_ranges(b, h, section, offset + n);
		tr_qb_sqlf(b, " LIMIT %d OFFSET %d) m", n, offset);
		return;
	}
	int cut = offset + n > CANDIDATES ? offset + n : CANDIDATES;
	tr_qb_sql(b, "(SELECT c.article_id, ");
	score_sum(b, h);
	tr_qb_sql(b, " AS k FROM (");
	best_of_ranges(b, h, section, cut);
	tr_qb_sqlf(b, " LIMIT %d) c ORDER BY k DESC, c.article_id DESC LIMIT %d OFFSET %d) m", cut, n, offset);
}

/* "(...) x": the matching articles (article_id, section_id), up to the count bound and one more. */
static void matches(tr_qb *b, const hc_search *h, int64_t section)
{
	tr_qb_sqlf(b, "(SELECT %sp.article_id, p.section_id FROM hc_postings p", h->ranges == 1 ? "" : "DISTINCT ");
	others_joined(b, h);
	tr_qb_sql(b, " WHERE ");
	driving(b, h);
	tr_qb_sqlf(b, " AND p.scope = %d", h->scope);
	if (section)
		tr_qb_num(b, " AND p.section_id = ?", section);
	others_but(b, h, 1);
	tr_qb_sqlf(b, " LIMIT %d) x", TR_SEARCH_COUNT_BOUND + 1);
}

/* Up to n hits from offset, read with the article rows (the visibility rule checked on them too). */
static int read_hits(const hc_search *h, const tr_hc_query *hq, int offset, int n, tr_hc_hit **out)
{
	tr_qb b;
	tr_qb_init(&b);
	tr_qb_sql(&b, "SELECT SQL_CACHE a.id, a.section_id, a.title, s.name, LEFT(a.body_text, 3000) FROM ");
	page_ids(&b, h, hq->section, offset, n);
	/* the page's rows first, then their articles and sections by primary key */
	tr_qb_sqlf(&b, " STRAIGHT_JOIN hc_articles a ON a.id = m.article_id STRAIGHT_JOIN hc_sections s "
		   "ON s.id = a.section_id WHERE a.published = 1 AND (a.visibility = 'everyone' OR %d = 1) "
		   "ORDER BY m.k DESC, m.article_id DESC", h->scope);
	tr_q *q;
	int rc = tr_qb_exec(&b, &q);
	if (rc < 0)
		return rc;
	tr_hc_hit *hits = tr_zalloc(sizeof(*hits) * (size_t)n);
	int got = 0;
	while (got < n && (rc = tr_q_next(q)) > 0) {
		hits[got].id = tr_q_l(q, 0);
		hits[got].section_id = tr_q_l(q, 1);
		hits[got].title = tr_q_dup(q, 2);
		hits[got].section_name = tr_q_dup(q, 3);
		hits[got].snippet = tr_snippet(tr_q_s(q, 4), hq->typed, 200);
		got++;
	}
	tr_q_end(q);
	for (int i = 0; i < got; i++) {
		hits[i].snippet_html = tr_hc_mark(hits[i].snippet, hq->typed);
		hits[i].title_html = tr_hc_mark(hits[i].title, hq->typed);
	}
	*out = hits;
	return rc < 0 ? rc : got;
}

int tr_hc_search(const tr_hc_query *hq, tr_hc_hit **out)
{
	*out = NULL;
	hc_search h;
	int rc = prepare(hq, &h);
	if (rc <= 0)
		return rc;
	return read_hits(&h, hq, hq->offset > 0 ? hq->offset : 0, hq->limit > 0 ? hq->limit : 10, out);
}

static int count(const hc_search *h, int64_t section, int64_t *total)
{
	tr_qb b;
	tr_qb_init(&b);
	tr_qb_sql(&b, "SELECT SQL_CACHE COUNT(*) FROM ");
	matches(&b, h, section);
	tr_q *q;
	int rc = tr_qb_exec(&b, &q);
	if (rc < 0)
		return rc;
	if ((rc = tr_q_next(q)) > 0)
		*total = tr_q_l(q, 0);
	tr_q_end(q);
	return rc < 0 ? rc : 0;
}

/* The matches per section, without the section filter: counted when there are at most the bound
 * in all (counted 1), else the sections that hold any. Count or <0. */
static int facets(const hc_search *h, int counted, tr_hc_facet **out)
{
	*out = tr_zalloc(sizeof(**out) * MAX_FACETS);
	tr_qb b;
	tr_qb_init(&b);
	if (counted) {
		tr_qb_sql(&b, "SELECT SQL_CACHE hc_sections.id, hc_sections.name, x.n FROM (SELECT section_id, COUNT(*) AS n FROM ");
		matches(&b, h, 0);
		tr_qb_sqlf(&b, " GROUP BY section_id) x STRAIGHT_JOIN hc_sections ON hc_sections.id = x.section_id "
			   "ORDER BY x.n DESC, hc_sections.name LIMIT %d", MAX_FACETS);
	} else if (!h->ranges) {
		tr_qb_sql(&b, "SELECT SQL_CACHE id, name, 0 FROM hc_sections WHERE EXISTS (SELECT 1 FROM hc_postings p WHERE ");
		driving(&b, h);
		tr_qb_sqlf(&b, " AND p.scope = %d AND p.section_id = hc_sections.id", h->scope);
		others(&b, h);
		tr_qb_sqlf(&b, ") ORDER BY name LIMIT %d", MAX_FACETS);
	} else {
		/* too many to count: each section asked for a match, one lookup per dictionary word (with
		 * "word_id IN (...)" MariaDB would read every listed word's postings for each section, the
		 * outer reference left out of the range) */
		tr_qb_sql(&b, "SELECT SQL_CACHE id, name, 0 FROM hc_sections WHERE (");
		int any = 0;
		for (int i = 0; i < h->nterms; i++) {
			const tr_search_term *t = &h->s.t[h->ids[i]];
			for (int j = 0; j < t->nids; j++) {
				tr_qb_sqlf(&b, "%s(SELECT 1 FROM hc_postings p FORCE INDEX (ix_hc_posting_section) WHERE "
					   "p.word_id = %lld AND p.scope = %d AND p.section_id = hc_sections.id", any++ ? " OR " : "",
					   (long long)t->ids[j], h->scope);
				others(&b, h);
				tr_qb_sql(&b, " LIMIT 1) IS NOT NULL");
			}
		}
		tr_qb_sqlf(&b, ") ORDER BY name LIMIT %d", MAX_FACETS);
	}
	tr_q *q;
	int rc = tr_qb_exec(&b, &q), n = 0;
	if (rc < 0)
		return rc;
	for (; n < MAX_FACETS && (rc = tr_q_next(q)) > 0; n++)
		(*out)[n] = (tr_hc_facet){ tr_q_l(q, 0), tr_q_dup(q, 1), tr_q_l(q, 2) };
	tr_q_end(q);
	return rc < 0 ? rc : n;
}

/* One word of one dictionary word: its count and its count per section read from
 * hc_word_sections, exact at any size. 0 or <0. */
static int counted(const hc_search *h, int64_t section, tr_hc_found *f)
{
	f->facets = tr_zalloc(sizeof(*f->facets) * MAX_FACETS);
	f->facet_counts = 1;
	tr_q *q = tr_q_new("SELECT SQL_CACHE hc_sections.id, hc_sections.name, c.articles FROM hc_word_sections c "
			   "STRAIGHT_JOIN hc_sections ON hc_sections.id = c.section_id WHERE c.word_id = ? AND c.scope = ? "
			   "AND c.articles > 0 ORDER BY c.articles DESC, hc_sections.name");
	tr_q_i64(q, h->s.t[0].ids[0]);
	tr_q_i64(q, h->scope);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	while ((rc = tr_q_next(q)) > 0) {
		int64_t id = tr_q_l(q, 0), n = tr_q_l(q, 2);
		if (!section || id == section)
			f->total += n;
		if (f->nfacets < MAX_FACETS)
			f->facets[f->nfacets++] = (tr_hc_facet){ id, tr_q_dup(q, 1), n };
	}
	tr_q_end(q);
	return rc < 0 ? rc : 0;
}

int tr_hc_search_page(const tr_hc_query *hq, tr_hc_found *f)
{
	memset(f, 0, sizeof(*f));
	hc_search h;
	int rc = prepare(hq, &h);
	if (rc <= 0)
		return rc;
	int limit = hq->limit > 0 ? hq->limit : 10, offset = hq->offset > 0 ? hq->offset : 0;
	/* one row more than the page: whether a next one exists, whatever the count says */
	if ((rc = read_hits(&h, hq, offset, limit + 1, &f->hits)) < 0)
		return rc;
	f->more_pages = rc > limit;
	f->n = rc > limit ? limit : rc;
	if (h.s.n == 1 && h.ranges == 1)
		return counted(&h, hq->section, f);
	/* counting first (a bounded index range), then per section: grouping only what was counted */
	int64_t all = 0;
	if ((rc = count(&h, 0, &all)) < 0)
		return rc;
	f->facet_counts = all <= TR_SEARCH_COUNT_BOUND;
	if ((rc = f->nfacets = facets(&h, f->facet_counts, &f->facets)) < 0)
		return rc;
	f->total = all;
	if (hq->section && (rc = count(&h, hq->section, &f->total)) < 0)
		return rc;
	if (f->total > TR_SEARCH_COUNT_BOUND) {
		f->total = TR_SEARCH_COUNT_BOUND;
		f->total_more = 1;
	}
	return 0;
}

/* suggestions while a request is written (R-NEW 4): the search page's query with any of the words */
int tr_article_suggest(const char *typed, int signed_in, int limit, tr_article_hit **out)
{
	*out = NULL;
	/* any of the words, ranked: an article need not contain all to help */
	tr_hc_query hq = { .typed = typed, .level = signed_in ? TR_HC_MEMBER : TR_HC_VISITOR, .limit = limit };
	tr_hc_hit *found = NULL;
	int n = tr_hc_search(&hq, &found);
	if (n <= 0)
		return n;
	tr_article_hit *hits = tr_zalloc(sizeof(*hits) * (size_t)n);
	for (int i = 0; i < n; i++) {
		hits[i].id = found[i].id;
		hits[i].title = found[i].title;
		hits[i].snippet = tr_snippet(found[i].snippet, typed, 160);
	}
	*out = hits;
	return n;
}
