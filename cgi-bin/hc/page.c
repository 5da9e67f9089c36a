/* page.c - /hc/imprint, /hc/privacy and /hc/pages/SLUG: the legal and static pages (R-HC 5);
 * staff edit them here (?edit=1, POST) in Markdown, rendered and sanitized like articles. */
#include "tresen.h"
#include "hc/editor.h"
#include "hc/hc.h"
#include "hc/markup.h"
#include "views/hcview.h"

#include <string.h>

static const tr_field fields[] = {
	{ "edit", TR_F_BOOL, 0, 0, 0, NULL },
	{ "title", TR_F_TEXT, TR_REQUIRED, 250, 0, NULL },
	{ "body", TR_F_LINES, TR_REQUIRED, 200000, 0, NULL },
	{ "preview", TR_F_BOOL, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const char *slug_of(tr_req *req)
{
	const char *p = req->path_info;
	return p && p[0] == '/' && tr_hc_slug_ok(p + 1) ? p + 1 : NULL;
}

static const char *path_of(const char *slug)
{
	return !strcmp(slug, "imprint") || !strcmp(slug, "privacy") ? tr_fmt("/hc/%s", slug) : tr_fmt("/hc/pages/%s", slug);
}

static int render(tr_req *req, const char *slug, tr_hc_page *pg, int editing)
{
	tr_view_hc_frame(req, pg->title ? pg->title : slug);
	tr_set(req, "Hc.page.slug", slug);
	tr_set(req, "Hc.page.path", path_of(slug));
	tr_set(req, "Hc.page.title", pg->title);
	tr_set(req, "Hc.page.body", pg->body);
	tr_set_int(req, "Hc.page.placeholder", pg->placeholder);
	if (pg->updated_at)
		tr_set(req, "Hc.page.updated", tr_date_show(pg->updated_at, req->lang));
	tr_set_int(req, "Hc.editing", editing);
	if (editing && !req->nerrors && !tr_arg(req, "body")) {
		tr_set(req, "Form.title", pg->title);
		tr_set(req, "Form.body", pg->source);
	}
	return tr_render(req, "hc/page.cs");
}

static int show(tr_req *req)
{
	const char *slug = slug_of(req);
	if (!slug)
		return 404;
	tr_hc_page pg;
	int rc = tr_hc_page_load(slug, &pg);
	if (rc < 0)
		return rc;
	int staff = tr_hc_reader(req) >= TR_HC_STAFF;
	int editing = staff && tr_arg_bool(req, "edit");
	if (!rc && !editing)
		return 404;
	return render(req, slug, &pg, editing);
}

static int submit(tr_req *req)
{
	if (tr_hc_reader(req) < TR_HC_STAFF)
		return 403;
	const char *slug = slug_of(req);
	if (!slug)
		return 404;
	tr_hc_page pg;
	int rc = tr_hc_page_load(slug, &pg);
	if (rc < 0)
		return rc;
	if (req->nerrors) {
		req->status = 422;
		return render(req, slug, &pg, 1);
	}
	if (tr_arg_bool(req, "preview")) {
		pg.title = tr_arg(req, "title");
		pg.body = tr_markdown_html(tr_arg(req, "body"));
		tr_set_int(req, "Hc.preview", 1);
		return render(req, slug, &pg, 1);
	}
	if ((rc = tr_hc_page_save(slug, tr_arg(req, "title"), tr_arg(req, "body"), req->user->id)) < 0)
		return rc;
	return tr_redirect(req, tr_fmt("%s?notice=hc_saved", path_of(slug)));
}

static const tr_page page = {
	.name = "hc-page",
	.access = TR_PUBLIC,
	.fields = fields,
	.get = show,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
