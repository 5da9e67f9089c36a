/* email.c - /profile/email?token=... : the link of an e-mail change. To the new address it sets
 * the address; to the old one it takes the change back. The GET only shows a button (mail
 * scanners open links, R-MAIL 4); the link works only for the account it was made for. */
#include "tresen.h"
#include "accounts/profile.h"

#include <string.h>

static const tr_field fields[] = {
	{ "token", TR_F_TOKEN, 0, 43, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static int bad_link(tr_req *req, int status)
{
	req->status = status;
	const char *what = status == 404 ? "unknown" : "spent";
	const char *title = tr_L(req, tr_fmt("profile.email_link_%s_title", what));
	tr_set(req, "Page.title", title);
	tr_set(req, "Link.title", title);
	tr_set(req, "Link.text", tr_L(req, tr_fmt("profile.email_link_%s_text", what)));
	tr_set(req, "Link.action", "/profile");
	tr_set(req, "Link.action_label", tr_L(req, "profile.to_profile"));
	return tr_render(req, "link.cs");
}

static int show(tr_req *req)
{
	const char *token = tr_arg(req, "token");
	if (!token)
		return 400;
	const char *purpose, *email;
	int rc = tr_profile_email_check(token, req->user->id, &purpose, &email);
	if (rc == TR_E_NOT_FOUND || rc == TR_E_GONE)
		return bad_link(req, tr_http_status(rc));
	if (rc)
		return rc;
	int undo = !strcmp(purpose, "email_undo");
	tr_set(req, "Page.title", tr_L(req, undo ? "profile.email_undo_title" : "profile.email_confirm_title"));
	tr_set(req, "Email.token", token);
	tr_set(req, "Email.address", email);
	tr_set_int(req, "Email.undo", undo);
	return tr_render(req, "profile/email.cs");
}

static int submit(tr_req *req)
{
	const char *token = tr_arg(req, "token");
	if (!token)
		return 400;
	const char *purpose;
	int rc = tr_profile_email_apply(token, req->user->id, &purpose);
	if (rc == TR_E_NOT_FOUND || rc == TR_E_GONE)
		return bad_link(req, tr_http_status(rc));
	if (rc)
		return rc;
	if (!strcmp(purpose, "email_undo")) {
		/* every session ended, this one too: the person signs in again with the old address */
		tr_session_end(req);
		return tr_redirect(req, "/login?notice=email_undone");
	}
	return tr_redirect(req, "/profile?notice=email_changed");
}

static const tr_page page = {
	.name = "profile_email",
	.access = TR_SIGNED_IN,
	.fields = fields,
	.get = show,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
