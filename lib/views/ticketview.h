/* ticketview.h - a ticket and its conversation as page data (Ticket.*), for the customer's and the agent's ticket page. */
#ifndef TR_TICKETVIEW_H
#define TR_TICKETVIEW_H

#include "tickets/conversation.h"
#include "tickets/ticket.h"
#include "web/request.h"

/* Fills Ticket.*: the ticket's details, its comments (Ticket.comments.N),
 * files under their comment (Ticket.files.<comment id>.N) and all of them
 * (Ticket.all_files.N), CCs, follow-ups and form values. What the
 * conversation holds was decided by tr_conversation_load. */
void tr_view_ticket(tr_req *req, const tr_ticket *t, const tr_conversation *c);

#endif
