/* password_reset.c - /password/reset?token=... : sets a new password with the link from the mail (R-ACC 5). */
#include "tresen.h"

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

static int form(tr_req *req)
{
	tr_set(req, "Page.title", tr_L(req, "reset.title"));
	tr_set(req, "Reset.token", tr_arg(req, "token"));
	return tr_render(req, "password_reset.cs");
}

static int show(tr_req *req)
{
	const char *token = tr_arg(req, "token");
	if (!token)
		return bad_link(req, 400);
	int rc = tr_account_reset_check(req, token);
	if (rc == 404 || rc == 410)
		return bad_link(req, rc);
	if (rc)
		return rc;
	return form(req);
}

static int submit(tr_req *req)
{
	const char *token = tr_arg(req, "token");
	if (!token)
		return bad_link(req, 400);
	if (req->nerrors) {
		int rc = tr_account_reset_check(req, token);
		if (rc)
			return rc == 404 || rc == 410 ? bad_link(req, rc) : rc;
		req->status = 422;
		return form(req);
	}
	int rc = tr_account_reset(req, token, tr_arg(req, "password"));
	if (rc == 404 || rc == 410)
		return bad_link(req, rc);
	if (rc == 422) {
		req->status = 422;
		return form(req);
	}
	if (rc)
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
