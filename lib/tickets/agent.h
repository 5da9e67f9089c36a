/* agent.h - what an agent does with a ticket (R-AGT, R-LIFE, R-PRIO): reply or note, status,
 * priority, group, assignee, the urgency review, merging - each one transaction.
 *
 * Every action carries the version of the ticket the agent saw: when the
 * ticket changed meanwhile, nothing is written and TR_E_CONFLICT says so (the
 * page shows what changed and keeps the draft). Every action starts by
 * locking the ticket's row (the lock order of ticket.h), writes its changes
 * through tr_ticket_update (audit events, counts) and queues the mails the
 * customer side gets: a public reply to the requester and the CCs, the
 * solution mail when it becomes Solved; an internal note to nobody outside
 * staff. */
#ifndef TR_AGENT_H
#define TR_AGENT_H

#include <stdint.h>

#include "accounts/user.h"
#include "core/problems.h"
#include "core/upload.h"
#include "tickets/ticket.h"

#define TR_UNCHANGED (-1)

typedef struct tr_agent_change {
	int version;                  /* the ticket's version the agent saw */
	const char *body;             /* a reply or note, or NULL */
	int is_public;                /* the body is a public reply (1) or an internal note (0) */
	const tr_upload *files;       /* attachments of the body */
	const tr_upload *screenshots; /* pasted images, shown inline */
	int status;                   /* TR_OPEN, TR_PENDING, TR_SOLVED, or TR_UNCHANGED */
	int priority;                 /* enum tr_priority, or TR_UNCHANGED */
	int64_t group_id;             /* a group, 0 for none, or TR_UNCHANGED */
	int64_t assignee_id;          /* an agent, 0 for nobody, or TR_UNCHANGED */
} tr_agent_change;

/* Applies c to t for agent a. A public reply to a New ticket without an
 * assignee assigns it to the agent who answers. 0; TR_E_CONFLICT (changed
 * meanwhile, or a status the rules refuse: closed tickets are read-only);
 * TR_E_INVALID with problems (an assignee who is no active agent, a group that
 * does not exist); or the database's code. */
int tr_agent_act(const tr_user *a, tr_ticket *t, const tr_agent_change *c, tr_problems *p);

/* The urgency review (R-PRIO, R-NEW 6): accepting makes the ticket high
 * priority and assigns it to the reviewing agent at once (Open); rejecting
 * returns the priority to what the type gives and tells the customer why, in
 * a public comment. reason is required for a rejection (TR_E_INVALID). */
int tr_agent_review_urgency(const tr_user *a, tr_ticket *t, int version, int accept, const char *reason,
			    tr_problems *p);

/* Merges duplicate t into target (both locked, in id order): t's comments and
 * attachments move to target, t is closed with a link to target, both get a
 * comment that says so, t's requester is told by mail. TR_E_INVALID for a
 * target that is t itself, closed or merged itself; TR_E_NOT_FOUND for none. */
int tr_agent_merge(const tr_user *a, tr_ticket *t, int version, int64_t target_id, tr_problems *p);

#endif
