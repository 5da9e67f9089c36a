/* register.c - /register : self-registration with name, e-mail and password (R-ACC 1-3, 6). */
#include "tresen.h"
#include "accounts/account.h"

#include <string.h>

static const tr_field fields[] = {
	{ "name", TR_F_NAME, TR_REQUIRED, 200, 0, NULL },
	{ "email", TR_F_EMAIL, TR_REQUIRED, 254, 0, NULL },
	{ "password", TR_F_PASSWORD, TR_REQUIRED, 1024, 0, NULL },
	/* the honeypot: hidden from people, filled in by form robots */
	{ "website", TR_F_TEXT, 0, 500, 0, NULL },
	/* ?sent=1: the "check your mail" page after a registration */
	{ "sent", TR_F_BOOL, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static int show(tr_req *req)
{
	int get = strcmp(req->method, "POST") != 0;
	if (get && req->user && !tr_arg_bool(req, "sent"))
		return tr_redirect(req, "/");
	if (get && tr_arg_bool(req, "sent")) {
		tr_set(req, "Register.sent", "1");
		tr_set(req, "Register.hours", tr_fmt("%ld", tr_cfg_int("Accounts.confirm_hours", 48)));
	}
	tr_set(req, "Page.title", tr_L(req, "register.title"));
	return tr_render(req, "register.cs");
}

static int submit(tr_req *req)
{
	if (req->nerrors) {
		req->status = 422;
		return show(req);
	}
	tr_registration r = {
		.name = tr_arg(req, "name"),
		.email = tr_arg(req, "email"),
		.password = tr_arg(req, "password"),
		.honeypot = tr_arg(req, "website"),
		.remote_addr = req->remote_addr,
		.lang = req->lang,
	};
	tr_problems p = { .n = 0 };
	int rc = tr_account_register(&r, &p);
	if (tr_form_again(req, rc, &p))
		return show(req);
	if (rc)
		return rc;
	/* The same answer for a new address, a known one and a robot (R-ACC 6). */
	return tr_redirect(req, "/register?sent=1");
}

static const tr_page page = {
	.name = "register",
	.access = TR_PUBLIC,
	.fields = fields,
	.get = show,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
