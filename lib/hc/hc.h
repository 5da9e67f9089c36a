/* hc.h - the help centre as readers see it (R-HC 1-3): who may read what, categories, sections,
 * articles, notices, search, votes, and the legal and static pages.
 *
 * The one visibility rule lives in tr_hc_may_read: drafts are for staff only,
 * articles for signed-in users need a confirmed user (or staff). Every list
 * and search below takes the reader's level and applies the same rule in SQL
 * (published = 1 AND (visibility = 'everyone' OR level >= member)). */
#ifndef TR_HC_H
#define TR_HC_H

#include <stdint.h>
#include "accounts/user.h"

enum tr_hc_level {
	TR_HC_VISITOR = 0,   /* not signed in, or registration not complete */
	TR_HC_MEMBER = 1,    /* a confirmed customer */
	TR_HC_STAFF = 2,     /* agents and admins: also drafts, and the editor */
};
enum tr_hc_level tr_hc_level_of(const tr_user *u);

typedef struct tr_hc_article {
	int64_t id, section_id, category_id, author_id;
	const char *title, *body, *body_text, *labels, *source, *source_format;
	const char *section_name, *category_name, *author_name, *updated_by_name;
	const char *created_at, *updated_at, *urgent_until;   /* "YYYY-MM-DD HH:MM:SS" UTC */
	int everyone, is_notice, published, promoted, position;
	int helpful_yes, helpful_no;
} tr_hc_article;

/* 1 may read, 0 no. Visitors asking for a signed-in article are sent to sign in by the page. */
int tr_hc_may_read(enum tr_hc_level level, const tr_hc_article *a);

/* Loads an article with its section and category: 1 found, 0 none, <0. */
int tr_hc_article_load(int64_t id, tr_hc_article *out);

/* An article in a list (pool memory). */
typedef struct tr_hc_item {
	int64_t id, section_id;
	const char *title, *section_name, *summary, *updated_at;
	int everyone, published;
} tr_hc_item;

typedef struct tr_hc_section {
	int64_t id, category_id;
	const char *name, *description, *category_name;
	int articles;                  /* readable at the level asked for */
} tr_hc_section;
typedef struct tr_hc_category {
	int64_t id;
	const char *name, *description;
} tr_hc_category;

/* Every category and every section (with the count of articles the level may read). Counts or <0. */
int tr_hc_categories(tr_hc_category **out);
int tr_hc_sections(enum tr_hc_level level, tr_hc_section **out);
/* Both for /hc, in one statement (the sections as tr_hc_sections keeps them): categories or <0. */
int tr_hc_tree(enum tr_hc_level level, tr_hc_category **cats, tr_hc_section **secs, int *nsecs);
/* One section: 1 found, 0 none, <0. */
int tr_hc_section_load(int64_t id, tr_hc_section *out);
/* A page of a section's articles the level may read, in their order (position, then title; staff: drafts last);
 * *total (NULL: not counted) the count of all. Count or <0. */
int tr_hc_section_articles(int64_t section, enum tr_hc_level level, int offset, int limit, tr_hc_item **out,
			   int64_t *total);
/* Promoted articles the level may read, newest first. Count or <0. */
int tr_hc_promoted(enum tr_hc_level level, int limit, tr_hc_item **out);
/* Published notices (always for everyone), newest first. Count or <0. */
int tr_hc_notices(int limit, tr_hc_item **out);
/* The front page's two lists in one statement: promoted articles (as tr_hc_promoted) and notices
 * (as tr_hc_notices), at most npromoted and nnotices. 0 or <0. */
int tr_hc_front(enum tr_hc_level level, int npromoted, tr_hc_item **promoted, int *np, int nnotices,
		tr_hc_item **notices, int *nn);
/* The urgent notice whose end is nearest, if any: 1 (id, title set; pool memory), 0 none, <0.
 * Every page's frame asks; the answer mostly comes from MariaDB's query cache. */
int tr_hc_urgent(int64_t *id, const char **title);

/* ---- search (one query shape for /hc/search and /hc/suggest) ---- */

typedef struct tr_hc_hit {
	int64_t id, section_id;
	const char *title, *section_name;
	const char *snippet;            /* plain text */
	const char *snippet_html;       /* escaped, the words found in <mark> */
	const char *title_html;         /* likewise */
} tr_hc_hit;

typedef struct tr_hc_query {
	const char *typed;
	enum tr_hc_level level;
	int64_t section;                /* 0: all */
	int all_words;                  /* 1: every word must occur (the search page); 0: any (suggestions) */
	int offset, limit;
} tr_hc_query;

/* Published articles the level may read matching the query (lib/hc/hcsearch.c): title hits
 * first, then by relevance; words of four letters or more match as prefixes. Up to q->limit
 * hits from q->offset: count (0 when nothing searchable was typed) or <0. */
int tr_hc_search(const tr_hc_query *q, tr_hc_hit **out);

typedef struct tr_hc_facet {
	int64_t section_id;
	const char *name;
	int64_t count;                  /* 0 when not counted (see facet_counts) */
} tr_hc_facet;

/* A page of the search: its hits, the count, the matches per section. */
typedef struct tr_hc_found {
	tr_hc_hit *hits;
	int n;
	int more_pages;                 /* a further page exists */
	int64_t total;                  /* the matches (in the section filtered for) */
	int total_more;                 /* more than total (TR_SEARCH_COUNT_BOUND) */
	tr_hc_facet *facets;            /* the sections with matches, without the section filter */
	int nfacets;
	int facet_counts;               /* 0: too many matches to count per section: names only */
} tr_hc_found;
/* 0 (f->n 0 when nothing searchable was typed) or <0. */
int tr_hc_search_page(const tr_hc_query *q, tr_hc_found *f);

/* text escaped for HTML with every word starting with one of the typed words
 * wrapped in <mark> (pool memory). */
char *tr_hc_mark(const char *text, const char *typed);

/* ---- "Was this article helpful?" ---- */

/* Records (or changes) the user's answer and keeps the article's counts. 0 or <0. */
int tr_hc_vote(int64_t article, int64_t user, int helpful);

/* ---- legal and static pages ---- */

typedef struct tr_hc_page {
	int64_t id;
	const char *slug, *title, *source, *body, *updated_at;
	int placeholder, in_footer;
} tr_hc_page;
/* 1 found, 0 none, <0. */
int tr_hc_page_load(const char *slug, tr_hc_page *out);
/* Pages shown in the footer, in order (read once a minute per process). Count or <0. */
int tr_hc_footer_pages(tr_hc_page **out);
/* This process reads the footer's pages afresh at the next page (after an edit). */
void tr_hc_footer_forget(void);
/* 1 for a slug a page may have: 1-60 of [a-z0-9-], starting with a letter. */
int tr_hc_slug_ok(const char *slug);

#endif
