/* staff.c - the agents and groups as lists for the agent pages. */
#include "accounts/staff.h"
#include "core/pool.h"
#include "db/db.h"

#include <string.h>

#define MAX_STAFF 2000

/* Reads one list from q, which stands on its first row; with kind >= 0 only while column 3
 * holds kind. *more: q stands on a row not read yet (the next list's first). */
static int read_rows(tr_q *q, int kind, tr_staff_item **out, int *more)
{
	int cap = 16, n = 0;
	tr_staff_item *list = tr_alloc(sizeof(*list) * (size_t)cap);
	*more = 1;
	while (n < MAX_STAFF && (kind < 0 || tr_q_l(q, 3) == kind)) {
		list = tr_pool_grow(list, sizeof(*list), n, &cap);
		list[n].id = tr_q_l(q, 0);
		list[n].name = tr_q_dup(q, 1);
		list[n].mine = (int)tr_q_l(q, 2);
		n++;
		if (tr_q_next(q) <= 0) {
			*more = 0;
			break;
		}
	}
	*out = list;
	return n;
}

static int read_list(tr_q *q, tr_staff_item **out)
{
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int more = 0, n = 0;
	*out = NULL;
	if (tr_q_next(q) > 0)
		n = read_rows(q, -1, out, &more);
	tr_q_end(q);
	return n;
}

int tr_staff_groups(int64_t member_id, tr_staff_item **out)
{
	tr_q *q = tr_q_new("SELECT id, name, EXISTS (SELECT 1 FROM staff_group_members m WHERE m.group_id = staff_groups.id "
			   "AND m.user_id = ?) FROM staff_groups ORDER BY name LIMIT 2000");
	tr_q_i64(q, member_id);
	return read_list(q, out);
}

int tr_staff_agents(tr_staff_item **out)
{
	tr_q *q = tr_q_new("SELECT id, name, 0 FROM users WHERE is_staff = 1 AND disabled_at IS NULL "
			   "ORDER BY name LIMIT 2000");
	return read_list(q, out);
}

int tr_staff_groups_agents(int64_t member_id, tr_staff_item **groups, int *ng, tr_staff_item **agents, int *na)
{
	/* each part in its own order; UNION ALL returns them one after the other. Small tables that
	 * change rarely: MariaDB's query cache answers until one of them does (SQL_CACHE). */
	tr_q *q = tr_q_new("(SELECT SQL_CACHE id, name, EXISTS (SELECT 1 FROM staff_group_members m WHERE "
			   "m.group_id = staff_groups.id AND m.user_id = ?), 0 FROM staff_groups ORDER BY name LIMIT 2000) "
			   "UNION ALL (SELECT id, name, 0, 1 FROM users WHERE is_staff = 1 AND disabled_at IS NULL "
			   "ORDER BY name LIMIT 2000)");
	tr_q_i64(q, member_id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	*ng = *na = 0;
	*groups = *agents = NULL;
	int more = tr_q_next(q) > 0;
	if (more && tr_q_l(q, 3) == 0)
		*ng = read_rows(q, 0, groups, &more);
	if (more && tr_q_l(q, 3) == 1)
		*na = read_rows(q, 1, agents, &more);
	tr_q_end(q);
	return 0;
}
