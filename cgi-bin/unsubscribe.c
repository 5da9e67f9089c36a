/* unsubscribe.c - /unsubscribe?token=... : the link in every product information mail (R-APPR, R-MAIL 4).
 *
 * Mail scanners open links first: the GET only checks the signed link and shows a button; the
 * POST of that button (token and CSRF) ends the product mails for that recipient. */
#include "tresen.h"
#include "mail/productmail.h"

static const tr_field fields[] = {
	{ "token", TR_F_TOKEN, 0, 60, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static int bad_link(tr_req *req)
{
	req->status = 404;
	tr_set(req, "Page.title", tr_L(req, "unsub.bad_title"));
	tr_set(req, "Link.title", tr_L(req, "unsub.bad_title"));
	tr_set(req, "Link.text", tr_L(req, "unsub.bad_text"));
	tr_set(req, "Link.action", "/");
	tr_set(req, "Link.action_label", tr_L(req, "link.to_home"));
	return tr_render(req, "link.cs");
}

/* The user the link names (0 when it is no link of ours), and that user's address. */
static int64_t who(tr_req *req, const char **email)
{
	int64_t id;
	if (tr_unsub_check(tr_arg(req, "token"), &id) < 0)
		return 0;
	tr_user *u = tr_user_load(id);
	if (!u)
		return 0;
	*email = u->email;
	return id;
}

static int show(tr_req *req)
{
	const char *email;
	if (!who(req, &email))
		return bad_link(req);
	tr_set(req, "Page.title", tr_L(req, "unsub.title"));
	tr_set(req, "Unsub.token", tr_arg(req, "token"));
	tr_set(req, "Unsub.email", email);
	return tr_render(req, "unsubscribe.cs");
}

static int submit(tr_req *req)
{
	const char *email;
	int64_t id = who(req, &email);
	if (!id)
		return bad_link(req);
	int rc = tr_unsub_apply(id);
	if (rc < 0)
		return rc;
	tr_set(req, "Page.title", tr_L(req, "unsub.done_title"));
	tr_set(req, "Link.title", tr_L(req, "unsub.done_title"));
	tr_set(req, "Link.text", tr_L(req, "unsub.done_text"));
	tr_set(req, "Link.action", "/");
	tr_set(req, "Link.action_label", tr_L(req, "link.to_home"));
	return tr_render(req, "link.cs");
}

static const tr_page page = {
	.name = "unsubscribe",
	.access = TR_PUBLIC,
	.fields = fields,
	.get = show,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
