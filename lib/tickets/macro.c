/* macro.c - saved replies with changes: listing, the placeholders, saving, deleting. */
#include "tickets/macro.h"
#include "core/pool.h"
#include "core/util.h"
#include "db/db.h"

#include <string.h>

#define COLUMNS "id, COALESCE(owner_id, 0), title, body, is_public, set_status, set_priority, " \
	"COALESCE(set_group_id, 0), sort"

static void read_macro(tr_q *q, tr_macro *m)
{
	m->id = tr_q_l(q, 0);
	m->owner_id = tr_q_l(q, 1);
	m->title = tr_q_dup(q, 2);
	m->body = tr_q_dup(q, 3);
	m->is_public = (int)tr_q_l(q, 4);
	m->set_status = tr_q_isnull(q, 5) ? -1 : tr_status_parse(tr_q_s(q, 5));
	m->set_priority = tr_q_isnull(q, 6) ? -1 : tr_priority_parse(tr_q_s(q, 6));
	m->set_group_id = tr_q_l(q, 7);
	m->sort = (int)tr_q_l(q, 8);
}

int tr_macro_list(const tr_user *a, int shared_only, tr_macro **out)
{
	/* a small table that changes rarely: the query cache answers until it does (SQL_CACHE) */
	tr_q *q = tr_q_new(shared_only ?
		"SELECT SQL_CACHE " COLUMNS " FROM macros WHERE owner_id IS NULL ORDER BY sort, title LIMIT 500" :
		"SELECT SQL_CACHE " COLUMNS " FROM macros WHERE owner_id IS NULL OR owner_id = ? "
		"ORDER BY owner_id IS NOT NULL, sort, title LIMIT 500");
	if (!shared_only)
		tr_q_i64(q, a->id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int cap = 16, n = 0;
	tr_macro *list = tr_alloc(sizeof(*list) * (size_t)cap);
	while (tr_q_next(q) > 0) {
		list = tr_pool_grow(list, sizeof(*list), n, &cap);
		read_macro(q, &list[n++]);
	}
	tr_q_end(q);
	*out = list;
	return n;
}

int tr_macro_load(const tr_user *a, int64_t id, tr_macro *out)
{
	tr_q *q = tr_q_new("SELECT " COLUMNS " FROM macros WHERE id = ? AND (owner_id IS NULL OR owner_id = ?)");
	tr_q_i64(q, id);
	tr_q_i64(q, a->id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	rc = tr_q_next(q);
	if (rc > 0)
		read_macro(q, out);
	tr_q_end(q);
	return rc < 0 ? rc : rc > 0;
}

const char *tr_macro_text(const char *body, const tr_ticket *t, const tr_user *a)
{
	static const char *const names[] = { "{{requester}}", "{{ticket}}", "{{subject}}", "{{agent}}" };
	const char *values[] = { t->requester_name ? t->requester_name : "", tr_fmt("#%lld", (long long)t->id),
				 t->subject ? t->subject : "", a->name ? a->name : "" };
	tr_buf b;
	tr_buf_init(&b);
	for (const char *p = body; *p;) {
		int done = 0;
		for (size_t i = 0; i < TR_ARRAY_LEN(names) && !done; i++) {
			size_t n = strlen(names[i]);
			if (!strncmp(p, names[i], n)) {
				tr_buf_adds(&b, values[i]);
				p += n;
				done = 1;
			}
		}
		if (!done)
			tr_buf_addc(&b, *p++);
	}
	const char *r = tr_strdup(b.data ? b.data : "");
	tr_buf_free(&b);
	return r;
}

/* May a change the macro with this owner (0: shared)? */
static int may_change(const tr_user *a, int64_t owner_id)
{
	return owner_id ? owner_id == a->id : a->is_admin;
}

int tr_macro_save(const tr_user *a, tr_macro *m, int shared, tr_problems *p)
{
	if (!m->title || !*m->title)
		tr_problem_add(p, "title", "err.required", NULL);
	if (!m->body || !*m->body)
		tr_problem_add(p, "body", "err.required", NULL);
	if (m->set_group_id) {
		int64_t n = 0;
		int rc = tr_db_int(&n, "SELECT COUNT(*) FROM staff_groups WHERE id = ?", "l", m->set_group_id);
		if (rc < 0)
			return rc;
		if (!n)
			tr_problem_add(p, "set_group", "agent.err_group", NULL);
	}
	if (p->n)
		return TR_E_INVALID;
	int64_t owner = shared ? 0 : a->id;
	if (!may_change(a, owner))
		return TR_E_FORBIDDEN;
	if (m->id) {
		int64_t was = 0;
		int rc = tr_db_int(&was, "SELECT COALESCE(owner_id, 0) FROM macros WHERE id = ?", "l", m->id);
		if (rc <= 0 || (was && was != a->id))
			return rc < 0 ? rc : TR_E_NOT_FOUND;
		if (!may_change(a, was) || was != owner)
			return TR_E_FORBIDDEN;
	}
	const char *status = m->set_status >= 0 ? tr_status_name((enum tr_status)m->set_status) : NULL;
	const char *priority = m->set_priority >= 0 ? tr_priority_name((enum tr_priority)m->set_priority) : NULL;
	int64_t rc;
	if (m->id) {
		rc = tr_db_run("UPDATE macros SET title = ?, body = ?, is_public = ?, set_status = ?, set_priority = ?, "
			       "set_group_id = NULLIF(?, 0), sort = ?, updated_at = NOW() WHERE id = ?", "ssisslil",
			       m->title, m->body, m->is_public, status, priority, m->set_group_id, m->sort, m->id);
	} else {
		rc = tr_db_run("INSERT INTO macros (owner_id, title, body, is_public, set_status, set_priority, set_group_id, "
			       "sort, created_at, updated_at) VALUES (NULLIF(?, 0), ?, ?, ?, ?, ?, NULLIF(?, 0), ?, NOW(), NOW())",
			       "lssissli", owner, m->title, m->body, m->is_public, status, priority, m->set_group_id, m->sort);
		if (rc >= 0)
			m->id = tr_db_insert_id();
	}
	return rc < 0 ? (int)rc : 0;
}

int tr_macro_delete(const tr_user *a, int64_t id)
{
	int64_t owner = 0;
	int rc = tr_db_int(&owner, "SELECT COALESCE(owner_id, 0) FROM macros WHERE id = ?", "l", id);
	if (rc <= 0 || (owner && owner != a->id))
		return rc < 0 ? rc : TR_E_NOT_FOUND;      /* another agent's own macro is none of ours */
	if (!may_change(a, owner))
		return TR_E_FORBIDDEN;
	int64_t r = tr_db_run("DELETE FROM macros WHERE id = ?", "l", id);
	return r < 0 ? (int)r : 0;
}
