/* hcindex.c - building the help centre's posting lists (see hcindex.h and sql/019_hc_search.sql). */
#include "hc/hcindex.h"
#include "core/log.h"
#include "core/pool.h"
#include "db/db.h"
#include "search/search.h"

#include <string.h>

typedef struct indexed_article {
	const char *title, *text;
	int64_t section;
	int published, everyone;
} indexed_article;

static int article_load(int64_t id, indexed_article *a)
{
	memset(a, 0, sizeof(*a));
	tr_q *q = tr_q_new("SELECT title, body_text, section_id, published, visibility = 'everyone' "
			   "FROM hc_articles WHERE id = ?");
	tr_q_i64(q, id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	if ((rc = tr_q_next(q)) > 0) {
		a->title = tr_q_dup(q, 0);
		a->text = tr_q_dup(q, 1);
		a->section = tr_q_l(q, 2);
		a->published = (int)tr_q_l(q, 3);
		a->everyone = (int)tr_q_l(q, 4);
	}
	tr_q_end(q);
	return rc;
}

int tr_hc_index_article(int64_t id)
{
	indexed_article a;
	int rc = article_load(id, &a);
	if (rc < 0)
		return rc;
	/* out with the old postings and their counts */
	int64_t r = tr_db_run("UPDATE hc_word_sections c JOIN hc_postings p ON p.word_id = c.word_id AND p.scope = c.scope "
			      "AND p.section_id = c.section_id SET c.articles = GREATEST(c.articles, 1) - 1 WHERE p.article_id = ?", "l", id);
	if (r >= 0)
		r = tr_db_run("DELETE FROM hc_postings WHERE article_id = ?", "l", id);
	if (r < 0 || !rc || !a.published)
		return r < 0 ? (int)r : 0;
	const char *const *stop = tr_search_stopwords();
	tr_search_doc doc;
	tr_search_doc_init(&doc);
	tr_search_doc_text(&doc, a.title, 3, stop);
	int titled = tr_search_doc_occurrences(&doc);
	tr_search_doc_text(&doc, a.text, 1, stop);
	const char *json = tr_search_doc_json_titled(&doc, titled);
	tr_search_doc_free(&doc);
	if ((rc = tr_search_words_add(json)) < 0)
		return rc;
	/* scope 1 (signed-in readers) always, scope 0 (visitors) for articles for everyone */
	r = tr_db_run("INSERT INTO hc_postings (word_id, scope, article_id, section_id, score) "
		      "SELECT w.id, sc.scope, ?, ?, MAX(j.impact) FROM " TR_SEARCH_DOC_WORDS
		      " JOIN (SELECT 1 AS scope UNION ALL SELECT 0 FROM DUAL WHERE ? = 1) sc GROUP BY w.id, sc.scope",
		      "llsi", id, a.section, json, a.everyone);
	if (r >= 0)
		r = tr_db_run("INSERT INTO hc_word_sections (word_id, scope, section_id, articles) SELECT word_id, scope, "
			      "section_id, 1 FROM hc_postings WHERE article_id = ? ORDER BY word_id, scope "
			      "ON DUPLICATE KEY UPDATE articles = articles + 1", "l", id);
	return r < 0 ? (int)r : 0;
}

/* Takes one article off the queue and indexes it, in one transaction: a process that finds the
 * queue's row gone (another took it) leaves the article alone. 1 indexed, 0 taken, <0. */
static int index_queued(int64_t id)
{
	int rc = tr_db_begin();
	if (rc < 0)
		return rc;
	int64_t taken = tr_db_run("DELETE FROM hc_search_queue WHERE article_id = ?", "l", id);
	rc = taken < 0 ? (int)taken : taken == 0 ? 0 : tr_hc_index_article(id);
	if (rc < 0 || taken == 0) {
		tr_db_rollback();
		return rc;
	}
	rc = tr_db_commit();
	return rc < 0 ? rc : 1;
}

int tr_hc_index_pending(int max)
{
	if (tr_db_in_tx())
		return 0;               /* the caller's transaction would hold the queue's rows */
	int64_t ids[64];
	int done = 0;
	while (done < max) {
		int want = max - done < 64 ? max - done : 64, n = 0;
		tr_q *q = tr_q_new("SELECT article_id FROM hc_search_queue ORDER BY article_id LIMIT ?");
		tr_q_i64(q, want);
		int rc = tr_q_exec(q);
		if (rc < 0)
			return rc;
		while (n < want && tr_q_next(q) > 0)
			ids[n++] = tr_q_l(q, 0);
		tr_q_end(q);
		if (!n)
			break;
		for (int i = 0; i < n; i++) {
			if ((rc = index_queued(ids[i])) < 0) {
				tr_error("help-centre search: article %lld not indexed", (long long)ids[i]);
				return rc;
			}
			done += rc;
		}
		if (n < want)
			break;
	}
	return done;
}
