/* article.h - help-centre articles (R-HC 1-2): categories, sections, articles, and suggestions while a request is written (R-NEW 4). */
#ifndef TR_ARTICLE_H
#define TR_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

int64_t tr_hc_category_create(const char *name, const char *description, int sort);
int64_t tr_hc_section_create(int64_t category_id, const char *name, const char *description, int sort);

typedef struct tr_article_new {
	int64_t section_id;
	const char *title;
	const char *body;            /* sanitized HTML: stored as given (the editor sanitizes on save) */
	int everyone;                /* 1: visitors see it too; 0: signed-in users only */
	int is_notice;               /* notice or announcement */
	int unpublished;
	int64_t author_id;           /* 0: none */
	const char *created_at;      /* NULL: now (demo data gives a time) */
	int promoted;                /* shown on /hc */
	const char *urgent_until;    /* "YYYY-MM-DD HH:MM:SS" UTC: a notice's bar on every page until then; NULL: none */
} tr_article_new;

/* Creates an article with the plain text of its body for search. Id or <0. */
int64_t tr_article_create(const tr_article_new *a);

typedef struct tr_article_hit {
	int64_t id;
	const char *title;
	const char *snippet;         /* plain text around the first word found */
} tr_article_hit;

/* Up to limit published articles matching what was typed, best first
 * (any of the words, as in tr_hc_search; lib/hc/hcsearch.c). Visitors (signed_in 0) get only
 * articles for everyone. Returns the count (0 when nothing searchable was
 * typed) or <0. */
int tr_article_suggest(const char *typed, int signed_in, int limit, tr_article_hit **out);

/* Plain text of HTML: tags dropped (script and style with their content),
 * entities decoded, white space collapsed to single spaces (pool memory). */
char *tr_html_text(const char *html);
/* At most max characters of text around the first of the typed words found
 * (the beginning when none is), cut at word boundaries, with "…" where text
 * was left out (pool memory). */
char *tr_snippet(const char *text, const char *typed, size_t max);

#endif
