/* search.h - the words of search documents and queries (tickets, help centre), prefixed by who may find them.
 *
 * InnoDB FULLTEXT cannot combine a MATCH with an ordinary index, and
 * intersecting a large organization's token list with a common word costs
 * tens of milliseconds. So every word is indexed once per access scope:
 * "o3_heizung" (organization 3), "r6_heizung" (requester 6), "c7_heizung"
 * (CC'd user 7), "s_heizung" (staff: the agents' search over all tickets). A search of one list then reads only that list's postings.
 * The same tokenizer builds documents and queries, so they always agree. */
#ifndef TR_SEARCH_H
#define TR_SEARCH_H

#include <stddef.h>
#include "core/util.h"

#define TR_SEARCH_MAX_TERMS 8
/* The scope of staff: every ticket's document carries its words once more with this prefix. */
#define TR_SEARCH_STAFF_PREFIX "s_"

/* Calls fn for each word of text: runs of ASCII letters and digits, '_',
 * and letters from Latin-1 to Greek/Cyrillic/Latin Extended (U+00C0-U+1FFF,
 * without the multiplication and division signs). */
void tr_search_words(const char *text, void (*fn)(void *ctx, const char *w, size_t n), void *ctx);

/* Appends the words of text to doc, each once per scope prefix ("o3_", ...);
 * stopwords and one-letter words are left out. */
void tr_search_doc_add(tr_buf *doc, const char *text, const char *const *prefixes, int nprefixes,
		       const char *const *stopwords);

/* What a user typed as a boolean FULLTEXT query for one scope: required
 * prefix terms ("+o3_heiz* +o3_defekt*"), operators stripped, stopwords and
 * one-letter words dropped, at most TR_SEARCH_MAX_TERMS. NULL when nothing
 * searchable is left. */
const char *tr_search_terms(const char *typed, const char *prefix, const char *const *stopwords);

/* The stopword list of the database (table ft_stopwords), read once per process. */
const char *const *tr_search_stopwords(void);

#endif
