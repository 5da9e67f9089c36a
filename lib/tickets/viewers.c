/* viewers.c - who has a ticket open: one row per agent and ticket, refreshed by the page. */
#include "tickets/viewers.h"
#include "core/pool.h"
#include "db/db.h"

int tr_viewers_visit(int64_t ticket_id, int64_t user_id, const char **names, int max)
{
	/* everyone's rows, the viewer's own among them: the third column says whether it is fresh */
	tr_q *q = tr_q_new("SELECT u.name, v.user_id = ?, v.seen_at > NOW() - INTERVAL ? SECOND "
			   "FROM ticket_views v JOIN users u ON u.id = v.user_id WHERE v.ticket_id = ? "
			   "AND v.seen_at > NOW() - INTERVAL ? SECOND ORDER BY u.name LIMIT ?");
	tr_q_i64(q, user_id);
	tr_q_i64(q, TR_VIEWER_REFRESH);
	tr_q_i64(q, ticket_id);
	tr_q_i64(q, TR_VIEWER_SECONDS);
	tr_q_i64(q, max + 1);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int n = 0, fresh = 0;
	while (tr_q_next(q) > 0) {
		if (tr_q_l(q, 1))
			fresh = (int)tr_q_l(q, 2);
		else if (n < max)
			names[n++] = tr_q_dup(q, 0);
	}
	tr_q_end(q);
	if (!fresh) {
		int64_t w = tr_db_run("INSERT INTO ticket_views (ticket_id, user_id, seen_at) VALUES (?, ?, NOW()) "
				      "ON DUPLICATE KEY UPDATE seen_at = NOW()", "ll", ticket_id, user_id);
		if (w < 0)
			return (int)w;
	}
	return n;
}

int64_t tr_viewers_purge(void)
{
	return tr_db_run("DELETE FROM ticket_views WHERE seen_at < NOW() - INTERVAL 1 HOUR", "");
}
