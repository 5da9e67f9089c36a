/* formedit.c - the form editor: forms, fields, options and conditions changed as data, each change
 * checked on the whole form before it is committed, and audited. */
#include "forms/formedit.h"
#include "accounts/audit.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/text.h"
#include "core/util.h"
#include "db/db.h"

#include <string.h>

#define MAX_OPTIONS 200
#define MAX_CONDS 20

int tr_formedit_list(tr_form **out)
{
	tr_q *q = tr_q_new("SELECT id, slug, title_de, title_en, help_de, help_en, group_id, COALESCE(product_id, 0), "
			   "types, sort, active, (SELECT COUNT(*) FROM form_fields WHERE form_fields.form_id = forms.id) "
			   "FROM forms ORDER BY sort, id LIMIT 200");
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	tr_form *list = tr_zalloc(sizeof(*list) * 200);
	int n = 0;
	while (n < 200 && tr_q_next(q) > 0) {
		tr_form *f = &list[n++];
		f->id = tr_q_l(q, 0);
		f->slug = tr_q_dup(q, 1);
		f->title_de = tr_q_dup(q, 2);
		f->title_en = tr_q_dup(q, 3);
		f->help_de = tr_q_dup(q, 4);
		f->help_en = tr_q_dup(q, 5);
		f->group_id = tr_q_l(q, 6);
		f->product_id = tr_q_l(q, 7);
		const char *set = tr_q_s(q, 8);
		for (int t = 0; t < TR_NTYPE; t++)
			if (set && strstr(set, tr_type_names[t]))
				f->types |= 1u << t;
		f->sort = (int)tr_q_l(q, 9);
		f->active = (int)tr_q_l(q, 10);
		f->nfields = (int)tr_q_l(q, 11);
	}
	tr_q_end(q);
	*out = list;
	return n;
}

int tr_formedit_products(tr_staff_item **out)
{
	tr_q *q = tr_q_new("SELECT id, name FROM products ORDER BY name LIMIT 500");
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	tr_staff_item *list = tr_zalloc(sizeof(*list) * 500);
	int n = 0;
	while (n < 500 && tr_q_next(q) > 0) {
		list[n].id = tr_q_l(q, 0);
		list[n].name = tr_q_dup(q, 1);
		n++;
	}
	tr_q_end(q);
	*out = list;
	return n;
}

/* ---- the rules ---- */

static int empty(const char *s)
{
	return !s || !*s;
}

static int is_choice(enum tr_fkind k)
{
	return k == TR_FK_SELECT || k == TR_FK_MULTI;
}

static int has_option(const tr_form_field *ff, const char *value)
{
	if (ff->kind == TR_FK_CHECKBOX)
		return !strcmp(value, "1");
	for (int i = 0; i < ff->noptions; i++)
		if (!strcmp(ff->options[i].value, value))
			return 1;
	return 0;
}

int tr_form_check(const tr_form *f, tr_problems *p)
{
	int before = p->n;
	if (f->group_id <= 0)
		tr_problem_add(p, "group", "admin.err.form_group", NULL);
	if (!f->types)
		tr_problem_add(p, "types", "admin.err.form_types", NULL);
	if (empty(f->title_de) || empty(f->title_en))
		tr_problem_add(p, "title_de", "admin.err.form_title", NULL);
	if (!tr_form_plain(f->slug, "-", 40))
		tr_problem_add(p, "slug", "admin.err.slug", NULL);
	for (int i = 0; i < f->nfields; i++) {
		const tr_form_field *ff = &f->fields[i];
		const char *key = ff->key ? ff->key : "";
		if (!tr_form_plain(ff->key, NULL, 40))
			tr_problem_add(p, "key", "admin.err.field_key", key);
		for (int j = 0; j < i; j++)
			if (ff->key && f->fields[j].key && !strcmp(ff->key, f->fields[j].key))
				tr_problem_add(p, "key", "admin.err.field_key_twice", key);
		if (empty(ff->label_de) || empty(ff->label_en))
			tr_problem_add(p, "label_de", "admin.err.field_label", key);
		if (is_choice(ff->kind) && ff->noptions == 0)
			tr_problem_add(p, "options", "admin.err.no_options", key);
		if (ff->kind == TR_FK_NUMBER && ff->min_value > ff->max_value && ff->max_value)
			tr_problem_add(p, "max_value", "admin.err.bounds", key);
		for (int c = 0; c < ff->nconds; c++) {
			const tr_form_cond *cd = &ff->conds[c];
			const char *what = tr_fmt("%s: %s=%s", key, cd->key, cd->value);
			int j = 0;
			while (j < i && strcmp(f->fields[j].key, cd->key))
				j++;
			if (j == i) {
				int later = 0;
				for (int k = i; k < f->nfields && !later; k++)
					later = !strcmp(f->fields[k].key, cd->key);
				tr_problem_add(p, "conditions", later ? "admin.err.cond_order" : "admin.err.cond_unknown", what);
			} else if (!is_choice(f->fields[j].kind) && f->fields[j].kind != TR_FK_CHECKBOX) {
				tr_problem_add(p, "conditions", "admin.err.cond_kind", what);
			} else if (!has_option(&f->fields[j], cd->value)) {
				tr_problem_add(p, "conditions", "admin.err.cond_value", what);
			}
		}
	}
	return p->n > before ? TR_E_INVALID : 0;
}

/* ---- the editor's text forms ---- */

static char *trimmed(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return tr_strndup(s, n);
}

int tr_form_parse_options(const char *text, tr_form_option **out, tr_problems *p)
{
	tr_form_option *list = tr_zalloc(sizeof(*list) * MAX_OPTIONS);
	int n = 0, bad = 0;
	for (const char *s = text ? text : ""; *s;) {
		size_t len = strcspn(s, "\n");
		char *line = trimmed(s, len);
		s += len + (s[len] == '\n');
		if (!*line)
			continue;
		const char *part[4] = { NULL, NULL, NULL, NULL };
		int k = 0;
		for (char *c = line; k < 4;) {
			size_t m = k < 3 ? strcspn(c, "|") : strlen(c);
			part[k++] = trimmed(c, m);
			if (!c[m])
				break;
			c += m + 1;
		}
		if (n == MAX_OPTIONS || !tr_form_plain(part[0], "-", 60) || empty(part[1])) {
			tr_problem_add(p, "options", "admin.err.option_line", line);
			bad = 1;
			continue;
		}
		for (int i = 0; i < n; i++)
			if (!strcmp(list[i].value, part[0])) {
				tr_problem_add(p, "options", "admin.err.option_twice", part[0]);
				bad = 1;
			}
		list[n].value = part[0];
		list[n].label_de = tr_strcut(part[1], 200);
		list[n].label_en = tr_strcut(empty(part[2]) ? part[1] : part[2], 200);
		list[n].product_name = empty(part[3]) ? NULL : part[3];
		n++;
	}
	*out = list;
	return bad ? -1 : n;
}

int tr_form_parse_conds(const char *text, tr_form_cond **out, tr_problems *p)
{
	tr_form_cond *list = tr_zalloc(sizeof(*list) * MAX_CONDS);
	int n = 0, bad = 0;
	for (const char *s = text ? text : ""; *s;) {
		size_t len = strcspn(s, "\n,");
		char *entry = trimmed(s, len);
		s += len + (s[len] != '\0');
		if (!*entry)
			continue;
		char *eq = strchr(entry, '=');
		const char *key = eq ? trimmed(entry, (size_t)(eq - entry)) : NULL;
		const char *value = eq ? trimmed(eq + 1, strlen(eq + 1)) : NULL;
		if (n == MAX_CONDS || !tr_form_plain(key, NULL, 40) || !tr_form_plain(value, "-", 60)) {
			tr_problem_add(p, "conditions", "admin.err.cond_line", entry);
			bad = 1;
			continue;
		}
		int dup = 0;
		for (int i = 0; i < n && !dup; i++)
			dup = !strcmp(list[i].key, key) && !strcmp(list[i].value, value);
		if (dup)
			continue;
		list[n].key = key;
		list[n].value = value;
		n++;
	}
	*out = list;
	return bad ? -1 : n;
}

const char *tr_form_options_text(const tr_form_field *ff)
{
	tr_buf b;
	tr_buf_init(&b);
	for (int i = 0; i < ff->noptions; i++) {
		tr_buf_printf(&b, "%s | %s | %s", ff->options[i].value, ff->options[i].label_de, ff->options[i].label_en);
		if (ff->options[i].product_name)
			tr_buf_printf(&b, " | %s", ff->options[i].product_name);
		tr_buf_addc(&b, '\n');
	}
	const char *r = tr_strdup(b.data ? b.data : "");
	tr_buf_free(&b);
	return r;
}

const char *tr_form_conds_text(const tr_form_field *ff)
{
	tr_buf b;
	tr_buf_init(&b);
	for (int i = 0; i < ff->nconds; i++)
		tr_buf_printf(&b, "%s=%s\n", ff->conds[i].key, ff->conds[i].value);
	const char *r = tr_strdup(b.data ? b.data : "");
	tr_buf_free(&b);
	return r;
}

/* ---- summaries for the audit ---- */

static const char *types_set(unsigned types)
{
	tr_buf b;
	tr_buf_init(&b);
	for (int t = 0; t < TR_NTYPE; t++)
		if (types & (1u << t)) {
			if (b.len)
				tr_buf_addc(&b, ',');
			tr_buf_adds(&b, tr_type_names[t]);
		}
	const char *r = tr_strdup(b.data ? b.data : "");
	tr_buf_free(&b);
	return r;
}

static const char *form_summary(const tr_form *f)
{
	return tr_fmt("slug=%s; title_de=%s; title_en=%s; group=#%lld; product=#%lld; types=%s; sort=%d; active=%d",
		      f->slug, f->title_de, f->title_en, (long long)f->group_id, (long long)f->product_id,
		      types_set(f->types), f->sort, f->active);
}

static const char *field_summary(const tr_form_field *ff)
{
	if (!ff)
		return "";
	tr_buf b;
	tr_buf_init(&b);
	tr_buf_printf(&b, "key=%s; kind=%s; label_de=%s; label_en=%s; required=%d; routing=%d; needs_approval=%d; sort=%d",
		      ff->key, tr_form_kind_name(ff->kind), ff->label_de, ff->label_en, ff->required, ff->routing,
		      ff->needs_approval, ff->sort);
	if (ff->noptions) {
		tr_buf_adds(&b, "; options=");
		for (int i = 0; i < ff->noptions; i++)
			tr_buf_printf(&b, "%s%s", i ? "," : "", ff->options[i].value);
	}
	if (ff->nconds) {
		tr_buf_adds(&b, "; conditions=");
		for (int i = 0; i < ff->nconds; i++)
			tr_buf_printf(&b, "%s%s=%s", i ? "," : "", ff->conds[i].key, ff->conds[i].value);
	}
	const char *r = tr_strdup(b.data);
	tr_buf_free(&b);
	return r;
}

static const tr_form_field *field_of(const tr_form *f, int64_t id)
{
	for (int i = 0; f && i < f->nfields; i++)
		if (f->fields[i].id == id)
			return &f->fields[i];
	return NULL;
}

/* ---- changes ---- */

typedef struct edit_job {
	const tr_user *admin;
	int64_t form_id;
	tr_form *f;               /* the form's settings (save) */
	tr_form_field *ff;        /* a field (save_field) */
	int64_t field_id;         /* delete_field */
	int64_t group_id;         /* route */
	tr_problems *p;
} edit_job;

static int exists(const char *sql, int64_t id, int *rc)
{
	int64_t n = 0;
	*rc = tr_db_int(&n, sql, "l", id);
	return *rc > 0 && n > 0;
}

/* Locks the form row (one editor at a time per form) and loads it as it is. */
static int lock_form(int64_t id, tr_form **out)
{
	int64_t x = 0;
	int rc = tr_db_int(&x, "SELECT id FROM forms WHERE id = ? FOR UPDATE", "l", id);
	if (rc <= 0)
		return rc < 0 ? rc : TR_E_NOT_FOUND;
	rc = tr_form_load_any(id, out);
	return rc < 0 ? rc : rc ? 0 : TR_E_NOT_FOUND;
}

/* The end of every change: the whole form again, checked; broken means rolled back. */
static int check_after(edit_job *j, tr_form **now)
{
	int rc = tr_form_load_any(j->form_id, now);
	if (rc <= 0)
		return rc < 0 ? rc : TR_E_NOT_FOUND;
	return tr_form_check(*now, j->p);
}

static int save_tx(void *ctx)
{
	edit_job *j = ctx;
	tr_form *was = NULL, *now = NULL;
	tr_form *f = j->f;
	int rc;
	if (f->id && (rc = lock_form(f->id, &was)) != 0)
		return rc;
	if (!exists("SELECT COUNT(*) FROM staff_groups WHERE id = ?", f->group_id, &rc)) {
		if (rc < 0)
			return rc;
		tr_problem_add(j->p, "group", "admin.err.form_group", NULL);
		return TR_E_INVALID;
	}
	if (f->product_id && !exists("SELECT COUNT(*) FROM products WHERE id = ?", f->product_id, &rc)) {
		if (rc < 0)
			return rc;
		tr_problem_add(j->p, "product", "admin.err.product", NULL);
		return TR_E_INVALID;
	}
	int64_t other = 0;
	if ((rc = tr_db_int(&other, "SELECT id FROM forms WHERE slug = ? AND id <> ?", "sl", f->slug, f->id)) < 0)
		return rc;
	if (rc > 0) {
		tr_problem_add(j->p, "slug", "admin.err.slug_taken", NULL);
		return TR_E_INVALID;
	}
	int64_t r;
	if (f->id) {
		r = tr_db_run("UPDATE forms SET slug = ?, title_de = ?, title_en = ?, help_de = ?, help_en = ?, group_id = ?, "
			      "product_id = NULLIF(?, 0), types = ?, sort = ?, active = ? WHERE id = ?", "sssssllsiil",
			      f->slug, f->title_de, f->title_en, f->help_de, f->help_en, f->group_id, f->product_id,
			      types_set(f->types), f->sort, f->active, f->id);
	} else {
		r = tr_db_run("INSERT INTO forms (slug, title_de, title_en, help_de, help_en, group_id, product_id, types, "
			      "sort, active) VALUES (?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, ?, ?)", "sssssllsii",
			      f->slug, f->title_de, f->title_en, f->help_de, f->help_en, f->group_id, f->product_id,
			      types_set(f->types), f->sort, f->active);
		if (r >= 0)
			f->id = tr_db_insert_id();
	}
	if (r < 0)
		return (int)r;
	j->form_id = f->id;
	if ((rc = check_after(j, &now)) != 0)
		return rc;
	return tr_audit(j->admin->id, was ? "form.update" : "form.create", "form", f->id, f->title_de,
			was ? form_summary(was) : "", form_summary(now));
}

int tr_formedit_save(const tr_user *admin, tr_form *f, tr_problems *p)
{
	int before = p->n;
	if (!f->types)
		tr_problem_add(p, "types", "admin.err.form_types", NULL);
	if (empty(f->title_de) || empty(f->title_en))
		tr_problem_add(p, "title_de", "admin.err.form_title", NULL);
	if (!tr_form_plain(f->slug, "-", 40))
		tr_problem_add(p, "slug", "admin.err.slug", NULL);
	if (f->group_id <= 0)
		tr_problem_add(p, "group", "admin.err.form_group", NULL);
	if (!f->help_de)
		f->help_de = "";
	if (!f->help_en)
		f->help_en = "";
	if (p->n > before)
		return TR_E_INVALID;
	int64_t id = f->id;
	edit_job j = { .admin = admin, .f = f, .p = p };
	int rc = tr_db_tx(save_tx, &j);
	if (rc)
		f->id = id;
	else
		tr_info("admin %lld saved form %lld", (long long)admin->id, (long long)f->id);
	return rc;
}

int tr_formedit_route(const tr_user *admin, int64_t form_id, int64_t group_id, tr_problems *p)
{
	tr_form *f = NULL;
	int rc = tr_form_load_any(form_id, &f);
	if (rc <= 0)
		return rc < 0 ? rc : TR_E_NOT_FOUND;
	f->group_id = group_id;
	return tr_formedit_save(admin, f, p);
}

/* The products the options name, by name: an unknown one is a problem. */
static int option_products(tr_form_field *ff, tr_problems *p)
{
	for (int i = 0; i < ff->noptions; i++) {
		tr_form_option *o = &ff->options[i];
		o->product_id = 0;
		if (!o->product_name)
			continue;
		int rc = tr_db_int(&o->product_id, "SELECT id FROM products WHERE name = ?", "s", o->product_name);
		if (rc < 0)
			return rc;
		if (!rc)
			tr_problem_add(p, "options", "admin.err.option_product", o->product_name);
	}
	return p->n ? TR_E_INVALID : 0;
}

/* Replaces the options of field id by ff's, keeping each remaining option's row. */
static int store_options(int64_t id, const tr_form_field *ff)
{
	tr_buf keep;
	tr_buf_init(&keep);
	int64_t r = 0;
	/* the ones no longer listed go; a value is plain, so a list in SQL is a FIND_IN_SET */
	for (int i = 0; i < ff->noptions; i++)
		tr_buf_printf(&keep, "%s%s", i ? "," : "", ff->options[i].value);
	r = tr_db_run("DELETE FROM form_field_options WHERE field_id = ? AND FIND_IN_SET(value, ?) = 0", "ls", id,
		      keep.data ? keep.data : "");
	tr_buf_free(&keep);
	for (int i = 0; r >= 0 && i < ff->noptions; i++)
		r = tr_db_run("INSERT INTO form_field_options (field_id, value, label_de, label_en, product_id, sort) "
			      "VALUES (?, ?, ?, ?, NULLIF(?, 0), ?) ON DUPLICATE KEY UPDATE label_de = VALUES(label_de), "
			      "label_en = VALUES(label_en), product_id = VALUES(product_id), sort = VALUES(sort)", "lsssli",
			      id, ff->options[i].value, ff->options[i].label_de, ff->options[i].label_en,
			      ff->options[i].product_id, (i + 1) * 10);
	return r < 0 ? (int)r : 0;
}

static int store_conds(int64_t id, const tr_form_field *ff)
{
	int64_t r = tr_db_run("DELETE FROM form_field_conditions WHERE field_id = ?", "l", id);
	for (int i = 0; r >= 0 && i < ff->nconds; i++)
		r = tr_db_run("INSERT INTO form_field_conditions (field_id, when_key, when_value) VALUES (?, ?, ?)", "lss", id,
			      ff->conds[i].key, ff->conds[i].value);
	return r < 0 ? (int)r : 0;
}

static int field_tx(void *ctx)
{
	edit_job *j = ctx;
	tr_form *was = NULL, *now = NULL;
	tr_form_field *ff = j->ff;
	int rc = lock_form(j->form_id, &was);
	if (rc)
		return rc;
	const tr_form_field *old = ff->id ? field_of(was, ff->id) : NULL;
	if (ff->id && !old)
		return TR_E_NOT_FOUND;
	for (int i = 0; i < was->nfields; i++)
		if (was->fields[i].id != ff->id && !strcmp(was->fields[i].key, ff->key)) {
			tr_problem_add(j->p, "key", "admin.err.field_key_twice", ff->key);
			return TR_E_INVALID;
		}
	if ((rc = option_products(ff, j->p)) != 0)
		return rc;
	const char *kind = tr_form_kind_name(ff->kind);
	int64_t r;
	if (ff->id) {
		r = tr_db_run("UPDATE form_fields SET field_key = ?, kind = ?, label_de = ?, label_en = ?, help_de = ?, "
			      "help_en = ?, required = ?, routing = ?, needs_approval = ?, max_length = NULLIF(?, 0), "
			      "min_value = ?, max_value = ?, sort = ? WHERE id = ? AND form_id = ?", "ssssssiiilllill",
			      ff->key, kind, ff->label_de, ff->label_en, ff->help_de, ff->help_en, ff->required,
			      ff->routing, ff->needs_approval, (int64_t)ff->max_length, ff->min_value, ff->max_value,
			      ff->sort, ff->id, j->form_id);
	} else {
		r = tr_db_run("INSERT INTO form_fields (form_id, field_key, kind, label_de, label_en, help_de, help_en, "
			      "required, routing, needs_approval, max_length, min_value, max_value, sort) "
			      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, ?, ?)", "lssssssiiillli", j->form_id,
			      ff->key, kind, ff->label_de, ff->label_en, ff->help_de, ff->help_en, ff->required,
			      ff->routing, ff->needs_approval, (int64_t)ff->max_length, ff->min_value, ff->max_value,
			      ff->sort);
		if (r >= 0)
			ff->id = tr_db_insert_id();
	}
	if (r < 0)
		return (int)r;
	if ((rc = store_options(ff->id, ff)) != 0 || (rc = store_conds(ff->id, ff)) != 0)
		return rc;
	if ((rc = check_after(j, &now)) != 0)
		return rc;
	return tr_audit(j->admin->id, old ? "form.field_update" : "form.field_create", "form", j->form_id,
			tr_fmt("%s: %s", was->title_de, ff->key), field_summary(old), field_summary(field_of(now, ff->id)));
}

int tr_formedit_save_field(const tr_user *admin, int64_t form_id, tr_form_field *ff, tr_problems *p)
{
	int before = p->n;
	if (!tr_form_plain(ff->key, NULL, 40))
		tr_problem_add(p, "key", "admin.err.field_key", ff->key ? ff->key : "");
	if (empty(ff->label_de) || empty(ff->label_en))
		tr_problem_add(p, "label_de", "admin.err.field_label", ff->key ? ff->key : "");
	if (!is_choice(ff->kind))
		ff->noptions = 0;           /* only choices have options: what a text field was sent is dropped */
	else if (ff->noptions == 0)
		tr_problem_add(p, "options", "admin.err.no_options", ff->key ? ff->key : "");
	if (ff->kind == TR_FK_NUMBER && ff->max_value && ff->min_value > ff->max_value)
		tr_problem_add(p, "max_value", "admin.err.bounds", ff->key ? ff->key : "");
	if (!ff->help_de)
		ff->help_de = "";
	if (!ff->help_en)
		ff->help_en = "";
	if (p->n > before)
		return TR_E_INVALID;
	int64_t id = ff->id;
	edit_job j = { .admin = admin, .form_id = form_id, .ff = ff, .p = p };
	int rc = tr_db_tx(field_tx, &j);
	if (rc)
		ff->id = id;
	return rc;
}

static int delete_tx(void *ctx)
{
	edit_job *j = ctx;
	tr_form *was = NULL, *now = NULL;
	int rc = lock_form(j->form_id, &was);
	if (rc)
		return rc;
	const tr_form_field *old = field_of(was, j->field_id);
	if (!old)
		return TR_E_NOT_FOUND;
	int64_t r = tr_db_run("DELETE FROM form_fields WHERE id = ? AND form_id = ?", "ll", j->field_id, j->form_id);
	if (r < 0)
		return (int)r;
	if ((rc = check_after(j, &now)) != 0)
		return rc;
	return tr_audit(j->admin->id, "form.field_delete", "form", j->form_id, tr_fmt("%s: %s", was->title_de, old->key),
			field_summary(old), "");
}

int tr_formedit_delete_field(const tr_user *admin, int64_t form_id, int64_t field_id, tr_problems *p)
{
	edit_job j = { .admin = admin, .form_id = form_id, .field_id = field_id, .p = p };
	return tr_db_tx(delete_tx, &j);
}
