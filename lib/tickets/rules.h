/* rules.h - the ticket rules every page and job shares, as pure functions: names, priority (R-PRIO), the status machine (R-LIFE, R-TKT). */
#ifndef TR_RULES_H
#define TR_RULES_H

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
extern const char *const tr_priority_names[];

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

#endif
