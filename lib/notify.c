/* notify.c - who hears about a ticket change, and the mails that tell them. */
#include "notify.h"
#include "db.h"
#include "mail.h"
#include "neoerr.h"
#include "pool.h"
#include "render.h"

#include <string.h>

/* The agents responsible, in order of preference: the assignee, the
 * ticket's group, every agent. Returns a query ready to iterate or NULL. */
static tr_q *responsible(const tr_ticket *t)
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
	return tr_q_exec(q) < 0 ? NULL : q;
}

static HDF *mail_data(const tr_ticket *t, const char *event, const char *body)
{
	HDF *d = NULL;
	tr_neoerr_ignore(hdf_init(&d));
	if (!d)
		return NULL;
	tr_neoerr_ignore(hdf_set_value(d, "Mail.event", event));
	tr_neoerr_ignore(hdf_set_value(d, "Mail.ticket_id", tr_fmt("%lld", (long long)t->id)));
	tr_neoerr_ignore(hdf_set_value(d, "Mail.subject", t->subject));
	tr_neoerr_ignore(hdf_set_value(d, "Mail.status", tr_status_name(t->status)));
	tr_neoerr_ignore(hdf_set_value(d, "Mail.requester", t->requester_name));
	if (t->org_name)
		tr_neoerr_ignore(hdf_set_value(d, "Mail.org", t->org_name));
	if (t->urgent_claim)
		tr_neoerr_ignore(hdf_set_value(d, "Mail.urgent", "1"));
	/* a long comment is shortened: the ticket page has it whole */
	if (body)
		tr_neoerr_ignore(hdf_set_value(d, "Mail.body", tr_strcut(body, 4000)));
	tr_neoerr_ignore(hdf_set_value(d, "Mail.link", tr_url(tr_fmt("/requests/%lld", (long long)t->id))));
	return d;
}

int tr_notify_agents(const tr_ticket *t, const char *event, int64_t comment_id, const char *body)
{
	/* One mail per recipient and event, even when a transaction is retried:
	 * the key names the comment, or the audit event that was just written. */
	int64_t event_id = comment_id;
	if (!event_id && tr_db_int(&event_id, "SELECT COALESCE(MAX(id), 0) FROM ticket_events WHERE ticket_id = ?",
				   "l", t->id) < 0)
		return TR_DB_ERR;
	const char *key = tr_fmt("agent:%s:%lld:%lld", event, (long long)t->id, (long long)event_id);
	HDF *d = mail_data(t, event, body);
	tr_q *q = d ? responsible(t) : NULL;
	if (!q) {
		if (d)
			hdf_destroy(&d);
		return TR_DB_ERR;
	}
	int rc = 0;
	while (rc == 0 && tr_q_next(q) > 0) {
		tr_mail m = {
			.kind = "ticket_agent",
			.event_key = key,
			.user_id = tr_q_l(q, 0),
			.to = tr_q_s(q, 1),
			.to_name = tr_q_s(q, 2),
			.lang = tr_q_s(q, 3),
			.data = d,
		};
		rc = tr_mail_queue(&m);
	}
	tr_q_end(q);
	hdf_destroy(&d);
	return rc;
}
