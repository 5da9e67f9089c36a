/* confirm.c - /confirm?token=... : the link in the confirmation mail completes the registration (R-ACC 4).
 *
 * Mail scanners open links before the person does (R-MAIL 4): the GET only
 * checks the link and shows a button; the POST of that button (token and
 * CSRF) spends the link. */
#include "tresen.h"
#include "accounts/account.h"
#include "accounts/sessions.h"

static const tr_field fields[] = {
	{ "token", TR_F_TOKEN, 0, 43, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

/* The page for a confirmation link that does not work: what happened, what to do. */
static int bad_link(tr_req *req, int status, int done)
{
	req->status = status;
	const char *what = status == 400 ? "incomplete" : status == 404 ? "unknown" : done ? "done" : "spent";
	const char *title = tr_L(req, tr_fmt("link.confirm_%s_title", what));
	tr_set(req, "Page.title", title);
	tr_set(req, "Link.title", title);
	tr_set(req, "Link.text", tr_L(req, tr_fmt("link.confirm_%s_text", what)));
	if (req->user && !req->user->confirmed && !done) {
		tr_set(req, "Link.resend", "1");
	} else {
		tr_set(req, "Link.action", req->user ? "/" : "/login");
		tr_set(req, "Link.action_label", tr_L(req, req->user ? "link.to_home" : "link.to_login"));
	}
	return tr_render(req, "link.cs");
}

static int show(tr_req *req)
{
	const char *token = tr_arg(req, "token");
	if (!token)
		return bad_link(req, 400, 0);
	const char *email;
	int done;
	int rc = tr_account_confirm_check(token, &email, &done);
	if (rc == TR_E_NOT_FOUND || rc == TR_E_GONE)
		return bad_link(req, tr_http_status(rc), done);
	if (rc)
		return rc;
	/* nothing is spent yet: the button does it */
	tr_set(req, "Page.title", tr_L(req, "links.confirm_title"));
	tr_set(req, "Confirm.token", token);
	tr_set(req, "Confirm.email", email);
	return tr_render(req, "confirm.cs");
}

static int submit(tr_req *req)
{
	const char *token = tr_arg(req, "token");
	if (!token)
		return bad_link(req, 400, 0);
	int64_t user_id;
	int done;
	int rc = tr_account_confirm(token, &user_id, &done);
	if (rc == TR_E_NOT_FOUND || rc == TR_E_GONE)
		return bad_link(req, tr_http_status(rc), done);
	if (rc)
		return rc;
	/* signed in alone: any session someone else had is gone */
	if ((rc = tr_session_start(req, user_id)) < 0 || (rc = tr_session_end_user(user_id, req->session_id)) < 0)
		return rc;
	return tr_redirect(req, "/?notice=confirmed");
}

static const tr_page page = {
	.name = "confirm",
	.access = TR_PUBLIC,
	.fields = fields,
	.get = show,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
