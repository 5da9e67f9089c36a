/* unfollow.c - /hc/unfollow?token=...: the one-click unfollow of a follow mail (R-HC 2). The link is
 * signed (user, section or article); the GET only shows a button, so a mail scanner opening it changes
 * nothing (R-MAIL 4); the button's POST (token and CSRF) ends the follow. */
#include "tresen.h"
#include "hc/editor.h"
#include "views/hcview.h"

static const tr_field fields[] = {
	{ "token", TR_F_TEXT, TR_REQUIRED, 100, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static int check(tr_req *req, int64_t *user, const char **kind, int64_t *target)
{
	const char *token = tr_arg(req, "token");
	if (!token || tr_hc_unfollow_check(token, user, kind, target) < 0)
		return 400;
	return 0;
}

static int show(tr_req *req)
{
	int64_t user, target;
	const char *kind;
	int rc = check(req, &user, &kind, &target);
	if (rc)
		return rc;
	tr_view_hc_frame(req, tr_L(req, "hc.unfollow_title"));
	tr_set(req, "Unfollow.token", tr_arg(req, "token"));
	tr_set(req, "Unfollow.kind", kind);
	return tr_render(req, "hc/unfollow.cs");
}

static int submit(tr_req *req)
{
	int64_t user, target;
	const char *kind;
	int rc = check(req, &user, &kind, &target);
	if (rc)
		return rc;
	if ((rc = tr_hc_unfollow(user, kind, target)) < 0)
		return rc;
	tr_view_hc_frame(req, tr_L(req, "hc.unfollow_title"));
	tr_set_int(req, "Unfollow.done", 1);
	return tr_render(req, "hc/unfollow.cs");
}

static const tr_page page = {
	.name = "hc-unfollow",
	.access = TR_PUBLIC,
	.fields = fields,
	.get = show,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
