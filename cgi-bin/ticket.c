/* ticket.c - /requests/ID: the conversation, details and the customer's comment box (R-TKT). */
#include "tresen.h"
#include "ticketview.h"

#include <string.h>

static const tr_field fields[] = {
	{ "body", TR_F_LINES, 0, 65000, 0, NULL },
	{ "attachments", TR_F_FILE, TR_MULTI, 0, 0, NULL },
	{ "screenshots", TR_F_FILE, TR_MULTI, 0, 0, NULL },
	{ "solved", TR_F_BOOL, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

/* The id from the path (/requests/123 arrives as PATH_INFO "/123"). */
static int64_t ticket_id(tr_req *req)
{
	int64_t id;
	const char *p = req->path_info;
	if (*p != '/' || strlen(p) > 20 || tr_parse_i64(p + 1, &id) < 0 || id <= 0)
		return 0;
	return id;
}

static int render(tr_req *req, tr_ticket *t, enum tr_right right)
{
	if (tr_ticket_view(req, t, 0) < 0)
		return 503;
	tr_set(req, "Page.title", tr_fmt("#%lld %s", (long long)t->id, t->subject));
	tr_set(req, "Page.section", "requests");
	tr_set_int(req, "Ticket.can_comment", right == TR_RIGHT_COMMENT);
	tr_transition solve = tr_status_transition(t->status, TR_EV_CUSTOMER_SOLVE, t->agent_replied);
	tr_set_int(req, "Ticket.can_solve", right == TR_RIGHT_COMMENT && solve.allowed);
	tr_set_int(req, "Ticket.closed", t->status == TR_CLOSED);
	return tr_render(req, "ticket.cs");
}

/* The ticket of this request as the user may see it; 0, or the status to answer
 * (confirmation page, or 404 - exactly as for a missing ticket). */
static int open_ticket(tr_req *req, tr_ticket **t, enum tr_right *right)
{
	int rc = tr_require_confirmed(req);          /* R-ACC 4: no tickets before confirmation */
	if (rc)
		return rc;
	*t = tr_access_ticket(req->user, ticket_id(req), right);
	return *t ? 0 : 404;
}

static int show(tr_req *req)
{
	tr_ticket *t;
	enum tr_right right;
	int rc = open_ticket(req, &t, &right);
	return rc ? rc : render(req, t, right);
}

static int submit(tr_req *req)
{
	tr_ticket *t;
	enum tr_right right;
	int rc = open_ticket(req, &t, &right);
	if (rc)
		return rc;
	if (right != TR_RIGHT_COMMENT)
		return 403;
	const char *body = tr_arg(req, "body");
	int files = tr_uploads(req, "attachments") || tr_uploads(req, "screenshots");
	int solved = tr_arg_bool(req, "solved");
	if (!body && files)
		body = tr_L(req, "ticket.files_only");
	if (!body && !solved) {
		tr_form_error(req, "body", "ticket.body_required");
		req->status = 422;
		return render(req, t, right);
	}
	int64_t target = t->id;
	const char *notice = "solved";
	if (body) {
		rc = tr_ticket_customer_comment(req, t, body, &target);
		if (rc)
			return rc;
		notice = target != t->id ? "follow_up_created" : "comment_added";
	}
	if (solved && target == t->id) {
		tr_ticket *now = tr_ticket_load(t->id, req->user->id);
		if (!now)
			return 503;
		rc = tr_ticket_customer_solve(req, now);
		/* refused (no agent reply yet, or solved already): with a comment the
		 * comment still counts; alone it is an error the page explains */
		if (rc && (rc != 409 || !body))
			return rc;
		if (rc == 0)
			notice = "solved";
	}
	return tr_redirect(req, tr_fmt("/requests/%lld?notice=%s", (long long)target, notice));
}

static const tr_page page = {
	.name = "ticket",
	.access = TR_SIGNED_IN,
	.fields = fields,
	.get = show,
	.post = submit,
	.uploads = 1,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
