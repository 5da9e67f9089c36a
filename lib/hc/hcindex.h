/* hcindex.h - the help centre's posting lists (sql/019_hc_search.sql): building an article's
 * postings, and the queue the database's triggers fill whenever an article is written. */
#ifndef TR_HCINDEX_H
#define TR_HCINDEX_H

#include <stdint.h>

/* Builds the postings of up to max queued articles (each in a transaction of its own, taken off
 * the queue in it: two processes never index one article twice). The number indexed or <0. */
int tr_hc_index_pending(int max);

/* Builds one article's postings (and their counts in hc_word_sections) again: its title
 * (weighing three times) and text, for the scopes that may read it; a draft or a deleted article
 * has none. Within the caller's transaction. 0 or <0. */
int tr_hc_index_article(int64_t id);

#endif
