/* notify.h - who hears about a ticket change, and the mails that tell them (R-MAIL 1).
 *
 * Mails are queued in the caller's transaction; each carries an event key,
 * so a retried transaction queues nothing twice. */
#ifndef TR_NOTIFY_H
#define TR_NOTIFY_H

#include <stdint.h>

#include <ClearSilver.h>

#include "tickets/ticket.h"

/* Queues a mail about event on ticket t ("created", "customer_comment",
 * "follow_up", "customer_solved") for the agents responsible: the assignee,
 * else the members of its group, else every agent, each in their language.
 * The comment (id and text, may be 0/NULL) is quoted. 0 or <0. */
int tr_notify_agents(const tr_ticket *t, const char *event, int64_t comment_id, const char *body);

/* The confirmation of a new ticket: to its requester, and a note to each
 * person in CC, each in their language. 0 or <0. */
int tr_notify_created(const tr_ticket *t, const char *description);

/* A mail of kind (ticket_reply: an agent's public reply by author_name,
 * quoted) to the requester and everyone in CC who may get mail, each in
 * their language; with solved the requester gets the solution mail instead
 * and is left out here. comment_id keys the event. Every ticket mail carries
 * the ticket's reply address (mail/reply.h): answering it comments by mail.
 * 0 or <0. */
int tr_notify_customers(const tr_ticket *t, const char *kind, int64_t comment_id, const char *body,
			const char *author_name, int solved);
/* The solution mail to the requester (R-CSAT 1: the survey link goes there),
 * with the agent's last words when given. 0 or <0. */
int tr_notify_solved(const tr_ticket *t, const char *body);
/* Tells the requester and CCs of a merged ticket where their request went on. 0 or <0. */
int tr_notify_merged(const tr_ticket *source, const tr_ticket *target);

/* The data every ticket mail shows (Mail.ticket_id, subject, status, type,
 * priority, requester, org, assignee, urgent, body shortened, link), for
 * tr_mail.data; the caller destroys it. NULL when out of memory. */
HDF *tr_ticket_mail_data(const tr_ticket *t, const char *body);

#endif
