/* newrequest.c - /requests/new: the form chooser, then ?form=ID one request form held as data (R-NEW). */
#include "tresen.h"
#include "account.h"
#include "form.h"
#include "newticket.h"

static const tr_field fields[] = {
	{ "form", TR_F_INT, 0, 1000000000, 1, NULL },
	{ "form_token", TR_F_TOKEN, 0, 43, 0, NULL },
	{ "subject", TR_F_TEXT, TR_REQUIRED, 200, 0, NULL },
	{ "description", TR_F_LINES, TR_REQUIRED, 65000, 0, NULL },
	{ "type", TR_F_ENUM, TR_REQUIRED, 0, 0, tr_type_names },
	{ "urgent", TR_F_BOOL, 0, 0, 0, NULL },
	{ "urgent_reason", TR_F_LINES, 0, 2000, 0, NULL },
	{ "cc", TR_F_LINES, 0, 2000, 0, NULL },
	{ "attachments", TR_F_FILE, TR_MULTI, 0, 0, NULL },
	{ "remove", TR_F_INT, TR_MULTI, 0, 1, NULL },
	{ "suggested", TR_F_BOOL, 0, 0, 0, NULL },
	{ TR_FORM_PARAM_PREFIX "*", TR_F_TEXT, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static int load(tr_req *req, tr_form **f)
{
	int rc = tr_form_load(tr_arg_int(req, "form", 0), f);
	return rc < 0 ? 503 : rc == 0 ? 404 : 0;
}

static int render(tr_req *req, const tr_form *f)
{
	tr_set(req, "Page.section", "new");
	tr_set(req, "Page.title", f ? tr_form_title(f, req->lang) : tr_L(req, "newreq.title"));
	if (f && tr_newticket_page(req, f) < 0)
		return 503;
	return tr_render(req, "newrequest.cs");
}

static int show(tr_req *req)
{
	/* only confirmed users make tickets (R-ACC 4, R-NEW 1): the guard explains why */
	int rc = tr_require_confirmed(req);
	if (rc)
		return rc;
	if (!tr_arg(req, "form")) {
		if (tr_newticket_chooser(req) < 0)
			return 503;
		return render(req, NULL);
	}
	tr_form *f;
	rc = load(req, &f);
	return rc ? rc : render(req, f);
}

static int submit(tr_req *req)
{
	int rc = tr_require_confirmed(req);
	if (rc)
		return rc;
	tr_form *f;
	if ((rc = load(req, &f)) != 0)
		return rc;
	int64_t id;
	if ((rc = tr_newticket_submit(req, f, &id)) != 0)
		return rc;
	if (id)
		return tr_redirect(req, tr_fmt("/requests/%lld?notice=ticket_created", (long long)id));
	return render(req, f);
}

static const tr_page page = {
	.name = "newrequest",
	.access = TR_SIGNED_IN,
	.fields = fields,
	.get = show,
	.post = submit,
	.uploads = 1,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
