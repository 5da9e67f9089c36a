/* profile.c - /profile : the person's own details, language, notification settings and the
 * e-mail change (R-PROF). Only the fields declared here are read: nothing posted reaches the
 * access level, the roles or the organization. */
#include "tresen.h"
#include "accounts/profile.h"

#include <string.h>

static const char *const actions[] = { "details", "notifications", "email", NULL };
static const char *const langs[] = { "de", "en", NULL };

static const tr_field fields[] = {
	{ "action", TR_F_ENUM, 0, 0, 0, actions },
	{ "name", TR_F_NAME, 0, 200, 0, NULL },
	{ "phone", TR_F_TEXT, 0, 50, 0, NULL },
	{ "mobile", TR_F_TEXT, 0, 50, 0, NULL },
	{ "position", TR_F_NAME, 0, 100, 0, NULL },
	{ "lang", TR_F_ENUM, 0, 0, 0, langs },
	{ "notify_updates", TR_F_BOOL, 0, 0, 0, NULL },
	{ "notify_follows", TR_F_BOOL, 0, 0, 0, NULL },
	{ "notify_product", TR_F_BOOL, 0, 0, 0, NULL },
	{ "email", TR_F_EMAIL, 0, 254, 0, NULL },
	{ "email_password", TR_F_PASSWORD, 0, 1024, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static int show(tr_req *req)
{
	tr_profile *p = tr_profile_load(req->user->id);
	if (!p)
		return TR_DB_ERR;
	tr_set(req, "Page.title", tr_L(req, "profile.title"));
	tr_set(req, "Page.section", "profile");
	tr_set(req, "Profile.tab", "details");
	tr_set(req, "Profile.email", p->email);
	tr_set(req, "Profile.pending_email", p->pending_email);
	tr_set_int(req, "Profile.info_recipient", p->info_recipient);
	tr_set_int(req, "Profile.picture", p->picture_version);
	tr_set_int(req, "Profile.id", p->id);
	/* a form shown again keeps what was typed; otherwise what is stored */
	const char *action = tr_arg(req, "action");
	if (!req->nerrors || !action || strcmp(action, "details")) {
		tr_set(req, "Form.name", p->name);
		tr_set(req, "Form.phone", p->phone);
		tr_set(req, "Form.mobile", p->mobile);
		tr_set(req, "Form.position", p->position);
		tr_set(req, "Form.lang", p->lang);
	}
	tr_set_int(req, "Form.notify_updates", p->notify_updates);
	tr_set_int(req, "Form.notify_follows", p->notify_follows);
	tr_set_int(req, "Form.notify_product", p->notify_product);
	return tr_render(req, "profile.cs");
}

static int again(tr_req *req, int rc, tr_problems *p)
{
	if (tr_form_again(req, rc, p))
		return show(req);
	return rc;
}

static int submit(tr_req *req)
{
	const char *action = tr_arg(req, "action");
	if (!action)
		return 400;
	if (req->nerrors) {
		req->status = 422;
		return show(req);
	}
	tr_problems p = { .n = 0 };
	int64_t uid = req->user->id;
	int rc;
	if (!strcmp(action, "details")) {
		rc = tr_profile_save(uid, tr_arg(req, "name"), tr_arg(req, "phone"), tr_arg(req, "mobile"),
				     tr_arg(req, "position"), tr_arg(req, "lang"), &p);
		if (rc)
			return again(req, rc, &p);
		/* the next page is in the language just chosen (the session reads it) */
		return tr_redirect(req, "/profile?notice=profile_saved");
	}
	if (!strcmp(action, "notifications")) {
		rc = tr_profile_notify(uid, tr_arg_bool(req, "notify_updates"), tr_arg_bool(req, "notify_follows"),
				       tr_arg_bool(req, "notify_product"));
		return rc ? rc : tr_redirect(req, "/profile?notice=notifications_saved");
	}
	if (!tr_arg(req, "email"))
		tr_problem_add(&p, "email", "err.required", NULL);
	if (!tr_arg(req, "email_password"))
		tr_problem_add(&p, "email_password", "err.required", NULL);
	if (p.n)
		return again(req, TR_E_INVALID, &p);
	rc = tr_profile_email_request(uid, tr_arg(req, "email"), tr_arg(req, "email_password"), req->remote_addr, &p);
	if (rc)
		return again(req, rc, &p);
	return tr_redirect(req, "/profile?notice=email_link_sent");
}

static const tr_page page = {
	.name = "profile",
	.access = TR_SIGNED_IN,
	.fields = fields,
	.get = show,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
