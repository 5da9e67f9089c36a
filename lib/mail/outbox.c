/* outbox.c - the outbox table: mails queued in the caller's transaction, and the claims the mailer delivers by.
 *
 * Several mailers may run at once, on one host or many. They share the work
 * by claiming rows: one UPDATE ... LIMIT marks due rows as 'sending' under
 * the run's own id, and InnoDB's row locks let only one UPDATE take a row. A
 * named lock is not used: it dies silently with the connection, and the
 * database layer reconnects, so a mailer could go on sending while a second
 * one already holds the lock (Galera does not replicate named locks at all);
 * a claim stays on the row.
 *
 * Never one mail twice: just before a row's SMTP transaction begins,
 * attempt_started_at is set. A crashed run leaves its claims behind; after
 * Mail.claim_timeout_s a claim that never began goes back to the queue, but a
 * row whose transaction began may have been delivered, so it is marked
 * failed (for staff to look at) rather than sent again. */
#include "mail/outbox.h"
#include "core/config.h"
#include "core/email.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/util.h"
#include "db/db.h"
#include "mail/reply.h"
#include "render/render.h"

#include <string.h>
#include <unistd.h>

static int event_key_ok(const char *k)
{
	size_t n = strlen(k);
	if (n == 0 || n > 120)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)k[i] <= 0x20 || (unsigned char)k[i] >= 0x7F)
			return 0;
	return 1;
}

int tr_mail_queue(const tr_mail *in)
{
	tr_mail tm;
	const tr_mail *m = in;
	if (in && in->ticket_id) {
		/* a ticket mail: answers come back to the ticket */
		tm = *in;
		if (!tm.reply_to)
			tm.reply_to = tr_mail_reply_address(in->ticket_id);
		if (!tm.in_reply_to)
			tm.in_reply_to = tr_mail_thread_id(in->ticket_id);
		m = &tm;
	}
	if (!m || !m->to || !tr_email_valid(m->to) || (m->reply_to && !tr_email_valid(m->reply_to)) ||
	    (m->in_reply_to && !tr_mail_msgid_valid(m->in_reply_to)) ||
	    (m->event_key && !event_key_ok(m->event_key))) {
		tr_error("mail %s: invalid recipient, reply address, message id or event key",
			 m && m->kind ? m->kind : "?");
		return TR_DB_ERR;
	}
	/* a user blocked by staff gets no mail of ours, whatever queues it (staff administration) */
	int64_t blocked = 0;
	int brc = tr_db_int(&blocked, "SELECT COUNT(*) FROM users WHERE email_norm = ? AND disabled_at IS NOT NULL", "s",
			    tr_email_norm(m->to));
	if (brc < 0)
		return brc;
	if (!blocked && m->user_id && (brc = tr_db_int(&blocked, "SELECT COUNT(*) FROM users WHERE id = ? "
						      "AND disabled_at IS NOT NULL", "l", m->user_id)) < 0)
		return brc;
	if (blocked) {
		tr_info("mail %s not queued: the recipient is blocked", m->kind);
		return 0;
	}
	tr_mail_rendered r;
	if (tr_mail_render(m, &r) < 0)
		return TR_DB_ERR;
	const char *lang = tr_lang_supported(m->lang) ? m->lang : tr_lang_default();
	const char *name = tr_trim(tr_mail_header_clean(m->to_name));
	if (tr_utf8_len(name, strlen(name)) > 200)
		name = "";   /* the column holds 200; a shortened name could cut a character */
	tr_q *q = tr_q_new("INSERT INTO outbox (kind, event_key, user_id, recipient, recipient_name, lang, "
			   "subject, body_text, body_html, message_id, in_reply_to, reply_to) "
			   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	tr_q_str(q, m->kind);
	tr_q_str(q, m->event_key);
	if (m->user_id)
		tr_q_i64(q, m->user_id);
	else
		tr_q_null(q);
	tr_q_str(q, m->to);
	tr_q_str(q, name);
	tr_q_str(q, lang);
	tr_q_str(q, r.subject);
	tr_q_str(q, r.text);
	tr_q_str(q, r.html);
	const char *message_id = tr_mail_message_id();
	tr_q_str(q, message_id);
	tr_q_str(q, m->in_reply_to);
	tr_q_str(q, m->reply_to);
	int rc = tr_q_exec(q);
	if (rc == TR_DB_DUP) {
		tr_info("mail %s for event %s queued before; not again", m->kind,
			m->event_key ? m->event_key : "");
		return 0;
	}
	if (rc < 0)
		return rc;
	int64_t id = tr_q_insert_id(q);
	tr_q_end(q);
	if (m->ticket_id) {
		int64_t r2 = tr_db_run("INSERT INTO mail_threads (message_id, ticket_id, user_id) VALUES (?, ?, NULLIF(?, 0))",
				       "sll", message_id, m->ticket_id, m->user_id);
		if (r2 < 0)
			return (int)r2;
	}
	tr_info("mail %s queued (outbox %lld)", m->kind, (long long)id);
	return 0;
}

/* ---- the mailer's side ---- */

static long claim_timeout(void)
{
	return tr_cfg_int("Mail.claim_timeout_s", 900);
}

int tr_outbox_recover(void)
{
	int64_t back = tr_db_run(
		"UPDATE outbox SET status = 'queued', claimed_by = NULL, claimed_at = NULL "
		"WHERE status = 'sending' AND attempt_started_at IS NULL "
		"AND claimed_at < NOW() - INTERVAL ? SECOND", "l", (int64_t)claim_timeout());
	if (back < 0)
		return (int)back;
	int64_t lost = tr_db_run(
		"UPDATE outbox SET status = 'failed', claimed_by = NULL, attempt_started_at = NULL, "
		"last_error = 'delivery was interrupted and may have happened; not sent again' "
		"WHERE status = 'sending' AND attempt_started_at < NOW() - INTERVAL ? SECOND",
		"l", (int64_t)claim_timeout());
	if (lost < 0)
		return (int)lost;
	if (back || lost)
		tr_warn("stale claims: %lld back in the queue, %lld marked failed (delivery unknown)",
			(long long)back, (long long)lost);
	return 0;
}

int64_t tr_outbox_claim(const char *me, int batch)
{
	return tr_db_run("UPDATE outbox SET status = 'sending', claimed_by = ?, claimed_at = NOW(), "
			 "attempt_started_at = NULL WHERE status = 'queued' AND next_attempt_at <= NOW() "
			 "ORDER BY next_attempt_at, id LIMIT ?", "si", me, batch);
}

void tr_outbox_release(const char *me)
{
	tr_db_run("UPDATE outbox SET status = 'queued', claimed_by = NULL, claimed_at = NULL "
		  "WHERE claimed_by = ? AND status = 'sending' AND attempt_started_at IS NULL", "s", me);
}

int tr_outbox_next(const char *me, tr_outbox_row *r)
{
	tr_q *q = tr_q_new("SELECT id, kind, recipient, recipient_name, subject, body_text, body_html, "
			   "message_id, in_reply_to, reply_to, UNIX_TIMESTAMP(created_at), attempts "
			   "FROM outbox WHERE claimed_by = ? AND status = 'sending' "
			   "AND attempt_started_at IS NULL ORDER BY id LIMIT 1");
	tr_q_str(q, me);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	rc = tr_q_next(q);
	if (rc > 0) {
		memset(r, 0, sizeof(*r));
		r->id = tr_q_l(q, 0);
		r->kind = tr_q_dup(q, 1);
		r->msg.to = tr_q_dup(q, 2);
		r->msg.to_name = tr_q_dup(q, 3);
		r->msg.subject = tr_q_dup(q, 4);
		r->msg.text = tr_q_dup(q, 5);
		r->msg.html = tr_q_dup(q, 6);
		r->msg.message_id = tr_q_dup(q, 7);
		r->msg.in_reply_to = tr_q_dup(q, 8);
		r->msg.reply_to = tr_q_dup(q, 9);
		r->msg.date = tr_q_l(q, 10);
		r->attempts = (int)tr_q_l(q, 11);
	}
	tr_q_end(q);
	return rc;
}

int tr_outbox_begin(const char *me, const tr_outbox_row *r)
{
	int64_t began = tr_db_run("UPDATE outbox SET attempt_started_at = NOW(), attempts = attempts + 1 "
				  "WHERE id = ? AND claimed_by = ? AND status = 'sending'", "ls", r->id, me);
	return began < 0 ? (int)began : began == 1;
}

void tr_outbox_record(const char *me, const tr_outbox_row *r, const char *status, long wait_s, const char *error,
		      int counts)
{
	/* A delivered (or given up) mail keeps no working link in the database:
	 * the person has it in the mail, and a reader of the outbox must not. */
	int done = strcmp(status, "queued") != 0;
	const char *text = done ? tr_mail_redact_links(r->msg.text) : NULL;
	const char *html = done ? tr_mail_redact_links(r->msg.html) : NULL;
	/* The outcome must reach the database even through a short outage: a row
	 * left 'sending' after its transaction began is never sent again. */
	for (int i = 0; i < 3; i++) {
		if (tr_db_run("UPDATE outbox SET status = ?, sent_at = IF(? = 'sent', NOW(), NULL), "
			      "next_attempt_at = NOW() + INTERVAL ? SECOND, last_error = ?, claimed_by = NULL, "
			      "claimed_at = NULL, attempt_started_at = NULL, attempts = attempts - ?, "
			      "body_text = COALESCE(?, body_text), body_html = COALESCE(?, body_html) "
			      "WHERE id = ? AND claimed_by = ?",
			      "sslsissls", status, status, (int64_t)wait_s, error, counts ? 0 : 1, text, html, r->id,
			      me) >= 0)
			return;
		sleep(1);
	}
	tr_error("outbox %lld: outcome not recorded", (long long)r->id);
}

int64_t tr_outbox_purge(void)
{
	return tr_db_run("DELETE FROM outbox WHERE status = 'sent' AND sent_at < NOW() - INTERVAL ? DAY",
			 "l", (int64_t)tr_cfg_int("Mail.keep_sent_days", 90));
}
