/* ticket.c - tickets: status machine, creation, comments, status changes, audit, counts, search documents. */
#include "ticket.h"
#include "attach.h"
#include "db.h"
#include "log.h"
#include "notify.h"
#include "pool.h"
#include "render.h"
#include "search.h"
#include "util.h"

#include <string.h>

const char *const tr_status_names[] = { "new", "open", "pending", "solved", "closed", NULL };
const char *const tr_type_names[] = { "question", "incident", "requirement", "change", NULL };
static const char *const priority_names[] = { "low", "normal", "high", "urgent", NULL };

static int parse_name(const char *const *names, const char *s)
{
	for (int i = 0; s && names[i]; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

const char *tr_status_name(enum tr_status s)
{
	return (unsigned)s < TR_NSTATUS ? tr_status_names[s] : "new";
}

const char *tr_type_name(enum tr_type t)
{
	return (unsigned)t < TR_NTYPE ? tr_type_names[t] : "question";
}

const char *tr_priority_name(enum tr_priority p)
{
	return (unsigned)p < TR_NPRIORITY ? priority_names[p] : "normal";
}

int tr_status_parse(const char *s) { return parse_name(tr_status_names, s); }
int tr_type_parse(const char *s) { return parse_name(tr_type_names, s); }
int tr_priority_parse(const char *s) { return parse_name(priority_names, s); }

enum tr_priority tr_priority_for(enum tr_type type, int urgent)
{
	if (urgent)
		return TR_HIGH;
	return type == TR_QUESTION ? TR_LOW : TR_NORMAL;
}

tr_transition tr_status_transition(enum tr_status from, enum tr_event ev, int agent_replied)
{
	tr_transition t = { 1, from, 0 };
	switch (ev) {
	case TR_EV_CUSTOMER_COMMENT:
		if (from == TR_CLOSED)
			t.follow_up = 1;                  /* closed is read-only: a new ticket follows */
		else if (from == TR_PENDING || from == TR_SOLVED)
			t.to = TR_OPEN;                   /* answered, or the solution was not accepted */
		break;
	case TR_EV_CUSTOMER_SOLVE:
		if (!agent_replied || from == TR_SOLVED || from == TR_CLOSED)
			t.allowed = 0;
		else
			t.to = TR_SOLVED;
		break;
	case TR_EV_AGENT_OPEN:
		if (from == TR_CLOSED)
			t.allowed = 0;
		else
			t.to = TR_OPEN;
		break;
	case TR_EV_AGENT_PENDING:
		if (from == TR_CLOSED)
			t.allowed = 0;
		else
			t.to = TR_PENDING;
		break;
	case TR_EV_AGENT_SOLVE:
		if (from == TR_CLOSED)
			t.allowed = 0;
		else
			t.to = TR_SOLVED;
		break;
	case TR_EV_CLOSE:
		if (from != TR_SOLVED && from != TR_PENDING)
			t.allowed = 0;
		else
			t.to = TR_CLOSED;
		break;
	}
	return t;
}

/* ---- loading ---- */

tr_ticket *tr_ticket_load(int64_t id, int64_t viewer_id)
{
	static const char sql[] =
		"SELECT t.id, t.org_id, t.requester_id, t.assignee_id, t.group_id, t.product_id, t.form_id, "
		"t.follow_up_of, t.subject, t.status, t.type, t.priority, t.urgent_claim, t.urgent_review, "
		"t.agent_replied, t.urgent_reason, t.created_at, t.updated_at, t.solved_at, t.closed_at, "
		"r.name, r.email, a.name, g.name, p.name, o.name, "
		/* what the ticket page needs besides, in the same row: no extra round trips */
		"(SELECT COUNT(*) FROM ticket_ccs c WHERE c.ticket_id = t.id AND c.user_id = ?), "
		"(SELECT GROUP_CONCAT(u.name ORDER BY u.name SEPARATOR '\\n') FROM ticket_ccs c "
		" JOIN users u ON u.id = c.user_id WHERE c.ticket_id = t.id), "
		"(SELECT GROUP_CONCAT(f.id ORDER BY f.id) FROM tickets f WHERE f.follow_up_of = t.id), "
		"(SELECT COUNT(*) FROM ticket_values v WHERE v.ticket_id = t.id), "
		"(SELECT COUNT(*) FROM attachments x WHERE x.ticket_id = t.id) "
		"FROM tickets t JOIN users r ON r.id = t.requester_id "
		"LEFT JOIN users a ON a.id = t.assignee_id LEFT JOIN staff_groups g ON g.id = t.group_id "
		"LEFT JOIN products p ON p.id = t.product_id LEFT JOIN organizations o ON o.id = t.org_id "
		"WHERE t.id = ?";
	tr_q *q = tr_q_new(sql);
	tr_q_i64(q, viewer_id);
	tr_q_i64(q, id);
	if (tr_q_exec(q) < 0)
		return NULL;
	tr_ticket *t = NULL;
	if (tr_q_next(q) > 0) {
		t = tr_zalloc(sizeof(*t));
		t->id = tr_q_l(q, 0);
		t->org_id = tr_q_l(q, 1);
		t->requester_id = tr_q_l(q, 2);
		t->assignee_id = tr_q_l(q, 3);
		t->group_id = tr_q_l(q, 4);
		t->product_id = tr_q_l(q, 5);
		t->form_id = tr_q_l(q, 6);
		t->follow_up_of = tr_q_l(q, 7);
		t->subject = tr_q_dup(q, 8);
		t->status = (enum tr_status)tr_status_parse(tr_q_s(q, 9));
		t->type = (enum tr_type)tr_type_parse(tr_q_s(q, 10));
		t->priority = (enum tr_priority)tr_priority_parse(tr_q_s(q, 11));
		t->urgent_claim = (int)tr_q_l(q, 12);
		t->urgent_review = (int)tr_q_l(q, 13);
		t->agent_replied = (int)tr_q_l(q, 14);
		t->urgent_reason = tr_q_dup(q, 15);
		t->created_at = tr_q_dup(q, 16);
		t->updated_at = tr_q_dup(q, 17);
		t->solved_at = tr_q_dup(q, 18);
		t->closed_at = tr_q_dup(q, 19);
		t->requester_name = tr_q_dup(q, 20);
		t->requester_email = tr_q_dup(q, 21);
		t->assignee_name = tr_q_dup(q, 22);
		t->group_name = tr_q_dup(q, 23);
		t->product_name = tr_q_dup(q, 24);
		t->org_name = tr_q_dup(q, 25);
		t->is_cc = tr_q_l(q, 26) > 0;
		t->cc_names = tr_q_dup(q, 27);
		t->followups = tr_q_dup(q, 28);
		t->nvalues = (int)tr_q_l(q, 29);
		t->nattachments = (int)tr_q_l(q, 30);
	}
	tr_q_end(q);
	return t;
}

/* ---- bookkeeping shared by every change ---- */

static int audit(int64_t ticket_id, tr_actor who, const char *kind, const char *old_value,
		 const char *new_value, const char *note, const char *at)
{
	tr_q *q = tr_q_new("INSERT INTO ticket_events (ticket_id, at, actor_id, actor_kind, kind, old_value, "
			   "new_value, note) VALUES (?, COALESCE(?, NOW()), ?, ?, ?, ?, ?, ?)");
	tr_q_i64(q, ticket_id);
	tr_q_str(q, at);
	if (who.user_id)
		tr_q_i64(q, who.user_id);
	else
		tr_q_null(q);
	tr_q_str(q, who.kind);
	tr_q_str(q, kind);
	tr_q_str(q, old_value);
	tr_q_str(q, new_value);
	tr_q_str(q, note);
	int rc = tr_q_exec(q);
	tr_q_end(q);
	return rc;
}

/* Keeps ticket_counts in step: delta for (org and requester, status). */
static int count(int64_t org_id, int64_t requester_id, enum tr_status s, int delta)
{
	static const char sql[] =
		"INSERT INTO ticket_counts (scope, scope_id, status, n) VALUES (?, ?, ?, ?) "
		"ON DUPLICATE KEY UPDATE n = n + VALUES(n)";
	if (org_id && tr_db_run(sql, "slsi", "org", org_id, tr_status_name(s), delta) < 0)
		return TR_DB_ERR;
	if (tr_db_run(sql, "slsi", "user", requester_id, tr_status_name(s), delta) < 0)
		return TR_DB_ERR;
	return 0;
}

#define MAX_SCOPES 52      /* organization, requester and up to 50 CC'd users */

int tr_ticket_search_refresh(int64_t ticket_id)
{
	const char *prefixes[MAX_SCOPES];
	int np = 0;
	const char *subject = NULL;
	const char *const *stop = tr_search_stopwords();
	tr_q *q = tr_q_new("SELECT org_id, requester_id, subject FROM tickets WHERE id = ?");
	tr_q_i64(q, ticket_id);
	if (tr_q_exec(q) < 0)
		return TR_DB_ERR;
	if (tr_q_next(q) > 0) {
		if (!tr_q_isnull(q, 0))
			prefixes[np++] = tr_fmt("o%s_", tr_q_s(q, 0));
		prefixes[np++] = tr_fmt("r%s_", tr_q_s(q, 1));
		subject = tr_q_dup(q, 2);
	}
	tr_q_end(q);
	if (!subject)
		return TR_DB_ERR;
	q = tr_q_new("SELECT user_id FROM ticket_ccs WHERE ticket_id = ? ORDER BY added_at LIMIT 50");
	tr_q_i64(q, ticket_id);
	if (tr_q_exec(q) < 0)
		return TR_DB_ERR;
	while (tr_q_next(q) > 0)
		prefixes[np++] = tr_fmt("c%s_", tr_q_s(q, 0));
	tr_q_end(q);

	tr_buf doc;
	tr_buf_init(&doc);
	/* the subject three times: a word in it weighs more than one in a comment */
	for (int i = 0; i < 3; i++)
		tr_search_doc_add(&doc, subject, prefixes, np, stop);
	/* only public comments: an internal note must never be found by a customer */
	q = tr_q_new("SELECT body FROM comments WHERE ticket_id = ? AND is_public = 1 ORDER BY id");
	tr_q_i64(q, ticket_id);
	int rc = tr_q_exec(q);
	if (rc == 0) {
		while (tr_q_next(q) > 0)
			tr_search_doc_add(&doc, tr_q_s(q, 0), prefixes, np, stop);
		tr_q_end(q);
		int64_t r = tr_db_run("REPLACE INTO ticket_search (ticket_id, doc) VALUES (?, ?)", "ls", ticket_id,
				      doc.data ? doc.data : "");
		rc = r < 0 ? (int)r : 0;
	}
	tr_buf_free(&doc);
	return rc;
}

int tr_ticket_add_cc(int64_t ticket_id, int64_t user_id)
{
	int64_t rc = tr_db_run("INSERT IGNORE INTO ticket_ccs (ticket_id, user_id, added_at) VALUES (?, ?, NOW())",
			       "ll", ticket_id, user_id);
	return rc < 0 ? (int)rc : 0;
}

/* ---- creating ---- */

static int insert_values(int64_t id, const tr_ticket_new *n)
{
	for (int i = 0; i < n->nvalues; i++) {
		const tr_ticket_value *v = &n->values[i];
		if (tr_db_run("INSERT INTO ticket_values (ticket_id, field_key, label_de, label_en, value, sort) "
			      "VALUES (?, ?, ?, ?, ?, ?)", "lssssi", id, v->key, v->label_de, v->label_en,
			      v->value, i) < 0)
			return TR_DB_ERR;
	}
	return 0;
}

int64_t tr_ticket_create(const tr_ticket_new *n, int64_t *comment_id)
{
	int64_t org_id = 0;
	int rc = tr_db_int(&org_id, "SELECT COALESCE(org_id, 0) FROM users WHERE id = ?", "l", n->requester_id);
	if (rc <= 0)
		return rc < 0 ? rc : TR_DB_ERR;
	tr_q *q = tr_q_new(
		"INSERT INTO tickets (org_id, requester_id, subject, status, type, priority, urgent_claim, "
		"urgent_reason, urgent_review, product_id, form_id, group_id, assignee_id, follow_up_of, "
		"created_at, updated_at, status_at) VALUES (NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), "
		"NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0), COALESCE(?, NOW()), COALESCE(?, NOW()), "
		"COALESCE(?, NOW()))");
	tr_q_i64(q, org_id);
	tr_q_i64(q, n->requester_id);
	tr_q_str(q, n->subject);
	tr_q_str(q, tr_status_name(n->status));
	tr_q_str(q, tr_type_name(n->type));
	tr_q_str(q, tr_priority_name(n->priority));
	tr_q_i64(q, n->urgent_claim);
	tr_q_str(q, n->urgent_claim ? n->urgent_reason : NULL);
	tr_q_i64(q, n->urgent_claim);      /* an urgency claim waits for an agent's review */
	tr_q_i64(q, n->product_id);
	tr_q_i64(q, n->form_id);
	tr_q_i64(q, n->group_id);
	tr_q_i64(q, n->assignee_id);
	tr_q_i64(q, n->follow_up_of);
	tr_q_str(q, n->created_at);
	tr_q_str(q, n->created_at);
	tr_q_str(q, n->created_at);
	if ((rc = tr_q_exec(q)) < 0)
		return rc;
	int64_t id = tr_q_insert_id(q);
	tr_q_end(q);

	tr_actor who = { n->requester_id, "customer" };
	int64_t cid = tr_ticket_comment(id, n->requester_id, 1, 0, n->description, "web", n->created_at);
	if (cid < 0)
		return cid;
	if (comment_id)
		*comment_id = cid;
	for (int i = 0; i < n->ncc; i++)
		if (n->cc_ids[i] != n->requester_id && tr_ticket_add_cc(id, n->cc_ids[i]) < 0)
			return TR_DB_ERR;
	if (insert_values(id, n) < 0 ||
	    audit(id, who, "created", NULL, tr_status_name(n->status), NULL, n->created_at) < 0 ||
	    count(org_id, n->requester_id, n->status, 1) < 0)
		return TR_DB_ERR;
	if (n->assignee_id && audit(id, (tr_actor){ 0, "system" }, "assignee", NULL,
				    tr_fmt("%lld", (long long)n->assignee_id), NULL, n->created_at) < 0)
		return TR_DB_ERR;
	if (n->follow_up_of && audit(n->follow_up_of, who, "follow_up", NULL, tr_fmt("%lld", (long long)id),
				     NULL, n->created_at) < 0)
		return TR_DB_ERR;
	if (tr_ticket_search_refresh(id) < 0)
		return TR_DB_ERR;
	return id;
}

/* ---- changing ---- */

int64_t tr_ticket_comment(int64_t ticket_id, int64_t author_id, int is_public, int by_agent,
			  const char *body, const char *via, const char *at)
{
	tr_q *q = tr_q_new("INSERT INTO comments (ticket_id, author_id, is_public, via, body, created_at) "
			   "VALUES (?, NULLIF(?, 0), ?, ?, ?, COALESCE(?, NOW()))");
	tr_q_i64(q, ticket_id);
	tr_q_i64(q, author_id);
	tr_q_i64(q, is_public);
	tr_q_str(q, via ? via : "web");
	tr_q_str(q, body);
	tr_q_str(q, at);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int64_t id = tr_q_insert_id(q);
	tr_q_end(q);
	if (tr_db_run("UPDATE tickets SET updated_at = COALESCE(?, NOW()), "
		      "agent_replied = agent_replied OR ? WHERE id = ?", "sil", at, is_public && by_agent,
		      ticket_id) < 0)
		return TR_DB_ERR;
	if (is_public && tr_ticket_search_refresh(ticket_id) < 0)
		return TR_DB_ERR;
	return id;
}

int tr_ticket_set_status(tr_ticket *t, enum tr_status to, tr_actor who, const char *note, const char *at)
{
	if (t->status == to)
		return 0;
	if (tr_db_run("UPDATE tickets SET status = ?, status_at = COALESCE(?, NOW()), "
		      "updated_at = GREATEST(updated_at, COALESCE(?, NOW())), "
		      "solved_at = IF(? = 'solved', COALESCE(?, NOW()), solved_at), "
		      "closed_at = IF(? = 'closed', COALESCE(?, NOW()), closed_at) WHERE id = ?",
		      "sssssssl", tr_status_name(to), at, at, tr_status_name(to), at, tr_status_name(to), at,
		      t->id) < 0)
		return TR_DB_ERR;
	if (audit(t->id, who, "status", tr_status_name(t->status), tr_status_name(to), note, at) < 0 ||
	    count(t->org_id, t->requester_id, t->status, -1) < 0 || count(t->org_id, t->requester_id, to, 1) < 0)
		return TR_DB_ERR;
	t->status = to;
	return 0;
}

int64_t tr_ticket_agent_reply(tr_ticket *t, int64_t agent_id, const char *body, int is_public,
			      enum tr_status to, const char *at)
{
	int64_t cid = tr_ticket_comment(t->id, agent_id, is_public, 1, body, "web", at);
	if (cid < 0)
		return cid;
	if (is_public)
		t->agent_replied = 1;
	enum tr_event ev = to == TR_PENDING ? TR_EV_AGENT_PENDING : to == TR_SOLVED ? TR_EV_AGENT_SOLVE :
			   to == TR_CLOSED ? TR_EV_CLOSE : TR_EV_AGENT_OPEN;
	tr_transition tr = tr_status_transition(t->status, ev, t->agent_replied);
	if (!tr.allowed)
		return cid;
	if (tr_ticket_set_status(t, tr.to, (tr_actor){ agent_id, ev == TR_EV_CLOSE ? "system" : "agent" },
				 NULL, at) < 0)
		return TR_DB_ERR;
	return cid;
}

int tr_ticket_assign(tr_ticket *t, int64_t agent_id, tr_actor who)
{
	if (t->assignee_id == agent_id)
		return 0;
	if (tr_db_run("UPDATE tickets SET assignee_id = ?, updated_at = NOW() WHERE id = ?", "ll", agent_id, t->id) < 0 ||
	    audit(t->id, who, "assignee", t->assignee_id ? tr_fmt("%lld", (long long)t->assignee_id) : NULL,
		  tr_fmt("%lld", (long long)agent_id), NULL, NULL) < 0)
		return TR_DB_ERR;
	t->assignee_id = agent_id;
	if (t->status == TR_NEW)
		return tr_ticket_set_status(t, TR_OPEN, who, "assigned", NULL);
	return 0;
}

/* ---- the customer's actions ---- */

typedef struct comment_job {
	tr_req *req;
	tr_ticket *t;
	const char *body;
	int64_t target;
} comment_job;

static int attach_uploads(tr_req *req, int64_t ticket_id, int64_t comment_id)
{
	static const struct { const char *field; int is_inline; } fields[] = {
		{ "attachments", 0 }, { "screenshots", 1 },
	};
	for (size_t i = 0; i < TR_ARRAY_LEN(fields); i++)
		for (tr_upload *u = tr_uploads(req, fields[i].field); u; u = u->next)
			if (tr_attach_add(ticket_id, comment_id, req->user->id, u, fields[i].is_inline) < 0)
				return TR_DB_ERR;
	return 0;
}

static int follow_up(comment_job *job)
{
	tr_ticket *t = job->t;
	tr_req *req = job->req;
	int64_t ccs[64];
	int ncc = 0;
	tr_q *q = tr_q_new("SELECT user_id FROM ticket_ccs WHERE ticket_id = ? LIMIT 64");
	tr_q_i64(q, t->id);
	if (tr_q_exec(q) < 0)
		return TR_DB_ERR;
	while (tr_q_next(q) > 0)
		ccs[ncc++] = tr_q_l(q, 0);
	tr_q_end(q);
	/* the original requester stays informed when a colleague follows up */
	if (req->user->id != t->requester_id && ncc < 64)
		ccs[ncc++] = t->requester_id;
	tr_ticket_new n = {
		.requester_id = req->user->id,
		.subject = tr_fmt("%s #%lld: %s", tr_L(req, "ticket.follow_up_prefix"), (long long)t->id, t->subject),
		.description = job->body,
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
	n.subject = tr_strcut(n.subject, 250);
	int64_t comment_id;
	int64_t id = tr_ticket_create(&n, &comment_id);
	if (id < 0)
		return (int)id;
	job->target = id;
	if (attach_uploads(req, id, comment_id) < 0)
		return TR_DB_ERR;
	tr_ticket *created = tr_ticket_load(id, 0);
	return created ? tr_notify_agents(created, "follow_up", comment_id, job->body) : TR_DB_ERR;
}

static int customer_comment(void *ctx)
{
	comment_job *job = ctx;
	tr_ticket *t = job->t;
	tr_req *req = job->req;
	tr_transition tr = tr_status_transition(t->status, TR_EV_CUSTOMER_COMMENT, t->agent_replied);
	job->target = t->id;
	if (tr.follow_up)
		return follow_up(job);
	int64_t cid = tr_ticket_comment(t->id, req->user->id, 1, 0, job->body, "web", NULL);
	if (cid < 0 || attach_uploads(req, t->id, cid) < 0)
		return TR_DB_ERR;
	if (tr.to != t->status) {
		const char *note = t->status == TR_SOLVED ? "solution_not_accepted" : "customer_replied";
		if (tr_ticket_set_status(t, tr.to, (tr_actor){ req->user->id, "customer" }, note, NULL) < 0)
			return TR_DB_ERR;
	}
	return tr_notify_agents(t, "customer_comment", cid, job->body);
}

int tr_ticket_customer_comment(tr_req *req, tr_ticket *t, const char *body, int64_t *target)
{
	comment_job job = { req, t, body, 0 };
	int rc = tr_db_tx(customer_comment, &job);
	if (rc < 0)
		return rc == TR_DB_DOWN ? 503 : 500;
	*target = job.target;
	return 0;
}

typedef struct solve_job {
	tr_req *req;
	tr_ticket *t;
} solve_job;

static int customer_solve(void *ctx)
{
	solve_job *job = ctx;
	if (tr_ticket_set_status(job->t, TR_SOLVED, (tr_actor){ job->req->user->id, "customer" },
				 "marked_solved_by_customer", NULL) < 0)
		return TR_DB_ERR;
	return tr_notify_agents(job->t, "customer_solved", 0, NULL);
}

int tr_ticket_customer_solve(tr_req *req, tr_ticket *t)
{
	tr_transition tr = tr_status_transition(t->status, TR_EV_CUSTOMER_SOLVE, t->agent_replied);
	if (!tr.allowed)
		return 409;
	solve_job job = { req, t };
	int rc = tr_db_tx(customer_solve, &job);
	return rc < 0 ? (rc == TR_DB_DOWN ? 503 : 500) : 0;
}
