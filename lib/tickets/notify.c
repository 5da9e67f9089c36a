/* notify.c - who hears about a ticket change, and the mails that tell them. */
#include "tickets/notify.h"
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
	tr_mail_put(d, "Mail.ticket_id", tr_fmt("%lld", (long long)t->id));
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
		q = tr_q_new("SELECT id, email, name, lang FROM users WHERE is_agent = 1 AND disabled_at IS NULL");
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

int tr_notify_customers(const tr_ticket *t, const char *event, int64_t comment_id, const char *body,
			const char *author_name)
{
	HDF *d = tr_ticket_mail_data(t, body);
	if (!d)
		return TR_DB_ERR;
	tr_mail_put(d, "Mail.event", event);
	tr_mail_put(d, "Mail.author", author_name);
	const char *key = tr_fmt("customer:%s:%lld:%lld", event, (long long)t->id, (long long)comment_id);
	tr_q *q = tr_q_new("SELECT u.id, u.email, u.name, u.lang FROM users u WHERE u.id = ? AND u.disabled_at IS NULL "
			   "UNION ALL SELECT u.id, u.email, u.name, u.lang FROM ticket_ccs c JOIN users u ON u.id = c.user_id "
			   "WHERE c.ticket_id = ? AND u.disabled_at IS NULL");
	tr_q_i64(q, t->requester_id);
	tr_q_i64(q, t->id);
	int rc = tr_q_exec(q);
	if (rc == 0)
		rc = queue_each(q, t, "ticket_reply", key, d);
	hdf_destroy(&d);
	return rc;
}
