/* ticketview.h - a ticket's page data (conversation, attachments, CCs, fields, follow-ups) into HDF. */
#ifndef TR_TICKETVIEW_H
#define TR_TICKETVIEW_H

#include "request.h"
#include "ticket.h"

/* Fills Ticket.* for the template. internal = 1 adds internal notes and
 * their attachments (agents only; customer pages pass 0). 0 or <0. */
int tr_ticket_view(tr_req *req, const tr_ticket *t, int internal);

#endif
