/* postings.h - searching the posting lists of sql/012_search.sql: what was typed becomes, per
 * word, the dictionary words it begins; a page is then read from the lists in the order it needs.
 *
 * Two ways to read a page, chosen by the lists (lib/tickets/ticketlist.c, lib/tickets/queue.c):
 *  - posting-driven: a scope with lists of its own (every ticket, an organization) in recency or
 *    relevance order. The rarest word drives: each dictionary word it stands for is one index
 *    range of (word, scope) in the page's order, cut by LIMIT; the other words (and filters such
 *    as a status, on the ticket's row) are checked per posting by primary key. The cost follows
 *    the page (and a filter's selectivity), not the word's frequency.
 *  - ticket-driven: a customer's own or CC list, other sorts, filters: the list's own index range
 *    of tickets, each checked for every word by primary key (an own list is short).
 * Found-counts are exact up to TR_SEARCH_COUNT_BOUND, "more than" it beyond. */
#ifndef TR_POSTINGS_H
#define TR_POSTINGS_H

#include <stdint.h>

#include "db/qbuild.h"
#include "search/search.h"

/* The dictionary words a driving word may stand for (a longer prefix list: ticket-driven). */
#define TR_SEARCH_DRIVER_IDS 48

typedef struct tr_search_term {
	const char *word;         /* folded, as typed */
	const char *like;         /* the words it begins, as a LIKE pattern */
	int64_t ids[TR_SEARCH_DRIVER_IDS + 1];
	int nids;                 /* dictionary words it begins, up to TR_SEARCH_DRIVER_IDS + 1 */
	int64_t count;            /* its postings in the scope, up to TR_SEARCH_COUNT_BOUND + 1 */
	int64_t span;             /* seconds between the first and the last of those counted */
} tr_search_term;

typedef struct tr_search {
	int n;                    /* words; 0: nothing searchable was typed */
	tr_search_term t[TR_SEARCH_MAX_TERMS];
	int driver;               /* the rarest word */
	int none;                 /* a word begins no indexed word: nothing can match */
	int64_t scope;            /* the posting scope: 0 every ticket, else an organization */
	int queued;               /* the where's queue has rows */
} tr_search;

/* Reads the dictionary (and, for several words, their bounded counts in scope) for typed.
 * 0 or <0 (database). */
int tr_search_prepare(const char *typed, int64_t scope, tr_search *s);
/* Where and how a search reads the dictionary. */
typedef struct tr_search_where {
	const char *postings;     /* the posting table (word_id and scope columns, as hc_postings) */
	int64_t scope;
	int driver;               /* every word required: count each (bounded) to choose the rarest */
	const char *word_counts;  /* a table whose count_column summed per word_id and scope is exact:
				   * the rarest is chosen there, at any size (two words above the
				   * bound would tie) and for less than the bounded counts cost */
	const char *count_column;
	const char *span_column;  /* the postings' time, first in their key after word and scope: how
				   * long a word's first postings span tells two words above the bound
				   * apart (the commoner's span a shorter time) */
	int exact_below;          /* words of fewer characters stand for themselves only, not prefixes */
	int present_only;         /* only dictionary words with postings in the scope (a shared
				   * dictionary holds many words a typed prefix begins that these lists lack) */
	const char *queue;        /* a table whose rows mean "index these first": asked in the same
				   * statement, its answer in tr_search.queued */
	int cache;                /* lists written seldom (the help centre's): the statements may be
				   * answered from the query cache, which any write to a table they
				   * read empties of them */
} tr_search_where;

/* The same on other posting lists. */
int tr_search_prepare_in(const char *typed, const tr_search_where *w, tr_search *s);

/* "col IN (...)": the dictionary words term t stands for. */
void tr_search_sql_word_ids(tr_qb *b, const tr_search_term *t, const char *col);

/* 1 when a page in recency or relevance order can be read posting-driven (a statement within
 * TR_QB_MAX parameters, with filter_params for the filters of each range). */
int tr_search_driven_ok(const tr_search *s, int filter_params);

/* " AND EXISTS (...)" for every word but skip (-1: all), for the ticket whose id and updated_at
 * are the SQL expressions tid and upd. */
void tr_search_sql_exists(tr_qb *b, const tr_search *s, int skip, const char *tid, const char *upd);

/* The relevance of ticket (tid, upd): the sum of its words' impacts. */
void tr_search_sql_score(tr_qb *b, const tr_search *s, const char *tid, const char *upd);

/* Conditions on the list's tickets (alias t) beyond the words: fn appends " AND ..." to b. */
typedef struct tr_search_filter {
	void (*fn)(tr_qb *b, void *ctx);
	void *ctx;
} tr_search_filter;

/* A derived table "(...) s" with the page's ticket ids (ticket_id) and order key (k), read
 * posting-driven: by recency (updated_at) or relevance (impact). With a filter (or NULL), each
 * posting's ticket is looked up and checked while the range is read. */
void tr_search_sql_page(tr_qb *b, const tr_search *s, int relevance, int ascending, int64_t offset, int n,
			const tr_search_filter *f);

/* A scalar subquery: the tickets found, counted up to TR_SEARCH_COUNT_BOUND + 1 (posting-driven). */
void tr_search_sql_count(tr_qb *b, const tr_search *s, const tr_search_filter *f);

#endif
