/* staff.c - the agents and groups as lists for the agent pages. */
#include "accounts/staff.h"
#include "core/pool.h"
#include "db/db.h"

#include <string.h>

#define MAX_STAFF 2000

static int read_list(tr_q *q, tr_staff_item **out)
{
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int cap = 16, n = 0;
	tr_staff_item *list = tr_alloc(sizeof(*list) * (size_t)cap);
	while (n < MAX_STAFF && tr_q_next(q) > 0) {
		list = tr_pool_grow(list, sizeof(*list), n, &cap);
		list[n].id = tr_q_l(q, 0);
		list[n].name = tr_q_dup(q, 1);
		list[n].mine = (int)tr_q_l(q, 2);
		n++;
	}
	tr_q_end(q);
	*out = list;
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
