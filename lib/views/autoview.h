/* autoview.h - the automations' countdown as page data (R-LIFE): when the next reminder and the
 * automatic closing will happen, for the customer's and the agent's ticket page. */
#ifndef TR_AUTOVIEW_H
#define TR_AUTOVIEW_H

#include "tickets/queue.h"
#include "tickets/ticket.h"
#include "web/request.h"

/* Sets Ticket.auto.customer and Ticket.auto.agent (sentences with the dates) and
 * Ticket.auto.remind_date / close_date ("YYYY-MM-DD") when something will happen. 0 or <0. */
int tr_view_countdown(tr_req *req, const tr_ticket *t);

/* The service level of each queue row (Tickets.N.sla: business time left or overdue, in words;
 * Tickets.N.sla_breached; Tickets.N.sla_due_iso), and of the ticket page (Ticket.sla*). 0 or <0. */
int tr_view_queue_sla(tr_req *req, const tr_queue_list *list);
int tr_view_ticket_sla(tr_req *req, const tr_ticket *t);

#endif
