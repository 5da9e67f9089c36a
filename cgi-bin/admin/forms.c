/* forms.c - /admin/forms: the form editor (R-NEW 2, 3, 9) - request forms as data: titles and help in
 * German and English, the receiving group, product, request types, order, active; fields with kind,
 * labels, help, required and "needed for routing" flags, bounds, options and show-conditions.
 *
 *   GET  /admin/forms                     every form, and the form for a new one
 *   GET  /admin/forms?id=ID[&field=FID]   one form: its settings, its fields, one field in the editor
 *   POST action=save_form (id 0 creates) | save_field (id, field 0 creates) | delete_field (id, field)
 * Staff admins only. The request pages read forms on every request: a change is live at once. A change
 * that breaks the form (a condition on no earlier choice, no receiving group ...) is refused whole. */
#include "tresen.h"
#include "accounts/staff.h"
#include "forms/formedit.h"
#include "tickets/rules.h"
#include "views/adminview.h"

#include <string.h>

static const char *const actions[] = { "save_form", "save_field", "delete_field", NULL };
static const char *const kinds[] = { "text", "textarea", "select", "multiselect", "checkbox", "date", "number", NULL };

#define BIG 1000000000000L

static const tr_field fields[] = {
	{ "action", TR_F_ENUM, 0, 0, 0, actions },
	{ "id", TR_F_INT, 0, BIG, 0, NULL },
	{ "field", TR_F_INT, 0, BIG, 0, NULL },
	/* the form's own settings */
	{ "slug", TR_F_TEXT, 0, 40, 0, NULL },
	{ "title_de", TR_F_NAME, 0, 200, 0, NULL },
	{ "title_en", TR_F_NAME, 0, 200, 0, NULL },
	{ "help_de", TR_F_NAME, 0, 500, 0, NULL },
	{ "help_en", TR_F_NAME, 0, 500, 0, NULL },
	{ "group", TR_F_INT, 0, BIG, 0, NULL },
	{ "product", TR_F_INT, 0, BIG, 0, NULL },
	{ "types", TR_F_ENUM, TR_MULTI, 0, 0, tr_type_names },
	{ "sort", TR_F_INT, 0, 100000, -100000, NULL },
	{ "active", TR_F_BOOL, 0, 0, 0, NULL },
	/* a field: one row of the editor (a further flag is one more entry here and in field_of_request) */
	{ "key", TR_F_TEXT, 0, 40, 0, NULL },
	{ "kind", TR_F_ENUM, 0, 0, 0, kinds },
	{ "label_de", TR_F_NAME, 0, 200, 0, NULL },
	{ "label_en", TR_F_NAME, 0, 200, 0, NULL },
	{ "field_help_de", TR_F_NAME, 0, 500, 0, NULL },
	{ "field_help_en", TR_F_NAME, 0, 500, 0, NULL },
	{ "required", TR_F_BOOL, 0, 0, 0, NULL },
	{ "routing", TR_F_BOOL, 0, 0, 0, NULL },
	{ "needs_approval", TR_F_BOOL, 0, 0, 0, NULL },
	{ "max_length", TR_F_INT, 0, 100000, 0, NULL },
	{ "min_value", TR_F_INT, 0, BIG, -BIG, NULL },
	{ "max_value", TR_F_INT, 0, BIG, -BIG, NULL },
	{ "field_sort", TR_F_INT, 0, 100000, -100000, NULL },
	{ "options", TR_F_LINES, 0, 40000, 0, NULL },
	{ "conditions", TR_F_LINES, 0, 4000, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static void put_form(HDF *h, const tr_form *f, const char *lang)
{
	tr_node_set(h, "id", tr_int_str(f->id));
	tr_node_set(h, "slug", f->slug);
	tr_node_set(h, "title", tr_form_title(f, lang));
	tr_node_set(h, "group", tr_int_str(f->group_id));
	tr_node_set(h, "nfields", tr_int_str(f->nfields));
	tr_node_set(h, "sort", tr_int_str(f->sort));
	if (f->active)
		tr_node_set(h, "active", "1");
}

/* The pickers every view of the page has: groups, products. */
static int pickers(tr_req *req)
{
	tr_staff_item *groups, *products;
	int ng = tr_staff_groups(0, &groups), np = tr_formedit_products(&products);
	if (ng < 0 || np < 0)
		return ng < 0 ? ng : np;
	for (int i = 0; i < ng; i++) {
		tr_set(req, tr_fmt("Groups.%d.id", i), tr_int_str(groups[i].id));
		tr_set(req, tr_fmt("Groups.%d.name", i), groups[i].name);
	}
	for (int i = 0; i < np; i++) {
		tr_set(req, tr_fmt("Products.%d.id", i), tr_int_str(products[i].id));
		tr_set(req, tr_fmt("Products.%d.name", i), products[i].name);
	}
	return 0;
}

static int list(tr_req *req)
{
	tr_form *forms;
	int n = tr_formedit_list(&forms), rc;
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++)
		put_form(tr_node(req, tr_fmt("FormList.%d", i)), &forms[i], req->lang);
	if ((rc = pickers(req)) < 0 || (rc = tr_view_audit_of(req, "form", 0, 20)) < 0)
		return rc;
	if (!strcmp(req->method, "GET")) {
		/* a new form offers every type and starts inactive, to be filled before customers see it */
		for (int t = 0; t < TR_NTYPE; t++)
			tr_set(req, tr_fmt("Form.types.has.%s", tr_type_names[t]), "1");
	}
	tr_view_admin(req, "forms");
	tr_set(req, "Page.title", tr_L(req, "admin.forms.title"));
	return tr_render(req, "admin/forms.cs");
}

static void field_into_form(tr_req *req, const tr_form_field *ff)
{
	tr_set_int(req, "Form.field", ff->id);
	tr_set(req, "Form.key", ff->key);
	tr_set(req, "Form.kind", tr_form_kind_name(ff->kind));
	tr_set(req, "Form.label_de", ff->label_de);
	tr_set(req, "Form.label_en", ff->label_en);
	tr_set(req, "Form.field_help_de", ff->help_de);
	tr_set(req, "Form.field_help_en", ff->help_en);
	if (ff->required)
		tr_set(req, "Form.required", "1");
	if (ff->routing)
		tr_set(req, "Form.routing", "1");
	if (ff->needs_approval)
		tr_set(req, "Form.needs_approval", "1");
	if (ff->max_length)
		tr_set_int(req, "Form.max_length", ff->max_length);
	if (ff->min_value || ff->max_value) {
		tr_set_int(req, "Form.min_value", ff->min_value);
		tr_set_int(req, "Form.max_value", ff->max_value);
	}
	tr_set_int(req, "Form.field_sort", ff->sort);
	tr_set(req, "Form.options", tr_form_options_text(ff));
	tr_set(req, "Form.conditions", tr_form_conds_text(ff));
}

static int one(tr_req *req, int64_t id, int from_db)
{
	tr_form *f;
	int rc = tr_form_load_any(id, &f);
	if (rc <= 0)
		return rc < 0 ? rc : 404;
	put_form(tr_node(req, "Edit"), f, req->lang);
	tr_set(req, "Edit.title_de", f->title_de);
	int64_t field_id = tr_arg_int(req, "field", 0);
	const tr_form_field *editing = NULL;
	int max_sort = 0;
	for (int i = 0; i < f->nfields; i++) {
		const tr_form_field *ff = &f->fields[i];
		HDF *h = tr_node(req, tr_fmt("Fields.%d", i));
		tr_node_set(h, "id", tr_int_str(ff->id));
		tr_node_set(h, "key", ff->key);
		tr_node_set(h, "kind", tr_form_kind_name(ff->kind));
		tr_node_set(h, "label", tr_form_label(ff, req->lang));
		tr_node_set(h, "sort", tr_int_str(ff->sort));
		tr_node_set(h, "noptions", tr_int_str(ff->noptions));
		tr_node_set(h, "conditions", tr_form_conds_text(ff));
		if (ff->required)
			tr_node_set(h, "required", "1");
		if (ff->routing)
			tr_node_set(h, "routing", "1");
		if (ff->needs_approval)
			tr_node_set(h, "needs_approval", "1");
		if (ff->id == field_id)
			editing = ff;
		if (ff->sort > max_sort)
			max_sort = ff->sort;
	}
	if (field_id && !editing)
		return 404;
	if (from_db) {
		tr_set(req, "Form.slug", f->slug);
		tr_set(req, "Form.title_de", f->title_de);
		tr_set(req, "Form.title_en", f->title_en);
		tr_set(req, "Form.help_de", f->help_de);
		tr_set(req, "Form.help_en", f->help_en);
		tr_set_int(req, "Form.group", f->group_id);
		tr_set_int(req, "Form.product", f->product_id);
		for (int t = 0; t < TR_NTYPE; t++)
			if (f->types & (1u << t))
				tr_set(req, tr_fmt("Form.types.has.%s", tr_type_names[t]), "1");
		tr_set_int(req, "Form.sort", f->sort);
		if (f->active)
			tr_set(req, "Form.active", "1");
		if (editing)
			field_into_form(req, editing);
		else
			tr_set_int(req, "Form.field_sort", max_sort + 10);   /* a new field goes last */
	}
	if ((rc = pickers(req)) < 0 || (rc = tr_view_audit_of(req, "form", id, 20)) < 0)
		return rc;
	tr_view_admin(req, "forms");
	tr_set(req, "Page.title", tr_form_title(f, req->lang));
	return tr_render(req, "admin/forms.cs");
}

static int show(tr_req *req)
{
	int64_t id = tr_arg_int(req, "id", 0);
	return id > 0 ? one(req, id, 1) : list(req);
}

static unsigned types_of_request(tr_req *req)
{
	const char **v;
	int n = tr_arg_list(req, "types", &v);
	unsigned bits = 0;
	for (int i = 0; i < n; i++)
		for (int t = 0; t < TR_NTYPE; t++)
			if (!strcmp(v[i], tr_type_names[t]))
				bits |= 1u << t;
	return bits;
}

/* The field as the editor's row sent it; options and conditions parsed (problems for bad lines). */
static int field_of_request(tr_req *req, tr_form_field *ff, tr_problems *p)
{
	const char *kind = tr_arg(req, "kind");
	int k = 0;
	while (kind && kinds[k] && strcmp(kinds[k], kind))
		k++;
	*ff = (tr_form_field){
		.id = tr_arg_int(req, "field", 0),
		.key = tr_arg(req, "key"),
		.kind = (enum tr_fkind)(kind && kinds[k] ? k : TR_FK_TEXT),
		.label_de = tr_arg(req, "label_de"),
		.label_en = tr_arg(req, "label_en"),
		.help_de = tr_arg(req, "field_help_de"),
		.help_en = tr_arg(req, "field_help_en"),
		.required = tr_arg_bool(req, "required"),
		.routing = tr_arg_bool(req, "routing"),
		.needs_approval = tr_arg_bool(req, "needs_approval"),
		.max_length = (long)tr_arg_int(req, "max_length", 0),
		.min_value = tr_arg_int(req, "min_value", 0),
		.max_value = tr_arg_int(req, "max_value", 0),
		.sort = (int)tr_arg_int(req, "field_sort", 0),
	};
	if (!kind)
		tr_problem_add(p, "kind", "err.required", NULL);
	int no = tr_form_parse_options(tr_arg(req, "options"), &ff->options, p);
	int nc = tr_form_parse_conds(tr_arg(req, "conditions"), &ff->conds, p);
	ff->noptions = no < 0 ? 0 : no;
	ff->nconds = nc < 0 ? 0 : nc;
	return p->n ? TR_E_INVALID : 0;
}

static int submit(tr_req *req)
{
	const char *action = tr_arg(req, "action");
	int64_t id = tr_arg_int(req, "id", 0);
	tr_problems p = { .n = 0 };
	if (!action)
		return 400;
	if (strcmp(action, "save_form") && id <= 0)
		return 400;
	if (req->nerrors) {
		req->status = 422;
		return id > 0 ? one(req, id, 0) : list(req);
	}
	int rc;
	const char *notice = "form_saved";
	int64_t field_id = 0;
	if (!strcmp(action, "save_form")) {
		tr_form f = {
			.id = id,
			.slug = tr_arg(req, "slug"),
			.title_de = tr_arg(req, "title_de"),
			.title_en = tr_arg(req, "title_en"),
			.help_de = tr_arg(req, "help_de"),
			.help_en = tr_arg(req, "help_en"),
			.group_id = tr_arg_int(req, "group", 0),
			.product_id = tr_arg_int(req, "product", 0),
			.types = types_of_request(req),
			.sort = (int)tr_arg_int(req, "sort", 0),
			.active = tr_arg_bool(req, "active"),
		};
		rc = tr_formedit_save(req->user, &f, &p);
		id = rc ? id : f.id;
	} else if (!strcmp(action, "save_field")) {
		tr_form_field ff;
		rc = field_of_request(req, &ff, &p);
		if (!rc)
			rc = tr_formedit_save_field(req->user, id, &ff, &p);
		field_id = ff.id;
		notice = "field_saved";
	} else {
		rc = tr_formedit_delete_field(req->user, id, tr_arg_int(req, "field", 0), &p);
		notice = "field_deleted";
	}
	if (tr_form_again(req, rc, &p))
		return id > 0 ? one(req, id, 0) : list(req);
	if (rc)
		return rc;
	const char *to = field_id ? tr_fmt("/admin/forms?id=%lld&field=%lld", (long long)id, (long long)field_id) :
				    tr_fmt("/admin/forms?id=%lld", (long long)id);
	return tr_redirect(req, tr_with_notice(to, notice));
}

static const tr_page page = {
	.name = "admin-forms",
	.access = TR_ADMIN,
	.fields = fields,
	.get = show,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
