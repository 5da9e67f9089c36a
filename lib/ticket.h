/* ticket.h - tickets: status machine (R-LIFE), creation, comments, customer actions, audit trail. */
#ifndef TR_TICKET_H
#define TR_TICKET_H

#include <stdint.h>
#include "request.h"
#include "user.h"

enum tr_status { TR_NEW, TR_OPEN, TR_PENDING, TR_SOLVED, TR_CLOSED, TR_NSTATUS };
enum tr_type { TR_QUESTION, TR_INCIDENT, TR_REQUIREMENT, TR_CHANGE, TR_NTYPE };
enum tr_priority { TR_LOW, TR_NORMAL, TR_HIGH, TR_URGENT, TR_NPRIORITY };

/* Names as stored in the database and used in URLs ("new", "open", ...). */
const char *tr_status_name(enum tr_status s);
const char *tr_type_name(enum tr_type t);
const char *tr_priority_name(enum tr_priority p);
int tr_status_parse(const char *s);      /* -1 when unknown */
int tr_type_parse(const char *s);
int tr_priority_parse(const char *s);
extern const char *const tr_status_names[];   /* NULL-terminated, for field declarations */
extern const char *const tr_type_names[];

/* The priority of a new ticket (R-PRIO): user help is low; bug/incident,
 * product requirement and order/change are normal; a claimed urgency makes
 * any of them high (and the claim waits for an agent's review). */
enum tr_priority tr_priority_for(enum tr_type type, int urgent);

/* What changes a ticket's status. */
enum tr_event {
	TR_EV_CUSTOMER_COMMENT,   /* requester, CC or colleague writes a public comment */
	TR_EV_CUSTOMER_SOLVE,     /* the customer marks the ticket solved */
	TR_EV_AGENT_OPEN,         /* an agent works on it (reply, assignment) */
	TR_EV_AGENT_PENDING,      /* an agent waits for the customer */
	TR_EV_AGENT_SOLVE,        /* an agent solves it */
	TR_EV_CLOSE,              /* automation: solved for 14 days, or unanswered after reminders */
};

typedef struct tr_transition {
	int allowed;              /* 0: the event is refused in this status */
	enum tr_status to;        /* the status afterwards (may equal the current one) */
	int follow_up;            /* 1: the comment starts a follow-up ticket instead (R-TKT 5) */
} tr_transition;

/* The status machine, one pure rule for every page and job:
 * customer comment on Pending or Solved reopens (R-TKT 4), on Closed makes a
 * follow-up (R-TKT 5); the customer may mark solved only after a public agent
 * reply (R-TKT 3) and never a closed ticket. */
tr_transition tr_status_transition(enum tr_status from, enum tr_event ev, int agent_replied);

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
	const char *requester_name, *requester_email, *assignee_name, *group_name, *product_name, *org_name;
} tr_ticket;

/* Loads a ticket (no access check: see access.h), with is_cc for viewer_id
 * (0: none). NULL when missing or on error. */
tr_ticket *tr_ticket_load(int64_t id, int64_t viewer_id);

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
} tr_ticket_new;

/* Creates the ticket, its description comment, CCs, values, audit event,
 * search document and counts, in the caller's transaction. Returns the id,
 * and the description comment's id in *comment_id (may be NULL), or <0. */
int64_t tr_ticket_create(const tr_ticket_new *n, int64_t *comment_id);

/* Adds a comment (in the caller's transaction): updates the search document
 * for public ones and the ticket's updated time; a public agent comment marks
 * agent_replied. at NULL: now. Returns the comment id or <0. */
int64_t tr_ticket_comment(int64_t ticket_id, int64_t author_id, int is_public, int by_agent,
			  const char *body, const char *via, const char *at);

/* Changes status with audit event and counts (caller's transaction). */
int tr_ticket_set_status(tr_ticket *t, enum tr_status to, tr_actor who, const char *note, const char *at);

/* The customer actions of the ticket page, each in its own transaction.
 * tr_ticket_customer_comment writes a public comment with its attachments
 * and applies the status rule; on a closed ticket it creates a follow-up and
 * puts its id in *target (else *target = t->id). 0, or an HTTP status. */
int tr_ticket_customer_comment(tr_req *req, tr_ticket *t, const char *body, int64_t *target);
int tr_ticket_customer_solve(tr_req *req, tr_ticket *t);

/* Agent reply or internal note, with the status the agent chose (demo data,
 * agent workspace). Caller's transaction. Returns the comment id or <0. */
int64_t tr_ticket_agent_reply(tr_ticket *t, int64_t agent_id, const char *body, int is_public,
			      enum tr_status to, const char *at);

/* Assigns the ticket to an agent (audit event; a New ticket becomes Open). Caller's transaction. */
int tr_ticket_assign(tr_ticket *t, int64_t agent_id, tr_actor who);

/* Rebuilds the ticket's search document (subject, public comments, access tokens). */
int tr_ticket_search_refresh(int64_t ticket_id);

/* Adds a CC (caller's transaction); 0 or <0. */
int tr_ticket_add_cc(int64_t ticket_id, int64_t user_id);

#endif
