/* login.c - /login : the sign-in form and its check (R-ACC 5, 6). */
#include "tresen.h"
#include "accounts/auth.h"

static const tr_field fields[] = {
	{ "email", TR_F_EMAIL, TR_REQUIRED, 254, 0, NULL },
	{ "password", TR_F_PASSWORD, TR_REQUIRED, 1024, 0, NULL },
	{ "next", TR_F_TEXT, 0, 1000, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static int show(tr_req *req)
{
	if (req->user && !req->nerrors && !req->status)
		return tr_redirect(req, tr_safe_next(tr_arg(req, "next")));
	tr_set(req, "Page.title", tr_L(req, "login.title"));
	return tr_render(req, "login.cs");
}

static int submit(tr_req *req)
{
	if (req->nerrors) {
		req->status = 422;
		return show(req);
	}
	int wait = 0;
	int64_t user_id;
	int rc = tr_auth_password(tr_arg(req, "email"), tr_arg(req, "password"), req->remote_addr, &user_id, &wait);
	if (rc == TR_E_THROTTLED) {
		req->status = 429;
		tr_set_int(req, "Login.wait_minutes", (wait + 59) / 60);
		tr_form_error(req, NULL, "login.throttled");
		return show(req);
	}
	if (rc == TR_E_INVALID) {
		req->status = 422;
		tr_form_error(req, NULL, "login.failed");
		return show(req);
	}
	if (rc < 0 || (rc = tr_session_start(req, user_id)) < 0)
		return rc;
	return tr_redirect(req, tr_safe_next(tr_arg(req, "next")));
}

static const tr_page page = {
	.name = "login",
	.access = TR_PUBLIC,
	.fields = fields,
	.get = show,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
