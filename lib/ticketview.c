/* ticketview.c - a ticket's page data into HDF: one query per kind of thing the ticket has, never one per row. */
#include "ticketview.h"
#include "db.h"
#include "neoerr.h"
#include "pool.h"
#include "render.h"
#include "response.h"
#include "timefmt.h"
#include "user.h"
#include "util.h"

#include <string.h>

static const char *human_size(int64_t n)
{
	if (n < 1024)
		return tr_fmt("%lld B", (long long)n);
	if (n < 1024 * 1024)
		return tr_fmt("%.0f KB", n / 1024.0);
	return tr_fmt("%.1f MB", n / (1024.0 * 1024.0));
}

static void set_time(tr_req *req, const char *base, const char *utc)
{
	tr_set(req, base, tr_time_show(utc, req->lang));
	tr_set(req, tr_fmt("%s_iso", base), tr_time_iso(utc));
}

static void put_comment(tr_req *req, HDF *list, int i, tr_q *q)
{
	HDF *c = NULL;
	tr_neoerr_ignore(hdf_get_node(list, tr_fmt("%d", i), &c));
	const char *name = tr_q_s(q, 3) ? tr_q_s(q, 3) : tr_L(req, "ticket.system");
	tr_node_set(c, "id", tr_q_s(q, 0));
	tr_node_set(c, "time", tr_time_show(tr_q_s(q, 1), req->lang));
	tr_node_set(c, "time_iso", tr_time_iso(tr_q_s(q, 1)));
	tr_node_set(c, "body", tr_q_s(q, 2));
	tr_node_set(c, "author", name);
	tr_node_set(c, "initials", tr_user_initials(name));
	tr_node_set(c, "public", tr_q_s(q, 4));
	tr_node_set(c, "agent", tr_q_s(q, 5) ? tr_q_s(q, 5) : "0");
}

static int comments(tr_req *req, const tr_ticket *t, int internal)
{
	tr_q *q = tr_q_new(internal ?
		"SELECT c.id, c.created_at, c.body, u.name, c.is_public, u.is_agent OR u.is_admin FROM comments c "
		"LEFT JOIN users u ON u.id = c.author_id WHERE c.ticket_id = ? ORDER BY c.created_at, c.id" :
		"SELECT c.id, c.created_at, c.body, u.name, c.is_public, u.is_agent OR u.is_admin FROM comments c "
		"LEFT JOIN users u ON u.id = c.author_id WHERE c.ticket_id = ? AND c.is_public = 1 "
		"ORDER BY c.created_at, c.id");
	tr_q_i64(q, t->id);
	if (tr_q_exec(q) < 0)
		return TR_DB_ERR;
	HDF *list = tr_node(req, "Ticket.comments");
	int n = 0;
	while (tr_q_next(q) > 0)
		put_comment(req, list, n++, q);
	tr_q_end(q);
	tr_set_int(req, "Ticket.ncomments", n);
	return 0;
}

/* Attachments go under their comment (Ticket.files.<comment id>.N) so the
 * template shows them in place, and into Ticket.all_files for the panel. */
static int attachments(tr_req *req, const tr_ticket *t, int internal)
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
	if (tr_q_exec(q) < 0)
		return TR_DB_ERR;
	for (int n = 0; tr_q_next(q) > 0; n++) {
		const char *cid = tr_q_s(q, 1) ? tr_q_s(q, 1) : "0";
		const char *name = tr_q_s(q, 2);
		const char *url = tr_fmt("/attachments/%s/%s", tr_q_s(q, 0), tr_pct(name, ""));
		const char *size = human_size(tr_q_l(q, 4));
		HDF *f = tr_node(req, tr_fmt("Ticket.files.%s.%d", cid, n));
		HDF *all = tr_node(req, tr_fmt("Ticket.all_files.%d", n));
		tr_node_set(f, "id", tr_q_s(q, 0));
		tr_node_set(f, "name", name);
		tr_node_set(f, "url", url);
		tr_node_set(f, "type", tr_q_s(q, 3));
		tr_node_set(f, "size", size);
		tr_node_set(f, "inline", tr_q_s(q, 5));
		tr_node_set(all, "name", name);
		tr_node_set(all, "url", url);
		tr_node_set(all, "size", size);
	}
	tr_q_end(q);
	return 0;
}

/* CCs and follow-ups came with the ticket; form values are read when there are any. */
static int people_and_fields(tr_req *req, const tr_ticket *t)
{
	int i = 0;
	for (const char *p = t->cc_names; p && *p; i++) {
		size_t n = strcspn(p, "\n");
		tr_set(req, tr_fmt("Ticket.ccs.%d", i), tr_strndup(p, n));
		p += n + (p[n] == '\n');
	}
	i = 0;
	for (const char *p = t->followups; p && *p; i++) {
		size_t n = strcspn(p, ",");
		tr_set(req, tr_fmt("Ticket.followups.%d", i), tr_strndup(p, n));
		p += n + (p[n] == ',');
	}
	if (!t->nvalues)
		return 0;
	int en = req->lang && !strcmp(req->lang, "en");
	tr_q *q = tr_q_new("SELECT label_de, label_en, value FROM ticket_values WHERE ticket_id = ? ORDER BY sort");
	tr_q_i64(q, t->id);
	if (tr_q_exec(q) < 0)
		return TR_DB_ERR;
	for (i = 0; tr_q_next(q) > 0; i++) {
		HDF *v = tr_node(req, tr_fmt("Ticket.values.%d", i));
		tr_node_set(v, "label", tr_q_s(q, en ? 1 : 0));
		tr_node_set(v, "value", tr_q_s(q, 2));
	}
	tr_q_end(q);
	return 0;
}

int tr_ticket_view(tr_req *req, const tr_ticket *t, int internal)
{
	tr_set_int(req, "Ticket.id", t->id);
	tr_set(req, "Ticket.subject", t->subject);
	tr_set(req, "Ticket.status", tr_status_name(t->status));
	tr_set(req, "Ticket.type", tr_type_name(t->type));
	tr_set(req, "Ticket.priority", tr_priority_name(t->priority));
	tr_set(req, "Ticket.requester", t->requester_name);
	tr_set(req, "Ticket.org", t->org_name);
	tr_set(req, "Ticket.assignee", t->assignee_name);
	tr_set(req, "Ticket.group", t->group_name);
	tr_set(req, "Ticket.product", t->product_name);
	tr_set_int(req, "Ticket.urgent_claim", t->urgent_claim);
	tr_set_int(req, "Ticket.agent_replied", t->agent_replied);
	if (t->follow_up_of)
		tr_set_int(req, "Ticket.follow_up_of", t->follow_up_of);
	set_time(req, "Ticket.created", t->created_at);
	set_time(req, "Ticket.updated", t->updated_at);
	if (comments(req, t, internal) < 0 || attachments(req, t, internal) < 0 || people_and_fields(req, t) < 0)
		return TR_DB_ERR;
	return 0;
}
