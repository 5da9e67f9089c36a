/* audit.c - the audit of staff administration (admin_events). */
#include "accounts/audit.h"
#include "core/pool.h"
#include "core/text.h"
#include "db/db.h"

#include <string.h>

#define MAX_ROWS 500

int tr_audit(int64_t actor_id, const char *action, const char *kind, int64_t object_id, const char *name,
	     const char *before, const char *after)
{
	int64_t rc = tr_db_run("INSERT INTO admin_events (actor_id, action, object_kind, object_id, object_name, "
			       "before_text, after_text, created_at) VALUES (NULLIF(?, 0), ?, ?, NULLIF(?, 0), ?, ?, ?, NOW())",
			       "lsslsss", actor_id, action, kind, object_id, tr_strcut(name ? name : "", 200),
			       tr_strcut(before ? before : "", 20000), tr_strcut(after ? after : "", 20000));
	return rc < 0 ? (int)rc : 0;
}

int tr_audit_list(const char *kind, int64_t object_id, int limit, tr_audit_row **out)
{
	if (limit <= 0 || limit > MAX_ROWS)
		limit = MAX_ROWS;
	tr_q *q;
	if (!kind) {
		q = tr_q_new("SELECT e.id, COALESCE(e.actor_id, 0), COALESCE(u.name, ''), e.action, e.object_kind, "
			     "COALESCE(e.object_id, 0), e.object_name, e.before_text, e.after_text, e.created_at "
			     "FROM admin_events e LEFT JOIN users u ON u.id = e.actor_id ORDER BY e.id DESC LIMIT ?");
	} else {
		q = tr_q_new("SELECT e.id, COALESCE(e.actor_id, 0), COALESCE(u.name, ''), e.action, e.object_kind, "
			     "COALESCE(e.object_id, 0), e.object_name, e.before_text, e.after_text, e.created_at "
			     "FROM admin_events e LEFT JOIN users u ON u.id = e.actor_id "
			     "WHERE e.object_kind = ? AND (? = 0 OR e.object_id = ?) ORDER BY e.id DESC LIMIT ?");
		tr_q_str(q, kind);
		tr_q_i64(q, object_id);
		tr_q_i64(q, object_id);
	}
	tr_q_i64(q, limit);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	tr_audit_row *rows = tr_zalloc(sizeof(*rows) * (size_t)limit);
	int n = 0;
	while (n < limit && tr_q_next(q) > 0) {
		tr_audit_row *r = &rows[n++];
		r->id = tr_q_l(q, 0);
		r->actor_id = tr_q_l(q, 1);
		r->actor_name = tr_q_dup(q, 2);
		r->action = tr_q_dup(q, 3);
		r->kind = tr_q_dup(q, 4);
		r->object_id = tr_q_l(q, 5);
		r->object_name = tr_q_dup(q, 6);
		r->before = tr_q_dup(q, 7);
		r->after = tr_q_dup(q, 8);
		r->at = tr_q_dup(q, 9);
	}
	tr_q_end(q);
	*out = rows;
	return n;
}
