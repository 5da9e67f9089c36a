/* approvals.c - /approvals: the requests an approver of the customer's organization decides on (R-APPR). */
#include "tresen.h"
#include "tickets/approval.h"
#include "views/approvalview.h"

static int show(tr_req *req)
{
	tr_user *u = req->user;
	/* approvers only: staff record approvals on the agent page, other customers have none */
	if (u->is_agent || u->is_admin || !u->org_id || !tr_approval_holds_role(TR_APPR_ORDER, u->main_contact, u->customer_admin))
		return 403;
	tr_approval_item *items;
	int n = tr_approval_list(u, &items);
	if (n < 0)
		return n;
	tr_view_approval_items(req, items, n);
	tr_set(req, "Page.title", tr_L(req, "approvals.title"));
	tr_set(req, "Page.section", "approvals");
	return tr_render(req, "approvals/list.cs");
}

static const tr_field fields[] = {
	{ NULL, 0, 0, 0, 0, NULL },
};

static const tr_page page = {
	.name = "approvals",
	.access = TR_CONFIRMED,
	.fields = fields,
	.get = show,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
