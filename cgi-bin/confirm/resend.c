/* resend.c - /confirm/resend : the confirmation mail once more, throttled (R-ACC 4). */
#include "tresen.h"
#include "accounts/account.h"

#include <string.h>

static const tr_field fields[] = {
	{ "next", TR_F_TEXT, 0, 1000, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static int form(tr_req *req, const char *next)
{
	tr_set(req, "Page.title", tr_L(req, "unconfirmed.title"));
	tr_set(req, "Confirm.next", next);
	return tr_render(req, "unconfirmed.cs");
}

static int show(tr_req *req)
{
	if (req->user->confirmed)
		return tr_redirect(req, "/");
	return form(req, tr_safe_next(tr_arg(req, "next")));
}

static int submit(tr_req *req)
{
	const char *next = tr_safe_next(tr_arg(req, "next"));
	if (req->user->confirmed)
		return tr_redirect(req, tr_with_notice(next, "already_confirmed"));
	tr_problems p = { .n = 0 };
	int rc = tr_account_resend(req->user, &p);
	if (tr_form_again(req, rc, &p))
		return form(req, next);
	if (rc)
		return rc;
	return tr_redirect(req, tr_with_notice(next, "confirm_sent"));
}

static const tr_page page = {
	.name = "confirm_resend",
	.access = TR_SIGNED_IN,
	.fields = fields,
	.get = show,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
