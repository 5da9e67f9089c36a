/* login.c - /login : the sign-in form and its check (R-ACC 5, 6), and the second step - a code
 * from the authenticator app or a recovery code - for accounts with two-factor sign-in (R-PROF). */
#include "tresen.h"
#include "accounts/auth.h"
#include "accounts/totp.h"

static const tr_field fields[] = {
	{ "email", TR_F_EMAIL, 0, 254, 0, NULL },
	{ "password", TR_F_PASSWORD, 0, 1024, 0, NULL },
	{ "next", TR_F_TEXT, 0, 1000, 0, NULL },
	{ "challenge", TR_F_TOKEN, 0, 43, 0, NULL },
	{ "code", TR_F_TEXT, 0, 20, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static int show(tr_req *req)
{
	if (req->user && !req->nerrors && !req->status)
		return tr_redirect(req, tr_safe_next(tr_arg(req, "next")));
	tr_set(req, "Page.title", tr_L(req, "login.title"));
	return tr_render(req, "login.cs");
}

/* The second step's form, carrying the challenge (the password is never asked twice). */
static int second_step(tr_req *req, const char *challenge)
{
	tr_set(req, "Page.title", tr_L(req, "profile.login_code_title"));
	tr_set(req, "Login.challenge", challenge);
	return tr_render(req, "login.cs");
}

static int throttled(tr_req *req, int wait)
{
	req->status = 429;
	tr_set_int(req, "Login.wait_minutes", (wait + 59) / 60);
	tr_form_error(req, NULL, "login.throttled");
	return 0;
}

static int code_step(tr_req *req, const char *challenge)
{
	int64_t user_id;
	int rc = tr_login_challenge_user(challenge, &user_id);
	if (rc < 0)
		return rc;
	if (rc == 0) {
		/* expired or unknown: from the start */
		req->status = 422;
		tr_form_error(req, NULL, "profile.login_code_expired");
		return show(req);
	}
	if (!tr_arg(req, "code")) {
		req->status = 422;
		tr_form_error(req, "code", "err.required");
		return second_step(req, challenge);
	}
	int wait = 0;
	rc = tr_totp_verify(user_id, tr_arg(req, "code"), req->remote_addr, &wait);
	if (rc == TR_E_THROTTLED) {
		throttled(req, wait);
		return second_step(req, challenge);
	}
	if (rc == TR_E_INVALID) {
		req->status = 422;
		tr_form_error(req, "code", "profile.login_code_wrong");
		return second_step(req, challenge);
	}
	if (rc < 0 || (rc = tr_login_challenge_end(challenge)) < 0 || (rc = tr_session_start(req, user_id)) < 0)
		return rc;
	return tr_redirect(req, tr_safe_next(tr_arg(req, "next")));
}

static int submit(tr_req *req)
{
	if (req->nerrors) {
		req->status = 422;
		return show(req);
	}
	const char *challenge = tr_arg(req, "challenge");
	if (challenge)
		return code_step(req, challenge);
	if (!tr_arg(req, "email") || !tr_arg(req, "password")) {
		if (!tr_arg(req, "email"))
			tr_form_error(req, "email", "err.required");
		if (!tr_arg(req, "password"))
			tr_form_error(req, "password", "err.required");
		req->status = 422;
		return show(req);
	}
	int wait = 0;
	int64_t user_id;
	int rc = tr_auth_password(tr_arg(req, "email"), tr_arg(req, "password"), req->remote_addr, &user_id, &wait);
	if (rc == TR_E_THROTTLED) {
		throttled(req, wait);
		return show(req);
	}
	if (rc == TR_E_INVALID) {
		req->status = 422;
		tr_form_error(req, NULL, "login.failed");
		return show(req);
	}
	if (rc < 0)
		return rc;
	int enabled, left;
	if ((rc = tr_totp_status(user_id, &enabled, &left)) < 0)
		return rc;
	if (enabled) {
		char token[44];
		if ((rc = tr_login_challenge_new(user_id, token)) < 0)
			return rc;
		return second_step(req, token);
	}
	if ((rc = tr_session_start(req, user_id)) < 0)
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
