/* forgot.c - /password/forgot : asks for a reset link; the same answer for every address (R-ACC 5, 6). */
#include "tresen.h"
#include "accounts/account.h"

#include <string.h>

static const tr_field fields[] = {
	{ "email", TR_F_EMAIL, TR_REQUIRED, 254, 0, NULL },
	{ "sent", TR_F_BOOL, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static int show(tr_req *req)
{
	if (tr_arg_bool(req, "sent") && strcmp(req->method, "POST")) {
		tr_set(req, "Forgot.sent", "1");
		tr_set(req, "Forgot.minutes", tr_fmt("%ld", tr_cfg_int("Accounts.reset_minutes", 60)));
	}
	tr_set(req, "Page.title", tr_L(req, "forgot.title"));
	return tr_render(req, "password/forgot.cs");
}

static int submit(tr_req *req)
{
	if (req->nerrors) {
		req->status = 422;
		return show(req);
	}
	tr_problems p = { .n = 0 };
	int rc = tr_account_forgot(tr_arg(req, "email"), req->remote_addr, req->lang, &p);
	if (tr_form_again(req, rc, &p))
		return show(req);
	if (rc)
		return rc;
	return tr_redirect(req, "/password/forgot?sent=1");
}

static const tr_page page = {
	.name = "password_forgot",
	.access = TR_PUBLIC,
	.fields = fields,
	.get = show,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
