/* intake.c - a fetched mail threaded into its ticket by the web's rules, in one transaction with its trace row. */
#include "intake/intake.h"
#include "accounts/account.h"
#include "accounts/user.h"
#include "core/config.h"
#include "core/email.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/text.h"
#include "core/url.h"
#include "core/util.h"
#include "db/db.h"
#include "intake/rules.h"
#include "mail/outbox.h"
#include "mail/reply.h"
#include "render/render.h"
#include "tickets/access.h"
#include "tickets/approval.h"
#include "tickets/attach.h"
#include "tickets/customer.h"
#include "tickets/notify.h"
#include "tickets/ticket.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

typedef struct job {
	const tr_intake_src *src;
	tr_inmail *m;
	tr_intake_result out;
	const char *matched_by, *sender_role;
	int64_t sender_id;
	const tr_user *u;
	tr_buf note;
} job;

int tr_intake_seen(const tr_intake_src *src)
{
	int64_t id = 0;
	int rc = tr_db_int(&id, "SELECT id FROM intake_mails WHERE mailbox = ? AND uidvalidity = ? AND uid = ?", "sll",
			   src->mailbox, src->uidvalidity, src->uid);
	return rc < 0 ? rc : rc > 0;
}

/* ---- steps ---- */

static void set(job *j, const char *outcome, const char *reason)
{
	j->out.outcome = outcome;
	j->out.reason = reason;
}

static void jnote(job *j, const char *s)
{
	if (j->note.len)
		tr_buf_adds(&j->note, "; ");
	tr_buf_adds(&j->note, s);
}

/* 1 when the mail is one of ours coming back (a copy, a forward to the intake address). */
static int own_mail(const tr_inmail *m, int *rc)
{
	*rc = 0;
	const char *from = tr_cfg("Mail.from", "");
	if (m->from_addr && (tr_mail_is_intake_address(m->from_addr) || !strcasecmp(m->from_addr, from)))
		return 1;
	if (!m->message_id)
		return 0;
	int64_t found = 0;
	int r = tr_db_int(&found, "SELECT 1 FROM mail_threads WHERE message_id = ?", "s", m->message_id);
	if (r < 0)
		*rc = r;
	return r > 0;
}

/* The ticket a Message-ID we sent belongs to: 1 found, 0 not, <0. */
static int thread_of(const char *message_id, int64_t *ticket_id)
{
	return tr_db_int(ticket_id, "SELECT ticket_id FROM mail_threads WHERE message_id = ?", "s", message_id);
}

/* Threading, in order: the reply token, In-Reply-To, References (newest first). 1 with
 * *ticket_id, 0 no match, TR_E_FORBIDDEN for a forged token, <0 database. */
static int find_ticket(job *j, int64_t *ticket_id)
{
	tr_inmail *m = j->m;
	int forged = 0;
	for (int i = 0; i < m->nrcpt; i++) {
		int64_t id;
		enum tr_reply_token t = tr_mail_reply_token(m->recipients[i], &id);
		if (t == TR_TOKEN_OK) {
			j->matched_by = "token";
			*ticket_id = id;
			return 1;
		}
		forged |= t == TR_TOKEN_FORGED;
	}
	if (forged) {
		j->matched_by = "token";
		return TR_E_FORBIDDEN;
	}
	int rc;
	if (m->in_reply_to && (rc = thread_of(m->in_reply_to, ticket_id)) != 0) {
		if (rc > 0)
			j->matched_by = "in_reply_to";
		return rc;
	}
	for (int i = m->nrefs - 1; i >= 0; i--) {
		if ((rc = thread_of(m->references[i], ticket_id)) != 0) {
			if (rc > 0)
				j->matched_by = "references";
			return rc;
		}
	}
	return 0;
}

/* The active user with the sender's address, or NULL (*rc <0 on trouble). */
static const tr_user *user_by_address(const char *addr, int *rc)
{
	*rc = 0;
	if (!addr)
		return NULL;
	tr_q *q = tr_q_new("SELECT " TR_USER_COLUMNS " FROM " TR_USER_FROM
			   " WHERE u.email_norm = ? AND u.disabled_at IS NULL");
	tr_q_str(q, tr_email_norm(addr));
	if ((*rc = tr_q_exec(q)) < 0)
		return NULL;
	tr_user *u = tr_q_next(q) > 0 ? tr_user_from_row(q, 0) : NULL;
	tr_q_end(q);
	return u;
}

static const char *role_of(const tr_user *u, const tr_ticket *t)
{
	if (u->id == t->requester_id)
		return "requester";
	if (t->is_cc)
		return "cc";
	if (u->is_agent || u->is_admin)
		return "agent";
	if (u->org_id && u->org_id == t->org_id)
		return "colleague";
	return "other_org";
}

/* 1 when this mail (Message-ID and sender) became a comment before, under another UID; else keys it. */
static int seen_message(job *j, int64_t intake_id)
{
	const tr_inmail *m = j->m;
	if (!m->message_id || !m->from_addr)
		return 0;
	unsigned char h[crypto_hash_sha256_BYTES];
	const char *k = tr_fmt("%s\n%s", m->message_id, m->from_addr);
	crypto_hash_sha256(h, (const unsigned char *)k, strlen(k));
	char hex[65];
	tr_hex_encode(h, sizeof(h), hex);
	/* a second run with the same mail waits here for the first to commit, then finds the key taken */
	int64_t n = tr_db_run("INSERT IGNORE INTO intake_message_ids (msg_key, intake_id) VALUES (?, ?)", "sl", hex,
			      intake_id);
	return n < 0 ? (int)n : n == 0;
}

static int attach_all(const tr_inmail *m, int64_t ticket_id, int64_t comment_id, int64_t uploader)
{
	for (const tr_upload *f = m->files; f; f = f->next) {
		int64_t rc = tr_attach_add(ticket_id, comment_id, uploader, f, 0);
		if (rc < 0)
			return (int)rc;
	}
	for (const tr_upload *f = m->inline_images; f; f = f->next) {
		int64_t rc = tr_attach_add(ticket_id, comment_id, uploader, f, 1);
		if (rc < 0)
			return (int)rc;
	}
	return 0;
}

/* A customer's reply: exactly the web's comment (tickets/customer.c). */
static int customer_reply(job *j, tr_ticket *t, const char *body)
{
	enum tr_status before = t->status;
	tr_customer_input in = { .body = body, .files = j->m->files, .screenshots = j->m->inline_images,
				 .lang = j->u->lang, .via = "mail" };
	tr_customer_result res;
	int rc = tr_customer_apply(j->u, t, &in, &res);
	if (rc < 0)
		return rc;
	if (rc > 0 || !res.commented) {
		set(j, "refused", "closed_ticket");
		return 0;
	}
	j->out.comment_id = res.comment_id;
	if (res.ticket_id != t->id) {
		j->out.new_ticket_id = res.ticket_id;
		set(j, "follow_up", "follow_up_closed");
	} else {
		set(j, "comment", t->status != before ? "reopened" : "customer_reply");
	}
	return 0;
}

/* An agent's reply: public (told to the customers) or, with the marker, an internal note. */
static int agent_reply(job *j, tr_ticket *t, const char *body)
{
	int rc = tr_ticket_lock(t);
	if (rc < 0)
		return rc;
	if (t->status == TR_CLOSED) {
		set(j, "refused", "closed_ticket");
		return 0;
	}
	const char *rest;
	int note = tr_intake_note_marker(body, &rest);
	if (note && !*rest && !j->m->files && !j->m->inline_images) {
		set(j, "ignored", "empty");
		return 0;
	}
	if (note && !*rest)
		rest = tr_lang_text(j->u->lang, "ticket.files_only");
	if (!note && (rc = tr_approval_waits(t->id)) != 0) {
		if (rc < 0)
			return rc;
		set(j, "refused", "awaiting_approval");
		return 0;
	}
	/* as on the web: a public reply on an unassigned ticket takes it (New becomes Open with an
	 * assignee, never without one); otherwise the status stays as it is */
	if (!note && !t->assignee_id && (rc = tr_ticket_assign(t, j->u->id, (tr_actor){ j->u->id, "agent" })) < 0)
		return rc;
	int64_t cid = tr_ticket_agent_reply_via(t, j->u->id, rest, !note, t->status, NULL, "mail");
	if (cid < 0)
		return (int)cid;
	if ((rc = attach_all(j->m, t->id, cid, j->u->id)) < 0)
		return rc;
	if (!note && (rc = tr_notify_customers(t, "ticket_reply", cid, rest, j->u->name, 0)) < 0)
		return rc;
	j->out.comment_id = cid;
	set(j, note ? "note" : "comment", note ? "agent_note" : "agent_reply");
	return 0;
}

static int decide(job *j, int64_t intake_id)
{
	tr_inmail *m = j->m;
	int rc;
	if (m->unreadable) {
		set(j, "ignored", "malformed");
		return 0;
	}
	if (own_mail(m, &rc)) {
		set(j, "loop", "own_mail");
		return 0;
	}
	if (rc < 0)
		return rc;
	const char *loop = tr_intake_loop_reason(m);
	if (loop) {
		set(j, "loop", loop);
		return 0;
	}
	if (j->src->headers_only) {
		set(j, "refused", "too_large");
		return 0;
	}
	int64_t ticket_id = 0;
	rc = find_ticket(j, &ticket_id);
	if (rc == TR_E_FORBIDDEN) {
		set(j, "refused", "forged_token");
		return 0;
	}
	if (rc < 0)
		return rc;
	if (rc == 0) {
		set(j, "ignored", "no_match");
		return 0;
	}
	j->out.ticket_id = ticket_id;
	j->u = user_by_address(m->from_addr, &rc);
	if (rc < 0)
		return rc;
	int err;
	tr_ticket *t = tr_ticket_load(ticket_id, j->u ? j->u->id : 0, &err);
	if (!t) {
		if (err != TR_E_NOT_FOUND)
			return err;
		j->out.ticket_id = 0;
		set(j, "refused", "unknown_ticket");
		return 0;
	}
	if (!j->u) {
		j->sender_role = "stranger";
		set(j, "refused", "stranger");
		return 0;
	}
	j->sender_id = j->u->id;
	j->sender_role = role_of(j->u, t);
	int agent = !strcmp(j->sender_role, "agent");
	if (!agent && (!strcmp(j->sender_role, "colleague") || !strcmp(j->sender_role, "other_org") ||
		       tr_access_right(j->u, t, t->is_cc) != TR_RIGHT_COMMENT)) {
		set(j, "refused", "no_right");
		return 0;
	}
	if ((rc = seen_message(j, intake_id)) != 0) {
		if (rc < 0)
			return rc;
		set(j, "duplicate", "same_message");
		return 0;
	}
	const char *body = tr_intake_cut_reply(m->text);
	if (!*body && !m->files && !m->inline_images) {
		set(j, "ignored", "empty");
		return 0;
	}
	if (!*body)
		body = tr_lang_text(j->u->lang, "ticket.files_only");
	return agent ? agent_reply(j, t, body) : customer_reply(j, t, body);
}

/* ---- the polite answer ---- */

static int bounce_wanted(const job *j)
{
	const char *mode = tr_cfg("Intake.bounce", "users");
	const char *o = j->out.outcome;
	if (!strcmp(mode, "none") || !j->m->from_addr || (strcmp(o, "refused") && strcmp(o, "ignored")))
		return 0;
	if (tr_mail_is_intake_address(j->m->from_addr) || tr_account_role_address(j->m->from_addr))
		return 0;
	return !strcmp(mode, "all") || j->u;
}

/* At most one a day per sender: the outbox's unique (event_key, recipient) decides. */
static int bounce(job *j)
{
	const tr_inmail *m = j->m;
	int rc;
	if (!j->u && (j->u = user_by_address(m->from_addr, &rc)) == NULL && rc < 0)
		return rc;
	if (!bounce_wanted(j))
		return 0;
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	const char *key = tr_fmt("intake_bounce:%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	int64_t sent = 0;
	if ((rc = tr_db_int(&sent, "SELECT 1 FROM outbox WHERE event_key = ? AND recipient = ?", "ss", key,
			    m->from_addr)) < 0)
		return rc;
	if (rc > 0)
		return 0;
	HDF *d = tr_mail_data();
	if (!d)
		return TR_DB_ERR;
	tr_mail_put(d, "Mail.reason", j->out.reason);
	tr_mail_put(d, "Mail.subject", tr_strcut(m->subject, 100));
	tr_mail_put(d, "Mail.portal", tr_url("/"));
	tr_mail_put(d, "Mail.new_request", tr_url("/requests/new"));
	tr_mail bm = { .kind = "intake_refused", .event_key = key, .user_id = j->u ? j->u->id : 0, .to = m->from_addr,
		       .to_name = j->u ? j->u->name : m->from_name, .lang = j->u ? j->u->lang : NULL, .data = d,
		       .in_reply_to = m->message_id };
	rc = tr_mail_queue(&bm);
	hdf_destroy(&d);
	if (rc < 0)
		return rc;
	j->out.bounced = 1;
	return 0;
}

/* ---- the transaction ---- */

static int handle_tx(void *ctx)
{
	job *j = ctx;
	/* the transaction may run again from the start (deadlock): nothing carries over */
	memset(&j->out, 0, sizeof(j->out));
	j->matched_by = "none";
	j->sender_role = "none";
	j->sender_id = 0;
	j->u = NULL;
	tr_buf_reset(&j->note);
	const tr_inmail *m = j->m;
	tr_q *q = tr_q_new("INSERT INTO intake_mails (mailbox, uidvalidity, uid, fetched_at, message_id, from_addr, "
			   "from_name, subject, size, outcome, reason, note, headers) "
			   "VALUES (?, ?, ?, NOW(), ?, ?, ?, ?, ?, 'ignored', 'pending', '', ?)");
	tr_q_str(q, j->src->mailbox);
	tr_q_i64(q, j->src->uidvalidity);
	tr_q_i64(q, j->src->uid);
	tr_q_str(q, m->message_id);
	tr_q_str(q, m->from_addr ? tr_strcut(m->from_addr, 254) : "");
	tr_q_str(q, m->from_name ? m->from_name : "");
	tr_q_str(q, m->subject ? m->subject : "");
	tr_q_i64(q, j->src->size);
	tr_q_str(q, m->headers);
	int64_t id = tr_q_insert(q);
	if (id == TR_DB_DUP) {
		j->out.already = 1;   /* another run has it (and waited for it here) */
		return 0;
	}
	if (id < 0)
		return (int)id;
	j->out.intake_id = id;
	int rc = decide(j, id);
	if (rc == 0)
		rc = bounce(j);
	if (rc < 0)
		return rc;
	int nfiles = 0;
	if (!strcmp(j->out.outcome, "comment") || !strcmp(j->out.outcome, "note") ||
	    !strcmp(j->out.outcome, "follow_up"))
		nfiles = m->nfiles;
	if (m->note && *m->note)
		jnote(j, m->note);
	if (m->html_only)
		jnote(j, "HTML only: its text was used");
	int64_t r = tr_db_run("UPDATE intake_mails SET outcome = ?, reason = ?, matched_by = ?, sender_role = ?, "
			      "sender_id = NULLIF(?, 0), ticket_id = NULLIF(?, 0), comment_id = NULLIF(?, 0), "
			      "new_ticket_id = NULLIF(?, 0), attachments = ?, bounced = ?, note = ? WHERE id = ?",
			      "ssssllllii" "sl", j->out.outcome, j->out.reason, j->matched_by, j->sender_role,
			      j->sender_id, j->out.ticket_id, j->out.comment_id, j->out.new_ticket_id, nfiles,
			      j->out.bounced, tr_strcut(j->note.data ? j->note.data : "", 990), id);
	return r < 0 ? (int)r : 0;
}

int tr_intake_handle(const tr_intake_src *src, tr_inmail *m, tr_intake_result *out)
{
	job j = { .src = src, .m = m };
	tr_buf_init(&j.note);
	int rc = tr_db_tx(handle_tx, &j);
	*out = j.out;
	tr_buf_free(&j.note);
	if (rc == 0 && !out->already)
		tr_info("intake uid %lld: %s (%s) ticket=%lld comment=%lld", (long long)src->uid, out->outcome,
			out->reason, (long long)out->ticket_id, (long long)out->comment_id);
	return rc;
}

/* ---- the trace ---- */

#define ROW_COLUMNS "id, uid, size, fetched_at, message_id, from_addr, from_name, subject, outcome, reason, " \
	"matched_by, sender_role, sender_id, ticket_id, comment_id, new_ticket_id, attachments, bounced, note"

static void read_row(tr_q *q, tr_intake_row *r)
{
	r->id = tr_q_l(q, 0);
	r->uid = tr_q_l(q, 1);
	r->size = tr_q_l(q, 2);
	r->fetched_at = tr_q_dup(q, 3);
	r->message_id = tr_q_dup(q, 4);
	r->from_addr = tr_q_dup(q, 5);
	r->from_name = tr_q_dup(q, 6);
	r->subject = tr_q_dup(q, 7);
	r->outcome = tr_q_dup(q, 8);
	r->reason = tr_q_dup(q, 9);
	r->matched_by = tr_q_dup(q, 10);
	r->sender_role = tr_q_dup(q, 11);
	r->sender_id = tr_q_l(q, 12);
	r->ticket_id = tr_q_l(q, 13);
	r->comment_id = tr_q_l(q, 14);
	r->new_ticket_id = tr_q_l(q, 15);
	r->attachments = (int)tr_q_l(q, 16);
	r->bounced = (int)tr_q_l(q, 17);
	r->note = tr_q_dup(q, 18);
}

int tr_intake_list(int64_t before_id, const char *outcome, int limit, tr_intake_row **rows)
{
	tr_q *q;
	if (outcome) {
		q = tr_q_new("SELECT " ROW_COLUMNS " FROM intake_mails WHERE outcome = ? AND id < ? "
			     "ORDER BY outcome, id DESC LIMIT ?");
		tr_q_str(q, outcome);
	} else {
		q = tr_q_new("SELECT " ROW_COLUMNS " FROM intake_mails WHERE id < ? ORDER BY id DESC LIMIT ?");
	}
	tr_q_i64(q, before_id > 0 ? before_id : INT64_MAX);
	tr_q_i64(q, limit);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	*rows = tr_alloc(sizeof(tr_intake_row) * (size_t)(limit > 0 ? limit : 1));
	int n = 0;
	while (n < limit && tr_q_next(q) > 0) {
		memset(&(*rows)[n], 0, sizeof(tr_intake_row));
		read_row(q, &(*rows)[n++]);
	}
	tr_q_end(q);
	return n;
}

tr_intake_row *tr_intake_get(int64_t id, int *err)
{
	tr_q *q = tr_q_new("SELECT " ROW_COLUMNS ", headers FROM intake_mails WHERE id = ?");
	tr_q_i64(q, id);
	int rc = tr_q_exec(q);
	*err = rc < 0 ? rc : TR_E_NOT_FOUND;
	if (rc < 0)
		return NULL;
	tr_intake_row *r = NULL;
	if (tr_q_next(q) > 0) {
		r = tr_zalloc(sizeof(*r));
		read_row(q, r);
		r->headers = tr_q_dup(q, 19);
		*err = 0;
	}
	tr_q_end(q);
	return r;
}

int64_t tr_intake_purge(void)
{
	int64_t keep = tr_cfg_int("Intake.keep_days", 180), threads = tr_cfg_int("Intake.thread_days", 730);
	int64_t a = tr_db_run("DELETE FROM intake_mails WHERE fetched_at < NOW() - INTERVAL ? DAY LIMIT 10000", "l", keep);
	if (a < 0)
		return a;
	int64_t b = tr_db_run("DELETE FROM intake_message_ids WHERE created_at < NOW() - INTERVAL ? DAY LIMIT 10000",
			      "l", keep);
	if (b < 0)
		return b;
	int64_t c = tr_db_run("DELETE FROM mail_threads WHERE created_at < NOW() - INTERVAL ? DAY LIMIT 10000", "l",
			      threads);
	return c < 0 ? c : a + b + c;
}
