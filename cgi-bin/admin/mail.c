/* mail.c - /admin/mail: the trace of the mail intake - for every fetched mail, what happened and why (R-MAIL 3).
 *
 *   /admin/mail                      the newest mails, ?outcome= one kind, ?before=ID older ones
 *   /admin/mail?id=ID                one mail with its raw headers
 * Staff admins only; read-only. */
#include "tresen.h"
#include "intake/intake.h"
#include "views/adminview.h"

#define PAGE_ROWS 50

static const char *const outcomes[] = { "comment", "note", "follow_up", "ignored", "refused", "loop", "duplicate",
					NULL };

static const tr_field fields[] = {
	{ "id", TR_F_INT, 0, 1000000000000L, 1, NULL },
	{ "before", TR_F_INT, 0, 1000000000000L, 1, NULL },
	{ "outcome", TR_F_ENUM, 0, 0, 0, outcomes },
	{ NULL, 0, 0, 0, 0, NULL },
};

/* What a row says in words: how it was matched, who sent it, what came of it (the template words them). */
static void put_row(tr_req *req, HDF *n, const tr_intake_row *r)
{
	tr_node_set(n, "id", tr_int_str(r->id));
	tr_node_set(n, "uid", tr_int_str(r->uid));
	tr_node_set(n, "at", tr_time_show(r->fetched_at, req->lang));
	tr_node_set(n, "at_iso", tr_time_iso(r->fetched_at));
	tr_node_set(n, "from", r->from_addr);
	tr_node_set(n, "from_name", r->from_name);
	tr_node_set(n, "subject", r->subject);
	tr_node_set(n, "message_id", r->message_id);
	tr_node_set(n, "size", tr_human_size(r->size));
	tr_node_set(n, "outcome", r->outcome);
	tr_node_set(n, "reason", r->reason);
	tr_node_set(n, "matched_by", r->matched_by);
	tr_node_set(n, "sender_role", r->sender_role);
	if (r->ticket_id)
		tr_node_set(n, "ticket_id", tr_int_str(r->ticket_id));
	if (r->comment_id)
		tr_node_set(n, "comment_id", tr_int_str(r->comment_id));
	if (r->new_ticket_id)
		tr_node_set(n, "new_ticket_id", tr_int_str(r->new_ticket_id));
	if (r->attachments)
		tr_node_set(n, "attachments", tr_int_str(r->attachments));
	if (r->bounced)
		tr_node_set(n, "bounced", "1");
	tr_node_set(n, "note", r->note);
	if (r->headers)
		tr_node_set(n, "headers", r->headers);
}

static int one(tr_req *req, int64_t id)
{
	int err;
	tr_intake_row *r = tr_intake_get(id, &err);
	if (!r)
		return err;
	put_row(req, tr_node(req, "Mail"), r);
	tr_set(req, "Page.title", tr_fmt("%s #%lld", tr_L(req, "intake.title"), (long long)id));
	return tr_render(req, "admin/mail.cs");
}

static int show(tr_req *req)
{
	tr_view_admin(req, "mail");
	int64_t id = tr_arg_int(req, "id", 0);
	if (id > 0)
		return one(req, id);
	const char *outcome = tr_arg(req, "outcome");
	tr_intake_row *rows;
	int n = tr_intake_list(tr_arg_int(req, "before", 0), outcome, PAGE_ROWS + 1, &rows);
	if (n < 0)
		return n;
	for (int i = 0; i < n && i < PAGE_ROWS; i++)
		put_row(req, tr_node(req, tr_fmt("Mails.%d", i)), &rows[i]);
	if (n > PAGE_ROWS)
		tr_set(req, "List.next", tr_self_url(req, "/admin/mail", "before",
						     tr_fmt("%lld", (long long)rows[PAGE_ROWS - 1].id), NULL));
	if (outcome)
		tr_set(req, "Form.outcome", outcome);
	tr_set(req, "Page.title", tr_L(req, "intake.title"));
	return tr_render(req, "admin/mail.cs");
}

static const tr_page page = {
	.name = "admin_mail",
	.access = TR_ADMIN,
	.fields = fields,
	.get = show,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
