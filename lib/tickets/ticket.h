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
	int is_cc;                /* the viewer given to tr_ticket_load is in CC */
	const char *cc_names;     /* "\n"-separated, or NULL */
	const char *followups;    /* ids of follow-up tickets, comma-separated, or NULL */
	int nvalues, nattachments;
	const char *urgent_reason;
	const char *created_at, *updated_at, *solved_at, *closed_at;   /* UTC "YYYY-MM-DD HH:MM:SS" */
	const char *requester_name, *requester_email, *requester_lang, *assignee_name, *group_name,
		   *product_name, *org_name;
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

/* Adds a comment: updates the ticket's updated time (the ticket row's lock
 * first), the search document for public ones; a public agent comment marks
 * agent_replied. at NULL: now. Returns the comment id or <0. */
int64_t tr_ticket_comment(int64_t ticket_id, int64_t author_id, int is_public, int by_agent,
			  const char *body, const char *via, const char *at);

/* Changes status with audit event and counts. */
int tr_ticket_set_status(tr_ticket *t, enum tr_status to, tr_actor who, const char *note, const char *at);

/* Agent reply or internal note, with the status the agent chose (demo data,
 * tools). Returns the comment id or <0. */
int64_t tr_ticket_agent_reply(tr_ticket *t, int64_t agent_id, const char *body, int is_public,
			      enum tr_status to, const char *at);
/* The same for a reply that came another way (via "mail"). */
int64_t tr_ticket_agent_reply_via(tr_ticket *t, int64_t agent_id, const char *body, int is_public,
				  enum tr_status to, const char *at, const char *via);

/* Assigns the ticket to an agent (audit event; a New ticket becomes Open). */
int tr_ticket_assign(tr_ticket *t, int64_t agent_id, tr_actor who);

/* Rebuilds the ticket's search document (subject, public comments, access tokens). */
int tr_ticket_search_refresh(int64_t ticket_id);

/* Adds a CC; 0 or <0. */
int tr_ticket_add_cc(int64_t ticket_id, int64_t user_id);
/* The users in CC of a ticket (at most max), in the order they were added. Count or <0. */
int tr_ticket_cc_ids(int64_t ticket_id, int64_t *ids, int max);

/* The id of the newest audit event of the ticket (0: none), for event keys of mails. */
int tr_ticket_last_event(int64_t ticket_id, int64_t *event_id);

#endif
