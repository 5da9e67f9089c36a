/* edit.c - /hc/articles/new and /hc/articles/ID/edit: the staff editor (R-HC 4): Markdown or imported HTML,
 * preview, section, visibility, notice (urgent until), promoted, published, order, labels, and the history. */
#include "tresen.h"
#include "hc/editor.h"
#include "hc/markup.h"
#include "tickets/attach.h"
#include "views/hcview.h"

#include <string.h>

static const char *const formats[] = { "markdown", "html", NULL };

static const tr_field fields[] = {
	{ "title", TR_F_TEXT, TR_REQUIRED, 250, 0, NULL },
	{ "body", TR_F_LINES, TR_REQUIRED, 500000, 0, NULL },
	{ "format", TR_F_ENUM, 0, 0, 0, formats },
	{ "section", TR_F_INT, 0, INT64_MAX, 1, NULL },
	{ "labels", TR_F_TEXT, 0, 500, 0, NULL },
	{ "everyone", TR_F_BOOL, 0, 0, 0, NULL },
	{ "notice", TR_F_BOOL, 0, 0, 0, NULL },
	{ "promoted", TR_F_BOOL, 0, 0, 0, NULL },
	{ "published", TR_F_BOOL, 0, 0, 0, NULL },
	{ "position", TR_F_INT, 0, 100000, -100000, NULL },
	{ "urgent_until", TR_F_TEXT, 0, 16, 0, NULL },
	{ "note", TR_F_TEXT, 0, 250, 0, NULL },
	{ "preview", TR_F_BOOL, 0, 0, 0, NULL },
	{ "images", TR_F_FILE, TR_MULTI, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static int put_sections(tr_req *req, int64_t chosen)
{
	tr_hc_section *s = NULL;
	int n = tr_hc_sections(TR_HC_STAFF, &s);
	if (n < 0)
		return n;
	HDF *list = tr_node(req, "Hc.sections");
	for (int i = 0; i < n; i++) {
		HDF *h = NULL;
		tr_neoerr_ignore(hdf_get_node(list, tr_fmt("%d", i), &h));
		tr_node_set(h, "id", tr_int_str(s[i].id));
		tr_node_set(h, "name", tr_fmt("%s › %s", s[i].category_name, s[i].name));
		tr_node_set(h, "selected", s[i].id == chosen ? "1" : "0");
	}
	return 0;
}

static int render(tr_req *req, int64_t id, int64_t section)
{
	tr_view_hc_frame(req, tr_L(req, id ? "hc.edit.edit" : "hc.edit.new"));
	tr_set_int(req, "Edit.id", id);
	int rc = put_sections(req, section);
	if (rc < 0)
		return rc;
	if (id) {
		tr_hc_revision *r = NULL;
		int n = tr_hc_revisions(id, 50, &r);
		if (n < 0)
			return n;
		HDF *list = tr_node(req, "Edit.revisions");
		for (int i = 0; i < n; i++) {
			HDF *h = NULL;
			tr_neoerr_ignore(hdf_get_node(list, tr_fmt("%d", i), &h));
			tr_node_set(h, "editor", r[i].editor_name);
			tr_node_set(h, "title", r[i].title);
			tr_node_set(h, "note", r[i].note);
			tr_node_set(h, "time", tr_time_show(r[i].created_at, req->lang));
			tr_node_set(h, "time_iso", tr_time_iso(r[i].created_at));
			tr_node_set(h, "published", r[i].published ? "1" : "0");
		}
	}
	return tr_render(req, "hc/edit.cs");
}

static int show(tr_req *req)
{
	int64_t id = tr_path_id(req);
	int64_t section = tr_arg_int(req, "section", 0);
	if (id) {
		tr_hc_article a;
		int rc = tr_hc_article_load(id, &a);
		if (rc <= 0)
			return rc < 0 ? rc : 404;
		section = a.section_id;
		tr_set(req, "Form.title", a.title);
		tr_set(req, "Form.body", a.source);
		tr_set(req, "Form.format", a.source_format);
		tr_set(req, "Form.labels", a.labels);
		tr_set_int(req, "Form.everyone", a.everyone);
		tr_set_int(req, "Form.notice", a.is_notice);
		tr_set_int(req, "Form.promoted", a.promoted);
		tr_set_int(req, "Form.published", a.published);
		tr_set_int(req, "Form.position", a.position);
		tr_set(req, "Form.urgent_until", a.urgent_until);
	} else {
		tr_set(req, "Form.format", "markdown");
		tr_set_int(req, "Form.published", 1);
	}
	return render(req, id, section);
}

static int urgent_ok(const char *v)
{
	/* datetime-local: YYYY-MM-DDTHH:MM */
	if (!v || !*v)
		return 1;
	if (strlen(v) != 16 || v[4] != '-' || v[7] != '-' || v[10] != 'T' || v[13] != ':')
		return 0;
	for (int i = 0; i < 16; i++)
		if (i != 4 && i != 7 && i != 10 && i != 13 && (v[i] < '0' || v[i] > '9'))
			return 0;
	return 1;
}

static int submit(tr_req *req)
{
	int64_t id = tr_path_id(req);
	int64_t section = tr_arg_int(req, "section", 0);
	if (id) {
		tr_hc_article a;
		int rc = tr_hc_article_load(id, &a);
		if (rc <= 0)
			return rc < 0 ? rc : 404;
	}
	if (!urgent_ok(tr_arg(req, "urgent_until"))) {
		tr_form_error(req, "urgent_until", "hc.edit.urgent_invalid");
		tr_set(req, "Form.urgent_until", "");   /* a datetime-local field holds only a valid time */
		req->status = 422;
	}
	if (req->nerrors) {
		req->status = 422;
		return render(req, id, section);
	}
	const char *format = tr_arg(req, "format") ? tr_arg(req, "format") : "markdown";
	/* images: into the file store, their Markdown at the end of the text; the form comes back to place them */
	tr_upload *u = tr_uploads(req, "images");
	if (u) {
		tr_buf b;
		tr_buf_init(&b);
		tr_buf_adds(&b, tr_arg(req, "body") ? tr_arg(req, "body") : "");
		for (; u; u = u->next) {
			int inline_ok = 0;
			const char *type = tr_attach_type(u->path, u->filename, &inline_ok);
			if (!inline_ok) {
				tr_form_error_arg(req, "images", "hc.edit.image_type", u->filename);
				continue;
			}
			int rc = tr_attach_store(u);
			if (rc < 0) {
				tr_buf_free(&b);
				return rc;
			}
			int64_t img = tr_db_run("INSERT INTO hc_images (sha256, filename, content_type, size, uploader_id) "
						"VALUES (?, ?, ?, ?, ?)", "sssll", u->sha256, u->filename, type, u->size,
						req->user->id);
			if (img < 0) {
				tr_buf_free(&b);
				return (int)img;
			}
			tr_buf_printf(&b, "\n\n![%s](/hc/images/%lld/%s)", u->filename, (long long)tr_db_insert_id(),
				      tr_pct(u->filename, ""));
		}
		tr_set(req, "Form.body", b.data ? b.data : "");
		tr_buf_free(&b);
		if (req->nerrors)
			req->status = 422;
		else
			tr_set_int(req, "Edit.images_added", 1);
		return render(req, id, section);
	}
	if (tr_arg_bool(req, "preview")) {
		tr_set_int(req, "Edit.preview", 1);
		tr_set(req, "Edit.preview_html", tr_markup_render(tr_arg(req, "body"), format));
		return render(req, id, section);
	}
	tr_hc_edit e = {
		.id = id,
		.section_id = section,
		.title = tr_arg(req, "title"),
		.source = tr_arg(req, "body"),
		.format = format,
		.labels = tr_arg(req, "labels"),
		.everyone = tr_arg_bool(req, "everyone"),
		.is_notice = tr_arg_bool(req, "notice"),
		.promoted = tr_arg_bool(req, "promoted"),
		.published = tr_arg_bool(req, "published"),
		.position = (int)tr_arg_int(req, "position", 0),
		.urgent_until = tr_arg(req, "urgent_until"),
		.note = tr_arg(req, "note"),
	};
	tr_problems p = { .n = 0 };
	int64_t saved = 0;
	int rc = tr_hc_article_save(&e, req->user->id, &saved, &p);
	if (tr_form_again(req, rc, &p))
		return render(req, id, section);
	if (rc < 0)
		return rc;
	return tr_redirect(req, tr_fmt("/hc/articles/%lld?notice=hc_saved", (long long)saved));
}

static const tr_page page = {
	.name = "hc-edit",
	.access = TR_AGENT,
	.fields = fields,
	.get = show,
	.post = submit,
	.uploads = 1,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
