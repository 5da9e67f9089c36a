/* hc.c - reading the help centre: the visibility rule, categories, sections, articles, notices, search, votes, pages. */
#include "hc/hc.h"
#include "hc/article.h"
#include "core/pool.h"
#include "core/text.h"
#include "core/util.h"
#include "db/db.h"
#include "search/search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* the rule of every list, in SQL: the level is bound once as ? */
#define READABLE "a.published = 1 AND (a.visibility = 'everyone' OR ? >= 1)"

enum tr_hc_level tr_hc_level_of(const tr_user *u)
{
	if (!u)
		return TR_HC_VISITOR;
	if (u->is_agent || u->is_admin)
		return TR_HC_STAFF;
	return u->confirmed ? TR_HC_MEMBER : TR_HC_VISITOR;
}

int tr_hc_may_read(enum tr_hc_level level, const tr_hc_article *a)
{
	if (level >= TR_HC_STAFF)
		return 1;
	if (!a->published)
		return 0;
	return a->everyone || level >= TR_HC_MEMBER;
}

#define ARTICLE_COLUMNS \
	"a.id, a.section_id, s.category_id, COALESCE(a.author_id, 0), a.title, a.body, a.body_text, a.labels, " \
	"COALESCE(a.source, a.body), a.source_format, s.name, c.name, COALESCE(au.name, ''), COALESCE(ub.name, ''), " \
	"DATE_FORMAT(a.created_at, '%Y-%m-%d %H:%i:%s'), DATE_FORMAT(a.updated_at, '%Y-%m-%d %H:%i:%s'), " \
	"DATE_FORMAT(a.urgent_until, '%Y-%m-%dT%H:%i'), a.visibility = 'everyone', a.is_notice, a.published, " \
	"a.promoted, a.position, a.helpful_yes, a.helpful_no"

int tr_hc_article_load(int64_t id, tr_hc_article *out)
{
	memset(out, 0, sizeof(*out));
	/* articles are read far more often than written: the query cache answers until one changes */
	tr_q *q = tr_q_new("SELECT SQL_CACHE " ARTICLE_COLUMNS " FROM hc_articles a JOIN hc_sections s ON s.id = a.section_id "
			   "JOIN hc_categories c ON c.id = s.category_id LEFT JOIN users au ON au.id = a.author_id "
			   "LEFT JOIN users ub ON ub.id = a.updated_by WHERE a.id = ?");
	tr_q_i64(q, id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	rc = tr_q_next(q);
	if (rc > 0) {
		int c = 0;
		out->id = tr_q_l(q, c++);
		out->section_id = tr_q_l(q, c++);
		out->category_id = tr_q_l(q, c++);
		out->author_id = tr_q_l(q, c++);
		out->title = tr_q_dup(q, c++);
		out->body = tr_q_dup(q, c++);
		out->body_text = tr_q_dup(q, c++);
		out->labels = tr_q_dup(q, c++);
		out->source = tr_q_dup(q, c++);
		out->source_format = tr_q_dup(q, c++);
		out->section_name = tr_q_dup(q, c++);
		out->category_name = tr_q_dup(q, c++);
		out->author_name = tr_q_dup(q, c++);
		out->updated_by_name = tr_q_dup(q, c++);
		out->created_at = tr_q_dup(q, c++);
		out->updated_at = tr_q_dup(q, c++);
		out->urgent_until = tr_q_dup(q, c++);
		out->everyone = (int)tr_q_l(q, c++);
		out->is_notice = (int)tr_q_l(q, c++);
		out->published = (int)tr_q_l(q, c++);
		out->promoted = (int)tr_q_l(q, c++);
		out->position = (int)tr_q_l(q, c++);
		out->helpful_yes = (int)tr_q_l(q, c++);
		out->helpful_no = (int)tr_q_l(q, c++);
	}
	tr_q_end(q);
	return rc < 0 ? rc : rc > 0;
}

/* The categories' rows (id, name, description, ...) of an executed q; probe: the sections'
 * version columns 3-5 of the first row read into it (NULL: none). */
typedef struct sections_probe {
	int64_t max_id, nsections;
	char max_updated[24];
	int read;
} sections_probe;

static void probe_read(tr_q *q, int col, sections_probe *p)
{
	p->max_id = tr_q_l(q, col);
	snprintf(p->max_updated, sizeof(p->max_updated), "%s", tr_q_s(q, col + 1) ? tr_q_s(q, col + 1) : "");
	p->nsections = tr_q_l(q, col + 2);
	p->read = 1;
}

static int categories_read(tr_q *q, tr_hc_category **out, sections_probe *probe)
{
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int n = 0, cap = 16;
	tr_hc_category *v = tr_zalloc(sizeof(*v) * (size_t)cap);
	while ((rc = tr_q_next(q)) > 0) {
		v = tr_pool_grow(v, sizeof(*v), n, &cap);
		v[n].id = tr_q_l(q, 0);
		v[n].name = tr_q_dup(q, 1);
		v[n].description = tr_q_dup(q, 2);
		if (probe && !n)
			probe_read(q, 3, probe);
		n++;
	}
	tr_q_end(q);
	*out = v;
	return rc < 0 ? rc : n;
}

int tr_hc_categories(tr_hc_category **out)
{
	*out = NULL;
	return categories_read(tr_q_new("SELECT id, name, description FROM hc_categories ORDER BY sort, name"), out, NULL);
}

/* The sections with their counts, per level, kept per process while the articles do not change:
 * /hc would otherwise count every article on every request. MAX(id) and MAX(updated_at) are read
 * from the ends of two indexes; a new, changed or (through the editor) hidden article moves one. */
static struct {
	int64_t max_id;
	char max_updated[24];
	int n;
	tr_hc_section *v;    /* heap */
} sections_cache[3];

static void cache_free(int level)
{
	for (int i = 0; i < sections_cache[level].n; i++) {
		free(TR_UNCONST(sections_cache[level].v[i].name));
		free(TR_UNCONST(sections_cache[level].v[i].description));
		free(TR_UNCONST(sections_cache[level].v[i].category_name));
	}
	free(sections_cache[level].v);
	sections_cache[level].v = NULL;
	sections_cache[level].n = 0;
	sections_cache[level].max_id = -1;
}

static int sections_read(enum tr_hc_level level, tr_hc_section **out)
{
	tr_q *q = tr_q_new("SELECT SQL_CACHE s.id, s.category_id, s.name, s.description, c.name, "
			   "(SELECT COUNT(*) FROM hc_articles a WHERE a.section_id = s.id AND " READABLE ") "
			   "FROM hc_sections s JOIN hc_categories c ON c.id = s.category_id ORDER BY c.sort, s.sort, s.name");
	tr_q_i64(q, level);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int n = 0, cap = 32;
	tr_hc_section *v = tr_zalloc(sizeof(*v) * (size_t)cap);
	while ((rc = tr_q_next(q)) > 0) {
		v = tr_pool_grow(v, sizeof(*v), n, &cap);
		v[n].id = tr_q_l(q, 0);
		v[n].category_id = tr_q_l(q, 1);
		v[n].name = tr_q_dup(q, 2);
		v[n].description = tr_q_dup(q, 3);
		v[n].category_name = tr_q_dup(q, 4);
		v[n].articles = (int)tr_q_l(q, 5);
		n++;
	}
	tr_q_end(q);
	*out = v;
	return rc < 0 ? rc : n;
}

/* What tells whether the sections' counts changed, as columns (the ends of two indexes). */
#define SECTIONS_PROBE "COALESCE(MAX(id), 0), COALESCE(DATE_FORMAT(MAX(updated_at), '%Y-%m-%d %H:%i:%s'), ''), " \
	"(SELECT COUNT(*) FROM hc_sections) FROM hc_articles"

/* The sections at a level: the process's copy while the probe matches it, else read afresh. */
static int sections_cached(enum tr_hc_level level, const sections_probe *p, tr_hc_section **out)
{
	int lv = level < 0 ? 0 : level > 2 ? 2 : (int)level;
	if (p->read && sections_cache[lv].v && sections_cache[lv].max_id == p->max_id &&
	    sections_cache[lv].n == p->nsections && !strcmp(sections_cache[lv].max_updated, p->max_updated)) {
		int n = sections_cache[lv].n;
		tr_hc_section *v = tr_zalloc(sizeof(*v) * (size_t)(n ? n : 1));
		memcpy(v, sections_cache[lv].v, sizeof(*v) * (size_t)n);
		*out = v;
		return n;
	}
	tr_hc_section *v = NULL;
	int n = sections_read(level, &v);
	if (n < 0)
		return n;
	cache_free(lv);
	if (!p->read)
		return *out = v, n;          /* nothing to check a copy against later */
	sections_cache[lv].v = tr_xcalloc((size_t)(n ? n : 1), sizeof(*v));
	for (int i = 0; i < n; i++) {
		sections_cache[lv].v[i] = v[i];
		sections_cache[lv].v[i].name = tr_xstrdup(v[i].name);
		sections_cache[lv].v[i].description = tr_xstrdup(v[i].description ? v[i].description : "");
		sections_cache[lv].v[i].category_name = tr_xstrdup(v[i].category_name);
	}
	sections_cache[lv].n = n;
	sections_cache[lv].max_id = p->max_id;
	snprintf(sections_cache[lv].max_updated, sizeof(sections_cache[lv].max_updated), "%s", p->max_updated);
	*out = v;
	return n;
}

int tr_hc_sections(enum tr_hc_level level, tr_hc_section **out)
{
	*out = NULL;
	sections_probe p = { 0 };
	tr_q *q = tr_q_new("SELECT " SECTIONS_PROBE);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	if ((rc = tr_q_next(q)) > 0)
		probe_read(q, 0, &p);
	tr_q_end(q);
	if (rc < 0)
		return rc;
	return sections_cached(level, &p, out);
}

int tr_hc_tree(enum tr_hc_level level, tr_hc_category **cats, tr_hc_section **secs, int *nsecs)
{
	*cats = NULL;
	*secs = NULL;
	*nsecs = 0;
	sections_probe p = { 0 };
	/* the probe rides along with the categories: one statement where two were */
	int nc = categories_read(tr_q_new("SELECT SQL_CACHE c.id, c.name, c.description, p.* FROM hc_categories c "
					  "JOIN (SELECT " SECTIONS_PROBE ") p ORDER BY c.sort, c.name"), cats, &p);
	if (nc <= 0)
		return nc;
	int ns = sections_cached(level, &p, secs);
	if (ns < 0)
		return ns;
	*nsecs = ns;
	return nc;
}

int tr_hc_section_load(int64_t id, tr_hc_section *out)
{
	memset(out, 0, sizeof(*out));
	tr_q *q = tr_q_new("SELECT s.id, s.category_id, s.name, s.description, c.name FROM hc_sections s "
			   "JOIN hc_categories c ON c.id = s.category_id WHERE s.id = ?");
	tr_q_i64(q, id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	rc = tr_q_next(q);
	if (rc > 0) {
		out->id = tr_q_l(q, 0);
		out->category_id = tr_q_l(q, 1);
		out->name = tr_q_dup(q, 2);
		out->description = tr_q_dup(q, 3);
		out->category_name = tr_q_dup(q, 4);
	}
	tr_q_end(q);
	return rc < 0 ? rc : rc > 0;
}

/* Rows of id, section_id, title, section name, LEFT(body_text), updated_at, everyone, published. */
static void item_read(tr_q *q, tr_hc_item *v)
{
	v->id = tr_q_l(q, 0);
	v->section_id = tr_q_l(q, 1);
	v->title = tr_q_dup(q, 2);
	v->section_name = tr_q_dup(q, 3);
	v->summary = tr_snippet(tr_q_s(q, 4), NULL, 180);
	v->updated_at = tr_q_dup(q, 5);
	v->everyone = (int)tr_q_l(q, 6);
	v->published = (int)tr_q_l(q, 7);
}

static int read_items(tr_q *q, int limit, tr_hc_item **out)
{
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	tr_hc_item *v = tr_zalloc(sizeof(*v) * (size_t)(limit > 0 ? limit : 1));
	int n = 0;
	while (n < limit && (rc = tr_q_next(q)) > 0)
		item_read(q, &v[n++]);
	tr_q_end(q);
	*out = v;
	return rc < 0 ? rc : n;
}

#define ITEM_COLUMNS "a.id, a.section_id, a.title, s.name, LEFT(a.body_text, 400), " \
	"DATE_FORMAT(a.updated_at, '%Y-%m-%d %H:%i:%s'), a.visibility = 'everyone', a.published"

int tr_hc_section_articles(int64_t section, enum tr_hc_level level, int offset, int limit, tr_hc_item **out,
			   int64_t *total)
{
	*out = NULL;
	int staff = level >= TR_HC_STAFF;
	if (total) {
		int rc = staff ? tr_db_int(total, "SELECT COUNT(*) FROM hc_articles a WHERE a.section_id = ?", "l", section)
			       : tr_db_int(total, "SELECT COUNT(*) FROM hc_articles a WHERE a.section_id = ? AND " READABLE,
					   "li", section, (int)level);
		if (rc < 0)
			return rc;
	}
	/* readers: the section's published articles in index order (section, published, position, title);
	 * staff see drafts too, at the end */
	tr_q *q = staff ? tr_q_new("SELECT SQL_CACHE " ITEM_COLUMNS " FROM hc_articles a JOIN hc_sections s ON s.id = a.section_id "
				   "WHERE a.section_id = ? ORDER BY a.published DESC, a.position, a.title LIMIT ? OFFSET ?")
			: tr_q_new("SELECT SQL_CACHE " ITEM_COLUMNS " FROM hc_articles a JOIN hc_sections s ON s.id = a.section_id "
				   "WHERE a.section_id = ? AND " READABLE " ORDER BY a.position, a.title LIMIT ? OFFSET ?");
	tr_q_i64(q, section);
	if (!staff)
		tr_q_i64(q, level);
	tr_q_i64(q, limit);
	tr_q_i64(q, offset);
	return read_items(q, limit, out);
}

int tr_hc_promoted(enum tr_hc_level level, int limit, tr_hc_item **out)
{
	tr_q *q = tr_q_new("SELECT " ITEM_COLUMNS " FROM hc_articles a JOIN hc_sections s ON s.id = a.section_id "
			   "WHERE a.promoted = 1 AND " READABLE " ORDER BY a.updated_at DESC LIMIT ?");
	tr_q_i64(q, level);
	tr_q_i64(q, limit);
	return read_items(q, limit, out);
}

int tr_hc_front(enum tr_hc_level level, int npromoted, tr_hc_item **promoted, int *np, int nnotices,
		tr_hc_item **notices, int *nn)
{
	/* both lists in one statement: each part in its own order, UNION ALL returns them one after
	 * the other; column 8 says which. From the query cache while no article changes: the front
	 * page is the help centre's most read. */
	tr_q *q = tr_q_new("(SELECT SQL_CACHE " ITEM_COLUMNS ", 0 FROM hc_articles a JOIN hc_sections s ON s.id = a.section_id "
			   "WHERE a.promoted = 1 AND " READABLE " ORDER BY a.updated_at DESC LIMIT ?) UNION ALL "
			   "(SELECT " ITEM_COLUMNS ", 1 FROM hc_articles a JOIN hc_sections s ON s.id = a.section_id "
			   "WHERE a.is_notice = 1 AND a.published = 1 AND a.visibility = 'everyone' "
			   "ORDER BY a.updated_at DESC LIMIT ?)");
	tr_q_i64(q, level);
	tr_q_i64(q, npromoted);
	tr_q_i64(q, nnotices);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	*promoted = tr_zalloc(sizeof(tr_hc_item) * (size_t)(npromoted > 0 ? npromoted : 1));
	*notices = tr_zalloc(sizeof(tr_hc_item) * (size_t)(nnotices > 0 ? nnotices : 1));
	*np = *nn = 0;
	while ((rc = tr_q_next(q)) > 0) {
		int notice = (int)tr_q_l(q, 8);
		if (notice ? *nn < nnotices : *np < npromoted)
			item_read(q, notice ? &(*notices)[(*nn)++] : &(*promoted)[(*np)++]);
	}
	tr_q_end(q);
	return rc < 0 ? rc : 0;
}

int tr_hc_notices(int limit, tr_hc_item **out)
{
	tr_q *q = tr_q_new("SELECT " ITEM_COLUMNS " FROM hc_articles a JOIN hc_sections s ON s.id = a.section_id "
			   "WHERE a.is_notice = 1 AND a.published = 1 AND a.visibility = 'everyone' "
			   "ORDER BY a.updated_at DESC LIMIT ?");
	tr_q_i64(q, limit);
	return read_items(q, limit, out);
}

/* ---- highlighting ---- */

typedef struct mark_words {
	const char *w[TR_SEARCH_MAX_TERMS];
	size_t n[TR_SEARCH_MAX_TERMS];
	int count;
} mark_words;

static void collect(void *ctx, const char *w, size_t n)
{
	mark_words *m = ctx;
	if (m->count < TR_SEARCH_MAX_TERMS && n >= 2) {
		m->w[m->count] = w;
		m->n[m->count] = n;
		m->count++;
	}
}

static int word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* HTML-escaped; the runs between special characters copied whole */
static void esc_into(tr_buf *b, const char *s, size_t n)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		const char *e;
		switch (s[i]) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = "&quot;"; break;
		case '\'': e = "&#39;"; break;
		default: continue;
		}
		tr_buf_add(b, s + run, i - run);
		tr_buf_adds(b, e);
		run = i + 1;
	}
	tr_buf_add(b, s + run, n - run);
}

char *tr_hc_mark(const char *text, const char *typed)
{
	if (!text)
		return tr_strdup("");
	mark_words m = { .count = 0 };
	if (typed)
		tr_search_words(typed, collect, &m);
	tr_buf b;
	tr_buf_init(&b);
	/* word by word: a word is marked whole when a typed word begins it; word bytes need no
	 * escaping, the text between words does */
	const char *p = text;
	while (*p) {
		size_t len = 0;
		if (!word_byte((unsigned char)*p)) {
			while (p[len] && !word_byte((unsigned char)p[len]))
				len++;
			esc_into(&b, p, len);
			p += len;
			continue;
		}
		while (p[len] && word_byte((unsigned char)p[len]))
			len++;
		int hit = 0;
		for (int i = 0; i < m.count && !hit; i++)
			hit = m.n[i] <= len && !strncasecmp(p, m.w[i], m.n[i]);
		if (hit)
			tr_buf_adds(&b, "<mark>");
		tr_buf_add(&b, p, len);
		if (hit)
			tr_buf_adds(&b, "</mark>");
		p += len;
	}
	char *r = tr_strdup(b.data ? b.data : "");
	tr_buf_free(&b);
	return r;
}

/* ---- votes ---- */

typedef struct vote_ctx {
	int64_t article, user;
	int helpful;
} vote_ctx;

static int vote_tx(void *ctx)
{
	vote_ctx *v = ctx;
	/* the article's row first: concurrent votes on it take turns */
	int64_t had = 0;
	int rc = tr_db_int(&had, "SELECT id FROM hc_articles WHERE id = ? FOR UPDATE", "l", v->article);
	if (rc <= 0)
		return rc < 0 ? rc : TR_E_NOT_FOUND;
	int64_t before = -1;
	rc = tr_db_int(&before, "SELECT helpful FROM hc_votes WHERE article_id = ? AND user_id = ?", "ll", v->article, v->user);
	if (rc < 0)
		return rc;
	if (rc > 0 && before == v->helpful)
		return 0;
	if (rc > 0) {
		int64_t r = tr_db_run("UPDATE hc_votes SET helpful = ? WHERE article_id = ? AND user_id = ?", "ill",
				      v->helpful, v->article, v->user);
		if (r < 0)
			return (int)r;
	} else {
		int64_t r = tr_db_run("INSERT INTO hc_votes (article_id, user_id, helpful) VALUES (?, ?, ?)", "lli",
				      v->article, v->user, v->helpful);
		if (r < 0)
			return (int)r;
	}
	int64_t r = tr_db_run("UPDATE hc_articles SET helpful_yes = helpful_yes + ?, helpful_no = helpful_no + ? WHERE id = ?",
			      "iil", (v->helpful ? 1 : 0) - (before == 1 ? 1 : 0), (v->helpful ? 0 : 1) - (before == 0 ? 1 : 0),
			      v->article);
	return r < 0 ? (int)r : 0;
}

int tr_hc_vote(int64_t article, int64_t user, int helpful)
{
	vote_ctx v = { article, user, helpful ? 1 : 0 };
	return tr_db_tx(vote_tx, &v);
}

/* ---- pages ---- */

int tr_hc_slug_ok(const char *slug)
{
	size_t n = slug ? strlen(slug) : 0;
	return n >= 1 && n <= 60 && slug[0] >= 'a' && slug[0] <= 'z' &&
	       strspn(slug, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

int tr_hc_page_load(const char *slug, tr_hc_page *out)
{
	memset(out, 0, sizeof(*out));
	if (!tr_hc_slug_ok(slug))
		return 0;
	tr_q *q = tr_q_new("SELECT id, slug, title, source, body, DATE_FORMAT(updated_at, '%Y-%m-%d %H:%i:%s'), "
			   "placeholder, in_footer FROM hc_pages WHERE slug = ?");
	tr_q_str(q, slug);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	rc = tr_q_next(q);
	if (rc > 0) {
		out->id = tr_q_l(q, 0);
		out->slug = tr_q_dup(q, 1);
		out->title = tr_q_dup(q, 2);
		out->source = tr_q_dup(q, 3);
		out->body = tr_q_dup(q, 4);
		out->updated_at = tr_q_dup(q, 5);
		out->placeholder = (int)tr_q_l(q, 6);
		out->in_footer = (int)tr_q_l(q, 7);
	}
	tr_q_end(q);
	return rc < 0 ? rc : rc > 0;
}
