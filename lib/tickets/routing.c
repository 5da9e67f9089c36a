/* routing.c - who gets a new ticket: the group's least-loaded agent, ties round-robin, chosen under the group's row lock. */
#include "tickets/routing.h"
#include "db/db.h"
#include "core/log.h"
#include "core/pool.h"

#define MAX_CANDIDATES 500

int tr_route_choose(const tr_route_candidate *c, int n)
{
	int best = -1;
	for (int i = 0; i < n; i++) {
		if (best < 0 || c[i].load < c[best].load ||
		    (c[i].load == c[best].load && (c[i].last_seq < c[best].last_seq ||
						   (c[i].last_seq == c[best].last_seq && c[i].user_id < c[best].user_id))))
			best = i;
	}
	return best;
}

int tr_route_assign(int64_t group_id, int64_t *agent_id)
{
	*agent_id = 0;
	int64_t seq = 0;
	/* serializes the choosers of this group until our commit (see routing.h) */
	int rc = tr_db_int(&seq, "SELECT assign_seq FROM staff_groups WHERE id = ? FOR UPDATE", "l", group_id);
	if (rc <= 0)
		return rc < 0 ? rc : TR_DB_ERR;
	tr_q *q = tr_q_new(
		"SELECT m.user_id, (SELECT COUNT(*) FROM tickets t WHERE t.assignee_id = m.user_id "
		"AND t.status IN ('new', 'open', 'pending')), m.last_assigned_seq FROM staff_group_members m "
		"JOIN users u ON u.id = m.user_id WHERE m.group_id = ? AND (u.is_agent = 1 OR u.is_admin = 1) "
		"AND u.disabled_at IS NULL");
	tr_q_i64(q, group_id);
	if ((rc = tr_q_exec(q)) < 0)
		return rc;
	tr_route_candidate *c = tr_alloc(sizeof(*c) * MAX_CANDIDATES);
	int n = 0;
	while (n < MAX_CANDIDATES && tr_q_next(q) > 0) {
		c[n].user_id = tr_q_l(q, 0);
		c[n].load = tr_q_l(q, 1);
		c[n].last_seq = tr_q_l(q, 2);
		n++;
	}
	tr_q_end(q);
	int best = tr_route_choose(c, n);
	if (best < 0)
		return 0;
	seq++;
	if (tr_db_run("UPDATE staff_groups SET assign_seq = ? WHERE id = ?", "ll", seq, group_id) < 0 ||
	    tr_db_run("UPDATE staff_group_members SET last_assigned_seq = ? WHERE group_id = ? AND user_id = ?", "lll",
		      seq, group_id, c[best].user_id) < 0)
		return TR_DB_ERR;
	*agent_id = c[best].user_id;
	tr_info("routed to agent %lld of group %lld (load %lld)", (long long)c[best].user_id, (long long)group_id,
		(long long)c[best].load);
	return 0;
}
