/* agentview.c - page data of the agent workspace: the queue column, pickers, waiting times, a ticket's extras. */
#include "views/agentview.h"
#include "core/neoerr.h"
#include "core/pool.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "core/util.h"
#include "web/page.h"
#include "web/response.h"

#include <string.h>

void tr_view_queues(tr_req *req, const int64_t counts[TR_NQUEUE], int current)
{
	for (int i = 0; i < TR_NQUEUE; i++) {
		HDF *h = tr_node(req, tr_fmt("Queues.%d", i));
		tr_node_set(h, "name", tr_queue_names[i]);
		tr_node_set(h, "url", i == TR_Q_UNASSIGNED ? "/agent" : tr_fmt("/agent?queue=%s", tr_queue_names[i]));
		if (counts[i] >= 0)
			tr_node_set(h, "count", tr_int_str(counts[i]));
	}
	if (current >= 0)
		tr_set(req, "Page.queue", tr_queue_names[current]);
}

static void put_items(tr_req *req, const char *node, const tr_staff_item *items, int n)
{
	for (int i = 0; i < n; i++) {
		HDF *h = tr_node(req, tr_fmt("%s.%d", node, i));
		tr_node_set(h, "id", tr_int_str(items[i].id));
		tr_node_set(h, "name", items[i].name);
		if (items[i].mine)
			tr_node_set(h, "mine", "1");
	}
}

void tr_view_staff(tr_req *req, const tr_staff_item *groups, int ngroups, const tr_staff_item *agents, int nagents)
{
	put_items(req, "Groups", groups, ngroups);
	put_items(req, "Agents", agents, nagents);
}

/* "12 Min." / "3 Std." / "2 Tg." since a time, for a queue row. */
static const char *waiting(tr_req *req, const tr_time *t)
{
	long m = tr_time_minutes_ago(t);
	if (m < 60)
		return tr_subst(tr_L(req, "agent.age_minutes"), tr_int_str(m));
	if (m < 48 * 60)
		return tr_subst(tr_L(req, "agent.age_hours"), tr_int_str(m / 60));
	return tr_subst(tr_L(req, "agent.age_days"), tr_int_str(m / (24 * 60)));
}

/* Tickets.N with what both the queue and the strip beside a ticket show; its update time read
 * once for all its forms (a zone conversion each time). 0, or -1 when the time is unreadable. */
static int put_row(tr_req *req, int i, const tr_queue_row *r, HDF **node, tr_time *updated)
{
	HDF *h = *node = tr_node(req, tr_fmt("Tickets.%d", i));
	tr_node_set(h, "id", tr_int_str(r->id));
	tr_node_set(h, "subject", r->subject);
	tr_node_set(h, "requester", r->requester);
	if (r->urgent_review)
		tr_node_set(h, "urgent", "1");
	if (tr_time_parse(r->updated_at, updated) < 0)
		return -1;
	tr_node_set(h, "waiting", waiting(req, updated));
	return 0;
}

void tr_view_queue_rows(tr_req *req, const tr_queue_list *list)
{
	for (int i = 0; i < list->n; i++) {
		const tr_queue_row *r = &list->rows[i];
		HDF *h;
		tr_time updated;
		int dated = put_row(req, i, r, &h, &updated) == 0;
		tr_node_set(h, "status", r->status);
		tr_node_set(h, "type", r->type);
		tr_node_set(h, "priority", r->priority);
		tr_node_set(h, "org", r->org);
		tr_node_set(h, "assignee", r->assignee);
		tr_node_set(h, "group", r->group);
		if (dated) {
			tr_node_set(h, "updated", tr_time_text(&updated, req->lang));
			tr_node_set(h, "updated_iso", tr_time_iso8601(&updated));
		}
		if (r->awaiting_agent)
			tr_node_set(h, "awaiting", "1");
	}
}

void tr_view_queue_strip(tr_req *req, const tr_queue_list *list)
{
	for (int i = 0; i < list->n; i++) {
		HDF *h;
		tr_time updated;
		put_row(req, i, &list->rows[i], &h, &updated);
	}
}

void tr_view_agent_ticket(tr_req *req, const tr_ticket *t, int64_t last_event, int64_t last_comment)
{
	tr_set_int(req, "Ticket.version", t->version);
	tr_set_int(req, "Ticket.seen_event", last_event);
	tr_set_int(req, "Ticket.seen_comment", last_comment);
	tr_set_int(req, "Ticket.assignee_id", t->assignee_id);
	tr_set_int(req, "Ticket.group_id", t->group_id);
	tr_set_int(req, "Ticket.mine", t->assignee_id && t->assignee_id == req->user->id);
	tr_set_int(req, "Ticket.urgent_review", t->urgent_review);
	tr_set_int(req, "Ticket.awaiting_agent", t->awaiting_agent);
	tr_set_int(req, "Ticket.closed", t->status == TR_CLOSED);
	if (t->urgent_reason)
		tr_set(req, "Ticket.urgent_reason", t->urgent_reason);
	if (t->merged_into)
		tr_set_int(req, "Ticket.merged_into", t->merged_into);
	if (t->requester_email)
		tr_set(req, "Ticket.requester_email", t->requester_email);
}

void tr_view_requester(tr_req *req, const tr_user *r)
{
	if (!r)
		return;
	tr_set(req, "Requester.name", r->name);
	tr_set(req, "Requester.email", r->email);
	tr_set(req, "Requester.org", r->org_name);
	tr_set(req, "Requester.level", tr_level_name(r->level));
	tr_set(req, "Requester.user_level", tr_level_name(r->user_level));
	tr_set(req, "Requester.org_level", tr_level_name(r->org_level));
	if (r->main_contact)
		tr_set(req, "Requester.roles.main_contact", "1");
	if (r->customer_admin)
		tr_set(req, "Requester.roles.customer_admin", "1");
	if (r->info_recipient)
		tr_set(req, "Requester.roles.info_recipient", "1");
	tr_set_int(req, "Requester.confirmed", r->confirmed);
}

void tr_view_events(tr_req *req, const char *node, const tr_event_row *e, int n)
{
	for (int i = 0; i < n; i++) {
		HDF *h = tr_node(req, tr_fmt("%s.%d", node, i));
		tr_node_set(h, "id", tr_int_str(e[i].id));
		tr_node_set(h, "at", tr_time_show(e[i].at, req->lang));
		tr_node_set(h, "at_iso", tr_time_iso(e[i].at));
		tr_node_set(h, "who", e[i].actor ? e[i].actor : tr_L(req, tr_fmt("agent.actor.%s",
					!strcmp(e[i].actor_kind, "automation") ? "automation" : "system")));
		tr_node_set(h, "kind", e[i].kind);
		tr_node_set(h, "old", e[i].old_value);
		tr_node_set(h, "new", e[i].new_value);
		tr_node_set(h, "note", e[i].note);
	}
}

void tr_view_macros(tr_req *req, const tr_macro *m, int n)
{
	for (int i = 0; i < n; i++) {
		HDF *h = tr_node(req, tr_fmt("Macros.%d", i));
		tr_node_set(h, "id", tr_int_str(m[i].id));
		tr_node_set(h, "title", m[i].title);
		if (!m[i].owner_id)
			tr_node_set(h, "shared", "1");
		if (!m[i].is_public)
			tr_node_set(h, "note", "1");
		if (m[i].set_status >= 0)
			tr_node_set(h, "status", tr_status_name((enum tr_status)m[i].set_status));
		if (m[i].set_priority >= 0)
			tr_node_set(h, "priority", tr_priority_name((enum tr_priority)m[i].set_priority));
	}
}
