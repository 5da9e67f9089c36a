/* ticket.c - /requests/ID: the conversation, details and the customer's comment box (R-TKT). */
#include "tresen.h"
#include "tickets/access.h"
#include "tickets/approval.h"
#include "tickets/conversation.h"
#include "tickets/customer.h"
#include "views/approvalview.h"
#include "views/ticketview.h"
#include "views/autoview.h"

#include <string.h>

static const tr_field fields[] = {
	{ "body", TR_F_LINES, 0, 65000, 0, NULL },
	{ "attachments", TR_F_FILE, TR_MULTI, 0, 0, NULL },
	{ "screenshots", TR_F_FILE, TR_MULTI, 0, 0, NULL },
	{ "solved", TR_F_BOOL, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static int render(tr_req *req, tr_ticket *t, enum tr_right right)
{
	tr_conversation c;
	int rc = tr_conversation_load(req->user, t, &c);
	if (rc < 0)
		return rc;
	tr_view_ticket(req, t, &c);
	/* an order or change that waits for an approver says so (R-APPR) */
	tr_approval *a;
	if ((rc = tr_approval_of(t, &a)) < 0)
		return rc;
	if (rc > 0) {
		int64_t n = 0;
		if ((rc = tr_approval_count(a->org_id, a->role, 0, &n)) < 0)
			return rc;
		tr_view_approval(req, a, (int)n);
	}
	if ((rc = tr_view_countdown(req, t)) < 0)
		return rc;
	tr_set(req, "Page.title", tr_fmt("#%lld %s", (long long)t->id, t->subject));
	tr_set(req, "Page.section", "requests");
	tr_set_int(req, "Ticket.can_comment", right == TR_RIGHT_COMMENT);
	tr_transition solve = tr_status_transition(t->status, TR_EV_CUSTOMER_SOLVE, t->agent_replied);
	tr_set_int(req, "Ticket.can_solve", right == TR_RIGHT_COMMENT && solve.allowed);
	tr_set_int(req, "Ticket.closed", t->status == TR_CLOSED);
	tr_set(req, "Ticket.max_file", tr_human_size(tr_limit("upload_bytes")));
	return tr_render(req, "requests/ticket.cs");
}

static int show(tr_req *req)
{
	enum tr_right right;
	int rc;
	tr_ticket *t = tr_access_ticket(req->user, tr_path_id(req), &right, &rc);
	return t ? render(req, t, right) : rc;
}

static int submit(tr_req *req)
{
	enum tr_right right;
	int rc;
	tr_ticket *t = tr_access_ticket(req->user, tr_path_id(req), &right, &rc);
	if (!t)
		return rc;
	if (right != TR_RIGHT_COMMENT)
		return 403;
	tr_customer_input in = {
		.body = tr_arg(req, "body"),
		.files = tr_uploads(req, "attachments"),
		.screenshots = tr_uploads(req, "screenshots"),
		.solve = tr_arg_bool(req, "solved"),
		.lang = req->lang,
	};
	if (!in.body && (in.files || in.screenshots))
		in.body = tr_L(req, "ticket.files_only");
	if (!in.body && !in.solve) {
		tr_form_error(req, "body", "ticket.body_required");
		req->status = 422;
		return render(req, t, right);
	}
	tr_customer_result out;
	if ((rc = tr_customer_act(req->user, t, &in, &out)) != 0)
		return rc;
	const char *notice = out.ticket_id != t->id ? "follow_up_created" : out.solved ? "solved" : "comment_added";
	return tr_redirect(req, tr_fmt("/requests/%lld?notice=%s", (long long)out.ticket_id, notice));
}

static const tr_page page = {
	.name = "ticket",
	.access = TR_CONFIRMED,
	.fields = fields,
	.get = show,
	.post = submit,
	.uploads = 1,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
