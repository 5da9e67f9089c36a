/* new.c - /requests/new: the form chooser, then ?form=ID one request form held as data (R-NEW). */
#include "tresen.h"
#include "forms/form.h"
#include "forms/newticket.h"
#include "views/formview.h"

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
	return rc < 0 ? rc : rc == 0 ? 404 : 0;
}

static int render(tr_req *req, const tr_form *f)
{
	tr_set(req, "Page.section", "new");
	tr_set(req, "Page.title", f ? tr_form_title(f, req->lang) : tr_L(req, "newreq.title"));
	int rc = f ? tr_view_form(req, f, req->user) : tr_view_form_chooser(req);
	return rc < 0 ? rc : tr_render(req, "requests/new.cs");
}

static int show(tr_req *req)
{
	if (!tr_arg(req, "form"))
		return render(req, NULL);
	tr_form *f;
	int rc = load(req, &f);
	return rc ? rc : render(req, f);
}

/* The kept files the user unticked. */
static int removals(tr_req *req, int64_t **ids)
{
	const char **rm;
	int n = tr_arg_list(req, "remove", &rm);
	*ids = tr_alloc(sizeof(int64_t) * (size_t)(n + 1));
	for (int i = 0; i < n; i++)
		tr_parse_i64(rm[i], &(*ids)[i]);
	return n;
}

static int submit(tr_req *req)
{
	tr_form *f;
	int rc = load(req, &f);
	if (rc)
		return rc;
	/* the form's own fields, by the same rules as the declared ones */
	if ((rc = tr_validate_more(req, tr_view_form_fields(f), f->nfields, TR_FORM_PARAM_PREFIX)) != 0)
		return rc;
	tr_newticket in = {
		.form = f,
		.vals = tr_view_form_values(req, f),
		.token = tr_arg(req, "form_token"),
		.subject = tr_arg(req, "subject"),
		.description = tr_arg(req, "description"),
		.type = tr_type_parse(tr_arg(req, "type")),
		.urgent = tr_arg_bool(req, "urgent"),
		.urgent_reason = tr_arg(req, "urgent_reason"),
		.cc = tr_arg(req, "cc"),
		.files = tr_uploads(req, "attachments"),
		.suggested = tr_arg_bool(req, "suggested"),
		.page_errors = req->nerrors,
		.lang = req->lang,
		.yes = tr_L(req, "newreq.yes"),
	};
	int64_t *remove;
	in.nremove = removals(req, &remove);
	in.remove = remove;
	tr_newticket_result out;
	rc = tr_newticket_submit(req->user, &in, &out);
	if (rc == 0 && out.ticket_id)
		return tr_redirect(req, tr_fmt("/requests/%lld?notice=ticket_created", (long long)out.ticket_id));
	if (rc == 0) {
		tr_view_suggestions(req, out.suggestions, out.nsuggestions);
		tr_set(req, "NewRequest.suggest_step", "1");
	} else if (!tr_form_again(req, rc, &out.problems)) {
		return rc;
	}
	return render(req, f);
}

static const tr_page page = {
	.name = "newrequest",
	.access = TR_CONFIRMED,
	.fields = fields,
	.get = show,
	.post = submit,
	.uploads = 1,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
