/* ticketview.c - a ticket's page data into HDF in two round trips, never a query per row. */
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

const char *tr_path_escape(const char *s)
{
	tr_buf b;
	tr_buf_init(&b);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~", *p))
			tr_buf_addc(&b, (char)*p);
		else
			tr_buf_printf(&b, "%%%02X", *p);
	}
	const char *r = tr_strdup(b.data ? b.data : "");
	tr_buf_free(&b);
	return r;
}

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

/* The conversation in one round trip: comments (kind 0) and attachments
 * (kind 1), each in time order. Columns: kind, id, time, text (body or file
 * name), name (author or content type), n1 (public / comment id),
 * n2 (agent / size), n3 (- / inline). */
static const char conversation_public[] =
	"SELECT 0, c.id, c.created_at, c.body, u.name, c.is_public, u.is_agent OR u.is_admin, NULL "
	"FROM comments c LEFT JOIN users u ON u.id = c.author_id WHERE c.ticket_id = ? AND c.is_public = 1 "
	"UNION ALL SELECT 1, a.id, a.created_at, a.filename, a.content_type, a.comment_id, a.size, a.is_inline "
	"FROM attachments a LEFT JOIN comments c ON c.id = a.comment_id WHERE a.ticket_id = ? "
	"AND (a.comment_id IS NULL OR c.is_public = 1) ORDER BY 1, 3, 2";
static const char conversation_all[] =
	"SELECT 0, c.id, c.created_at, c.body, u.name, c.is_public, u.is_agent OR u.is_admin, NULL "
	"FROM comments c LEFT JOIN users u ON u.id = c.author_id WHERE c.ticket_id = ? "
	"UNION ALL SELECT 1, a.id, a.created_at, a.filename, a.content_type, a.comment_id, a.size, a.is_inline "
	"FROM attachments a WHERE a.ticket_id = ? ORDER BY 1, 3, 2";

static void put_comment(tr_req *req, HDF *list, int i, tr_q *q)
{
	HDF *c = NULL;
	tr_neoerr_ignore(hdf_get_node(list, tr_fmt("%d", i), &c));
	const char *name = tr_q_s(q, 4) ? tr_q_s(q, 4) : tr_L(req, "ticket.system");
	tr_node_set(c, "id", tr_q_s(q, 1));
	tr_node_set(c, "time", tr_time_show(tr_q_s(q, 2), req->lang));
	tr_node_set(c, "time_iso", tr_time_iso(tr_q_s(q, 2)));
	tr_node_set(c, "body", tr_q_s(q, 3));
	tr_node_set(c, "author", name);
	tr_node_set(c, "initials", tr_user_initials(name));
	tr_node_set(c, "public", tr_q_s(q, 5));
	tr_node_set(c, "agent", tr_q_s(q, 6) ? tr_q_s(q, 6) : "0");
}

/* Attachments go under their comment (Ticket.files.<comment id>.N) so the
 * template shows them in place, and into Ticket.all_files for the panel. */
static void put_file(tr_req *req, int n, tr_q *q)
{
	const char *cid = tr_q_s(q, 5) ? tr_q_s(q, 5) : "0";
	const char *name = tr_q_s(q, 3);
	const char *url = tr_fmt("/attachments/%s/%s", tr_q_s(q, 1), tr_path_escape(name));
	const char *size = human_size(tr_q_l(q, 6));
	HDF *f = tr_node(req, tr_fmt("Ticket.files.%s.%d", cid, n));
	HDF *all = tr_node(req, tr_fmt("Ticket.all_files.%d", n));
	tr_node_set(f, "id", tr_q_s(q, 1));
	tr_node_set(f, "name", name);
	tr_node_set(f, "url", url);
	tr_node_set(f, "type", tr_q_s(q, 4));
	tr_node_set(f, "size", size);
	tr_node_set(f, "inline", tr_q_s(q, 7));
	tr_node_set(all, "name", name);
	tr_node_set(all, "url", url);
	tr_node_set(all, "size", size);
}

static int conversation(tr_req *req, const tr_ticket *t, int internal)
{
	tr_q *q = tr_q_new(internal ? conversation_all : conversation_public);
	tr_q_i64(q, t->id);
	tr_q_i64(q, t->id);
	if (tr_q_exec(q) < 0)
		return TR_DB_ERR;
	HDF *list = tr_node(req, "Ticket.comments");
	int ncomments = 0, nfiles = 0;
	while (tr_q_next(q) > 0) {
		if (tr_q_l(q, 0) == 0)
			put_comment(req, list, ncomments++, q);
		else
			put_file(req, nfiles++, q);
	}
	tr_q_end(q);
	tr_set_int(req, "Ticket.ncomments", ncomments);
	return 0;
}

/* CCs (kind 0), form values (1) and follow-up tickets (2) in one round trip.
 * Columns: kind, sort key, then name / label_de, label_en, value / id. */
static int people_and_fields(tr_req *req, const tr_ticket *t)
{
	static const char sql[] =
		"SELECT 0, u.name, u.name, NULL, NULL FROM ticket_ccs c JOIN users u ON u.id = c.user_id "
		"WHERE c.ticket_id = ? "
		"UNION ALL SELECT 1, LPAD(sort, 10, '0'), label_de, label_en, value FROM ticket_values WHERE ticket_id = ? "
		"UNION ALL SELECT 2, LPAD(id, 20, '0'), id, NULL, NULL FROM tickets WHERE follow_up_of = ? ORDER BY 1, 2";
	int en = req->lang && !strcmp(req->lang, "en");
	tr_q *q = tr_q_new(sql);
	tr_q_i64(q, t->id);
	tr_q_i64(q, t->id);
	tr_q_i64(q, t->id);
	if (tr_q_exec(q) < 0)
		return TR_DB_ERR;
	int ncc = 0, nvalues = 0, nfollow = 0;
	while (tr_q_next(q) > 0) {
		switch (tr_q_l(q, 0)) {
		case 0:
			tr_set(req, tr_fmt("Ticket.ccs.%d", ncc++), tr_q_s(q, 2));
			break;
		case 1:
			tr_set(req, tr_fmt("Ticket.values.%d.label", nvalues), tr_q_s(q, en ? 3 : 2));
			tr_set(req, tr_fmt("Ticket.values.%d.value", nvalues++), tr_q_s(q, 4));
			break;
		default:
			tr_set(req, tr_fmt("Ticket.followups.%d", nfollow++), tr_q_s(q, 2));
		}
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
	if (conversation(req, t, internal) < 0 || people_and_fields(req, t) < 0)
		return TR_DB_ERR;
	return 0;
}
