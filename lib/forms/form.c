/* form.c - request forms held as data: loading, the fields as declarations, show-conditions, routing completeness. */
#include "forms/form.h"
#include "db/db.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/util.h"

#include <string.h>

static const char *const kind_names[] = { "text", "textarea", "select", "multiselect", "checkbox", "date",
					  "number", NULL };

static unsigned parse_types(const char *set)
{
	unsigned bits = 0;
	for (const char *p = set ? set : ""; *p;) {
		size_t n = strcspn(p, ",");
		for (int t = 0; t < TR_NTYPE; t++)
			if (strlen(tr_type_names[t]) == n && !strncmp(tr_type_names[t], p, n))
				bits |= 1u << t;
		p += n + (p[n] == ',');
	}
	return bits;
}

static void read_form_row(tr_q *q, tr_form *f)
{
	f->id = tr_q_l(q, 0);
	f->slug = tr_q_dup(q, 1);
	f->title_de = tr_q_dup(q, 2);
	f->title_en = tr_q_dup(q, 3);
	f->help_de = tr_q_dup(q, 4);
	f->help_en = tr_q_dup(q, 5);
	f->group_id = tr_q_l(q, 6);
	f->product_id = tr_q_l(q, 7);
	f->types = parse_types(tr_q_s(q, 8));
	f->sort = (int)tr_q_l(q, 9);
	f->active = (int)tr_q_l(q, 10);
}

#define FORM_COLUMNS "id, slug, title_de, title_en, help_de, help_en, group_id, product_id, types, sort, active"

int tr_form_list(tr_form **out)
{
	tr_q *q = tr_q_new("SELECT " FORM_COLUMNS " FROM forms WHERE active = 1 ORDER BY sort, id LIMIT 100");
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	tr_form *list = tr_zalloc(sizeof(tr_form) * 100);
	int n = 0;
	while (n < 100 && tr_q_next(q) > 0)
		read_form_row(q, &list[n++]);
	tr_q_end(q);
	*out = list;
	return n;
}

int tr_form_plain(const char *s, const char *extra, size_t max)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > max)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
		      (extra && strchr(extra, s[i]))))
			return 0;
	return 1;
}

static int load_fields(tr_form *f)
{
	tr_q *q = tr_q_new("SELECT id, field_key, kind, label_de, label_en, help_de, help_en, required, routing, "
			   "max_length, min_value, max_value, sort, needs_approval FROM form_fields WHERE form_id = ? ORDER BY sort, id "
			   "LIMIT 100");
	tr_q_i64(q, f->id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	f->fields = tr_zalloc(sizeof(tr_form_field) * 100);
	while (f->nfields < 100 && tr_q_next(q) > 0) {
		tr_form_field *ff = &f->fields[f->nfields];
		int kind = -1;
		for (int k = 0; kind_names[k]; k++)
			if (!strcmp(kind_names[k], tr_q_s(q, 2)))
				kind = k;
		if (kind < 0 || !tr_form_plain(tr_q_s(q, 1), NULL, 40))
			continue;
		ff->id = tr_q_l(q, 0);
		ff->key = tr_q_dup(q, 1);
		ff->kind = (enum tr_fkind)kind;
		ff->label_de = tr_q_dup(q, 3);
		ff->label_en = tr_q_dup(q, 4);
		ff->help_de = tr_q_dup(q, 5);
		ff->help_en = tr_q_dup(q, 6);
		ff->required = (int)tr_q_l(q, 7);
		ff->routing = (int)tr_q_l(q, 8);
		ff->max_length = (long)tr_q_l(q, 9);
		ff->min_value = tr_q_l(q, 10);
		ff->max_value = tr_q_l(q, 11);
		ff->sort = (int)tr_q_l(q, 12);
		ff->needs_approval = (int)tr_q_l(q, 13);
		f->nfields++;
	}
	tr_q_end(q);
	return 0;
}

static tr_form_field *field_by_id(tr_form *f, int64_t id)
{
	for (int i = 0; i < f->nfields; i++)
		if (f->fields[i].id == id)
			return &f->fields[i];
	return NULL;
}

/* Options and conditions: one query each for the whole form; rows arrive grouped by field. */
static int load_options(tr_form *f)
{
	/* no aliases for the small tables: the EXPLAIN check knows them by name */
	tr_q *q = tr_q_new("SELECT form_field_options.field_id, value, form_field_options.label_de, "
			   "form_field_options.label_en, product_id, products.name FROM form_fields "
			   "JOIN form_field_options ON form_field_options.field_id = form_fields.id "
			   "LEFT JOIN products ON products.id = form_field_options.product_id WHERE form_fields.form_id = ? "
			   "ORDER BY form_field_options.field_id, form_field_options.sort, form_field_options.id");
	tr_q_i64(q, f->id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	while (tr_q_next(q) > 0) {
		tr_form_field *ff = field_by_id(f, tr_q_l(q, 0));
		if (!ff || ff->noptions >= 200 || !tr_form_plain(tr_q_s(q, 1), "-", 60))
			continue;
		if (!ff->options)
			ff->options = tr_zalloc(sizeof(tr_form_option) * 200);
		tr_form_option *o = &ff->options[ff->noptions++];
		o->value = tr_q_dup(q, 1);
		o->label_de = tr_q_dup(q, 2);
		o->label_en = tr_q_dup(q, 3);
		o->product_id = tr_q_l(q, 4);
		o->product_name = tr_q_dup(q, 5);
	}
	tr_q_end(q);
	return 0;
}

static int load_conditions(tr_form *f)
{
	tr_q *q = tr_q_new("SELECT field_id, when_key, when_value FROM form_fields JOIN form_field_conditions "
			   "ON form_field_conditions.field_id = form_fields.id WHERE form_fields.form_id = ? "
			   "ORDER BY field_id");
	tr_q_i64(q, f->id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	while (tr_q_next(q) > 0) {
		tr_form_field *ff = field_by_id(f, tr_q_l(q, 0));
		if (!ff || ff->nconds >= 20)
			continue;
		if (!ff->conds)
			ff->conds = tr_zalloc(sizeof(tr_form_cond) * 20);
		ff->conds[ff->nconds].key = tr_q_dup(q, 1);
		ff->conds[ff->nconds].value = tr_q_dup(q, 2);
		ff->nconds++;
	}
	tr_q_end(q);
	return 0;
}

static int load_form(int64_t id, int any, tr_form **out)
{
	*out = NULL;
	if (id <= 0)
		return 0;
	tr_q *q = tr_q_new(any ? "SELECT " FORM_COLUMNS " FROM forms WHERE id = ?" :
			   "SELECT " FORM_COLUMNS " FROM forms WHERE id = ? AND active = 1");
	tr_q_i64(q, id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	tr_form *f = NULL;
	if (tr_q_next(q) > 0) {
		f = tr_zalloc(sizeof(*f));
		read_form_row(q, f);
	}
	tr_q_end(q);
	if (!f)
		return 0;
	if ((rc = load_fields(f)) < 0 || (rc = load_options(f)) < 0 || (rc = load_conditions(f)) < 0)
		return rc;
	*out = f;
	return 1;
}

int tr_form_load(int64_t id, tr_form **out)
{
	return load_form(id, 0, out);
}

int tr_form_load_any(int64_t id, tr_form **out)
{
	return load_form(id, 1, out);
}

/* ---- texts ---- */

static int english(const char *lang)
{
	return lang && !strcmp(lang, "en");
}

const char *tr_form_title(const tr_form *f, const char *lang) { return english(lang) ? f->title_en : f->title_de; }
const char *tr_form_help(const tr_form *f, const char *lang) { return english(lang) ? f->help_en : f->help_de; }

const char *tr_form_label(const tr_form_field *ff, const char *lang)
{
	return english(lang) ? ff->label_en : ff->label_de;
}

const char *tr_form_field_help(const tr_form_field *ff, const char *lang)
{
	return english(lang) ? ff->help_en : ff->help_de;
}

const char *tr_form_option_label(const tr_form_option *o, const char *lang)
{
	return english(lang) ? o->label_en : o->label_de;
}

const char *tr_form_kind_name(enum tr_fkind kind)
{
	return (unsigned)kind < TR_ARRAY_LEN(kind_names) - 1 ? kind_names[kind] : "text";
}

const char *tr_form_param(const tr_form_field *ff)
{
	return tr_fmt(TR_FORM_PARAM_PREFIX "%s", ff->key);
}

/* ---- the rules ---- */

static int has_value(const tr_form_vals *v, const char *value)
{
	for (int k = 0; k < v->n; k++)
		if (!strcmp(v->v[k], value))
			return 1;
	return 0;
}

void tr_form_shown(const tr_form *f, const tr_form_vals *vals, int *shown)
{
	for (int i = 0; i < f->nfields; i++) {
		const tr_form_field *ff = &f->fields[i];
		shown[i] = ff->nconds == 0;
		for (int c = 0; c < ff->nconds && !shown[i]; c++)
			for (int j = 0; j < i; j++)
				if (!strcmp(f->fields[j].key, ff->conds[c].key) && shown[j] &&
				    has_value(&vals[j], ff->conds[c].value))
					shown[i] = 1;
	}
}

int tr_form_routing_complete(const tr_form *f, const tr_form_vals *vals, const int *shown)
{
	for (int i = 0; i < f->nfields; i++)
		if (shown[i] && f->fields[i].routing && vals[i].n == 0)
			return 0;
	return 1;
}

int tr_form_next_missing(const tr_form *f, const tr_form_vals *vals, const int *shown, int from)
{
	for (int i = from + 1; i < f->nfields; i++)
		if (shown[i] && f->fields[i].required && vals[i].n == 0)
			return i;
	return -1;
}

int tr_form_offers(const tr_form *f, enum tr_type type)
{
	return (unsigned)type < TR_NTYPE && (f->types & (1u << type)) != 0;
}

static const tr_form_option *option(const tr_form_field *ff, const char *value)
{
	for (int k = 0; k < ff->noptions; k++)
		if (!strcmp(ff->options[k].value, value))
			return &ff->options[k];
	return NULL;
}

int64_t tr_form_product(const tr_form *f, const tr_form_vals *vals, const int *shown)
{
	for (int i = 0; i < f->nfields; i++) {
		if (!shown[i] || f->fields[i].kind != TR_FK_SELECT || vals[i].n == 0)
			continue;
		const tr_form_option *o = option(&f->fields[i], vals[i].v[0]);
		if (o && o->product_id)
			return o->product_id;
	}
	return f->product_id;
}

tr_ticket_value *tr_form_snapshot(const tr_form *f, const tr_form_vals *vals, const int *shown, const char *lang,
				  const char *yes, int *n)
{
	tr_ticket_value *out = tr_zalloc(sizeof(tr_ticket_value) * (size_t)(f->nfields + 1));
	*n = 0;
	for (int i = 0; i < f->nfields; i++) {
		const tr_form_field *ff = &f->fields[i];
		if (!shown[i] || vals[i].n == 0)
			continue;
		if (ff->kind == TR_FK_SELECT) {
			const tr_form_option *o = option(ff, vals[i].v[0]);
			if (o && o->product_name && !strcmp(o->product_name, o->label_de) &&
			    !strcmp(o->product_name, o->label_en))
				continue;
		}
		tr_ticket_value *tv = &out[(*n)++];
		tv->key = ff->key;
		tv->label_de = ff->label_de;
		tv->label_en = ff->label_en;
		if (ff->kind == TR_FK_CHECKBOX) {
			tv->value = yes;
		} else if (ff->kind == TR_FK_SELECT || ff->kind == TR_FK_MULTI) {
			tr_buf b;
			tr_buf_init(&b);
			for (int k = 0; k < vals[i].n; k++) {
				const tr_form_option *o = option(ff, vals[i].v[k]);
				tr_buf_printf(&b, "%s%s", k ? ", " : "", o ? tr_form_option_label(o, lang) : vals[i].v[k]);
			}
			tv->value = tr_strdup(b.data ? b.data : "");
			tr_buf_free(&b);
		} else {
			tv->value = vals[i].v[0];
		}
	}
	return out;
}

int tr_form_needs_approval(const tr_form *f, const int *shown)
{
	for (int i = 0; i < f->nfields; i++)
		if (shown[i] && f->fields[i].needs_approval)
			return 1;
	return 0;
}
