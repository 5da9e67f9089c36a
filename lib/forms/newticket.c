/* newticket.c - a ticket from a request form: the form's rules, kept files, one ticket per token, rate limit, creation. */
#include "forms/newticket.h"
#include "accounts/throttle.h"
#include "core/config.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/token.h"
#include "core/util.h"
#include "db/db.h"
#include "forms/pending.h"
#include "tickets/approval.h"
#include "tickets/notify.h"
#include "tickets/routing.h"
#include "tickets/ticket.h"

#include <string.h>

#define MAX_CC 20
#define MAX_PENDING 200
#define SUGGESTIONS 5

/* ---- the CC field ---- */

int tr_cc_split(const char *text, const char ***out)
{
	int cap = 8, n = 0;
	const char **list = tr_alloc(sizeof(char *) * (size_t)cap);
	for (const char *p = text ? text : ""; *p;) {
		size_t len = strcspn(p, ",;\n\r");
		char *e = tr_trim(tr_strndup(p, len));
		char *lt = strrchr(e, '<'), *gt = lt ? strchr(lt, '>') : NULL;
		if (lt && gt && gt[1] == '\0')        /* "Name <address>" */
			e = tr_trim(tr_strndup(lt + 1, (size_t)(gt - lt - 1)));
		if (*e) {
			list = tr_pool_grow(list, sizeof(*list), n, &cap);
			list[n++] = e;
		}
		p += len;
		if (*p)
			p++;
	}
	*out = list;
	return n;
}

/* The CC field as user ids; an entry that is no colleague is a problem
 * (the same one for unknown addresses and other organizations' users). */
static int resolve_cc(const tr_user *u, const char *cc, int64_t **ids, int *n, tr_problems *p)
{
	const char **entries;
	int ne = tr_cc_split(cc, &entries);
	*ids = tr_alloc(sizeof(int64_t) * (size_t)(ne + 1));
	*n = 0;
	if (ne > MAX_CC) {
		tr_problem_add(p, "cc", "newreq.cc_too_many", NULL);
		return 0;
	}
	for (int i = 0; i < ne; i++) {
		int64_t id;
		int rc = tr_user_colleague(u, entries[i], &id);
		if (rc < 0)
			return rc;
		if (rc != 1) {
			tr_problem_add(p, "cc", rc == 2 ? "newreq.cc_ambiguous" : "newreq.cc_unknown", entries[i]);
			return 0;
		}
		int dup = id == u->id;
		for (int k = 0; k < *n && !dup; k++)
			dup = (*ids)[k] == id;
		if (!dup)
			(*ids)[(*n)++] = id;
	}
	return 0;
}

/* ---- one ticket per form token ---- */

/* The ticket an earlier submit of this token made: 0 (*ticket_id 0 when
 * none), or TR_E_BAD_INPUT when the token is another user's. */
static int earlier_submit(const char *hash, int64_t user_id, int64_t *ticket_id)
{
	*ticket_id = 0;
	tr_q *q = tr_q_new("SELECT user_id, COALESCE(ticket_id, 0) FROM form_submissions WHERE token_hash = ?");
	tr_q_str(q, hash);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	if (tr_q_next(q) > 0) {
		if (tr_q_l(q, 0) != user_id)
			rc = TR_E_BAD_INPUT;
		else
			*ticket_id = tr_q_l(q, 1);
	}
	tr_q_end(q);
	return rc;
}

/* ---- files kept between attempts ---- */

/* New uploads go into the store at once and are listed with the form until
 * it is sent; unticked ones are dropped. */
static int keep_files(const tr_user *u, const tr_newticket *in, const char *hash)
{
	int rc;
	for (int i = 0; i < in->nremove; i++)
		if ((rc = tr_pending_remove(hash, u->id, in->remove[i])) < 0)
			return rc;
	tr_pending_file *kept;
	int n = tr_pending_list(hash, u->id, MAX_PENDING + 1, &kept);
	if (n < 0)
		return n;
	for (const tr_upload *f = in->files; f; f = f->next) {
		if (++n > MAX_PENDING)
			return TR_E_TOO_LARGE;
		if ((rc = tr_pending_add(hash, u->id, f)) < 0)
			return rc;
	}
	return 0;
}

/* ---- creating ---- */

typedef struct job {
	const tr_user *u;
	const tr_newticket *in;
	char hash[65];
	tr_ticket_new n;
	int route;
	int64_t ticket_id;
	enum tr_appr_role approval;   /* what the request needs (R-APPR) */
	int awaits;                   /* 1: made New and unassigned until an approver decides */
	int route_later;              /* the routing the approval does */
} job;

static tr_throttle_rule rate_rule(void)
{
	/* after max_per_hour new tickets within an hour, the next waits an hour from the last */
	return (tr_throttle_rule){ "new_ticket", (int)tr_cfg_int("Tickets.max_per_hour", 30), 3600, 3600 };
}

static int create(void *ctx)
{
	job *j = ctx;
	int64_t agent = 0;
	int rc;
	/* the first statement of the transaction: the group's lock (see routing.h) */
	if (j->route && (rc = tr_route_assign(j->in->form->group_id, &agent)) < 0)
		return rc;
	/* a second submit of the same form waits here for the first, then finds it done */
	int64_t r = tr_db_run("INSERT INTO form_submissions (token_hash, user_id, created_at) VALUES (?, ?, NOW())",
			      "sl", j->hash, j->u->id);
	if (r < 0)
		return (int)r;
	j->n.assignee_id = agent;
	j->n.status = agent ? TR_OPEN : TR_NEW;
	int64_t cid;
	int64_t id = tr_ticket_create(&j->n, &cid);
	if (id < 0)
		return (int)id;
	if ((rc = tr_pending_take(j->hash, j->u->id, id, cid)) < 0)
		return rc;
	tr_throttle_rule rule = rate_rule();
	if ((r = tr_db_run("UPDATE form_submissions SET ticket_id = ? WHERE token_hash = ?", "ls", id, j->hash)) < 0)
		return (int)r;
	if ((rc = tr_throttle_hit(&rule, tr_int_str(j->u->id))) < 0)
		return rc;
	tr_ticket *t = tr_ticket_load(id, 0, &rc);
	if (!t)
		return rc;
	if (j->approval != TR_APPR_NONE) {
		/* waiting for an approver: the agents hear of it when one decides (or when there is none) */
		if (j->awaits) {
			if ((rc = tr_approval_start(t, j->approval, j->route_later)) < 0 ||
			    (rc = tr_notify_created(t, j->n.description)) < 0)
				return rc;
			j->ticket_id = id;
			return 0;
		}
		if ((rc = tr_approval_start_self(t, j->approval)) < 0)
			return rc;
	}
	if ((rc = tr_notify_created(t, j->n.description)) < 0 ||
	    (rc = tr_notify_agents(t, "created", cid, j->n.description)) < 0)
		return rc;
	j->ticket_id = id;
	return 0;
}

/* The rules after the fields' own: required fields that are shown, the
 * urgency's reason, the CCs. */
static int check(job *j, const int *shown, tr_problems *p)
{
	const tr_newticket *in = j->in;
	const tr_form *f = in->form;
	for (int i = -1; (i = tr_form_next_missing(f, in->vals, shown, i)) >= 0;)
		if (!in->vals[i].invalid)
			tr_problem_add(p, tr_form_param(&f->fields[i]), "err.required", NULL);
	if (in->urgent && !in->urgent_reason)
		tr_problem_add(p, "urgent_reason", "newreq.urgent_reason_missing", NULL);
	int64_t *cc;
	int ncc;
	int rc = resolve_cc(j->u, in->cc, &cc, &ncc, p);
	j->n.cc_ids = cc;
	j->n.ncc = ncc;
	return rc;
}

/* Suggested articles before the ticket is made, unless the user saw them
 * already. 1 when the step is shown. */
static int suggestion_step(const tr_newticket *in, tr_newticket_result *out)
{
	if (in->suggested)
		return 0;
	int n = tr_article_suggest(in->subject, 1, SUGGESTIONS, &out->suggestions);
	if (n <= 0)
		return 0;         /* nothing to suggest, or trouble: the ticket matters more */
	out->nsuggestions = n;
	return 1;
}

static void fill_ticket(job *j, const int *shown)
{
	const tr_newticket *in = j->in;
	const tr_form *f = in->form;
	j->n.requester_id = j->u->id;
	j->n.subject = in->subject;
	j->n.description = in->description;
	j->n.type = (enum tr_type)in->type;
	j->n.urgent_claim = in->urgent;
	j->n.urgent_reason = in->urgent ? in->urgent_reason : NULL;
	j->n.priority = tr_priority_for(j->n.type, in->urgent);
	j->n.product_id = tr_form_product(f, in->vals, shown);
	j->n.form_id = f->id;
	j->n.group_id = f->group_id;
	j->n.values = tr_form_snapshot(f, in->vals, shown, in->lang, in->yes, &j->n.nvalues);
	j->route = tr_form_routing_complete(f, in->vals, shown);
	j->approval = tr_approval_needed(j->n.type, tr_form_needs_approval(f, shown));
}

/* An order, change, access or dump waits for an approver of the requester's organization,
 * unless the requester is one and no second one is asked for (Approvals.second_approver) or
 * there. Read before the creating transaction, whose first statement is the routing lock. */
static int approval_step(job *j)
{
	if (j->approval == TR_APPR_NONE)
		return 0;
	const tr_user *u = j->u;
	if (tr_approval_holds_role(j->approval, u->main_contact, u->customer_admin) && u->org_id) {
		int64_t others = 0;
		int rc = tr_approval_count(u->org_id, j->approval, u->id, &others);
		if (rc < 0)
			return rc;
		if (!tr_cfg_int("Approvals.second_approver", 1) || others == 0)
			return 0;        /* the approver's own request: sending it is the approval */
	}
	j->awaits = 1;
	j->route_later = j->route;
	j->route = 0;
	return 0;
}

int tr_newticket_submit(const tr_user *u, const tr_newticket *in, tr_newticket_result *out)
{
	memset(out, 0, sizeof(*out));
	job *j = tr_zalloc(sizeof(*j));
	j->u = u;
	j->in = in;
	if (tr_token_hash(in->token, j->hash) < 0)
		return TR_E_BAD_INPUT;
	int rc = earlier_submit(j->hash, u->id, &out->ticket_id);
	if (rc || out->ticket_id)
		return rc;
	if (in->type >= 0 && !tr_form_offers(in->form, (enum tr_type)in->type))
		return TR_E_BAD_INPUT;
	/* the files first: whatever else is wrong, they stay with the form */
	if ((rc = keep_files(u, in, j->hash)) < 0)
		return rc;
	int *shown = tr_alloc(sizeof(int) * (size_t)(in->form->nfields + 1));
	tr_form_shown(in->form, in->vals, shown);
	if ((rc = check(j, shown, &out->problems)) < 0)
		return rc;
	if (out->problems.n || in->page_errors || in->type < 0)
		return TR_E_INVALID;
	tr_throttle_rule rule = rate_rule();
	int wait = rule.limit > 0 ? tr_throttle_wait(&rule, tr_int_str(u->id)) : 0;
	if (wait < 0)
		return wait;
	if (wait > 0) {
		tr_problem_add(&out->problems, NULL, "newreq.throttled", NULL);
		out->problems.wait_s = wait;
		return TR_E_THROTTLED;
	}
	if (suggestion_step(in, out))
		return 0;
	fill_ticket(j, shown);
	if ((rc = approval_step(j)) < 0)
		return rc;
	rc = tr_db_tx(create, j);
	if (rc == TR_DB_DUP) {
		/* the same form was sent twice at once: the other made it */
		rc = earlier_submit(j->hash, u->id, &out->ticket_id);
		return rc ? rc : out->ticket_id ? 0 : TR_DB_RETRY;
	}
	if (rc < 0)
		return rc;
	out->ticket_id = j->ticket_id;
	tr_info("ticket %lld created from form %s (%s)", (long long)j->ticket_id, in->form->slug,
		j->route ? "routed" : "waits for assignment");
	return 0;
}

/* ---- housekeeping ---- */

int tr_newticket_cleanup(void)
{
	int n = tr_pending_purge();
	if (n < 0)
		return n;
	int64_t tokens = tr_db_run("DELETE FROM form_submissions WHERE created_at < NOW() - INTERVAL ? DAY", "l",
				   (int64_t)tr_cfg_int("Tickets.form_token_days", 7));
	if (tokens < 0)
		return (int)tokens;
	tr_info("removed %d kept uploads, %lld form tokens", n, (long long)tokens);
	return 0;
}
