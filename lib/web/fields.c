/* fields.c - the fields a page declared: validated by their type and limits, then read by the handler (tr_arg). */
#include "web/input.h"
#include "core/email.h"
#include "core/log.h"
#include "core/neoerr.h"
#include "core/pool.h"
#include "core/util.h"
#include "web/page.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int collect(HDF *hdf, const char *name, const char ***out)
{
	HDF *obj = hdf_get_obj(hdf_get_obj(hdf, "Query"), name);
	if (!obj)
		return 0;
	HDF *child = hdf_obj_child(obj);
	if (!child) {
		const char *v = hdf_obj_value(obj);
		if (!v)
			return 0;
		const char **vals = tr_alloc(sizeof(char *));
		vals[0] = v;
		*out = vals;
		return 1;
	}
	/* Repeats are the children 0, 1, 2 ... the kit makes; any other child
	 * (?subject.x=1) is a crafted name, not a value of this field. */
	int n = 0;
	for (HDF *c = child; c; c = hdf_obj_next(c), n++)
		if (strcmp(hdf_obj_name(c), tr_int_str(n)) || hdf_obj_child(c))
			return -1;
	const char **vals = tr_alloc(sizeof(char *) * (size_t)n);
	int k = 0;
	for (HDF *c = child; c; c = hdf_obj_next(c))
		if (hdf_obj_value(c))
			vals[k++] = hdf_obj_value(c);
	*out = vals;
	return k;
}

static int valid_date(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

static int valid_token(const char *s, long max)
{
	size_t n = strlen(s);
	if (n == 0 || (long)n > (max ? max : 128))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_'))
			return 0;
	}
	return 1;
}

/* Normalizes line breaks to LF. */
static char *lines_lf(const char *v)
{
	char *out = tr_alloc(strlen(v) + 1), *o = out;
	for (const char *p = v; *p; p++) {
		if (*p == '\r') {
			*o++ = '\n';
			if (p[1] == '\n')
				p++;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return out;
}

/* Checks one value: 0 ok (*out set, NULL when empty), 1 soft error (*key
 * set), or an HTTP status for input no browser form sends. */
static int check_value(const tr_field *f, const char *raw, const char **out, const char **key)
{
	size_t n = strlen(raw);
	*out = NULL;
	if (!tr_utf8_valid(raw, n))
		return 400;
	if (tr_has_control(raw, n, f->type == TR_F_LINES))
		return 400;
	char *v;
	if (f->type == TR_F_LINES) {
		v = lines_lf(raw);
		/* keep inner white space, drop it at the ends */
		v = tr_trim(v);
	} else if (f->type == TR_F_PASSWORD) {
		v = tr_strdup(raw);
	} else {
		v = tr_trim(tr_strdup(raw));
	}
	if (!*v)
		return 0;
	long max = f->max;
	switch (f->type) {
	case TR_F_TEXT: case TR_F_PASSWORD: case TR_F_NAME:
		if (!max) max = 1000;
		break;
	case TR_F_LINES:
		if (!max) max = 100000;
		break;
	case TR_F_EMAIL:
		if (!max) max = 254;
		break;
	default:
		break;
	}
	/* written out before the length check: the stored text must fit */
	if ((f->type == TR_F_TEXT || f->type == TR_F_LINES) && tr_has_invisible(v, strlen(v))) {
		char *shown = tr_show_invisible(v);
		v = tr_strdup(shown);
		free(shown);
	}
	if (f->type == TR_F_TEXT || f->type == TR_F_LINES || f->type == TR_F_PASSWORD ||
	    f->type == TR_F_EMAIL || f->type == TR_F_NAME) {
		if ((long)tr_utf8_len(v, strlen(v)) > max)
			return 400;
	}
	/* a name shown to others must not reorder or hide text */
	if (f->type == TR_F_NAME && tr_has_invisible(v, strlen(v))) {
		*key = "err.invisible";
		return 1;
	}
	switch (f->type) {
	case TR_F_EMAIL:
		if (!tr_email_valid(v)) {
			*key = "err.email";
			return 1;
		}
		break;
	case TR_F_INT: {
		int64_t x;
		if (tr_parse_i64(v, &x) < 0 || (f->max && x > f->max) || x < f->min) {
			*key = "err.number";
			return 1;
		}
		break;
	}
	case TR_F_DATE:
		if (!valid_date(v)) {
			*key = "err.date";
			return 1;
		}
		break;
	case TR_F_ENUM: {
		int ok = 0;
		for (const char *const *e = f->values; e && *e; e++)
			if (!strcmp(*e, v))
				ok = 1;
		if (!ok)
			return 400;
		break;
	}
	case TR_F_BOOL:
		if (!strcmp(v, "1") || !strcasecmp(v, "on") || !strcasecmp(v, "true") || !strcasecmp(v, "yes"))
			v = tr_strdup("1");
		else if (!strcmp(v, "0"))
			v = NULL;
		else
			return 400;
		break;
	case TR_F_TOKEN:
		if (!valid_token(v, f->max))
			return 400;
		break;
	default:
		break;
	}
	*out = v;
	return 0;
}

static void set_form_value(tr_req *req, const tr_field *f, tr_value *val)
{
	if (f->type == TR_F_PASSWORD || f->type == TR_F_FILE || val->n == 0)
		return;
	tr_neoerr_ignore(hdf_set_value(req->hdf, tr_fmt("Form.%s", f->name), val->v[0]));
	if (f->flags & TR_MULTI)
		for (int i = 0; i < val->n; i++) {
			tr_neoerr_ignore(hdf_set_value(req->hdf, tr_fmt("Form.%s.%d", f->name, i), val->v[i]));
			/* for checkboxes and selects: Form.<name>.has.<value> = 1 */
			if (strlen(val->v[i]) < 64 && !strchr(val->v[i], '.'))
				tr_neoerr_ignore(hdf_set_value(req->hdf, tr_fmt("Form.%s.has.%s", f->name,
										val->v[i]), "1"));
		}
}

/* Validates one field into val. 0, or an HTTP status for input no form sends. */
static int validate_field(tr_req *req, const tr_field *f, tr_value *val, int get)
{
	val->field = f;
	if (tr_field_is_prefix(f))
		return 0;
	if (f->type == TR_F_FILE) {
		long max = f->max ? f->max : tr_limit("upload_bytes");
		int count = 0;
		for (tr_upload *u = req->uploads; u; u = u->next)
			if (!strcmp(u->field, f->name)) {
				if (u->size > max)
					return 413;
				count++;
			}
		if (count > 1 && !(f->flags & TR_MULTI))
			return 400;
		if (!count && (f->flags & TR_REQUIRED) && !get)
			tr_form_error(req, f->name, "err.required");
		return 0;
	}
	const char **raw = NULL;
	int nraw = collect(req->hdf, f->name, &raw);
	if (nraw < 0 || (nraw > 1 && !(f->flags & TR_MULTI)))
		return 400;
	val->v = tr_alloc(sizeof(char *) * (size_t)(nraw ? nraw : 1));
	for (int k = 0; k < nraw; k++) {
		const char *out, *key = NULL;
		int rc = check_value(f, raw[k], &out, &key);
		if (rc > 1)
			return rc;
		if (rc == 1) {
			if (get)
				return 400;
			tr_form_error(req, f->name, key);
			/* keep what was typed, so the form can show it again; not a
			 * date no date input can hold (HTML forbids it as a value,
			 * browsers show an empty field anyway) */
			if (f->type != TR_F_DATE)
				tr_neoerr_ignore(hdf_set_value(req->hdf, tr_fmt("Form.%s", f->name), raw[k]));
			val->n = 0;
			break;
		}
		if (out)
			val->v[val->n++] = out;
	}
	/* Required is a rule of the submitted form: a GET shows the form. */
	if (val->n == 0 && (f->flags & TR_REQUIRED) && !get && !tr_arg_error(req, f->name))
		tr_form_error(req, f->name, "err.required");
	set_form_value(req, f, val);
	return 0;
}

int tr_input_validate(tr_req *req)
{
	const tr_page *page = req->page;
	int get = strcmp(req->method, "POST") != 0;
	int n = 0;
	for (const tr_field *f = page->fields; f && f->name; f++)
		n++;
	req->values = tr_zalloc(sizeof(tr_value) * (size_t)(n ? n : 1));
	req->nvalues = n;
	for (int i = 0; i < n; i++) {
		int rc = validate_field(req, &page->fields[i], &req->values[i], get);
		if (rc)
			return rc;
	}
	return 0;
}

int tr_validate_more(tr_req *req, const tr_field *fields, int n, const char *prefix)
{
	/* a parameter of the prefix that names no field of this form: no form sends that */
	size_t plen = strlen(prefix);
	for (HDF *c = hdf_obj_child(hdf_get_obj(req->hdf, "Query")); plen && c; c = hdf_obj_next(c)) {
		const char *name = hdf_obj_name(c);
		if (strncmp(name, prefix, plen))
			continue;
		int known = 0;
		for (int i = 0; i < n && !known; i++)
			known = !strcmp(fields[i].name, name);
		if (!known) {
			tr_info("parameter %.80s is no field of this form", name);
			return 400;
		}
	}
	for (tr_upload *u = req->uploads; plen && u; u = u->next)
		if (!strncmp(u->field, prefix, plen))
			return 400;
	tr_value *all = tr_zalloc(sizeof(tr_value) * (size_t)(req->nvalues + n + 1));
	if (req->nvalues)
		memcpy(all, req->values, sizeof(tr_value) * (size_t)req->nvalues);
	int get = strcmp(req->method, "POST") != 0;
	for (int i = 0; i < n; i++) {
		int rc = validate_field(req, &fields[i], &all[req->nvalues + i], get);
		if (rc)
			return rc;
	}
	req->values = all;
	req->nvalues += n;
	return 0;
}

/* ---- accessors ---- */

static tr_value *find_value(tr_req *req, const char *name)
{
	for (int i = 0; i < req->nvalues; i++)
		if (!strcmp(req->values[i].field->name, name))
			return &req->values[i];
	tr_error("page %s reads undeclared field '%s'", req->page->name, name);
	return NULL;
}

const char *tr_arg(tr_req *req, const char *name)
{
	tr_value *v = find_value(req, name);
	return v && v->n ? v->v[0] : NULL;
}

int64_t tr_arg_int(tr_req *req, const char *name, int64_t def)
{
	const char *s = tr_arg(req, name);
	int64_t x;
	return s && tr_parse_i64(s, &x) == 0 ? x : def;
}

int tr_arg_bool(tr_req *req, const char *name)
{
	const char *s = tr_arg(req, name);
	return s && !strcmp(s, "1");
}

int tr_arg_list(tr_req *req, const char *name, const char ***vals)
{
	tr_value *v = find_value(req, name);
	if (!v || !v->n) {
		*vals = NULL;
		return 0;
	}
	*vals = v->v;
	return v->n;
}

int tr_arg_error(tr_req *req, const char *name)
{
	return hdf_get_value(req->hdf, tr_fmt("Form.errors.%s", name), NULL) != NULL;
}

tr_upload *tr_uploads(tr_req *req, const char *field)
{
	/* A list of this field's uploads only, in the order sent. */
	tr_upload *head = NULL, **tail = &head;
	for (tr_upload *u = req->uploads; u; u = u->next)
		if (!strcmp(u->field, field)) {
			tr_upload *c = tr_alloc(sizeof(*c));
			*c = *u;
			c->next = NULL;
			*tail = c;
			tail = &c->next;
		}
	return head;
}
