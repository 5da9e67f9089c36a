/* customer.c - what a customer does on a ticket's page: comment with files, mark solved - one transaction. */
#include "tickets/customer.h"
#include "core/pool.h"
#include "core/text.h"
#include "db/db.h"
#include "render/render.h"
#include "tickets/attach.h"
#include "tickets/notify.h"

#include <string.h>

#define MAX_FOLLOWUP_CC 64

typedef struct job {
	const tr_user *u;
	tr_ticket *t;
	const tr_customer_input *in;
	tr_customer_result out;
} job;

static int attach_uploads(const job *j, int64_t ticket_id, int64_t comment_id)
{
	for (const tr_upload *f = j->in->files; f; f = f->next) {
		int64_t rc = tr_attach_add(ticket_id, comment_id, j->u->id, f, 0);
		if (rc < 0)
			return (int)rc;
	}
	for (const tr_upload *f = j->in->screenshots; f; f = f->next) {
		int64_t rc = tr_attach_add(ticket_id, comment_id, j->u->id, f, 1);
		if (rc < 0)
			return (int)rc;
	}
	return 0;
}

/* A comment on a closed ticket starts a follow-up with the same people (R-TKT 5). */
static int follow_up(job *j)
{
	const tr_ticket *t = j->t;
	int64_t ccs[MAX_FOLLOWUP_CC];
	int ncc = tr_ticket_cc_ids(t->id, ccs, MAX_FOLLOWUP_CC - 1);
	if (ncc < 0)
		return ncc;
	/* the original requester stays informed when a colleague follows up */
	if (j->u->id != t->requester_id)
		ccs[ncc++] = t->requester_id;
	const char *prefix = tr_lang_text(j->in->lang, "ticket.follow_up_prefix");
	tr_ticket_new n = {
		.requester_id = j->u->id,
		.subject = tr_strcut(tr_fmt("%s #%lld: %s", prefix, (long long)t->id, t->subject), 250),
		.description = j->in->body,
		.type = t->type,
		.priority = TR_NORMAL,
		.product_id = t->product_id,
		.form_id = t->form_id,
		.group_id = t->group_id,
		.assignee_id = t->assignee_id,
		.follow_up_of = t->id,
		.status = t->assignee_id ? TR_OPEN : TR_NEW,
		.cc_ids = ccs,
		.ncc = ncc,
	};
	n.description_via = j->in->via;
	int64_t comment_id;
	int64_t id = tr_ticket_create(&n, &comment_id);
	if (id < 0)
		return (int)id;
	j->out.ticket_id = id;
	j->out.comment_id = comment_id;
	j->out.commented = 1;
	int rc = attach_uploads(j, id, comment_id);
	if (rc < 0)
		return rc;
	int err;
	tr_ticket *created = tr_ticket_load(id, 0, &err);
	return created ? tr_notify_agents(created, "follow_up", comment_id, j->in->body) : err;
}

static int comment(job *j)
{
	tr_ticket *t = j->t;
	tr_transition tr = tr_status_transition(t->status, TR_EV_CUSTOMER_COMMENT, t->agent_replied);
	if (tr.follow_up)
		return follow_up(j);
	int64_t cid = tr_ticket_comment(t, j->u->id, 1, 0, j->in->body, j->in->via ? j->in->via : "web", NULL);
	if (cid < 0)
		return (int)cid;
	int rc = attach_uploads(j, t->id, cid);
	if (rc < 0)
		return rc;
	if (tr.to != t->status) {
		const char *note = t->status == TR_SOLVED ? "solution_not_accepted" : "customer_replied";
		if ((rc = tr_ticket_set_status(t, tr.to, (tr_actor){ j->u->id, "customer" }, note, NULL)) < 0)
			return rc;
	}
	j->out.commented = 1;
	j->out.comment_id = cid;
	return tr_notify_agents(t, "customer_comment", cid, j->in->body);
}

static int solve(job *j)
{
	tr_ticket *t = j->t;
	tr_transition tr = tr_status_transition(t->status, TR_EV_CUSTOMER_SOLVE, t->agent_replied);
	if (!tr.allowed)
		return j->in->body ? 0 : TR_E_CONFLICT;
	int rc = tr_ticket_set_status(t, TR_SOLVED, (tr_actor){ j->u->id, "customer" }, "marked_solved_by_customer",
				      NULL);
	if (rc < 0)
		return rc;
	j->out.solved = 1;
	return tr_notify_agents(t, "customer_solved", 0, NULL);
}

static int act(void *ctx)
{
	job *j = ctx;
	memset(&j->out, 0, sizeof(j->out));
	j->out.ticket_id = j->t->id;
	/* the ticket's row first: the rule applies to the status as it is now */
	int rc = tr_ticket_lock(j->t);
	if (rc == 0 && j->in->body)
		rc = comment(j);
	/* a comment that started a follow-up leaves the closed ticket as it is */
	if (rc == 0 && j->in->solve && j->out.ticket_id == j->t->id)
		rc = solve(j);
	return rc;
}

int tr_customer_act(const tr_user *u, tr_ticket *t, const tr_customer_input *in, tr_customer_result *out)
{
	job j = { .u = u, .t = t, .in = in };
	int rc = tr_db_tx(act, &j);
	*out = j.out;
	return rc;
}

int tr_customer_apply(const tr_user *u, tr_ticket *t, const tr_customer_input *in, tr_customer_result *out)
{
	job j = { .u = u, .t = t, .in = in };
	int rc = act(&j);
	*out = j.out;
	return rc;
}
