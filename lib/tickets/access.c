/* access.c - what a user may see and do with tickets (R-ORG 1-3). */
#include "tickets/access.h"
#include "db/db.h"
#include "core/pool.h"

static int is_staff(const tr_user *u)
{
	return u->is_agent || u->is_admin;
}

enum tr_right tr_access_right(const tr_user *u, const tr_ticket *t, int is_cc)
{
	if (!u || !t)
		return TR_RIGHT_NONE;
	if (is_staff(u))
		return TR_RIGHT_READ;
	if (!u->confirmed)
		return TR_RIGHT_NONE;
	if (t->requester_id == u->id || is_cc)
		return TR_RIGHT_COMMENT;
	if (u->org_id && t->org_id == u->org_id) {
		if (u->level >= TR_LEVEL_ORG_COMMENT)
			return TR_RIGHT_COMMENT;
		if (u->level >= TR_LEVEL_ORG_READ)
			return TR_RIGHT_READ;
	}
	return TR_RIGHT_NONE;
}

tr_ticket *tr_access_ticket(const tr_user *u, int64_t id, enum tr_right *right, int *err)
{
	*right = TR_RIGHT_NONE;
	*err = TR_E_NOT_FOUND;
	if (!u || id <= 0)
		return NULL;
	tr_ticket *t = tr_ticket_load(id, u->id, err);
	if (!t)
		return NULL;
	*right = tr_access_right(u, t, t->is_cc);
	if (*right == TR_RIGHT_NONE) {
		*err = TR_E_NOT_FOUND;
		return NULL;
	}
	return t;
}

int tr_access_sees_internal(const tr_user *u)
{
	return u && is_staff(u);
}

tr_attachment *tr_access_attachment(const tr_user *u, int64_t id, int *err)
{
	tr_attachment *a = tr_attach_find(id, err);
	if (!a)
		return NULL;
	enum tr_right right;
	if (!tr_access_ticket(u, a->ticket_id, &right, err))
		return NULL;
	/* a file of an internal note does not exist for anyone else */
	if (!a->is_public && !tr_access_sees_internal(u)) {
		*err = TR_E_NOT_FOUND;
		return NULL;
	}
	return a;
}

int tr_access_scope_ok(const tr_user *u, enum tr_scope s)
{
	if (!u || !u->confirmed)
		return 0;
	if (s == TR_SCOPE_ORG)
		return u->org_id && u->level >= TR_LEVEL_ORG_READ;
	return 1;
}

tr_scope_sql tr_access_scope_sql(const tr_user *u, enum tr_scope s)
{
	tr_scope_sql q = { "", 0, "1", 0 };
	switch (s) {
	case TR_SCOPE_MINE:
		q.where = "t.requester_id = ?";
		q.where_arg = u->id;
		break;
	case TR_SCOPE_CC:
		q.join = "JOIN ticket_ccs c ON c.ticket_id = t.id AND c.user_id = ? ";
		q.join_arg = u->id;
		break;
	case TR_SCOPE_ORG:
		q.where = "t.org_id = ?";
		q.where_arg = u->org_id;
		break;
	}
	return q;
}

int64_t tr_access_search_scope(const tr_user *u, enum tr_scope s)
{
	return s == TR_SCOPE_ORG ? u->org_id : 0;
}
