/* ticket.h - tickets in the database: loading, creating, comments, status, assignment, CCs, audit trail, counts.
 *
 * Every change here runs in the caller's transaction and returns the
 * database's result code unchanged (core/result.h), so that a deadlock
 * reaches tr_db_tx and is retried. Lock order, the same in every change of a
 * ticket: the ticket row first (tr_ticket_lock, or the UPDATE that a change
 * starts with), then its comments, attachments and search document, then
 * the shared count rows in a fixed order. The rules themselves are pure
 * functions in tickets/rules.h. */
#ifndef TR_TICKET_H
#define TR_TICKET_H

#include <stdint.h>

#include "tickets/rules.h"

/* A ticket as the pages show it (pool memory). */
typedef struct tr_ticket {
	int64_t id, org_id, requester_id, assignee_id, group_id, product_id, form_id, follow_up_of;
	const char *subject;
	enum tr_status status;
	enum tr_type type;
	enum tr_priority priority;
	int urgent_claim, urgent_review, agent_replied;
	int awaiting_agent;       /* the customer wrote last */
	int version;              /* raised by every change: a change made on a stale page is refused */
	int64_t merged_into;      /* merged into that ticket (0: not merged) */
	int is_cc;                /* the viewer given to tr_ticket_load is in CC */
	const char *cc_names;     /* "\n"-separated, or NULL */
	const char *followups;    /* ids of follow-up tickets, comma-separated, or NULL */
	int nvalues, nattachments;
	const char *urgent_reason;
	const char *created_at, *updated_at, *solved_at, *closed_at;   /* UTC "YYYY-MM-DD HH:MM:SS" */
	const char *requester_name, *requester_email, *requester_lang, *assignee_name, *group_name,
		   *product_name, *org_name;
	/* the automations' clock (tickets/automation.h) and the SLA's due time, read in the same row */
	int reminder_stage;
	int64_t status_at, reminded_at;    /* Unix times; reminded_at 0: no reminder yet */
	const char *sla_due_at, *sla_kind; /* NULL: no SLA running */
	int has_approval;                  /* an approval (R-APPR) was asked for it */
} tr_ticket;

/* Loads a ticket (no access check: see access.h), with is_cc for viewer_id
 * (0: none). NULL when missing or on error; *err (when not NULL) says which:
 * TR_E_NOT_FOUND, or the database's code. */
tr_ticket *tr_ticket_load(int64_t id, int64_t viewer_id, int *err);

/* Locks the ticket's row for the caller's transaction (the first lock every
 * change of a ticket takes) and refreshes what a change decides on: status,
 * assignee, group, agent_replied, priority. 0, TR_E_NOT_FOUND, or <0. */
int tr_ticket_lock(tr_ticket *t);

/* Who does something, for the audit trail. */
typedef struct tr_actor {
	int64_t user_id;          /* 0 for the system */
	const char *kind;         /* "customer", "agent", "system" */
} tr_actor;

typedef struct tr_ticket_value {
	const char *key, *label_de, *label_en, *value;
} tr_ticket_value;

/* A new ticket; the first comment is its description. */
typedef struct tr_ticket_new {
	int64_t requester_id;
	const char *subject, *description;
	enum tr_type type;
	enum tr_priority priority;
	int urgent_claim;
	const char *urgent_reason;
	int64_t product_id, form_id, group_id, assignee_id, follow_up_of;
	enum tr_status status;            /* TR_NEW or TR_OPEN (assigned at once) */
	const int64_t *cc_ids;
	int ncc;
	const tr_ticket_value *values;
	int nvalues;
	const char *created_at;           /* NULL: now (demo data and imports give a time) */
	const char *description_via;      /* how the description came: "web" (NULL) or "mail" */
} tr_ticket_new;

/* Creates the ticket, its description comment, CCs, values, audit event,
 * search document and counts. Returns the id, and the description comment's
 * id in *comment_id (may be NULL), or <0. */
int64_t tr_ticket_create(const tr_ticket_new *n, int64_t *comment_id);

/* Writes every change from `before` to `t` - status, assignee, group,
 * priority, urgency review, who wrote last, merge - in one statement on the
 * ticket's row (version + 1, t->version updated), an audit event per field
 * that changed, and the counts of every queue the ticket leaves or enters.
 * The one path of every change: the caller locked the row (tr_ticket_lock)
 * and set t's fields. note goes with the status event. at NULL: now. */
int tr_ticket_update(const tr_ticket *before, tr_ticket *t, tr_actor who, const char *note, const char *at);

/* Adds a comment to t (locked): the ticket's row first (updated time, who
 * wrote last, agent_replied for a public agent comment), then the comment,
 * then the search document for public ones. Returns the comment id or <0. */
int64_t tr_ticket_comment(tr_ticket *t, int64_t author_id, int is_public, int by_agent,
			  const char *body, const char *via, const char *at);

/* Changes status (through tr_ticket_update). */
int tr_ticket_set_status(tr_ticket *t, enum tr_status to, tr_actor who, const char *note, const char *at);

/* Agent reply or internal note, with the status the agent chose (demo data,
 * tools). Returns the comment id or <0. */
int64_t tr_ticket_agent_reply(tr_ticket *t, int64_t agent_id, const char *body, int is_public,
			      enum tr_status to, const char *at);
/* The same for a reply that came another way (via "mail"). */
int64_t tr_ticket_agent_reply_via(tr_ticket *t, int64_t agent_id, const char *body, int is_public,
				  enum tr_status to, const char *at, const char *via);

/* Assigns the ticket to an agent, or to nobody (0): New means no agent yet,
 * so an assigned New ticket becomes Open and an unassigned Open one New. */
int tr_ticket_assign(tr_ticket *t, int64_t agent_id, tr_actor who);

/* An event of the audit trail that is no field change (merges, reviews). 0 or <0. */
int tr_ticket_audit(int64_t ticket_id, tr_actor who, const char *kind, const char *old_value,
		    const char *new_value, const char *note, const char *at);

/* The count rows a ticket is counted in (pure): all tickets (spread over 8
 * rows by id), its organization, requester, assignee and group, and the
 * urgency-review and customer-replied queues - each by status. */
#define TR_COUNT_KEYS_MAX 7
typedef struct tr_count_key {
	const char *scope;
	int64_t id;
	enum tr_status status;
} tr_count_key;
int tr_ticket_count_keys(const tr_ticket *t, tr_count_key *keys);

/* Rebuilds the ticket's postings (sql/012_search.sql): the words of its subject and public
 * comments, for all tickets and for its organization. tr_ticket_update keeps their recency in
 * step with the ticket's updated_at. */
int tr_ticket_search_refresh(int64_t ticket_id);

/* Adds a CC; 0 or <0. */
int tr_ticket_add_cc(int64_t ticket_id, int64_t user_id);
/* The users in CC of a ticket (at most max), in the order they were added. Count or <0. */
int tr_ticket_cc_ids(int64_t ticket_id, int64_t *ids, int max);

#endif
