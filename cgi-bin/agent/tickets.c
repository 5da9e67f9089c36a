/* tickets.c - /agent/tickets/ID: the agent's ticket page (R-AGT) - conversation with notes, requester,
 * audit trail; reply or note, status, priority, group, assignee, urgency review, merge, macros. */
#include "tresen.h"
#include "accounts/staff.h"
#include "tickets/access.h"
#include "tickets/agent.h"
#include "tickets/approval.h"
#include "tickets/conversation.h"
#include "tickets/events.h"
#include "tickets/macro.h"
#include "tickets/queue.h"
#include "tickets/viewers.h"
#include "views/agentview.h"
#include "views/approvalview.h"
#include "views/ticketview.h"
#include "views/autoview.h"

#include <string.h>

#define MAX_EVENTS 500
#define STRIP_ROWS 15            /* the queue beside the ticket */

static const char *const actions[] = { "reply", "take", "urgency_accept", "urgency_reject", "merge", "approval_phone",
				       NULL };
static const char *const visibilities[] = { "public", "internal", NULL };
/* "new" is what an unassigned ticket shows; choosing it changes nothing */
static const char *const statuses[] = { "new", "open", "pending", "solved", NULL };

static const tr_field fields[] = {
	{ "action", TR_F_ENUM, 0, 0, 0, actions },
	{ "version", TR_F_INT, 0, 2000000000, 0, NULL },
	{ "seen_event", TR_F_INT, 0, 0, 0, NULL },
	{ "seen_comment", TR_F_INT, 0, 0, 0, NULL },
	{ "body", TR_F_LINES, 0, 65000, 0, NULL },
	{ "visibility", TR_F_ENUM, 0, 0, 0, visibilities },
	{ "attachments", TR_F_FILE, TR_MULTI, 0, 0, NULL },
	{ "screenshots", TR_F_FILE, TR_MULTI, 0, 0, NULL },
	{ "status", TR_F_ENUM, 0, 0, 0, statuses },
	{ "priority", TR_F_ENUM, 0, 0, 0, tr_priority_names },
	{ "group", TR_F_INT, 0, 0, 0, NULL },
	{ "assignee", TR_F_INT, 0, 0, 0, NULL },
	{ "reason", TR_F_LINES, 0, 2000, 0, NULL },
	{ "target", TR_F_TEXT, 0, 30, 0, NULL },
	{ "macro", TR_F_INT, 0, 0, 1, NULL },
	{ "queue", TR_F_ENUM, 0, 0, 0, tr_queue_names },
	{ "next", TR_F_BOOL, 0, 0, 0, NULL },      /* after saving, open the next ticket of the queue */
	{ "approver", TR_F_INT, 0, 0, 0, NULL },   /* an approval given by phone: who gave it (R-APPR) */
	{ "approval_note", TR_F_LINES, 0, 2000, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static tr_ticket *load(tr_req *req, int *rc)
{
	enum tr_right right;
	return tr_access_ticket(req->user, tr_path_id(req), &right, rc);
}

/* A macro asked for with ?macro=ID fills the reply box: text, visibility and changes, still editable. */
static int apply_macro(tr_req *req, const tr_ticket *t)
{
	int64_t id = tr_arg_int(req, "macro", 0);
	tr_macro m;
	int rc = id ? tr_macro_load(req->user, id, &m) : 0;
	if (rc <= 0)
		return rc;
	tr_set(req, "Form.body", tr_macro_text(m.body, t, req->user));
	tr_set(req, "Form.visibility", m.is_public ? "public" : "internal");
	if (m.set_status >= 0)
		tr_set(req, "Form.status", tr_status_name((enum tr_status)m.set_status));
	if (m.set_priority >= 0)
		tr_set(req, "Form.priority", tr_priority_name((enum tr_priority)m.set_priority));
	if (m.set_group_id)
		tr_set_int(req, "Form.group", m.set_group_id);
	tr_set(req, "Macro.title", m.title);
	return 0;
}

/* The events since the page the agent saw: what changed meanwhile. */
static int show_changes(tr_req *req, const tr_ticket *t)
{
	tr_event_row *ev;
	int n = tr_ticket_events(t->id, tr_arg_int(req, "seen_event", 0), MAX_EVENTS, &ev);
	if (n < 0)
		return n;
	tr_view_events(req, "Changed", ev, n);
	tr_set_int(req, "Conflict", 1);
	return 0;
}

/* The queue the agent came from (mine when none), beside the ticket, with the counts of all queues. */
static int show_queue(tr_req *req)
{
	const char *name = tr_arg(req, "queue");
	int queue = name ? tr_queue_parse(name) : -1;
	tr_queue_query q = { .queue = queue >= 0 ? (enum tr_queue)queue : TR_Q_MINE, .status = -1, .type = -1,
			     .priority = -1, .per_page = STRIP_ROWS, .page = 1, .brief = 1 };
	tr_queue_list list;
	int rc = tr_agent_queue(req->user, &q, &list);
	if (rc < 0)
		return rc;
	tr_view_queues(req, list.counts, q.queue);
	tr_view_queue_strip(req, &list);
	return 0;
}

/* The ticket's approval (R-APPR) and, while it waits, the approvers an agent may name for a phone call. */
static int show_approval(tr_req *req, const tr_ticket *t)
{
	tr_approval *a;
	int rc = tr_approval_of(t, &a);
	if (rc <= 0)
		return rc;
	tr_approver *list;
	int n = tr_approval_approvers(a->org_id, a->role, &list);
	if (n < 0)
		return n;
	tr_view_approval(req, a, n);
	if (a->state == TR_APPR_AWAITING)
		tr_view_approvers(req, list, n);
	return 0;
}

/* An approval given by phone: the agent records who gave it, with a note. */
static int approval_phone(tr_req *req, const tr_ticket *t, tr_problems *p)
{
	tr_approval *a;
	int rc = tr_approval_load(t->id, &a);
	if (rc <= 0)
		return rc < 0 ? rc : TR_E_CONFLICT;
	if (a->state != TR_APPR_AWAITING)
		return TR_E_CONFLICT;
	int64_t approver = tr_arg_int(req, "approver", 0);
	if (approver) {
		tr_approver *list;
		int n = tr_approval_approvers(a->org_id, a->role, &list), ok = 0;
		if (n < 0)
			return n;
		for (int i = 0; i < n && !ok; i++)
			ok = list[i].id == approver;
		if (!ok)
			tr_problem_add(p, "approver", "approvals.err_approver", NULL);
	}
	const char *note = tr_arg(req, "approval_note");
	if (!note)
		tr_problem_add(p, "approval_note", "approvals.err_note", NULL);
	if (p->n)
		return TR_E_INVALID;
	tr_approval_decision d = { .approve = 1, .comment = note, .approver_id = approver, .agent_id = req->user->id };
	return tr_approval_decide(t->id, &d);
}

static int render(tr_req *req, tr_ticket *t)
{
	tr_conversation c;
	tr_event_row *ev;
	tr_macro *macros;
	tr_staff_item *groups, *agents;
	int rc, nev, nm, ng, na;
	int64_t last_event;
	if ((rc = tr_conversation_load(req->user, t, &c)) < 0 ||
	    (nev = rc = tr_ticket_events(t->id, 0, MAX_EVENTS, &ev)) < 0 ||
	    (nm = rc = tr_macro_list(req->user, 0, &macros)) < 0 ||
	    (rc = tr_staff_groups_agents(req->user->id, &groups, &ng, &agents, &na)) < 0 ||
	    (rc = show_queue(req)) < 0)
		return rc;
	/* the newest event, for the collision poll: the last one read, unless the trail goes on */
	last_event = nev ? ev[nev - 1].id : 0;
	if (nev == MAX_EVENTS && (rc = tr_ticket_last_event(t->id, &last_event)) < 0)
		return rc;
	const char *viewers[8];
	int nv = tr_viewers_visit(t->id, req->user->id, viewers, 8);
	if (nv < 0)
		return nv;
	for (int i = 0; i < nv; i++)
		tr_set(req, tr_fmt("Viewers.%d", i), viewers[i]);
	tr_view_ticket(req, t, &c);
	tr_view_agent_ticket(req, t, last_event, c.ncomments ? c.comments[c.ncomments - 1].id : 0);
	if ((rc = tr_view_countdown(req, t)) < 0 || (rc = tr_view_ticket_sla(req, t)) < 0)
		return rc;
	tr_view_requester(req, tr_user_load(t->requester_id));
	tr_view_events(req, "Events", ev, nev);
	tr_view_macros(req, macros, nm);
	if ((rc = show_approval(req, t)) < 0)
		return rc;
	tr_view_staff(req, groups, ng, agents, na);
	tr_set(req, "Page.title", tr_fmt("#%lld %s", (long long)t->id, t->subject));
	tr_set(req, "Page.section", "agent");
	tr_set(req, "Ticket.max_file", tr_human_size(tr_limit("upload_bytes")));
	return tr_render(req, "agent/ticket.cs");
}

static int show(tr_req *req)
{
	int rc;
	tr_ticket *t = load(req, &rc);
	if (!t)
		return rc;
	if ((rc = apply_macro(req, t)) < 0)
		return rc;
	return render(req, t);
}

/* A select left as the ticket has it changes nothing. */
static int chosen_int(tr_req *req, const char *name, int64_t now)
{
	const char *v = tr_arg(req, name);
	int64_t x;
	if (!v || tr_parse_i64(v, &x) < 0 || x == now)
		return TR_UNCHANGED;
	return (int)x;
}

static int chosen_enum(tr_req *req, const char *name, int (*parse)(const char *), int now)
{
	const char *v = tr_arg(req, name);
	int x = v ? parse(v) : -1;
	return x < 0 || x == now ? TR_UNCHANGED : x;
}

static int reply(tr_req *req, tr_ticket *t, int version, int waits, tr_problems *p, const char **notice)
{
	const char *visibility = tr_arg(req, "visibility");
	tr_agent_change c = {
		.version = version,
		.body = tr_arg(req, "body"),
		.is_public = !visibility || strcmp(visibility, "internal") != 0,
		.files = tr_uploads(req, "attachments"),
		.screenshots = tr_uploads(req, "screenshots"),
		.status = chosen_enum(req, "status", tr_status_parse, t->status),
		.priority = chosen_enum(req, "priority", tr_priority_parse, t->priority),
		.group_id = chosen_int(req, "group", t->group_id),
		.assignee_id = chosen_int(req, "assignee", t->assignee_id),
	};
	if (c.status == TR_NEW)
		c.status = TR_UNCHANGED;
	if (!c.body && (c.files || c.screenshots))
		c.body = tr_L(req, "ticket.files_only");
	if (!c.body && c.status == TR_UNCHANGED && c.priority == TR_UNCHANGED && c.group_id == TR_UNCHANGED &&
	    c.assignee_id == TR_UNCHANGED) {
		tr_problem_add(p, "body", "agent.err_nothing", NULL);
		return TR_E_INVALID;
	}
	/* a request that waits for its approval is not worked on yet: internal notes, priority and
	 * group only (a public reply would take it) */
	if (waits && ((c.body && c.is_public) || c.status != TR_UNCHANGED || c.assignee_id != TR_UNCHANGED)) {
		tr_problem_add(p, "body", "approvals.err_waits", NULL);
		return TR_E_INVALID;
	}
	*notice = !c.body ? "saved" : c.is_public ? "reply_sent" : "note_saved";
	return tr_agent_act(req->user, t, &c, p);
}

static int take(tr_req *req, tr_ticket *t, int version, tr_problems *p)
{
	tr_agent_change c = {
		.version = version,
		.status = TR_UNCHANGED,
		.priority = TR_UNCHANGED,
		.group_id = TR_UNCHANGED,
		.assignee_id = req->user->id,
	};
	return tr_agent_act(req->user, t, &c, p);
}

/* "#123" or "123" */
static int64_t target_id(tr_req *req)
{
	const char *s = tr_arg(req, "target");
	int64_t id;
	if (!s)
		return 0;
	if (*s == '#')
		s++;
	return tr_parse_i64(s, &id) == 0 && id > 0 ? id : 0;
}

static int submit(tr_req *req)
{
	int rc;
	tr_ticket *t = load(req, &rc);
	if (!t)
		return rc;
	if (req->nerrors) {
		req->status = 422;                  /* a value no form of ours offers: shown, nothing changed */
		return render(req, t);
	}
	const char *action = tr_arg(req, "action");
	int version = (int)tr_arg_int(req, "version", -1);
	tr_problems p = { .n = 0 };
	const char *notice = action ? action : "saved";
	int waits = tr_approval_waits(t->id);
	if (waits < 0)
		return waits;
	if (waits && action && (!strcmp(action, "take") || !strcmp(action, "urgency_accept"))) {
		tr_problem_add(&p, "body", "approvals.err_waits", NULL);
		rc = TR_E_INVALID;
	} else if (!action || !strcmp(action, "reply")) {
		rc = reply(req, t, version, waits, &p, &notice);
	} else if (!strcmp(action, "take")) {
		rc = take(req, t, version, &p);
		notice = "taken";
	} else if (!strcmp(action, "urgency_accept") || !strcmp(action, "urgency_reject")) {
		int accept = !strcmp(action, "urgency_accept");
		rc = tr_agent_review_urgency(req->user, t, version, accept, tr_arg(req, "reason"), &p);
		notice = accept ? "urgency_accepted" : "urgency_rejected";
	} else if (!strcmp(action, "approval_phone")) {
		rc = approval_phone(req, t, &p);
		notice = "approval_recorded";
	} else {
		int64_t target = target_id(req);
		if (!target) {
			tr_problem_add(&p, "target", "agent.err_merge_unknown", NULL);
			rc = TR_E_INVALID;
		} else {
			rc = tr_agent_merge(req->user, t, version, target, &p);
		}
		notice = "merged";
	}
	if (rc == TR_E_CONFLICT) {
		/* someone else was faster: show what changed, keep the draft (Form.*) */
		req->status = 409;
		if (!(t = load(req, &rc)) || (rc = show_changes(req, t)) < 0)
			return rc;
		return render(req, t);
	}
	if (tr_form_again(req, rc, &p))
		return render(req, t);
	if (rc)
		return rc;
	const char *queue = tr_arg(req, "queue");
	if (tr_arg_bool(req, "next") && queue)
		return tr_redirect(req, tr_fmt("/agent?queue=%s&next=%lld", queue, (long long)t->id));
	return tr_redirect(req, tr_fmt("/agent/tickets/%lld?notice=%s%s%s", (long long)t->id, notice,
				       queue ? "&queue=" : "", queue ? queue : ""));
}

static const tr_page page = {
	.name = "agent-ticket",
	.access = TR_AGENT,
	.fields = fields,
	.get = show,
	.post = submit,
	.uploads = 1,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
