/* viewers.c - who has a ticket open: one row per agent and ticket, refreshed by the page. */
#include "tickets/viewers.h"
#include "core/pool.h"
#include "db/db.h"

int tr_viewers_touch(int64_t ticket_id, int64_t user_id)
{
	/* a row refreshed moments ago stays as it is: reloading a page costs no write */
	int64_t rc = tr_db_run("INSERT INTO ticket_views (ticket_id, user_id, seen_at) VALUES (?, ?, NOW()) "
			       "ON DUPLICATE KEY UPDATE seen_at = IF(seen_at < NOW() - INTERVAL 15 SECOND, NOW(), seen_at)",
			       "ll", ticket_id, user_id);
	return rc < 0 ? (int)rc : 0;
}

int tr_viewers_others(int64_t ticket_id, int64_t user_id, const char **names, int max)
{
	tr_q *q = tr_q_new("SELECT u.name FROM ticket_views v JOIN users u ON u.id = v.user_id WHERE v.ticket_id = ? "
			   "AND v.user_id <> ? AND v.seen_at > NOW() - INTERVAL ? SECOND ORDER BY u.name LIMIT ?");
	tr_q_i64(q, ticket_id);
	tr_q_i64(q, user_id);
	tr_q_i64(q, TR_VIEWER_SECONDS);
	tr_q_i64(q, max);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int n = 0;
	while (n < max && tr_q_next(q) > 0)
		names[n++] = tr_q_dup(q, 0);
	tr_q_end(q);
	return n;
}

int64_t tr_viewers_purge(void)
{
	return tr_db_run("DELETE FROM ticket_views WHERE seen_at < NOW() - INTERVAL 1 HOUR", "");
}
