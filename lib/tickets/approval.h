/* approval.h - approvals bound to customer roles (R-APPR): what needs one, who may decide, the
 * decision (the first one counts), reminders. The rules are pure functions; the rest runs in the
 * caller's transaction or its own, and passes the database's result through.
 *
 * A ticket that needs an approval is made New and unassigned, with a row in approvals; its
 * approvers are whoever holds the role in the requester's organization when they look, so an
 * approver who leaves or loses the role no longer sees it and the others still do. Approval
 * assigns it like a new ticket (routing.h); rejection closes it with the reason. */
#ifndef TR_APPROVAL_H
#define TR_APPROVAL_H

#include <stdint.h>
#include <time.h>

#include "accounts/user.h"
#include "core/calendar.h"
#include "tickets/ticket.h"

enum tr_appr_role {
	TR_APPR_NONE = 0,
	TR_APPR_ORDER,            /* orders and changes: main contact or customer administrator */
	TR_APPR_ADMIN,            /* systems, databases, permissions: customer administrator only */
};

enum tr_appr_state { TR_APPR_AWAITING, TR_APPR_APPROVED, TR_APPR_REJECTED };

/* ---- the rules (pure) ---- */

/* What a new request needs: order/change needs an approver; a shown field marked "needs
 * approval" (system access, dump) the customer administrator, which also covers an order. */
enum tr_appr_role tr_approval_needed(enum tr_type type, int marked_field_shown);
/* 1 when someone with these flags may decide for role. */
int tr_approval_holds_role(enum tr_appr_role role, int main_contact, int customer_admin);

/* What u may do with a waiting approval of organization org_id for role, asked by requester_id,
 * where `others` approvers besides the requester hold the role and second_needed is the setting
 * Approvals.second_approver: 0 may decide; TR_E_NOT_FOUND another organization's (or no
 * organization's) user - the ticket is not theirs to see; TR_E_FORBIDDEN staff (they record a
 * phone approval on the agent page), a colleague without the role, or the requester while
 * another approver exists and the setting asks for a second one. */
int tr_approval_may_decide(const tr_user *u, int64_t org_id, enum tr_appr_role role, int64_t requester_id,
			   int64_t others, int second_needed);

/* When the next reminder is due after `from`: the same time of day on the days-th (at least the
 * first) business day of calendar c after from's day (Approvals.remind_days, as the automations
 * count: no reminder lands on a weekend or holiday, none comes sooner for one). */
time_t tr_approval_remind_at(const tr_calendar *c, time_t from, int days);

const char *tr_approval_role_name(enum tr_appr_role r);      /* "order", "admin" */
const char *tr_approval_state_name(enum tr_appr_state s);    /* "awaiting", "approved", "rejected" */

/* ---- in the database ---- */

typedef struct tr_approval {
	int64_t ticket_id, org_id, requester_id, decided_by, recorded_by;
	enum tr_appr_role role;
	enum tr_appr_state state;
	int route, reminders;
	const char *via;                     /* "portal", "phone", "self" or NULL */
	const char *comment, *created_at, *decided_at;   /* UTC */
	const char *decided_by_name, *recorded_by_name;
} tr_approval;

/* The ticket's approval: 1 found (*out), 0 none, <0 (pool memory). */
int tr_approval_load(int64_t ticket_id, tr_approval **out);
/* The same for a loaded ticket: no statement when its row says it has none (most tickets). */
int tr_approval_of(const tr_ticket *t, tr_approval **out);

/* 1 while the ticket waits for its approval, 0 when it needs none or it is decided, <0. Until then
 * agents write internal notes only (web and mail alike): a public reply, taking it, a status or an
 * assignee would start work nobody has approved. */
int tr_approval_waits(int64_t ticket_id);

/* Approvers holding role in org_id, besides except_id (0: none). Count in *n. 0 or <0. */
int tr_approval_count(int64_t org_id, enum tr_appr_role role, int64_t except_id, int64_t *n);

typedef struct tr_approver {
	int64_t id;
	const char *name, *email, *lang;
} tr_approver;
/* The approvers holding role in org_id (at most 50), names first. Count or <0. */
int tr_approval_approvers(int64_t org_id, enum tr_appr_role role, tr_approver **out);

/* In the transaction that makes ticket t (New, unassigned): the waiting approval, the request
 * mail to every approver but the requester, and the agents' notice when there is none. route:
 * assign when approved. 0 or <0. */
int tr_approval_start(const tr_ticket *t, enum tr_appr_role role, int route);
/* The record of a request the requester approved himself by sending it (the only approver). */
int tr_approval_start_self(const tr_ticket *t, enum tr_appr_role role);

/* A waiting approval as the approvers' list shows it. */
typedef struct tr_approval_item {
	int64_t ticket_id;
	const char *subject, *requester, *created_at;
	enum tr_appr_role role;
	enum tr_appr_state state;
	const char *decided_at, *decided_by;
} tr_approval_item;
/* What u decides on: waiting ones of u's organization for u's roles (u's own only when u may
 * decide it), then the latest 20 decided. Count or <0. */
int tr_approval_list(const tr_user *u, tr_approval_item **out);

typedef struct tr_approval_decision {
	int approve;
	const char *comment;      /* the reason: required to reject */
	int64_t approver_id;      /* who decided (for a phone call: the approver who called, 0 unknown) */
	int64_t agent_id;         /* a phone approval: the agent who records it; 0 in the portal */
} tr_approval_decision;

/* Decides ticket_id's waiting approval in one transaction: the ticket's row first, then the
 * approval - the first decision counts; a later one gets TR_E_CONFLICT. Approved: assigned as a
 * new ticket (or left New for the group); rejected: Closed with the reason as the approver's
 * comment. Audited, and mailed to the requester and the agents. TR_E_INVALID without a reason
 * to reject. 0 or <0. */
int tr_approval_decide(int64_t ticket_id, const tr_approval_decision *d);

/* tresen-approvals: claims due reminders (rows, never a named lock: several hosts may run it),
 * mails the current approvers, tells the agents once when no approver is left. Reminders sent,
 * or <0. */
int tr_approval_remind(const char *me, int batch);

#endif
