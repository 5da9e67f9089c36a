/* notify.c - who hears about a ticket change, and the mails that tell them. */
#include "tickets/notify.h"
#include "tickets/csat.h"
#include "tickets/events.h"
#include "core/pool.h"
#include "core/text.h"
#include "core/url.h"
#include "db/db.h"
#include "mail/outbox.h"

#include <string.h>

HDF *tr_ticket_mail_data(const tr_ticket *t, const char *body)
{
	HDF *d = tr_mail_data();
	if (!d)
		return NULL;
	tr_mail_put(d, "Mail.ticket_id", tr_int_str(t->id));
	tr_mail_put(d, "Mail.subject", t->subject);
	tr_mail_put(d, "Mail.status", tr_status_name(t->status));
	tr_mail_put(d, "Mail.type", tr_type_name(t->type));
	tr_mail_put(d, "Mail.priority", tr_priority_name(t->priority));
	tr_mail_put(d, "Mail.requester", t->requester_name);
	tr_mail_put(d, "Mail.org", t->org_name);
	tr_mail_put(d, "Mail.assignee", t->assignee_name);
	if (t->urgent_claim)
		tr_mail_put(d, "Mail.urgent", "1");
	/* a long text is shortened: the ticket page has it whole */
	if (body)
		tr_mail_put(d, "Mail.body", tr_strcut(body, 4000));
	tr_mail_put(d, "Mail.link", tr_url(tr_fmt("/requests/%lld", (long long)t->id)));
	return d;
}

/* The agents responsible, in order of preference: the assignee, the
 * ticket's group, every agent. Returns a query ready to iterate, or NULL
 * with *rc set. */
static tr_q *responsible(const tr_ticket *t, int *rc)
{
	tr_q *q;
	if (t->assignee_id) {
		q = tr_q_new("SELECT id, email, name, lang FROM users WHERE id = ? AND disabled_at IS NULL");
		tr_q_i64(q, t->assignee_id);
	} else if (t->group_id) {
		q = tr_q_new("SELECT u.id, u.email, u.name, u.lang FROM staff_group_members m JOIN users u "
			     "ON u.id = m.user_id WHERE m.group_id = ? AND u.disabled_at IS NULL "
			     "AND (u.is_agent = 1 OR u.is_admin = 1)");
		tr_q_i64(q, t->group_id);
	} else {
		q = tr_q_new("SELECT id, email, name, lang FROM users WHERE is_staff = 1 AND disabled_at IS NULL");
	}
	*rc = tr_q_exec(q);
	return *rc < 0 ? NULL : q;
}

/* Queues kind about ticket t for every recipient row (id, email, name, lang) of q. The
 * rows are read first: queueing a mail runs statements of its own. */
static int queue_each(tr_q *q, const tr_ticket *t, const char *kind, const char *key, HDF *d)
{
	tr_mail list[64];
	int n = 0;
	while (n < (int)TR_ARRAY_LEN(list) && tr_q_next(q) > 0) {
		list[n++] = (tr_mail){ .kind = kind, .event_key = key, .user_id = tr_q_l(q, 0), .to = tr_q_dup(q, 1),
				       .to_name = tr_q_dup(q, 2), .lang = tr_q_dup(q, 3), .data = d,
				       .ticket_id = t->id };
	}
	tr_q_end(q);
	int rc = 0;
	for (int i = 0; rc == 0 && i < n; i++)
		rc = tr_mail_queue(&list[i]);
	return rc;
}

int tr_notify_agents(const tr_ticket *t, const char *event, int64_t comment_id, const char *body)
{
	/* the key names the comment, or the audit event that was just written */
	int64_t event_id = comment_id;
	int rc = 0;
	if (!event_id && (rc = tr_ticket_last_event(t->id, &event_id)) < 0)
		return rc;
	const char *key = tr_fmt("agent:%s:%lld:%lld", event, (long long)t->id, (long long)event_id);
	HDF *d = tr_ticket_mail_data(t, body);
	if (!d)
		return TR_DB_ERR;
	tr_mail_put(d, "Mail.event", event);
	/* agents open the agent's view of the ticket */
	tr_mail_put(d, "Mail.link", tr_url(tr_fmt("/agent/tickets/%lld", (long long)t->id)));
	tr_q *q = responsible(t, &rc);
	if (q)
		rc = queue_each(q, t, "ticket_agent", key, d);
	hdf_destroy(&d);
	return rc;
}

int tr_notify_created(const tr_ticket *t, const char *description)
{
	HDF *d = tr_ticket_mail_data(t, description);
	if (!d)
		return TR_DB_ERR;
	const char *key = tr_fmt("created:%lld", (long long)t->id);
	tr_mail m = { .kind = "ticket_created", .event_key = key, .user_id = t->requester_id,
		      .to = t->requester_email, .to_name = t->requester_name, .lang = t->requester_lang, .data = d,
		      .ticket_id = t->id };
	int rc = tr_mail_queue(&m);
	if (rc == 0) {
		tr_q *q = tr_q_new("SELECT u.id, u.email, u.name, u.lang FROM ticket_ccs c JOIN users u ON u.id = c.user_id "
				   "WHERE c.ticket_id = ? AND u.disabled_at IS NULL");
		tr_q_i64(q, t->id);
		if ((rc = tr_q_exec(q)) == 0) {
			tr_mail_put(d, "Mail.cc", "1");
			rc = queue_each(q, t, "ticket_created", key, d);
		}
	}
	hdf_destroy(&d);
	return rc;
}

/* The requester and the people in CC who may get mail (not blocked), read whole: queueing a
 * mail runs statements of its own. Count (at most max) or <0. */
static int customers(const tr_ticket *t, tr_mail *list, int max)
{
	/* notify_updates: the person's setting for mail about replies and changes (R-PROF) */
	tr_q *q = tr_q_new("SELECT u.id, u.email, u.name, u.lang FROM users u WHERE u.id = ? AND u.disabled_at IS NULL "
			   "AND u.notify_updates = 1 "
			   "UNION ALL SELECT u.id, u.email, u.name, u.lang FROM ticket_ccs c JOIN users u ON u.id = c.user_id "
			   "WHERE c.ticket_id = ? AND c.user_id <> ? AND u.disabled_at IS NULL AND u.notify_updates = 1");
	tr_q_i64(q, t->requester_id);
	tr_q_i64(q, t->id);
	tr_q_i64(q, t->requester_id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int n = 0;
	while (n < max && tr_q_next(q) > 0)
		list[n++] = (tr_mail){ .user_id = tr_q_l(q, 0), .to = tr_q_dup(q, 1), .to_name = tr_q_dup(q, 2),
				       .lang = tr_q_dup(q, 3), .ticket_id = t->id };
	tr_q_end(q);
	return n;
}

int tr_notify_customers(const tr_ticket *t, const char *kind, int64_t comment_id, const char *body,
			const char *author_name, int solved)
{
	tr_mail list[64];
	int n = customers(t, list, (int)TR_ARRAY_LEN(list));
	if (n < 0)
		return n;
	HDF *d = tr_ticket_mail_data(t, body);
	if (!d)
		return TR_DB_ERR;
	tr_mail_put(d, "Mail.author", author_name);
	const char *key = tr_fmt("%s:%lld:%lld", kind, (long long)t->id, (long long)comment_id);
	int rc = 0;
	for (int i = 0; rc == 0 && i < n; i++) {
		/* with the solution the requester gets the solution mail instead (tr_notify_solved) */
		if (solved && list[i].user_id == t->requester_id)
			continue;
		list[i].kind = kind;
		list[i].event_key = key;
		list[i].data = d;
		tr_mail_put(d, "Mail.cc", list[i].user_id == t->requester_id ? "0" : "1");
		rc = tr_mail_queue(&list[i]);
	}
	hdf_destroy(&d);
	return rc;
}

int tr_notify_solved(const tr_ticket *t, const char *body)
{
	int64_t event_id;
	int rc = tr_ticket_last_event(t->id, &event_id);
	if (rc < 0)
		return rc;
	int64_t blocked = 0;
	if ((rc = tr_db_int(&blocked, "SELECT disabled_at IS NOT NULL FROM users WHERE id = ?", "l", t->requester_id)) < 0)
		return rc;
	if (blocked)
		return 0;
	/* the survey link under the signature (R-CSAT 1): a token for this ticket only */
	char token[44];
	if ((rc = tr_csat_token_new(t->id, token)) < 0)
		return rc;
	HDF *d = tr_ticket_mail_data(t, body);
	if (!d)
		return TR_DB_ERR;
	tr_mail_put(d, "Mail.survey_link", tr_url(tr_fmt("/csat/%s", token)));
	tr_mail m = { .kind = "ticket_solved", .event_key = tr_fmt("solved:%lld:%lld", (long long)t->id, (long long)event_id),
		      .user_id = t->requester_id, .to = t->requester_email, .to_name = t->requester_name,
		      .lang = t->requester_lang, .data = d, .ticket_id = t->id };
	rc = tr_mail_queue(&m);
	hdf_destroy(&d);
	return rc < 0 ? rc : 0;
}

int tr_notify_merged(const tr_ticket *source, const tr_ticket *target)
{
	tr_mail list[64];
	int n = customers(source, list, (int)TR_ARRAY_LEN(list));
	if (n < 0)
		return n;
	HDF *d = tr_ticket_mail_data(source, NULL);
	if (!d)
		return TR_DB_ERR;
	tr_mail_put(d, "Mail.target_id", tr_int_str(target->id));
	tr_mail_put(d, "Mail.target_subject", target->subject);
	tr_mail_put(d, "Mail.link", tr_url(tr_fmt("/requests/%lld", (long long)target->id)));
	int rc = 0;
	for (int i = 0; rc == 0 && i < n; i++) {
		list[i].kind = "ticket_merged";
		list[i].event_key = tr_fmt("merged:%lld", (long long)source->id);
		list[i].data = d;
		list[i].ticket_id = target->id;         /* an answer to it goes on in the target */
		rc = tr_mail_queue(&list[i]);
	}
	hdf_destroy(&d);
	return rc;
}
