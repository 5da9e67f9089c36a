/* ticket.c - tickets in the database: loading, creating, every change (one path: tr_ticket_update),
 * comments, the audit trail, the queue counts, search documents. */
#include "tickets/ticket.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/util.h"
#include "db/db.h"
#include "search/search.h"
#include "tickets/sla.h"

#include <stdlib.h>
#include <string.h>

/* ---- loading ---- */

/* The names of those in CC ("\n"-separated, by name), and whether the viewer is one of them. */
static int load_ccs(tr_ticket *t, int64_t viewer_id)
{
	tr_q *q = tr_q_new("SELECT c.user_id, u.name FROM ticket_ccs c JOIN users u ON u.id = c.user_id "
			   "WHERE c.ticket_id = ? ORDER BY u.name");
	tr_q_i64(q, t->id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	tr_buf names;
	tr_buf_init(&names);
	while (tr_q_next(q) > 0) {
		if (tr_q_l(q, 0) == viewer_id)
			t->is_cc = 1;
		const char *name = tr_q_s(q, 1);
		if (!name)
			continue;
		if (names.len)
			tr_buf_add(&names, "\n", 1);
		tr_buf_adds(&names, name);
	}
	tr_q_end(q);
	t->cc_names = names.len ? tr_strdup(names.data) : NULL;
	tr_buf_free(&names);
	return 0;
}

/* The ids of the ticket's follow-ups, comma-separated in order. */
static int load_followups(tr_ticket *t)
{
	tr_q *q = tr_q_new("SELECT id FROM tickets WHERE follow_up_of = ? ORDER BY id");
	tr_q_i64(q, t->id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	tr_buf ids;
	tr_buf_init(&ids);
	while (tr_q_next(q) > 0)
		tr_buf_printf(&ids, ids.len ? ",%lld" : "%lld", (long long)tr_q_l(q, 0));
	tr_q_end(q);
	t->followups = ids.len ? tr_strdup(ids.data) : NULL;
	tr_buf_free(&ids);
	return 0;
}

tr_ticket *tr_ticket_load(int64_t id, int64_t viewer_id, int *err)
{
	static const char sql[] =
		"SELECT t.id, t.org_id, t.requester_id, t.assignee_id, t.group_id, t.product_id, t.form_id, "
		"t.follow_up_of, t.subject, t.status, t.type, t.priority, t.urgent_claim, t.urgent_review, "
		"t.agent_replied, t.urgent_reason, t.created_at, t.updated_at, t.solved_at, t.closed_at, "
		"r.name, r.email, a.name, g.name, p.name, o.name, r.lang, t.version, t.awaiting_agent, t.merged_into, "
		/* what else it has, counted by sql/020_ticket_extras.sql: read only what is there */
		"x.ccs, x.followups, x.field_values, x.attachments, x.approvals, "
		"t.reminder_stage, UNIX_TIMESTAMP(t.status_at), COALESCE(UNIX_TIMESTAMP(t.reminded_at), 0), "
		"t.sla_due_at, t.sla_kind "
		"FROM tickets t JOIN users r ON r.id = t.requester_id LEFT JOIN ticket_extras x ON x.ticket_id = t.id "
		"LEFT JOIN users a ON a.id = t.assignee_id LEFT JOIN staff_groups g ON g.id = t.group_id "
		"LEFT JOIN products p ON p.id = t.product_id LEFT JOIN organizations o ON o.id = t.org_id "
		"WHERE t.id = ?";
	tr_q *q = tr_q_new(sql);
	tr_q_i64(q, id);
	int rc = tr_q_exec(q);
	if (err)
		*err = rc < 0 ? rc : TR_E_NOT_FOUND;
	if (rc < 0)
		return NULL;
	tr_ticket *t = NULL;
	int64_t nccs = 0, nfollowups = 0;
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
		t->requester_lang = tr_q_dup(q, 26);
		t->version = (int)tr_q_l(q, 27);
		t->awaiting_agent = (int)tr_q_l(q, 28);
		t->merged_into = tr_q_l(q, 29);
		nccs = tr_q_l(q, 30);
		nfollowups = tr_q_l(q, 31);
		t->nvalues = (int)tr_q_l(q, 32);
		t->nattachments = (int)tr_q_l(q, 33);
		t->has_approval = tr_q_l(q, 34) > 0;
		t->reminder_stage = (int)tr_q_l(q, 35);
		t->status_at = tr_q_l(q, 36);
		t->reminded_at = tr_q_l(q, 37);
		t->sla_due_at = tr_q_dup(q, 38);
		t->sla_kind = tr_q_dup(q, 39);
	}
	tr_q_end(q);
	if (t && ((nccs > 0 && (rc = load_ccs(t, viewer_id)) < 0) ||
		  (nfollowups > 0 && (rc = load_followups(t)) < 0))) {
		t = NULL;
		if (err)
			*err = rc;
	} else if (t && err) {
		*err = 0;
	}
	return t;
}

int tr_ticket_lock(tr_ticket *t)
{
	tr_q *q = tr_q_new("SELECT status, assignee_id, group_id, agent_replied, priority, urgent_review, "
			   "awaiting_agent, version, merged_into FROM tickets WHERE id = ? FOR UPDATE");
	tr_q_i64(q, t->id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	rc = tr_q_next(q);
	if (rc > 0) {
		t->status = (enum tr_status)tr_status_parse(tr_q_s(q, 0));
		t->assignee_id = tr_q_l(q, 1);
		t->group_id = tr_q_l(q, 2);
		t->agent_replied = (int)tr_q_l(q, 3);
		t->priority = (enum tr_priority)tr_priority_parse(tr_q_s(q, 4));
		t->urgent_review = (int)tr_q_l(q, 5);
		t->awaiting_agent = (int)tr_q_l(q, 6);
		t->version = (int)tr_q_l(q, 7);
		t->merged_into = tr_q_l(q, 8);
	}
	tr_q_end(q);
	return rc < 0 ? rc : rc == 0 ? TR_E_NOT_FOUND : 0;
}

/* ---- the audit trail ---- */

static const char *id_text(int64_t id)
{
	return id ? tr_fmt("%lld", (long long)id) : NULL;
}

int tr_ticket_audit(int64_t ticket_id, tr_actor who, const char *kind, const char *old_value,
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

/* ---- counts ---- */

#define SHARDS 8

int tr_ticket_count_keys(const tr_ticket *t, tr_count_key *k)
{
	int n = 0;
	int64_t shard = (int64_t)(t->id % SHARDS);
	k[n++] = (tr_count_key){ "all", shard, t->status };
	if (t->org_id)
		k[n++] = (tr_count_key){ "org", t->org_id, t->status };
	k[n++] = (tr_count_key){ "user", t->requester_id, t->status };
	if (t->assignee_id)
		k[n++] = (tr_count_key){ "assignee", t->assignee_id, t->status };
	if (t->group_id)
		k[n++] = (tr_count_key){ "group", t->group_id, t->status };
	if (t->urgent_review && t->status != TR_CLOSED)
		k[n++] = (tr_count_key){ "urgent", shard, t->status };
	if (t->awaiting_agent && t->agent_replied && t->status == TR_OPEN)
		k[n++] = (tr_count_key){ "replied", shard, t->status };
	return n;
}

static int key_cmp(const void *a, const void *b)
{
	const tr_count_key *x = a, *y = b;
	int c = strcmp(x->scope, y->scope);
	if (c)
		return c;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return (int)x->status - (int)y->status;
}

static int key_eq(const tr_count_key *x, const tr_count_key *y)
{
	return !strcmp(x->scope, y->scope) && x->id == y->id && x->status == y->status;
}

/* The count rows a change moves the ticket between: -1 for the keys it
 * leaves, +1 for the ones it enters. The rows are shared by many tickets, so
 * they are always taken in one order (scope, id, status): two changes
 * cannot wait for each other's rows. before NULL: a new ticket. */
static int recount(const tr_ticket *before, const tr_ticket *after)
{
	static const char sql[] =
		"INSERT INTO ticket_counts (scope, scope_id, status, n) VALUES (?, ?, ?, ?) "
		"ON DUPLICATE KEY UPDATE n = n + VALUES(n)";
	tr_count_key old[TR_COUNT_KEYS_MAX], new[TR_COUNT_KEYS_MAX];
	struct { tr_count_key k; int delta; } moves[2 * TR_COUNT_KEYS_MAX];
	int no = before ? tr_ticket_count_keys(before, old) : 0, nn = tr_ticket_count_keys(after, new), nm = 0;
	for (int i = 0; i < no; i++) {
		int kept = 0;
		for (int j = 0; j < nn && !kept; j++)
			kept = key_eq(&old[i], &new[j]);
		if (!kept)
			moves[nm].k = old[i], moves[nm++].delta = -1;
	}
	for (int j = 0; j < nn; j++) {
		int had = 0;
		for (int i = 0; i < no && !had; i++)
			had = key_eq(&old[i], &new[j]);
		if (!had)
			moves[nm].k = new[j], moves[nm++].delta = 1;
	}
	qsort(moves, (size_t)nm, sizeof(moves[0]), key_cmp);
	for (int i = 0; i < nm; i++) {
		int64_t rc = tr_db_run(sql, "slsi", moves[i].k.scope, moves[i].k.id, tr_status_name(moves[i].k.status),
				       moves[i].delta);
		if (rc < 0)
			return (int)rc;
	}
	return 0;
}


/* The ticket's postings as they are: which words, which organization, which updated_at. */
typedef struct indexed {
	const char *ids;          /* JSON array of word ids */
	int64_t org;
	const char *at;           /* NULL: not indexed yet */
	const char *updated_at;   /* the ticket's now */
} indexed;

static int indexed_load(int64_t ticket_id, indexed *x)
{
	memset(x, 0, sizeof(*x));
	tr_q *q = tr_q_new("SELECT s.doc, s.org_scope, s.indexed_at, t.updated_at FROM tickets t "
			   "LEFT JOIN ticket_search s ON s.ticket_id = t.id WHERE t.id = ?");
	tr_q_i64(q, ticket_id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	if (tr_q_next(q) > 0) {
		x->ids = tr_q_dup(q, 0);
		x->org = tr_q_l(q, 1);
		x->at = tr_q_dup(q, 2);
		x->updated_at = tr_q_dup(q, 3);
		rc = 1;
	}
	tr_q_end(q);
	return rc;
}

/* A ticket's posting rows by their whole primary key: its word ids (a JSON array) times its two
 * scopes, all for all tickets and its organization's. Each scope is an equality: with "scope IN
 * (0, ?)" MariaDB used only the word of the key and read every posting of a common word (about
 * 170,000 rows at a million tickets, seconds per status change). */
#define POSTING_KEYS "JSON_TABLE(?, '$[*]' COLUMNS (id INT UNSIGNED PATH '$')) j " \
		     "JOIN (SELECT 0 AS scope UNION SELECT ?) sc ON p.word_id = j.id AND p.scope = sc.scope"

/* Keeps the postings' recency in step with the ticket's updated_at (the lists read them in that order). */
static int search_move(int64_t ticket_id)
{
	indexed x;
	int rc = indexed_load(ticket_id, &x);
	if (rc <= 0 || !x.at || !x.ids || !strcmp(x.at, x.updated_at))
		return rc < 0 ? rc : 0;
	int64_t r = tr_db_run("UPDATE search_postings p JOIN " POSTING_KEYS " SET p.updated_at = ? "
			      "WHERE p.updated_at = ? AND p.ticket_id = ?",
			      "slssl", x.ids, x.org, x.updated_at, x.at, ticket_id);
	if (r >= 0)
		r = tr_db_run("UPDATE ticket_search SET indexed_at = ? WHERE ticket_id = ?", "sl", x.updated_at, ticket_id);
	return r < 0 ? (int)r : 0;
}

int tr_ticket_search_refresh(int64_t ticket_id)
{
	const char *const *stop = tr_search_stopwords();
	int64_t org = 0;
	const char *subject = NULL;
	tr_q *q = tr_q_new("SELECT COALESCE(org_id, 0), subject FROM tickets WHERE id = ?");
	tr_q_i64(q, ticket_id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	if (tr_q_next(q) > 0) {
		org = tr_q_l(q, 0);
		subject = tr_q_dup(q, 1);
	}
	tr_q_end(q);
	if (!subject)
		return TR_E_NOT_FOUND;
	tr_search_doc doc;
	tr_search_doc_init(&doc);
	/* the subject three times: a word in it weighs more than one in a comment */
	tr_search_doc_text(&doc, subject, 3, stop);
	/* only public comments: an internal note must never be found by a customer */
	q = tr_q_new("SELECT body FROM comments WHERE ticket_id = ? AND is_public = 1 ORDER BY id");
	tr_q_i64(q, ticket_id);
	if ((rc = tr_q_exec(q)) < 0) {
		tr_search_doc_free(&doc);
		return rc;
	}
	while (tr_q_next(q) > 0)
		tr_search_doc_text(&doc, tr_q_s(q, 0), 1, stop);
	tr_q_end(q);
	const char *json = tr_search_doc_json(&doc);
	tr_search_doc_free(&doc);

	/* out with the old postings (found by their keys), in with the new: every word of the
	 * ticket once for all tickets (scope 0) and once for its organization */
	indexed x;
	if ((rc = indexed_load(ticket_id, &x)) < 0)
		return rc;
	int64_t r = 0;
	if (x.at && x.ids)
		r = tr_db_run("DELETE p FROM search_postings p JOIN " POSTING_KEYS " WHERE p.updated_at = ? AND p.ticket_id = ?",
			      "slsl", x.ids, x.org, x.at, ticket_id);
	if (r >= 0)
		r = tr_search_words_add(json);
	if (r >= 0)
		r = tr_db_run("INSERT INTO search_postings (word_id, scope, updated_at, ticket_id, impact) "
			      "SELECT w.id, sc.scope, ?, ?, MAX(j.impact) FROM " TR_SEARCH_DOC_WORDS
			      " JOIN (SELECT 0 AS scope UNION ALL SELECT ?) sc GROUP BY w.id, sc.scope",
			      "slsl", x.updated_at, ticket_id, json, org);
	if (r >= 0)
		r = tr_db_run("REPLACE INTO ticket_search (ticket_id, doc, org_scope, indexed_at) "
			      "SELECT ?, COALESCE(JSON_ARRAYAGG(DISTINCT w.id), '[]'), ?, ? FROM " TR_SEARCH_DOC_WORDS,
			      "llss", ticket_id, org, x.updated_at, json);
	return r < 0 ? (int)r : 0;
}

int tr_ticket_add_cc(int64_t ticket_id, int64_t user_id)
{
	int64_t rc = tr_db_run("INSERT IGNORE INTO ticket_ccs (ticket_id, user_id, added_at) VALUES (?, ?, NOW())",
			       "ll", ticket_id, user_id);
	return rc < 0 ? (int)rc : 0;
}

int tr_ticket_cc_ids(int64_t ticket_id, int64_t *ids, int max)
{
	tr_q *q = tr_q_new("SELECT user_id FROM ticket_ccs WHERE ticket_id = ? ORDER BY added_at, user_id LIMIT ?");
	tr_q_i64(q, ticket_id);
	tr_q_i64(q, max);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int n = 0;
	while (n < max && tr_q_next(q) > 0)
		ids[n++] = tr_q_l(q, 0);
	tr_q_end(q);
	return n;
}


/* ---- creating ---- */

static int insert_values(int64_t id, const tr_ticket_new *n)
{
	for (int i = 0; i < n->nvalues; i++) {
		const tr_ticket_value *v = &n->values[i];
		int64_t rc = tr_db_run("INSERT INTO ticket_values (ticket_id, field_key, label_de, label_en, value, sort) "
				       "VALUES (?, ?, ?, ?, ?, ?)", "lssssi", id, v->key, v->label_de, v->label_en,
				       v->value, i);
		if (rc < 0)
			return (int)rc;
	}
	return 0;
}

/* The comment row alone; the caller updates the ticket row (first) and the search document. */
static int64_t insert_comment(int64_t ticket_id, int64_t author_id, int is_public, const char *body,
			      const char *via, const char *at)
{
	tr_q *q = tr_q_new("INSERT INTO comments (ticket_id, author_id, is_public, via, body, created_at) "
			   "VALUES (?, NULLIF(?, 0), ?, ?, ?, COALESCE(?, NOW()))");
	tr_q_i64(q, ticket_id);
	tr_q_i64(q, author_id);
	tr_q_i64(q, is_public);
	tr_q_str(q, via ? via : "web");
	tr_q_str(q, body);
	tr_q_str(q, at);
	return tr_q_insert(q);
}

/* The audit events of a new ticket: created, and who got it and what it follows. */
static int audit_created(int64_t id, const tr_ticket_new *n)
{
	tr_actor who = { n->requester_id, "customer" };
	int rc = tr_ticket_audit(id, who, "created", NULL, tr_status_name(n->status), NULL, n->created_at);
	if (rc == 0 && n->assignee_id)
		rc = tr_ticket_audit(id, (tr_actor){ 0, "system" }, "assignee", NULL, tr_fmt("%lld", (long long)n->assignee_id),
			   NULL, n->created_at);
	if (rc == 0 && n->follow_up_of)
		rc = tr_ticket_audit(n->follow_up_of, who, "follow_up", NULL, tr_fmt("%lld", (long long)id), NULL, n->created_at);
	return rc;
}

int64_t tr_ticket_create(const tr_ticket_new *n, int64_t *comment_id)
{
	int64_t org_id = 0;
	int rc = tr_db_int(&org_id, "SELECT COALESCE(org_id, 0) FROM users WHERE id = ?", "l", n->requester_id);
	if (rc <= 0)
		return rc < 0 ? rc : TR_E_NOT_FOUND;
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
	int64_t id = tr_q_insert(q);
	if (id < 0)
		return id;

	int64_t cid = insert_comment(id, n->requester_id, 1, n->description,
				     n->description_via ? n->description_via : "web", n->created_at);
	if (cid < 0)
		return cid;
	if (comment_id)
		*comment_id = cid;
	for (int i = 0; i < n->ncc; i++)
		if (n->cc_ids[i] != n->requester_id && (rc = tr_ticket_add_cc(id, n->cc_ids[i])) < 0)
			return rc;
	tr_ticket made = { .id = id, .org_id = org_id, .requester_id = n->requester_id,
			   .assignee_id = n->assignee_id, .group_id = n->group_id, .status = n->status,
			   .urgent_review = n->urgent_claim, .awaiting_agent = 1, .priority = n->priority };
	if ((rc = insert_values(id, n)) < 0 || (rc = audit_created(id, n)) < 0 ||
	    (rc = recount(NULL, &made)) < 0 || (rc = tr_sla_apply(id, NULL, &(tr_sla_state){ made.status, 1, 0, made.priority }, n->created_at)) < 0)
		return rc;
	/* once, with the description and every CC's scope in it */
	rc = tr_ticket_search_refresh(id);
	return rc < 0 ? rc : id;
}

/* ---- changing ---- */

int tr_ticket_update(const tr_ticket *before, tr_ticket *t, tr_actor who, const char *note, const char *at)
{
	int status_changed = before->status != t->status;
	const char *st = tr_status_name(t->status);
	tr_q *q = tr_q_new("UPDATE tickets SET status = ?, assignee_id = NULLIF(?, 0), group_id = NULLIF(?, 0), "
			   "priority = ?, urgent_review = ?, awaiting_agent = ?, agent_replied = ?, merged_into = NULLIF(?, 0), "
			   "version = version + 1, updated_at = GREATEST(updated_at, COALESCE(?, NOW())), "
			   "status_at = IF(?, COALESCE(?, NOW()), status_at), "
			   /* a new status starts the automations' clock again (tickets/automation.h) */
			   "reminder_stage = IF(?, 0, reminder_stage), "
			   "solved_at = IF(? AND ? = 'solved', COALESCE(?, NOW()), solved_at), "
			   "closed_at = IF(? AND ? = 'closed', COALESCE(?, NOW()), closed_at) WHERE id = ?");
	tr_q_str(q, st);
	tr_q_i64(q, t->assignee_id);
	tr_q_i64(q, t->group_id);
	tr_q_str(q, tr_priority_name(t->priority));
	tr_q_i64(q, t->urgent_review);
	tr_q_i64(q, t->awaiting_agent);
	tr_q_i64(q, t->agent_replied);
	tr_q_i64(q, t->merged_into);
	tr_q_str(q, at);
	tr_q_i64(q, status_changed);
	tr_q_str(q, at);
	tr_q_i64(q, status_changed);
	tr_q_i64(q, status_changed);
	tr_q_str(q, st);
	tr_q_str(q, at);
	tr_q_i64(q, status_changed);
	tr_q_str(q, st);
	tr_q_str(q, at);
	tr_q_i64(q, t->id);
	int rc = tr_q_exec(q);
	tr_q_end(q);
	if (rc < 0 || (rc = search_move(t->id)) < 0)
		return rc;
	t->version = before->version + 1;
	/* one audit event per field that changed */
	if (status_changed &&
	    (rc = tr_ticket_audit(t->id, who, "status", tr_status_name(before->status), st, note, at)) < 0)
		return rc;
	if (before->assignee_id != t->assignee_id &&
	    (rc = tr_ticket_audit(t->id, who, "assignee", id_text(before->assignee_id), id_text(t->assignee_id), NULL, at)) < 0)
		return rc;
	if (before->group_id != t->group_id &&
	    (rc = tr_ticket_audit(t->id, who, "group", id_text(before->group_id), id_text(t->group_id), NULL, at)) < 0)
		return rc;
	if (before->priority != t->priority &&
	    (rc = tr_ticket_audit(t->id, who, "priority", tr_priority_name(before->priority),
				  tr_priority_name(t->priority), NULL, at)) < 0)
		return rc;
	if (before->urgent_review != t->urgent_review &&
	    (rc = tr_ticket_audit(t->id, who, "urgency_review", before->urgent_review ? "open" : "done",
				  t->urgent_review ? "open" : "done", note, at)) < 0)
		return rc;
	if (before->merged_into != t->merged_into &&
	    (rc = tr_ticket_audit(t->id, who, "merged_into", NULL, id_text(t->merged_into), NULL, at)) < 0)
		return rc;
	/* the service level's target starts, moves or stops with the change */
	tr_sla_state was = { before->status, before->awaiting_agent, before->agent_replied, before->priority };
	tr_sla_state is = { t->status, t->awaiting_agent, t->agent_replied, t->priority };
	if ((rc = tr_sla_apply(t->id, &was, &is, at)) < 0)
		return rc;
	return recount(before, t);
}

int64_t tr_ticket_comment(tr_ticket *t, int64_t author_id, int is_public, int by_agent, const char *body,
			  const char *via, const char *at)
{
	tr_ticket before = *t;
	if (is_public && by_agent) {
		t->agent_replied = 1;
		t->awaiting_agent = 0;
	} else if (is_public) {
		t->awaiting_agent = 1;
	}
	/* the ticket row first (see the lock order in ticket.h) */
	int rc = tr_ticket_update(&before, t, (tr_actor){ author_id, by_agent ? "agent" : "customer" }, NULL, at);
	if (rc < 0)
		return rc;
	int64_t id = insert_comment(t->id, author_id, is_public, body, via, at);
	if (id < 0)
		return id;
	if (is_public && (rc = tr_ticket_search_refresh(t->id)) < 0)
		return rc;
	return id;
}

int tr_ticket_set_status(tr_ticket *t, enum tr_status to, tr_actor who, const char *note, const char *at)
{
	if (t->status == to)
		return 0;
	tr_ticket before = *t;
	t->status = to;
	return tr_ticket_update(&before, t, who, note, at);
}

int64_t tr_ticket_agent_reply(tr_ticket *t, int64_t agent_id, const char *body, int is_public,
			      enum tr_status to, const char *at)
{
	return tr_ticket_agent_reply_via(t, agent_id, body, is_public, to, at, "web");
}

int64_t tr_ticket_agent_reply_via(tr_ticket *t, int64_t agent_id, const char *body, int is_public,
				  enum tr_status to, const char *at, const char *via)
{
	int64_t cid = tr_ticket_comment(t, agent_id, is_public, 1, body, via ? via : "web", at);
	if (cid < 0)
		return cid;
	/* an internal note that asks for no other status leaves it (a New ticket stays New: nobody has it) */
	if (!is_public && to == t->status)
		return cid;
	enum tr_event ev = to == TR_PENDING ? TR_EV_AGENT_PENDING : to == TR_SOLVED ? TR_EV_AGENT_SOLVE :
			   to == TR_CLOSED ? TR_EV_CLOSE : TR_EV_AGENT_OPEN;
	tr_transition tr = tr_status_transition(t->status, ev, t->agent_replied);
	if (!tr.allowed)
		return cid;
	int rc = tr_ticket_set_status(t, tr.to, (tr_actor){ agent_id, ev == TR_EV_CLOSE ? "system" : "agent" },
				      NULL, at);
	return rc < 0 ? rc : cid;
}

int tr_ticket_assign(tr_ticket *t, int64_t agent_id, tr_actor who)
{
	if (t->assignee_id == agent_id)
		return 0;
	tr_ticket before = *t;
	t->assignee_id = agent_id;
	/* New means no agent yet: an assigned New ticket is Open, an unassigned Open one New */
	if (agent_id && t->status == TR_NEW)
		t->status = TR_OPEN;
	else if (!agent_id && t->status == TR_OPEN)
		t->status = TR_NEW;
	return tr_ticket_update(&before, t, who, agent_id ? "assigned" : "unassigned", NULL);
}
