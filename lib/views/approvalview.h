/* approvalview.h - approvals as page data: a ticket's approval (Approval.*), the approvers' list (Approvals.N). */
#ifndef TR_APPROVALVIEW_H
#define TR_APPROVALVIEW_H

#include "tickets/approval.h"
#include "web/request.h"

/* Approval.{state, role, via, comment, decided_by, recorded_by, decided_at(_iso), created_at(_iso),
 * none (1: nobody holds the role)} for a ticket that has one; nothing for a ticket without. */
void tr_view_approval(tr_req *req, const tr_approval *a, int napprovers);
/* Approvers.N.{id, name} for the agent's phone form. */
void tr_view_approvers(tr_req *req, const tr_approver *list, int n);
/* Approvals.N.{id, subject, requester, created(_iso), role, state, decided_by, decided(_iso)}. */
void tr_view_approval_items(tr_req *req, const tr_approval_item *items, int n);

#endif
