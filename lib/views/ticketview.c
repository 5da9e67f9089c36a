/* ticketview.c - a ticket and its conversation as page data (Ticket.*). */
#include "views/ticketview.h"
#include "accounts/user.h"
#include "core/neoerr.h"
#include "core/pool.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "web/page.h"
#include "web/response.h"

#include <string.h>

static void set_time(tr_req *req, const char *base, const char *utc)
{
	tr_set(req, base, tr_time_show(utc, req->lang));
	tr_set(req, tr_fmt("%s_iso", base), tr_time_iso(utc));
}

static void put_comments(tr_req *req, const tr_conversation *c)
{
	HDF *list = tr_node(req, "Ticket.comments");
	for (int i = 0; i < c->ncomments; i++) {
		const tr_comment_row *r = &c->comments[i];
		HDF *h = NULL;
		tr_neoerr_ignore(hdf_get_node(list, tr_fmt("%d", i), &h));
		const char *name = r->author ? r->author : tr_L(req, "ticket.system");
		tr_node_set(h, "id", tr_int_str(r->id));
		tr_node_set(h, "time", tr_time_show(r->created_at, req->lang));
		tr_node_set(h, "time_iso", tr_time_iso(r->created_at));
		tr_node_set(h, "body", r->body);
		tr_node_set(h, "author", name);
		tr_node_set(h, "initials", tr_user_initials(name));
		if (r->picture > 0)   /* the address changes with the picture: browsers may keep it */
			tr_node_set(h, "picture", tr_fmt("/profile/picture/%lld?v=%d", (long long)r->author_id, r->picture));
		tr_node_set(h, "public", r->is_public ? "1" : "0");
		tr_node_set(h, "agent", r->by_staff ? "1" : "0");
	}
	tr_set_int(req, "Ticket.ncomments", c->ncomments);
}

/* Files go under their comment (Ticket.files.<comment id>.N) so the
 * template shows them in place, and into Ticket.all_files for the panel. */
static void put_files(tr_req *req, const tr_conversation *c)
{
	for (int n = 0; n < c->nfiles; n++) {
		const tr_file_row *r = &c->files[n];
		const char *url = tr_fmt("/attachments/%lld/%s", (long long)r->id, tr_pct(r->filename, ""));
		const char *size = tr_human_size(r->size);
		HDF *f = tr_node(req, tr_fmt("Ticket.files.%lld.%d", (long long)r->comment_id, n));
		HDF *all = tr_node(req, tr_fmt("Ticket.all_files.%d", n));
		tr_node_set(f, "id", tr_int_str(r->id));
		tr_node_set(f, "name", r->filename);
		tr_node_set(f, "url", url);
		tr_node_set(f, "type", r->content_type);
		tr_node_set(f, "size", size);
		tr_node_set(f, "inline", r->is_inline ? "1" : "0");
		tr_node_set(all, "name", r->filename);
		tr_node_set(all, "url", url);
		tr_node_set(all, "size", size);
	}
}

/* CCs and follow-ups came with the ticket; form values with the conversation. */
static void put_people_and_fields(tr_req *req, const tr_ticket *t, const tr_conversation *c)
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
	int en = req->lang && !strcmp(req->lang, "en");
	for (i = 0; i < c->nvalues; i++) {
		HDF *v = tr_node(req, tr_fmt("Ticket.values.%d", i));
		tr_node_set(v, "label", en ? c->values[i].label_en : c->values[i].label_de);
		tr_node_set(v, "value", c->values[i].value);
	}
}

void tr_view_ticket(tr_req *req, const tr_ticket *t, const tr_conversation *c)
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
	put_comments(req, c);
	put_files(req, c);
	put_people_and_fields(req, t, c);
}
