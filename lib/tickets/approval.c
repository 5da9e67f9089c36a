/* approval.c - approvals bound to customer roles: the rules, the waiting row, the first decision, reminders. */
#include "tickets/approval.h"
#include "core/config.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/text.h"
#include "core/url.h"
#include "core/util.h"
#include "db/db.h"
#include "mail/outbox.h"
#include "tickets/bizcal.h"
#include "tickets/notify.h"
#include "tickets/routing.h"

#include <string.h>

#define MAX_APPROVERS 50
#define LIST_DECIDED 20

/* ---- the rules ---- */

enum tr_appr_role tr_approval_needed(enum tr_type type, int marked_field_shown)
{
	if (marked_field_shown)
		return TR_APPR_ADMIN;
	return type == TR_CHANGE ? TR_APPR_ORDER : TR_APPR_NONE;
}

int tr_approval_holds_role(enum tr_appr_role role, int main_contact, int customer_admin)
{
	switch (role) {
	case TR_APPR_ORDER:
		return main_contact || customer_admin;
	case TR_APPR_ADMIN:
		return customer_admin;
	default:
		return 0;
	}
}

int tr_approval_may_decide(const tr_user *u, int64_t org_id, enum tr_appr_role role, int64_t requester_id,
			   int64_t others, int second_needed)
{
	if (!u)
		return TR_E_NOT_FOUND;
	if (u->is_agent || u->is_admin)
		return TR_E_FORBIDDEN;
	if (!org_id || u->org_id != org_id || !u->confirmed)
		return TR_E_NOT_FOUND;
	if (!tr_approval_holds_role(role, u->main_contact, u->customer_admin))
		return TR_E_FORBIDDEN;
	if (u->id == requester_id && second_needed && others > 0)
		return TR_E_FORBIDDEN;
	return 0;
}

time_t tr_approval_remind_at(const tr_calendar *c, time_t from, int days)
{
	int day = tr_cal_day_of(from);
	int64_t into_day = (int64_t)from - tr_cal_day_start(day);
	return (time_t)(tr_cal_day_start(tr_cal_add_business_days(c, day, days < 1 ? 1 : days)) + into_day);
}

const char *tr_approval_role_name(enum tr_appr_role r)
{
	return r == TR_APPR_ADMIN ? "admin" : "order";
}

const char *tr_approval_state_name(enum tr_appr_state s)
{
	return s == TR_APPR_APPROVED ? "approved" : s == TR_APPR_REJECTED ? "rejected" : "awaiting";
}

static enum tr_appr_state parse_state(const char *s)
{
	return s && !strcmp(s, "approved") ? TR_APPR_APPROVED : s && !strcmp(s, "rejected") ? TR_APPR_REJECTED :
	       TR_APPR_AWAITING;
}

static enum tr_appr_role parse_role(const char *s)
{
	return s && !strcmp(s, "admin") ? TR_APPR_ADMIN : TR_APPR_ORDER;
}

/* The SQL condition "user u holds the role" (role names are ours, never input). */
static const char *role_sql(enum tr_appr_role role)
{
	return role == TR_APPR_ADMIN ? "u.is_customer_admin = 1" : "(u.is_main_contact = 1 OR u.is_customer_admin = 1)";
}

/* The next reminder's time from now, in business days of the calendar. */
static int64_t remind_from_now(const tr_calendar *cal)
{
	return (int64_t)tr_approval_remind_at(cal, time(NULL), (int)tr_cfg_int("Approvals.remind_days", 2));
}

/* The same with this installation's calendar, read now. */
static int next_reminder(int64_t *at)
{
	tr_calendar cal;
	int rc = tr_auto_calendar(&cal);
	if (rc < 0)
		return rc;
	*at = remind_from_now(&cal);
	return 0;
}

/* ---- reading ---- */

int tr_approval_load(int64_t ticket_id, tr_approval **out)
{
	*out = NULL;
	tr_q *q = tr_q_new("SELECT a.ticket_id, a.org_id, a.requester_id, a.role, a.state, a.route, a.decided_by, "
			   "a.decided_via, a.recorded_by, a.comment, a.created_at, a.decided_at, a.reminders, d.name, r.name "
			   "FROM approvals a LEFT JOIN users d ON d.id = a.decided_by "
			   "LEFT JOIN users r ON r.id = a.recorded_by WHERE a.ticket_id = ?");
	tr_q_i64(q, ticket_id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	if ((rc = tr_q_next(q)) > 0) {
		tr_approval *a = tr_zalloc(sizeof(*a));
		a->ticket_id = tr_q_l(q, 0);
		a->org_id = tr_q_l(q, 1);
		a->requester_id = tr_q_l(q, 2);
		a->role = parse_role(tr_q_s(q, 3));
		a->state = parse_state(tr_q_s(q, 4));
		a->route = (int)tr_q_l(q, 5);
		a->decided_by = tr_q_l(q, 6);
		a->via = tr_q_dup(q, 7);
		a->recorded_by = tr_q_l(q, 8);
		a->comment = tr_q_dup(q, 9);
		a->created_at = tr_q_dup(q, 10);
		a->decided_at = tr_q_dup(q, 11);
		a->reminders = (int)tr_q_l(q, 12);
		a->decided_by_name = tr_q_dup(q, 13);
		a->recorded_by_name = tr_q_dup(q, 14);
		*out = a;
	}
	tr_q_end(q);
	return rc < 0 ? rc : rc > 0;
}

int tr_approval_of(const tr_ticket *t, tr_approval **out)
{
	*out = NULL;
	return t->has_approval ? tr_approval_load(t->id, out) : 0;
}

int tr_approval_waits(int64_t ticket_id)
{
	int64_t n;
	int rc = tr_db_int(&n, "SELECT COUNT(*) FROM approvals WHERE ticket_id = ? AND state = 'awaiting'", "l",
			   ticket_id);
	return rc < 0 ? rc : n > 0;
}

int tr_approval_count(int64_t org_id, enum tr_appr_role role, int64_t except_id, int64_t *n)
{
	*n = 0;
	if (!org_id)
		return 0;
	int rc = tr_db_int(n, tr_fmt("SELECT COUNT(*) FROM users u WHERE u.org_id = ? AND %s AND u.id <> ? "
				     "AND u.disabled_at IS NULL AND u.confirmed_at IS NOT NULL AND u.is_staff = 0",
				     role_sql(role)), "ll", org_id, except_id);
	return rc < 0 ? rc : 0;
}

int tr_approval_approvers(int64_t org_id, enum tr_appr_role role, tr_approver **out)
{
	*out = tr_zalloc(sizeof(tr_approver) * MAX_APPROVERS);
	if (!org_id)
		return 0;
	tr_q *q = tr_q_new(tr_fmt("SELECT u.id, u.name, u.email, u.lang FROM users u WHERE u.org_id = ? AND %s "
				  "AND u.disabled_at IS NULL AND u.confirmed_at IS NOT NULL AND u.is_staff = 0 "
				  "ORDER BY u.name, u.id LIMIT %d", role_sql(role), MAX_APPROVERS));
	tr_q_i64(q, org_id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int n = 0;
	while (n < MAX_APPROVERS && tr_q_next(q) > 0) {
		(*out)[n].id = tr_q_l(q, 0);
		(*out)[n].name = tr_q_dup(q, 1);
		(*out)[n].email = tr_q_dup(q, 2);
		(*out)[n].lang = tr_q_dup(q, 3);
		n++;
	}
	tr_q_end(q);
	return n;
}

int tr_approval_list(const tr_user *u, tr_approval_item **out)
{
	int second = (int)tr_cfg_int("Approvals.second_approver", 1);
	int max = 200 + LIST_DECIDED;
	tr_approval_item *list = tr_zalloc(sizeof(*list) * (size_t)max);
	*out = list;
	if (!u->org_id || !tr_approval_holds_role(TR_APPR_ORDER, u->main_contact, u->customer_admin))
		return 0;
	/* the roles u holds; the requester's own request only when no other approver holds its role */
	tr_q *q = tr_q_new(
		"(SELECT a.ticket_id, t.subject, r.name, a.created_at, a.role, a.state, a.decided_at, d.name "
		" FROM approvals a JOIN tickets t ON t.id = a.ticket_id JOIN users r ON r.id = a.requester_id "
		" LEFT JOIN users d ON d.id = a.decided_by "
		" WHERE a.org_id = ? AND a.state = 'awaiting' AND (a.role = 'order' OR ? = 1) "
		" AND (a.requester_id <> ? OR ? = 0 OR NOT EXISTS (SELECT 1 FROM users u WHERE u.org_id = a.org_id "
		"  AND u.id <> a.requester_id AND u.disabled_at IS NULL AND u.confirmed_at IS NOT NULL AND u.is_staff = 0 "
		"  AND (u.is_customer_admin = 1 OR (a.role = 'order' AND u.is_main_contact = 1)))) "
		" ORDER BY a.created_at, a.ticket_id LIMIT 200) "
		"UNION ALL "
		"(SELECT a.ticket_id, t.subject, r.name, a.created_at, a.role, a.state, a.decided_at, d.name "
		" FROM approvals a JOIN tickets t ON t.id = a.ticket_id JOIN users r ON r.id = a.requester_id "
		" LEFT JOIN users d ON d.id = a.decided_by "
		" WHERE a.org_id = ? AND a.state <> 'awaiting' AND (a.role = 'order' OR ? = 1) "
		" ORDER BY a.created_at DESC, a.ticket_id DESC LIMIT 20)");
	tr_q_i64(q, u->org_id);
	tr_q_i64(q, u->customer_admin);
	tr_q_i64(q, u->id);
	tr_q_i64(q, second);
	tr_q_i64(q, u->org_id);
	tr_q_i64(q, u->customer_admin);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int n = 0;
	while (n < max && tr_q_next(q) > 0) {
		tr_approval_item *it = &list[n++];
		it->ticket_id = tr_q_l(q, 0);
		it->subject = tr_q_dup(q, 1);
		it->requester = tr_q_dup(q, 2);
		it->created_at = tr_q_dup(q, 3);
		it->role = parse_role(tr_q_s(q, 4));
		it->state = parse_state(tr_q_s(q, 5));
		it->decided_at = tr_q_dup(q, 6);
		it->decided_by = tr_q_dup(q, 7);
	}
	tr_q_end(q);
	return n;
}

/* ---- mails ---- */

/* The request (or reminder: nth > 0) to every approver of t's approval but the requester. */
static int mail_approvers(const tr_ticket *t, enum tr_appr_role role, int nth, int *sent)
{
	tr_approver *list;
	int n = tr_approval_approvers(t->org_id, role, &list);
	if (n < 0)
		return n;
	HDF *d = tr_ticket_mail_data(t, NULL);
	if (!d)
		return TR_DB_ERR;
	tr_mail_put(d, "Mail.role", tr_approval_role_name(role));
	tr_mail_put(d, "Mail.link", tr_url(tr_fmt("/approvals/%lld", (long long)t->id)));
	if (nth)
		tr_mail_put(d, "Mail.reminder", "1");
	const char *key = tr_fmt("approval:%lld:%d", (long long)t->id, nth);
	int rc = 0, count = 0;
	for (int i = 0; rc == 0 && i < n; i++) {
		if (list[i].id == t->requester_id)
			continue;
		tr_mail m = { .kind = "approval_request", .event_key = key, .user_id = list[i].id, .to = list[i].email,
			      .to_name = list[i].name, .lang = list[i].lang, .data = d };
		rc = tr_mail_queue(&m);
		count++;
	}
	hdf_destroy(&d);
	if (sent)
		*sent = count;
	return rc;
}

static int mail_decided(const tr_ticket *t, const tr_approval_decision *dec, const char *decider)
{
	HDF *d = tr_ticket_mail_data(t, dec->comment);
	if (!d)
		return TR_DB_ERR;
	tr_mail_put(d, "Mail.decision", dec->approve ? "approved" : "rejected");
	tr_mail_put(d, "Mail.decider", decider);
	if (dec->agent_id)
		tr_mail_put(d, "Mail.phone", "1");
	tr_mail m = { .kind = "approval_decided", .event_key = tr_fmt("approval_decided:%lld", (long long)t->id),
		      .user_id = t->requester_id, .to = t->requester_email, .to_name = t->requester_name,
		      .lang = t->requester_lang, .data = d, .ticket_id = t->id };
	int rc = tr_mail_queue(&m);
	hdf_destroy(&d);
	return rc;
}

/* ---- starting ---- */

static int insert_row(const tr_ticket *t, enum tr_appr_role role, int route, const char *state, const char *via)
{
	int self = !strcmp(state, "approved");
	int64_t remind = 0;
	int rc = self ? 0 : next_reminder(&remind);
	if (rc < 0)
		return rc;
	tr_q *q = tr_q_new("INSERT INTO approvals (ticket_id, org_id, requester_id, role, state, route, decided_by, "
			   "decided_via, created_at, decided_at, next_reminder_at) VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, "
			   "IF(?, ?, NULL), ?, NOW(), IF(?, NOW(), NULL), IF(?, NULL, FROM_UNIXTIME(?)))");
	tr_q_i64(q, t->id);
	tr_q_i64(q, t->org_id);
	tr_q_i64(q, t->requester_id);
	tr_q_str(q, tr_approval_role_name(role));
	tr_q_str(q, state);
	tr_q_i64(q, route);
	tr_q_i64(q, self);
	tr_q_i64(q, t->requester_id);
	tr_q_str(q, via);
	tr_q_i64(q, self);
	tr_q_i64(q, self);
	tr_q_i64(q, remind);
	int64_t id = tr_q_insert(q);
	return id < 0 ? (int)id : 0;
}

int tr_approval_start(const tr_ticket *t, enum tr_appr_role role, int route)
{
	int rc = insert_row(t, role, route, "awaiting", NULL);
	if (rc < 0 || (rc = tr_ticket_audit(t->id, (tr_actor){ 0, "system" }, "approval", NULL, "awaiting",
					    tr_approval_role_name(role), NULL)) < 0)
		return rc;
	int sent = 0;
	if ((rc = mail_approvers(t, role, 0, &sent)) < 0)
		return rc;
	if (sent == 0) {
		/* nobody to ask: the agents hear of it at once, and the ticket page says so */
		if ((rc = tr_notify_agents(t, "approval_none", 0, NULL)) < 0)
			return rc;
		int64_t r = tr_db_run("UPDATE approvals SET no_approver_told = 1 WHERE ticket_id = ?", "l", t->id);
		if (r < 0)
			return (int)r;
	}
	return 0;
}

int tr_approval_start_self(const tr_ticket *t, enum tr_appr_role role)
{
	int rc = insert_row(t, role, 0, "approved", "self");
	return rc < 0 ? rc : tr_ticket_audit(t->id, (tr_actor){ t->requester_id, "customer" }, "approval", "awaiting",
					     "approved", "self", NULL);
}

/* ---- deciding ---- */

typedef struct decide_job {
	const tr_ticket *loaded;      /* read before the transaction: see decide_tx */
	int route;
	const tr_approval_decision *d;
} decide_job;

/* Nothing here reads without a lock before the routing: its counts must see every ticket
 * committed before the group's lock was granted (routing.h). */
static int decide_tx(void *ctx)
{
	decide_job *j = ctx;
	const tr_approval_decision *d = j->d;
	int rc;
	tr_ticket *t = tr_alloc(sizeof(*t));
	*t = *j->loaded;              /* a retry starts from the same ticket */
	/* the ticket's row first (ticket.h), then the approval: of two decisions at once the
	 * second waits here and then finds it decided */
	if ((rc = tr_ticket_lock(t)) < 0)
		return rc;
	int64_t decider = d->approver_id;
	tr_q *q = tr_q_new("UPDATE approvals SET state = ?, decided_by = NULLIF(?, 0), decided_via = ?, "
			   "recorded_by = NULLIF(?, 0), comment = ?, decided_at = NOW(), next_reminder_at = NULL, "
			   "claimed_by = NULL WHERE ticket_id = ? AND state = 'awaiting'");
	tr_q_str(q, d->approve ? "approved" : "rejected");
	tr_q_i64(q, decider);
	tr_q_str(q, d->agent_id ? "phone" : "portal");
	tr_q_i64(q, d->agent_id);
	tr_q_str(q, d->comment);
	tr_q_i64(q, t->id);
	if ((rc = tr_q_exec(q)) < 0)
		return rc;
	uint64_t won = tr_q_affected(q);
	tr_q_end(q);
	if (won != 1)
		return TR_E_CONFLICT;
	tr_actor who = d->agent_id ? (tr_actor){ d->agent_id, "agent" } : (tr_actor){ decider, "customer" };
	const char *state = d->approve ? "approved" : "rejected";
	const char *note = d->comment ? tr_strcut(d->comment, 240) : NULL;
	if (d->approve && j->route && t->group_id && t->status == TR_NEW && !t->assignee_id) {
		int64_t agent = 0;
		if ((rc = tr_route_assign(t->group_id, &agent)) < 0)
			return rc;
		if (agent && (rc = tr_ticket_assign(t, agent, (tr_actor){ 0, "system" })) < 0)
			return rc;
	}
	if ((rc = tr_ticket_audit(t->id, who, "approval", "awaiting", state, note ? note : (d->agent_id ? "phone" : NULL),
				  NULL)) < 0)
		return rc;
	/* the approver's words belong to the conversation: the requester reads the reason there */
	if (d->comment && !d->agent_id) {
		int64_t cid = tr_ticket_comment(t, decider, 1, 0, d->comment, "web", NULL);
		if (cid < 0)
			return (int)cid;
	}
	if (!d->approve && (rc = tr_ticket_set_status(t, TR_CLOSED, who, note ? note : "approval rejected", NULL)) < 0)
		return rc;
	/* the mails read the ticket as it is now */
	tr_ticket *now = tr_ticket_load(t->id, 0, &rc);
	if (!now)
		return rc;
	const char *decider_name = NULL;
	if (decider) {
		tr_user *u = tr_user_load(decider);
		decider_name = u ? u->name : NULL;
	}
	if ((rc = mail_decided(now, d, decider_name)) < 0 ||
	    (rc = tr_notify_agents(now, d->approve ? "approval_approved" : "approval_rejected", 0, d->comment)) < 0)
		return rc;
	return 0;
}

int tr_approval_decide(int64_t ticket_id, const tr_approval_decision *d)
{
	if (!d->approve && (!d->comment || !*d->comment))
		return TR_E_INVALID;
	int rc;
	tr_ticket *t = tr_ticket_load(ticket_id, 0, &rc);
	if (!t)
		return rc;
	tr_approval *a;
	if ((rc = tr_approval_load(ticket_id, &a)) <= 0)
		return rc < 0 ? rc : TR_E_NOT_FOUND;
	if (a->state != TR_APPR_AWAITING)
		return TR_E_CONFLICT;
	decide_job j = { t, a->route, d };
	rc = tr_db_tx(decide_tx, &j);
	if (rc == 0)
		tr_info("approval of ticket %lld: %s%s", (long long)ticket_id, d->approve ? "approved" : "rejected",
			d->agent_id ? " (by phone)" : "");
	return rc;
}

/* ---- reminders ---- */

typedef struct remind_job {
	int64_t ticket_id;
	const char *me;
	const tr_calendar *cal;   /* read once per run, not once per reminder */
	int sent;
} remind_job;

static int remind_tx(void *ctx)
{
	remind_job *j = ctx;
	int rc;
	tr_ticket *t = tr_ticket_load(j->ticket_id, 0, &rc);
	if (!t)
		return rc;
	if ((rc = tr_ticket_lock(t)) < 0)
		return rc;
	tr_q *q = tr_q_new("SELECT role, reminders, no_approver_told FROM approvals WHERE ticket_id = ? "
			   "AND state = 'awaiting' AND claimed_by = ? FOR UPDATE");
	tr_q_i64(q, t->id);
	tr_q_str(q, j->me);
	if ((rc = tr_q_exec(q)) < 0)
		return rc;
	int found = tr_q_next(q);
	enum tr_appr_role role = found > 0 ? parse_role(tr_q_s(q, 0)) : TR_APPR_ORDER;
	int nth = found > 0 ? (int)tr_q_l(q, 1) + 1 : 0;
	int told = found > 0 ? (int)tr_q_l(q, 2) : 0;
	tr_q_end(q);
	if (found <= 0)
		return found;            /* decided meanwhile, or another run took it back */
	int sent = 0;
	if ((rc = mail_approvers(t, role, nth, &sent)) < 0)
		return rc;
	if (sent == 0 && !told && (rc = tr_notify_agents(t, "approval_none", 0, NULL)) < 0)
		return rc;
	int64_t remind = remind_from_now(j->cal);
	int64_t r = tr_db_run("UPDATE approvals SET reminders = ?, next_reminder_at = FROM_UNIXTIME(?), "
			      "no_approver_told = ?, claimed_by = NULL, claimed_at = NULL WHERE ticket_id = ?", "illl",
			      nth, remind, (int64_t)(sent == 0), t->id);
	if (r < 0)
		return (int)r;
	j->sent = sent;
	return 0;
}

typedef struct claim_job {
	const char *me;
	int batch;
	int64_t n;
} claim_job;

static int claim_tx(void *ctx)
{
	claim_job *c = ctx;
	/* a run that died leaves its claims: they are free again after ten minutes */
	c->n = tr_db_run("UPDATE approvals SET claimed_by = ?, claimed_at = NOW() WHERE state = 'awaiting' "
			 "AND next_reminder_at <= NOW() AND (claimed_by IS NULL OR claimed_at < NOW() - INTERVAL 600 SECOND) "
			 "ORDER BY next_reminder_at LIMIT ?", "si", c->me, c->batch);
	return c->n < 0 ? (int)c->n : 0;
}

int tr_approval_remind(const char *me, int batch)
{
	/* runs on other hosts claim at the same time: a deadlock between the claims is retried */
	claim_job c = { me, batch, 0 };
	int rc = tr_db_tx(claim_tx, &c);
	if (rc < 0)
		return rc;
	int64_t n = c.n;
	if (n <= 0)
		return 0;
	int64_t *ids = tr_alloc(sizeof(int64_t) * (size_t)n);
	int k = 0;
	tr_q *q = tr_q_new("SELECT ticket_id FROM approvals WHERE claimed_by = ? AND state = 'awaiting' LIMIT ?");
	tr_q_str(q, me);
	tr_q_i64(q, n);
	if ((rc = tr_q_exec(q)) < 0)
		return rc;
	while (k < n && tr_q_next(q) > 0)
		ids[k++] = tr_q_l(q, 0);
	tr_q_end(q);
	tr_calendar cal;
	if ((rc = tr_auto_calendar(&cal)) < 0)
		return rc;
	int total = 0;
	for (int i = 0; i < k; i++) {
		remind_job j = { ids[i], me, &cal, 0 };
		if ((rc = tr_db_tx(remind_tx, &j)) < 0) {
			tr_error("approval reminder for ticket %lld failed", (long long)ids[i]);
			tr_db_run("UPDATE approvals SET claimed_by = NULL WHERE ticket_id = ? AND claimed_by = ?", "ls", ids[i], me);
			continue;
		}
		total += j.sent > 0;
	}
	return total;
}
