/* frame.c - the help centre's part of every page's frame: the urgent notice and the footer's pages.
 * A file of its own so that a page program links only this much of the help centre (not the
 * Markdown and HTML libraries the articles need). */
#include "hc/hc.h"
#include "core/pool.h"
#include "core/util.h"
#include "db/db.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The notices that ever had an end, latest end first, without the clock in the query, so that
 * MariaDB's query cache can answer it until an article changes (SQL_CACHE; ignored where the cache
 * is off); the clock is compared here. Measured on a signed-in page, this costs MariaDB 40-50 µs
 * less than the same notice as a subquery of the session statement (bench/cpu-split). */
#define URGENT_RECENT 50

int tr_hc_urgent(int64_t *id, const char **title)
{
	*id = 0;
	*title = NULL;
	tr_q *q = tr_q_new("SELECT SQL_CACHE a.id, a.title, DATE_FORMAT(a.urgent_until, '%Y-%m-%d %H:%i:%s') "
			   "FROM hc_articles a FORCE INDEX (ix_article_urgent) WHERE a.urgent_until IS NOT NULL "
			   "AND a.is_notice = 1 AND a.published = 1 AND a.visibility = 'everyone' "
			   "ORDER BY a.urgent_until DESC LIMIT 50");   /* URGENT_RECENT */
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	char now[24];
	time_t t = time(NULL);
	struct tm tm;
	strftime(now, sizeof(now), "%Y-%m-%d %H:%M:%S", gmtime_r(&t, &tm));
	int n = 0, found = 0, ended = 0;
	while ((rc = tr_q_next(q)) > 0) {
		n++;
		const char *until = tr_q_s(q, 2);
		if (!until || strcmp(until, now) <= 0) {
			ended = 1;                   /* as every one after it */
			break;
		}
		*id = tr_q_l(q, 0);              /* the soonest end so far */
		*title = tr_q_dup(q, 1);
		found = 1;
	}
	tr_q_end(q);
	if (rc < 0)
		return rc;
	if (ended || n < URGENT_RECENT)
		return found;
	/* every one read is still running: the soonest may lie beyond them */
	q = tr_q_new("SELECT a.id, a.title FROM hc_articles a FORCE INDEX (ix_article_urgent) "
		     "WHERE a.urgent_until > UTC_TIMESTAMP() AND a.is_notice = 1 AND a.published = 1 "
		     "AND a.visibility = 'everyone' ORDER BY a.urgent_until LIMIT 1");
	if ((rc = tr_q_exec(q)) < 0)
		return rc;
	if ((rc = tr_q_next(q)) > 0) {
		*id = tr_q_l(q, 0);
		*title = tr_q_dup(q, 1);
	}
	tr_q_end(q);
	return rc;
}

/* The footer's pages change rarely: read once a minute per process, kept on the heap. */
static struct {
	time_t read_at;
	int n;
	char *slug[16], *title[16];
} footer;

int tr_hc_footer_pages(tr_hc_page **out)
{
	time_t now = time(NULL);
	if (!footer.read_at || now - footer.read_at >= 60) {
		tr_q *q = tr_q_new("SELECT slug, title FROM hc_pages WHERE in_footer = 1 ORDER BY sort, id LIMIT 16");
		int rc = tr_q_exec(q);
		if (rc < 0)
			return rc;
		for (int i = 0; i < footer.n; i++) {
			free(footer.slug[i]);
			free(footer.title[i]);
		}
		footer.n = 0;
		while (footer.n < 16 && (rc = tr_q_next(q)) > 0) {
			footer.slug[footer.n] = tr_xstrdup(tr_q_s(q, 0));
			footer.title[footer.n] = tr_xstrdup(tr_q_s(q, 1));
			footer.n++;
		}
		tr_q_end(q);
		if (rc < 0)
			return rc;
		footer.read_at = now;
	}
	tr_hc_page *v = tr_zalloc(sizeof(*v) * (size_t)(footer.n ? footer.n : 1));
	for (int i = 0; i < footer.n; i++) {
		v[i].slug = footer.slug[i];
		v[i].title = footer.title[i];
		v[i].in_footer = 1;
	}
	*out = v;
	return footer.n;
}

void tr_hc_footer_forget(void)
{
	footer.read_at = 0;
}
