/* notify.h - who hears about a ticket change, and the mails that tell them (R-MAIL 1). */
#ifndef TR_NOTIFY_H
#define TR_NOTIFY_H

#include <stdint.h>
#include "ticket.h"

/* Queues a mail about event on ticket t ("created", "customer_comment",
 * "follow_up", "customer_solved") for the agents responsible: the assignee,
 * else the members of its group, else every agent, each in their language.
 * The comment (id and text, may be 0/NULL) is quoted. Caller's transaction;
 * a retried transaction queues nothing twice. 0 or <0. */
int tr_notify_agents(const tr_ticket *t, const char *event, int64_t comment_id, const char *body);

#endif
