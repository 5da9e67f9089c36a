/* search.h - the words of search documents and queries (tickets, help centre).
 *
 * Ticket search reads posting lists of our own (sql/012_search.sql, lib/search/postings.h):
 * the same tokenizer builds documents and queries, so they always agree. */
#ifndef TR_SEARCH_H
#define TR_SEARCH_H

#include <stddef.h>
#include "core/util.h"

#define TR_SEARCH_MAX_TERMS 8

/* Calls fn for each word of text: runs of ASCII letters and digits, '_',
 * and letters from Latin-1 to Greek/Cyrillic/Latin Extended (U+00C0-U+1FFF,
 * without the multiplication and division signs). */
void tr_search_words(const char *text, void (*fn)(void *ctx, const char *w, size_t n), void *ctx);

/* ---- the posting lists (sql/012_search.sql) ----
 *
 * A ticket's document is the words of its subject (weight 3) and public comments (weight 1),
 * stopwords and one-letter words left out, letter case folded (ASCII and Latin-1; the database's
 * collation folds accents on top). Each distinct word gets an impact: its BM25 term weight in
 * the document, so the best matches of one word are the top of an index range. */

#define TR_SEARCH_IMPACT_MAX 65535
/* Found-counts are exact up to this many; above it the page says "more than" it. */
#define TR_SEARCH_COUNT_BOUND 1000

typedef struct tr_search_doc {
	char **words;          /* distinct, folded */
	int *tf;               /* weighted occurrences of each */
	int n, cap;
	int len;               /* weighted words in all */
} tr_search_doc;

void tr_search_doc_init(tr_search_doc *d);
/* Adds the words of text, each occurrence counting weight times. */
void tr_search_doc_text(tr_search_doc *d, const char *text, int weight, const char *const *stopwords);
/* The document as JSON for the indexing statement: [["word",impact],...] (pool memory). */
const char *tr_search_doc_json(const tr_search_doc *d);
void tr_search_doc_free(tr_search_doc *d);

/* Help-centre ranks: a word of the title gets this on top of its impact (title hits first). */
#define TR_SEARCH_TITLE_BONUS 65536
/* The same JSON with TR_SEARCH_TITLE_BONUS added to each word among the document's first
 * `titled` occurrences (the title's, added first). */
const char *tr_search_doc_json_titled(const tr_search_doc *d, int titled);
/* Occurrences added so far: after the title, the `titled` of tr_search_doc_json_titled. */
#define tr_search_doc_occurrences(d) ((d)->n)

/* Adds the JSON document's words missing from the dictionary (search_words). 0 or <0. */
int tr_search_words_add(const char *json);
/* The words of a JSON document (the statement's parameter) as rows j (w, impact) joined to
 * their dictionary rows w, for INSERT ... SELECT w.id, ... */
#define TR_SEARCH_DOC_WORDS "JSON_TABLE(?, '$[*]' COLUMNS (w VARCHAR(84) CHARACTER SET utf8mb4 COLLATE " \
	"utf8mb4_unicode_ci PATH '$[0]', impact INT PATH '$[1]')) j JOIN search_words w ON w.word = j.w"


/* BM25's weight (k1 = 1.2, b = 0.75, average document 60 words) of a word occurring tf times
 * in a document of len words, scaled to 1..TR_SEARCH_IMPACT_MAX; grows with tf, falls with len. */
unsigned tr_search_impact(int tf, int len);

/* The words of what a user typed, each searched as a prefix: operators and punctuation dropped,
 * stopwords and one-letter words left out, at most TR_SEARCH_MAX_TERMS, repeated words once
 * (pool copies in words[]). Returns how many. */
int tr_search_query_words(const char *typed, const char *const *stopwords, const char **words);

/* A LIKE pattern for the words beginning with w: "heiz%" (LIKE's own characters escaped). */
const char *tr_search_like(const char *w);

/* The stopword list of the database (table ft_stopwords), read once per process. */
const char *const *tr_search_stopwords(void);

#endif
