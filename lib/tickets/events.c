/* events.c - a ticket's audit trail as data, with the names of the people and groups it names. */
#include "tickets/events.h"
#include "core/pool.h"
#include "db/db.h"

#include <string.h>

int tr_ticket_events(int64_t ticket_id, int64_t after, int max, tr_event_row **out)
{
	/* an assignee's or group's id becomes its name in the same row */
	tr_q *q = tr_q_new(
		"SELECT e.id, e.at, u.name, e.actor_kind, e.kind, "
		"CASE e.kind WHEN 'assignee' THEN (SELECT name FROM users WHERE id = e.old_value) "
		" WHEN 'group' THEN (SELECT name FROM staff_groups WHERE id = e.old_value) ELSE e.old_value END, "
		"CASE e.kind WHEN 'assignee' THEN (SELECT name FROM users WHERE id = e.new_value) "
		" WHEN 'group' THEN (SELECT name FROM staff_groups WHERE id = e.new_value) ELSE e.new_value END, "
		"e.note FROM ticket_events e LEFT JOIN users u ON u.id = e.actor_id "
		"WHERE e.ticket_id = ? AND e.id > ? ORDER BY e.id LIMIT ?");
	tr_q_i64(q, ticket_id);
	tr_q_i64(q, after);
	tr_q_i64(q, max);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	tr_event_row *list = tr_alloc(sizeof(*list) * (size_t)(max > 0 ? max : 1));
	int n = 0;
	while (n < max && tr_q_next(q) > 0) {
		tr_event_row *e = &list[n++];
		e->id = tr_q_l(q, 0);
		e->at = tr_q_dup(q, 1);
		e->actor = tr_q_dup(q, 2);
		e->actor_kind = tr_q_dup(q, 3);
		e->kind = tr_q_dup(q, 4);
		e->old_value = tr_q_dup(q, 5);
		e->new_value = tr_q_dup(q, 6);
		e->note = tr_q_dup(q, 7);
	}
	tr_q_end(q);
	*out = list;
	return n;
}

int tr_ticket_last_event(int64_t ticket_id, int64_t *event_id)
{
	*event_id = 0;
	int rc = tr_db_int(event_id, "SELECT COALESCE(MAX(id), 0) FROM ticket_events WHERE ticket_id = ?", "l",
			   ticket_id);
	return rc < 0 ? rc : 0;
}
