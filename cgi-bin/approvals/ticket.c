/* ticket.c - /approvals/ID: one request that waits for an approver - what is asked, its fields,
 * approve or reject with a comment (R-APPR). The first decision counts; a later one is told so. */
#include "tresen.h"
#include "tickets/approval.h"
#include "tickets/conversation.h"
#include "views/approvalview.h"
#include "views/ticketview.h"

#include <string.h>

static const char *const decisions[] = { "approve", "reject", NULL };

static const tr_field fields[] = {
	{ "decision", TR_F_ENUM, 0, 0, 0, decisions },
	{ "comment", TR_F_LINES, 0, 10000, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

/* The ticket and its approval when req's user may decide on it: 0, or the status to answer. */
static int load(tr_req *req, tr_ticket **t, tr_approval **a, int *may)
{
	int rc;
	int64_t id = tr_path_id(req);
	if (!id || (rc = tr_approval_load(id, a)) == 0)
		return 404;
	if (rc < 0)
		return rc;
	int64_t others = 0;
	if ((rc = tr_approval_count((*a)->org_id, (*a)->role, (*a)->requester_id, &others)) < 0)
		return rc;
	rc = tr_approval_may_decide(req->user, (*a)->org_id, (*a)->role, (*a)->requester_id, others,
				    (int)tr_cfg_int("Approvals.second_approver", 1));
	if (rc == TR_E_NOT_FOUND)
		return 404;
	/* a colleague without the role, or the requester who needs a second approver, sees only
	 * that it is not theirs to decide */
	*may = rc == 0;
	if (rc != 0 && rc != TR_E_FORBIDDEN)
		return rc;
	if (!*may)
		return 403;
	if (!(*t = tr_ticket_load(id, req->user->id, &rc)))
		return rc;
	return 0;
}

static int render(tr_req *req, tr_ticket *t, tr_approval *a)
{
	tr_conversation c;
	int rc = tr_conversation_load(req->user, t, &c);
	if (rc < 0)
		return rc;
	tr_approver *list;
	int n = tr_approval_approvers(a->org_id, a->role, &list);
	if (n < 0)
		return n;
	tr_view_ticket(req, t, &c);
	tr_view_approval(req, a, n);
	tr_set(req, "Page.title", tr_fmt("%s #%lld", tr_L(req, "approvals.title_one"), (long long)t->id));
	tr_set(req, "Page.section", "approvals");
	return tr_render(req, "approvals/ticket.cs");
}

static int show(tr_req *req)
{
	tr_ticket *t;
	tr_approval *a;
	int may;
	int rc = load(req, &t, &a, &may);
	return rc ? rc : render(req, t, a);
}

static int submit(tr_req *req)
{
	tr_ticket *t;
	tr_approval *a;
	int may;
	int rc = load(req, &t, &a, &may);
	if (rc)
		return rc;
	const char *decision = tr_arg(req, "decision");
	if (req->nerrors || !decision) {
		if (!decision && !req->nerrors)
			tr_form_error(req, "decision", "approvals.err_decision");
		req->status = 422;
		return render(req, t, a);
	}
	tr_approval_decision d = {
		.approve = !strcmp(decision, "approve"),
		.comment = tr_arg(req, "comment"),
		.approver_id = req->user->id,
	};
	rc = tr_approval_decide(t->id, &d);
	if (rc == TR_E_INVALID) {
		tr_form_error(req, "comment", "approvals.err_reason");
		req->status = 422;
		return render(req, t, a);
	}
	if (rc == TR_E_CONFLICT) {
		/* someone else decided first: the page says what counts now */
		if ((rc = tr_approval_load(t->id, &a)) <= 0)
			return rc < 0 ? rc : 404;
		tr_set(req, "Approval.late", "1");
		req->status = 409;
		return render(req, t, a);
	}
	if (rc)
		return rc;
	return tr_redirect(req, tr_fmt("/approvals/%lld?notice=%s", (long long)t->id,
				       d.approve ? "approval_approved" : "approval_rejected"));
}

static const tr_page page = {
	.name = "approval",
	.access = TR_CONFIRMED,
	.fields = fields,
	.get = show,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
