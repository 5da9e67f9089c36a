/* reset.c - /password/reset?token=... : sets a new password with the link from the mail (R-ACC 5). */
#include "tresen.h"
#include "accounts/account.h"
#include "accounts/sessions.h"

static const tr_field fields[] = {
	{ "token", TR_F_TOKEN, TR_REQUIRED, 43, 0, NULL },
	{ "password", TR_F_PASSWORD, TR_REQUIRED, 1024, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static int bad_link(tr_req *req, int status)
{
	req->status = status;
	const char *what = status == 400 ? "incomplete" : status == 404 ? "unknown" : "spent";
	const char *title = tr_L(req, tr_fmt("link.reset_%s_title", what));
	tr_set(req, "Page.title", title);
	tr_set(req, "Link.title", title);
	tr_set(req, "Link.text", tr_L(req, tr_fmt("link.reset_%s_text", what)));
	tr_set(req, "Link.action", "/password/forgot");
	tr_set(req, "Link.action_label", tr_L(req, "link.new_reset"));
	return tr_render(req, "link.cs");
}

static int form(tr_req *req, const char *email)
{
	tr_set(req, "Page.title", tr_L(req, "reset.title"));
	tr_set(req, "Reset.token", tr_arg(req, "token"));
	tr_set(req, "Reset.email", email);
	return tr_render(req, "password/reset.cs");
}

/* What a link result means for this page: its own page for an unknown or spent link. */
static int link_trouble(tr_req *req, int rc)
{
	return rc == TR_E_NOT_FOUND || rc == TR_E_GONE ? bad_link(req, tr_http_status(rc)) : rc;
}

static int show(tr_req *req)
{
	const char *token = tr_arg(req, "token");
	if (!token)
		return bad_link(req, 400);
	const char *email;
	int rc = tr_account_reset_check(token, &email);
	return rc ? link_trouble(req, rc) : form(req, email);
}

static int submit(tr_req *req)
{
	const char *token = tr_arg(req, "token");
	if (!token)
		return bad_link(req, 400);
	const char *email;
	if (req->nerrors) {
		int rc = tr_account_reset_check(token, &email);
		if (rc)
			return link_trouble(req, rc);
		req->status = 422;
		return form(req, email);
	}
	int64_t user_id;
	tr_problems p = { .n = 0 };
	int rc = tr_account_reset(token, tr_arg(req, "password"), &user_id, &email, &p);
	if (tr_form_again(req, rc, &p))
		return form(req, email);
	if (rc)
		return link_trouble(req, rc);
	/* signed in alone: every other session of the account ends */
	if ((rc = tr_session_start(req, user_id)) < 0 || (rc = tr_session_end_user(user_id, req->session_id)) < 0)
		return rc;
	return tr_redirect(req, "/?notice=password_reset");
}

static const tr_page page = {
	.name = "password_reset",
	.access = TR_PUBLIC,
	.fields = fields,
	.get = show,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
