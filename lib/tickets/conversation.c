/* conversation.c - what a ticket's page shows of it, as data: one query per kind of thing, never one per row. */
#include "tickets/conversation.h"
#include "core/pool.h"
#include "db/db.h"
#include "tickets/access.h"

#include <string.h>

static int comments(const tr_ticket *t, int internal, tr_conversation *c)
{
	tr_q *q = tr_q_new(internal ?
		"SELECT c.id, c.created_at, c.body, u.name, c.is_public, u.is_agent OR u.is_admin, c.author_id, "
		"u.picture_version FROM comments c "
		"LEFT JOIN users u ON u.id = c.author_id WHERE c.ticket_id = ? ORDER BY c.created_at, c.id" :
		"SELECT c.id, c.created_at, c.body, u.name, c.is_public, u.is_agent OR u.is_admin, c.author_id, "
		"u.picture_version FROM comments c "
		"LEFT JOIN users u ON u.id = c.author_id WHERE c.ticket_id = ? AND c.is_public = 1 "
		"ORDER BY c.created_at, c.id");
	tr_q_i64(q, t->id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int cap = 16;
	c->comments = tr_alloc(sizeof(*c->comments) * (size_t)cap);
	while (tr_q_next(q) > 0) {
		c->comments = tr_pool_grow(c->comments, sizeof(*c->comments), c->ncomments, &cap);
		tr_comment_row *r = &c->comments[c->ncomments++];
		r->id = tr_q_l(q, 0);
		r->created_at = tr_q_dup(q, 1);
		r->body = tr_q_dup(q, 2);
		r->author = tr_q_dup(q, 3);
		r->is_public = (int)tr_q_l(q, 4);
		r->by_staff = (int)tr_q_l(q, 5);
		r->author_id = tr_q_l(q, 6);
		r->picture = (int)tr_q_l(q, 7);
	}
	tr_q_end(q);
	return 0;
}

static int files(const tr_ticket *t, int internal, tr_conversation *c)
{
	if (!t->nattachments)
		return 0;
	tr_q *q = tr_q_new(internal ?
		"SELECT a.id, a.comment_id, a.filename, a.content_type, a.size, a.is_inline FROM attachments a "
		"WHERE a.ticket_id = ? ORDER BY a.id" :
		"SELECT a.id, a.comment_id, a.filename, a.content_type, a.size, a.is_inline FROM attachments a "
		"LEFT JOIN comments c ON c.id = a.comment_id WHERE a.ticket_id = ? "
		"AND (a.comment_id IS NULL OR c.is_public = 1) ORDER BY a.id");
	tr_q_i64(q, t->id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	c->files = tr_alloc(sizeof(*c->files) * (size_t)t->nattachments);
	while (c->nfiles < t->nattachments && tr_q_next(q) > 0) {
		tr_file_row *f = &c->files[c->nfiles++];
		f->id = tr_q_l(q, 0);
		f->comment_id = tr_q_l(q, 1);
		f->filename = tr_q_dup(q, 2);
		f->content_type = tr_q_dup(q, 3);
		f->size = tr_q_l(q, 4);
		f->is_inline = (int)tr_q_l(q, 5);
	}
	tr_q_end(q);
	return 0;
}

static int values(const tr_ticket *t, tr_conversation *c)
{
	if (!t->nvalues)
		return 0;
	tr_q *q = tr_q_new("SELECT label_de, label_en, value FROM ticket_values WHERE ticket_id = ? ORDER BY sort");
	tr_q_i64(q, t->id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	c->values = tr_alloc(sizeof(*c->values) * (size_t)t->nvalues);
	while (c->nvalues < t->nvalues && tr_q_next(q) > 0) {
		tr_value_row *v = &c->values[c->nvalues++];
		v->label_de = tr_q_dup(q, 0);
		v->label_en = tr_q_dup(q, 1);
		v->value = tr_q_dup(q, 2);
	}
	tr_q_end(q);
	return 0;
}

int tr_conversation_load(const tr_user *viewer, const tr_ticket *t, tr_conversation *out)
{
	memset(out, 0, sizeof(*out));
	int internal = tr_access_sees_internal(viewer);
	int rc = comments(t, internal, out);
	if (rc == 0)
		rc = files(t, internal, out);
	if (rc == 0)
		rc = values(t, out);
	return rc;
}
