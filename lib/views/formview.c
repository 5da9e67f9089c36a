/* formview.c - a request form held as data on the page: its fields as declarations, its values, its page data. */
#include "views/formview.h"
#include "core/config.h"
#include "core/neoerr.h"
#include "core/pool.h"
#include "core/text.h"
#include "core/token.h"
#include "core/util.h"
#include "forms/pending.h"
#include "web/input.h"
#include "web/page.h"
#include "web/response.h"

#include <string.h>

#define MAX_PENDING_SHOWN 200

/* ---- input ---- */

tr_field *tr_view_form_fields(const tr_form *f)
{
	tr_field *out = tr_zalloc(sizeof(tr_field) * (size_t)(f->nfields + 1));
	for (int i = 0; i < f->nfields; i++) {
		const tr_form_field *ff = &f->fields[i];
		tr_field *d = &out[i];
		d->name = tr_form_param(ff);
		switch (ff->kind) {
		case TR_FK_TEXT:
			d->type = TR_F_TEXT;
			d->max = ff->max_length ? ff->max_length : 200;
			break;
		case TR_FK_TEXTAREA:
			d->type = TR_F_LINES;
			d->max = ff->max_length ? ff->max_length : 10000;
			break;
		case TR_FK_SELECT:
		case TR_FK_MULTI: {
			const char **values = tr_zalloc(sizeof(char *) * (size_t)(ff->noptions + 1));
			for (int k = 0; k < ff->noptions; k++)
				values[k] = ff->options[k].value;
			d->type = TR_F_ENUM;
			d->values = values;
			if (ff->kind == TR_FK_MULTI)
				d->flags = TR_MULTI;
			break;
		}
		case TR_FK_CHECKBOX:
			d->type = TR_F_BOOL;
			break;
		case TR_FK_DATE:
			d->type = TR_F_DATE;
			break;
		case TR_FK_NUMBER:
			d->type = TR_F_INT;
			d->min = (long)ff->min_value;
			d->max = (long)ff->max_value;
			break;
		}
	}
	return out;
}

tr_form_vals *tr_view_form_values(tr_req *req, const tr_form *f)
{
	tr_form_vals *vals = tr_zalloc(sizeof(tr_form_vals) * (size_t)(f->nfields + 1));
	for (int i = 0; i < f->nfields; i++) {
		const char *param = tr_form_param(&f->fields[i]);
		vals[i].n = tr_arg_list(req, param, &vals[i].v);
		vals[i].invalid = tr_arg_error(req, param);
	}
	return vals;
}

/* ---- page data ---- */

int tr_view_form_chooser(tr_req *req)
{
	tr_form *forms;
	int n = tr_form_list(&forms);
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++) {
		HDF *h = tr_node(req, tr_fmt("Forms.%d", i));
		tr_node_set(h, "id", tr_int_str(forms[i].id));
		tr_node_set(h, "slug", forms[i].slug);
		tr_node_set(h, "title", tr_form_title(&forms[i], req->lang));
		tr_node_set(h, "help", tr_form_help(&forms[i], req->lang));
	}
	return 0;
}

static const tr_form_field *field_by_key(const tr_form *f, const char *key)
{
	for (int i = 0; i < f->nfields; i++)
		if (!strcmp(f->fields[i].key, key))
			return &f->fields[i];
	return NULL;
}

/* "Nur nötig bei System: Testsystem" - the condition for readers without JavaScript. */
static const char *cond_text(tr_req *req, const tr_form *f, const tr_form_field *ff)
{
	tr_buf b;
	tr_buf_init(&b);
	for (int c = 0; c < ff->nconds; c++) {
		const tr_form_field *when = field_by_key(f, ff->conds[c].key);
		if (!when)
			continue;
		if (b.len)
			tr_buf_printf(&b, " %s ", tr_L(req, "newreq.or"));
		tr_buf_printf(&b, "„%s", tr_form_label(when, req->lang));
		for (int k = 0; when->kind != TR_FK_CHECKBOX && k < when->noptions; k++)
			if (!strcmp(when->options[k].value, ff->conds[c].value))
				tr_buf_printf(&b, ": %s", tr_form_option_label(&when->options[k], req->lang));
		tr_buf_adds(&b, "“");
	}
	const char *r = tr_subst(tr_L(req, "newreq.only_when"), b.data ? b.data : "");
	tr_buf_free(&b);
	return r;
}

static void put_field(tr_req *req, const tr_form *f, int i)
{
	const tr_form_field *ff = &f->fields[i];
	HDF *h = tr_node(req, tr_fmt("NewForm.fields.%d", i));
	tr_node_set(h, "name", tr_form_param(ff));
	tr_node_set(h, "kind", tr_form_kind_name(ff->kind));
	tr_node_set(h, "label", tr_form_label(ff, req->lang));
	tr_node_set(h, "help", tr_form_field_help(ff, req->lang));
	tr_node_set(h, "required", ff->required ? "1" : "0");
	/* the browser may insist only on fields that are always shown */
	tr_node_set(h, "html_required", ff->required && !ff->nconds ? "1" : "0");
	if (ff->kind == TR_FK_TEXT || ff->kind == TR_FK_TEXTAREA)
		tr_node_set(h, "max", tr_fmt("%ld", ff->max_length ? ff->max_length :
						 ff->kind == TR_FK_TEXT ? 200 : 10000));
	if (ff->kind == TR_FK_NUMBER) {
		tr_node_set(h, "min", tr_int_str(ff->min_value));
		if (ff->max_value)
			tr_node_set(h, "max", tr_int_str(ff->max_value));
	}
	for (int k = 0; k < ff->noptions; k++) {
		HDF *o = tr_node(req, tr_fmt("NewForm.fields.%d.options.%d", i, k));
		tr_node_set(o, "value", ff->options[k].value);
		tr_node_set(o, "label", tr_form_option_label(&ff->options[k], req->lang));
	}
	if (ff->nconds) {
		/* data-show-when="field_system=test field_x=1" for the script */
		tr_buf b;
		tr_buf_init(&b);
		for (int c = 0; c < ff->nconds; c++)
			tr_buf_printf(&b, "%s" TR_FORM_PARAM_PREFIX "%s=%s", c ? " " : "", ff->conds[c].key,
				      ff->conds[c].value);
		tr_node_set(h, "show_when", b.data);
		tr_buf_free(&b);
		tr_node_set(h, "show_when_text", cond_text(req, f, ff));
	}
}

static int put_pending(tr_req *req, const tr_user *u, const char *hash)
{
	tr_pending_file *files;
	int n = tr_pending_list(hash, u->id, MAX_PENDING_SHOWN, &files);
	for (int i = 0; i < n; i++) {
		HDF *h = tr_node(req, tr_fmt("NewRequest.pending.%d", i));
		tr_node_set(h, "id", tr_int_str(files[i].id));
		tr_node_set(h, "name", files[i].filename);
		tr_node_set(h, "size", tr_human_size(files[i].size));
	}
	return n < 0 ? n : 0;
}

int tr_view_form(tr_req *req, const tr_form *f, const tr_user *u)
{
	tr_set_int(req, "NewForm.id", f->id);
	tr_set(req, "NewForm.slug", f->slug);
	tr_set(req, "NewForm.title", tr_form_title(f, req->lang));
	tr_set(req, "NewForm.help", tr_form_help(f, req->lang));
	for (int t = 0, k = 0; t < TR_NTYPE; t++)
		if (tr_form_offers(f, (enum tr_type)t)) {
			tr_set(req, tr_fmt("NewForm.types.%d", k++), tr_type_name((enum tr_type)t));
			/* the rule, shown beside the form: what each type means for the priority */
			tr_set(req, tr_fmt("NewForm.priority.%s", tr_type_name((enum tr_type)t)),
			       tr_priority_name(tr_priority_for((enum tr_type)t, 0)));
		}
	for (int i = 0; i < f->nfields; i++) {
		put_field(req, f, i);
		tr_set(req, tr_fmt("Form.labels.%s", tr_form_param(&f->fields[i])), tr_form_label(&f->fields[i], req->lang));
	}
	/* the fixed fields' names for the error summary */
	static const char *const fixed[] = { "subject", "type", "description", "urgent_reason", "cc", "attachments" };
	for (size_t i = 0; i < TR_ARRAY_LEN(fixed); i++)
		tr_set(req, tr_fmt("Form.labels.%s", fixed[i]), tr_L(req, tr_fmt("newreq.%s", fixed[i])));
	/* one token per filled-in form: kept while the form goes back and forth */
	const char *token = hdf_get_value(req->hdf, "Form.form_token", NULL);
	char hash[65];
	int rc = 0;
	if (token && tr_token_hash(token, hash) == 0) {
		rc = put_pending(req, u, hash);
	} else {
		char fresh[44];
		tr_token_new(fresh, hash);
		tr_set(req, "Form.form_token", fresh);
	}
	tr_set(req, "NewRequest.max_file", tr_human_size(tr_cfg_int("Limits.upload_bytes", 50L << 20)));
	return rc;
}

void tr_view_suggestions(tr_req *req, const tr_article_hit *hits, int n)
{
	for (int i = 0; i < n; i++) {
		HDF *h = tr_node(req, tr_fmt("Suggestions.%d", i));
		tr_node_set(h, "title", hits[i].title);
		tr_node_set(h, "snippet", hits[i].snippet);
		tr_node_set(h, "url", tr_fmt("/hc/articles/%lld", (long long)hits[i].id));
	}
}
