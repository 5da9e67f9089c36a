/* agent.c - what an agent does with a ticket: reply or note, status, priority, group, assignee,
 * the urgency review, merging - each one transaction, refused when the ticket changed meanwhile. */
#include "tickets/agent.h"
#include "core/pool.h"
#include "core/text.h"
#include "db/db.h"
#include "render/render.h"
#include "tickets/attach.h"
#include "tickets/notify.h"

#include <string.h>

#define MAX_CCS 64

/* 1 when id is an active agent (or staff admin). */
static int is_agent(int64_t id, int *err)
{
	int64_t n = 0;
	*err = tr_db_int(&n, "SELECT COUNT(*) FROM users WHERE id = ? AND is_staff = 1 "
			 "AND disabled_at IS NULL", "l", id);
	return *err > 0 && n > 0;
}

static int group_exists(int64_t id, int *err)
{
	int64_t n = 0;
	*err = tr_db_int(&n, "SELECT COUNT(*) FROM staff_groups WHERE id = ?", "l", id);
	return *err > 0 && n > 0;
}

/* The row locked and the agent's version checked: the start of every action. */
static int begin_on(tr_ticket *t, int version)
{
	int rc = tr_ticket_lock(t);
	if (rc)
		return rc;
	return t->version == version ? 0 : TR_E_CONFLICT;
}

static int attach(const tr_user *a, int64_t ticket_id, int64_t comment_id, const tr_upload *files, int is_inline)
{
	for (const tr_upload *f = files; f; f = f->next) {
		int64_t rc = tr_attach_add(ticket_id, comment_id, a->id, f, is_inline);
		if (rc < 0)
			return (int)rc;
	}
	return 0;
}

/* ---- reply, note, fields ---- */

typedef struct act_job {
	const tr_user *a;
	tr_ticket *t;
	const tr_agent_change *c;
	tr_problems *p;
} act_job;

static int check_change(act_job *j)
{
	const tr_agent_change *c = j->c;
	int err = 0;
	if (c->assignee_id > 0 && !is_agent(c->assignee_id, &err)) {
		if (err < 0)
			return err;
		tr_problem_add(j->p, "assignee", "agent.err_assignee", NULL);
	}
	if (c->group_id > 0 && !group_exists(c->group_id, &err)) {
		if (err < 0)
			return err;
		tr_problem_add(j->p, "group", "agent.err_group", NULL);
	}
	return j->p->n ? TR_E_INVALID : 0;
}

static int act(void *ctx)
{
	act_job *j = ctx;
	const tr_agent_change *c = j->c;
	tr_ticket *t = j->t;
	int rc = begin_on(t, c->version);
	if (rc)
		return rc;
	if (t->status == TR_CLOSED)
		return TR_E_CONFLICT;             /* closed is read-only: a customer's reply makes a follow-up */
	if ((rc = check_change(j)) != 0)
		return rc;
	tr_actor who = { j->a->id, "agent" };
	int64_t cid = 0;
	if (c->body) {
		cid = tr_ticket_comment(t, j->a->id, c->is_public, 1, c->body, "web", NULL);
		if (cid < 0)
			return (int)cid;
		if ((rc = attach(j->a, t->id, cid, c->files, 0)) < 0 ||
		    (rc = attach(j->a, t->id, cid, c->screenshots, 1)) < 0)
			return rc;
	}
	tr_ticket before = *t;
	if (c->priority != TR_UNCHANGED)
		t->priority = (enum tr_priority)c->priority;
	if (c->group_id != TR_UNCHANGED)
		t->group_id = c->group_id;
	int64_t assignee = c->assignee_id;
	/* whoever answers a ticket nobody has takes it */
	if (assignee == TR_UNCHANGED && c->body && c->is_public && !t->assignee_id)
		assignee = j->a->id;
	if (assignee != TR_UNCHANGED && assignee != t->assignee_id) {
		t->assignee_id = assignee;
		if (assignee && t->status == TR_NEW)
			t->status = TR_OPEN;
		else if (!assignee && t->status == TR_OPEN)
			t->status = TR_NEW;
	}
	if (c->status != TR_UNCHANGED) {
		enum tr_event ev = c->status == TR_PENDING ? TR_EV_AGENT_PENDING :
				   c->status == TR_SOLVED ? TR_EV_AGENT_SOLVE : TR_EV_AGENT_OPEN;
		tr_transition tr = tr_status_transition(t->status, ev, t->agent_replied);
		if (!tr.allowed)
			return TR_E_CONFLICT;
		t->status = tr.to;
	}
	int changed = before.status != t->status || before.priority != t->priority || before.group_id != t->group_id ||
		      before.assignee_id != t->assignee_id;
	if (changed && (rc = tr_ticket_update(&before, t, who, NULL, NULL)) < 0)
		return rc;
	/* the customer side hears of public replies and of the solution, never of notes */
	int solved = before.status != TR_SOLVED && t->status == TR_SOLVED;
	if (solved && (rc = tr_notify_solved(t, c->body && c->is_public ? c->body : NULL)) < 0)
		return rc;
	if (c->body && c->is_public)
		rc = tr_notify_customers(t, "ticket_reply", cid, c->body, j->a->name, solved);
	return rc;
}

int tr_agent_act(const tr_user *a, tr_ticket *t, const tr_agent_change *c, tr_problems *p)
{
	act_job j = { a, t, c, p };
	return tr_db_tx(act, &j);
}

/* ---- urgency review ---- */

typedef struct review_job {
	const tr_user *a;
	tr_ticket *t;
	int version, accept;
	const char *reason;
} review_job;

static int review(void *ctx)
{
	review_job *j = ctx;
	tr_ticket *t = j->t;
	int rc = begin_on(t, j->version);
	if (rc)
		return rc;
	if (!t->urgent_review)
		return TR_E_CONFLICT;             /* reviewed already */
	tr_actor who = { j->a->id, "agent" };
	int64_t cid = 0;
	const char *text = NULL;
	if (!j->accept) {
		/* the customer sees why, in the language of the request */
		text = tr_subst(tr_lang_text(t->requester_lang, "agent.urgency_rejected_comment"), j->reason);
		cid = tr_ticket_comment(t, j->a->id, 1, 1, text, "web", NULL);
		if (cid < 0)
			return (int)cid;
	}
	tr_ticket before = *t;
	t->urgent_review = 0;
	if (j->accept) {
		/* a justified urgency is worked at once: high, and assigned (R-PRIO) */
		if (t->priority < TR_HIGH)
			t->priority = TR_HIGH;
		if (!t->assignee_id)
			t->assignee_id = j->a->id;
		if (t->status == TR_NEW)
			t->status = TR_OPEN;
	} else {
		t->priority = tr_priority_for(t->type, 0);
	}
	if ((rc = tr_ticket_update(&before, t, who, j->accept ? "accepted" : j->reason, NULL)) < 0)
		return rc;
	return text ? tr_notify_customers(t, "ticket_reply", cid, text, j->a->name, 0) : 0;
}

int tr_agent_review_urgency(const tr_user *a, tr_ticket *t, int version, int accept, const char *reason,
			    tr_problems *p)
{
	if (!accept && (!reason || !*reason)) {
		tr_problem_add(p, "reason", "agent.err_reason", NULL);
		return TR_E_INVALID;
	}
	review_job j = { a, t, version, accept, reason };
	return tr_db_tx(review, &j);
}

/* ---- merging ---- */

typedef struct merge_job {
	const tr_user *a;
	tr_ticket *t, *target;
	int version;
	tr_problems *p;
} merge_job;

/* The source's requester and CCs become CCs of the target: they keep seeing their request. */
static int carry_people(const tr_ticket *from, const tr_ticket *to)
{
	int64_t ids[MAX_CCS];
	int n = tr_ticket_cc_ids(from->id, ids, MAX_CCS - 1);
	if (n < 0)
		return n;
	ids[n++] = from->requester_id;
	for (int i = 0; i < n; i++)
		if (ids[i] != to->requester_id) {
			int rc = tr_ticket_add_cc(to->id, ids[i]);
			if (rc < 0)
				return rc;
		}
	return 0;
}

static int merge(void *ctx)
{
	merge_job *j = ctx;
	tr_ticket *t = j->t, *target = j->target;
	/* both rows, lower id first: two merges of the same pair wait instead of deadlocking */
	tr_ticket *first = t->id < target->id ? t : target, *second = first == t ? target : t;
	int rc = tr_ticket_lock(first);
	if (rc == 0)
		rc = tr_ticket_lock(second);
	if (rc)
		return rc;
	if (t->version != j->version || t->status == TR_CLOSED || t->merged_into)
		return TR_E_CONFLICT;
	if (target->status == TR_CLOSED || target->merged_into) {
		tr_problem_add(j->p, "target", "agent.err_merge_target", NULL);
		return TR_E_INVALID;
	}
	int64_t r;
	if ((r = tr_db_run("UPDATE comments SET ticket_id = ? WHERE ticket_id = ?", "ll", target->id, t->id)) < 0 ||
	    (r = tr_db_run("UPDATE attachments SET ticket_id = ? WHERE ticket_id = ?", "ll", target->id, t->id)) < 0)
		return (int)r;
	if ((rc = carry_people(t, target)) < 0)
		return rc;
	tr_actor who = { j->a->id, "agent" };
	const char *into = tr_subst(tr_lang_text(target->requester_lang, "agent.merged_into_target"),
				    tr_fmt("#%lld %s", (long long)t->id, t->subject));
	int64_t cid = tr_ticket_comment(target, j->a->id, 1, 1, into, "web", NULL);
	if (cid < 0)
		return (int)cid;
	const char *moved = tr_subst(tr_lang_text(t->requester_lang, "agent.merged_source"),
				     tr_fmt("#%lld", (long long)target->id));
	if ((cid = tr_ticket_comment(t, j->a->id, 1, 1, moved, "web", NULL)) < 0)
		return (int)cid;
	tr_ticket before = *t;
	t->merged_into = target->id;
	t->status = TR_CLOSED;
	if ((rc = tr_ticket_update(&before, t, who, "merged", NULL)) < 0 ||
	    (rc = tr_ticket_audit(target->id, who, "merged_from", NULL, tr_fmt("%lld", (long long)t->id), NULL, NULL)) < 0 ||
	    (rc = tr_ticket_search_refresh(target->id)) < 0 || (rc = tr_ticket_search_refresh(t->id)) < 0)
		return rc;
	return tr_notify_merged(t, target);
}

int tr_agent_merge(const tr_user *a, tr_ticket *t, int version, int64_t target_id, tr_problems *p)
{
	if (target_id == t->id) {
		tr_problem_add(p, "target", "agent.err_merge_self", NULL);
		return TR_E_INVALID;
	}
	int err;
	tr_ticket *target = tr_ticket_load(target_id, 0, &err);
	if (!target) {
		if (err == TR_E_NOT_FOUND)
			tr_problem_add(p, "target", "agent.err_merge_unknown", NULL);
		return err == TR_E_NOT_FOUND ? TR_E_INVALID : err;
	}
	/* what one organization wrote never lands in another's ticket */
	if (target->org_id != t->org_id || (!t->org_id && target->requester_id != t->requester_id)) {
		tr_problem_add(p, "target", "agent.err_merge_other_org", NULL);
		return TR_E_INVALID;
	}
	merge_job j = { a, t, target, version, p };
	return tr_db_tx(merge, &j);
}
