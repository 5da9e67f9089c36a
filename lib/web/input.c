/* input.c - reads a request's input through ClearSilver's CGI kit, with our limits first. */
#include "web/input.h"
#include "core/config.h"
#include "core/email.h"
#include "core/log.h"
#include "core/neoerr.h"
#include "core/pool.h"
#include "core/util.h"
#include "web/io.h"
#include "web/multipart.h"
#include "web/page.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static CGI *cgi;
static tr_part *parts;        /* multipart parts of the current request */

/* The urlencoded body, read and checked by us before the kit parses it. */
static const char *body_data;
static size_t body_len, body_pos;

long tr_limit(const char *name)
{
	static const struct { const char *name; long def; } defaults[] = {
		{ "query_bytes", 8192 },
		{ "cookie_bytes", 8192 },
		{ "form_bytes", 2L << 20 },          /* urlencoded body */
		{ "request_bytes", 1L << 30 },       /* multipart body */
		{ "fields", 300 },                   /* parameters in query + body */
		{ "field_bytes", 256L << 10 },       /* one text value */
		{ "upload_bytes", 50L << 20 },       /* one file (R-NEW 8) */
	};
	for (size_t i = 0; i < TR_ARRAY_LEN(defaults); i++)
		if (!strcmp(defaults[i].name, name))
			return tr_cfg_int(tr_fmt("Limits.%s", name), defaults[i].def);
	return 0;
}

/* ---- the kit's I/O callbacks (cgiwrap emulation over our streams) ---- */

static int emu_read(void *data, char *buf, int n)
{
	(void)data;
	if (!body_data || body_pos >= body_len)
		return 0;
	size_t left = body_len - body_pos;
	if ((size_t)n > left)
		n = (int)left;
	memcpy(buf, body_data + body_pos, (size_t)n);
	body_pos += (size_t)n;
	return n;
}

/* The kit never writes our responses; its contract wants 0 from writef. */
static int emu_writef(void *data, const char *fmt, va_list ap)
{
	(void)data; (void)fmt; (void)ap;
	return 0;
}

static int emu_write(void *data, const char *buf, int n)
{
	(void)data; (void)buf;
	return n;
}

/* The kit asks for ~140 variables by name, ~110 of them TLS details
 * (SSL_*, HTTPS_*). Each lookup scans the whole environment; when the
 * request has no TLS variables at all, those lookups are answered at once. */
static int have_tls_env;

static int tls_name(const char *name)
{
	return !strncmp(name, "SSL", 3) || !strncmp(name, "HTTPS", 5);
}

static char *emu_getenv(void *data, const char *name)
{
	(void)data;
	if (!have_tls_env && tls_name(name))
		return NULL;
	const char *v = tr_io_getenv(name);
	return v ? strdup(v) : NULL;
}

static int emu_putenv(void *data, const char *k, const char *v)
{
	(void)data; (void)k; (void)v;
	return -1;
}

static int emu_iterenv(void *data, int x, char **k, char **v)
{
	(void)data;
	char **env = tr_io_environ();
	*k = *v = NULL;
	for (int i = 0; i < x; i++)
		if (!env[i])
			return 0;
	if (!env[x])
		return 0;
	const char *eq = strchr(env[x], '=');
	if (eq) {
		*k = strndup(env[x], (size_t)(eq - env[x]));
		*v = strdup(eq + 1);
	} else {
		*k = strdup(env[x]);
		*v = strdup("");
	}
	return 0;
}

/* ---- checks before anything is parsed ---- */

/* Parameters in a query string or urlencoded body; also finds %00, which
 * the kit would decode into a NUL that silently cuts a value short. */
static int scan_params(const char *s, size_t n, long *count, long *longest)
{
	long c = n ? 1 : 0, cur = 0, max = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '&') {
			c++;
			cur = 0;
			continue;
		}
		if (s[i] == '%' && i + 2 < n && s[i + 1] == '0' && s[i + 2] == '0')
			return -1;
		if (++cur > max)
			max = cur;
	}
	*count = c;
	*longest = max;
	return 0;
}

static int check_cookie_header(const char *c)
{
	if (!c)
		return 0;
	size_t n = strlen(c);
	if ((long)n > tr_limit("cookie_bytes"))
		return 400;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)c[i] < 0x20 || (unsigned char)c[i] > 0x7E)
			return 400;
	return 0;
}

static int read_urlencoded(tr_req *req, int64_t length, long *fields)
{
	if (length > tr_limit("form_bytes"))
		return 413;
	char *buf = tr_alloc((size_t)length + 1);
	int64_t got = 0;
	while (got < length) {
		int n = tr_io_read(buf + got, (int)(length - got));
		if (n <= 0)
			break;
		got += n;
	}
	if (got != length) {
		tr_info("short body: %lld of %lld bytes", (long long)got, (long long)length);
		return 400;
	}
	buf[length] = '\0';
	if (memchr(buf, '\0', (size_t)length))
		return 400;
	long count, longest;
	if (scan_params(buf, (size_t)length, &count, &longest) < 0)
		return 400;
	/* a value may be percent-encoded: up to three bytes per byte */
	if (longest > 3 * tr_limit("field_bytes"))
		return 413;
	*fields += count;
	body_data = buf;
	body_len = (size_t)length;
	body_pos = 0;
	(void)req;
	return 0;
}

/* A declared name ending in '*' is a prefix: the page validates those
 * parameters itself, against fields it knows only at run time. */
static int is_prefix(const tr_field *f)
{
	size_t n = strlen(f->name);
	return n > 0 && f->name[n - 1] == '*';
}

static const tr_field *declared(const tr_page *page, const char *name)
{
	for (const tr_field *f = page->fields; f && f->name; f++) {
		if (!strcmp(f->name, name))
			return f;
		if (is_prefix(f) && !strncmp(f->name, name, strlen(f->name) - 1))
			return f;
	}
	return NULL;
}

static int want_part(void *ctx, const char *name, int is_file)
{
	const tr_field *f = declared(ctx, name);
	if (!f)
		return !strcmp(name, "csrf") && !is_file;
	return (f->type == TR_F_FILE) == (is_file != 0);
}

/* Adds a value under Query.<name> the way the kit does for repeats:
 * the first value is the node's own, repeats become children 0, 1, ... */
static void query_add(HDF *hdf, const char *name, const char *value)
{
	char *path = tr_fmt("Query.%s", name);
	HDF *obj = hdf_get_obj(hdf, path);
	if (obj) {
		int i = 0;
		HDF *child = hdf_obj_child(obj);
		if (!child) {
			tr_neoerr_ignore(hdf_set_value(obj, "0", hdf_obj_value(obj)));
			i = 1;
		}
		for (; child; child = hdf_obj_next(child))
			i++;
		tr_neoerr_ignore(hdf_set_value(obj, tr_fmt("%d", i), value));
	}
	tr_neoerr_ignore(hdf_set_value(hdf, path, value));
}

static int io_read_ctx(void *ctx, char *buf, int n)
{
	(void)ctx;
	return tr_io_read(buf, n);
}

static int parse_multipart(tr_req *req, int64_t length, const char *ctype)
{
	const char *boundary = tr_mp_boundary(ctype);
	if (!boundary)
		return 400;
	tr_mp mp;
	memset(&mp, 0, sizeof(mp));
	mp.read = io_read_ctx;
	mp.want = want_part;
	mp.ctx = TR_UNCONST(req->page);
	mp.content_length = length;
	mp.field_bytes = tr_limit("field_bytes");
	mp.file_bytes = tr_limit("upload_bytes");
	mp.max_parts = (int)tr_limit("fields");
	mp.tmpdir = tr_cfg("Paths.tmp", "/tmp");
	int rc = tr_mp_parse(&mp, boundary);
	parts = mp.parts;
	if (rc) {
		tr_info("multipart body refused (%d): %s", rc, mp.error ? mp.error : "?");
		return rc;
	}
	for (tr_part *p = parts; p; p = p->next) {
		if (p->filename) {
			tr_upload *u = tr_zalloc(sizeof(*u));
			u->field = p->name;
			u->filename = p->filename;
			u->content_type = p->content_type;
			u->path = p->path;
			u->size = p->size;
			u->taken = &p->taken;
			memcpy(u->sha256, p->sha256, sizeof(u->sha256));
			/* keep the order sent */
			tr_upload **tail = &req->uploads;
			while (*tail)
				tail = &(*tail)->next;
			*tail = u;
		} else {
			if (memchr(p->value, '\0', p->len))
				return 400;
			query_add(req->hdf, p->name, p->value);
		}
	}
	return 0;
}

int tr_input_read(tr_req *req)
{
	static int wrapped;
	if (!wrapped) {
		cgiwrap_init_emu(NULL, emu_read, emu_writef, emu_write, emu_getenv, emu_putenv,
				 emu_iterenv);
		wrapped = 1;
	}
	body_data = NULL;
	body_len = body_pos = 0;
	parts = NULL;
	cgi = NULL;
	have_tls_env = 0;
	for (char **e = tr_io_environ(); e && *e; e++)
		if (tls_name(*e))
			have_tls_env = 1;

	const char *qs = tr_io_getenv("QUERY_STRING");
	long fields = 0, longest = 0;
	if (qs) {
		size_t n = strlen(qs);
		if ((long)n > tr_limit("query_bytes"))
			return 414;
		if (scan_params(qs, n, &fields, &longest) < 0)
			return 400;
	}
	int rc = check_cookie_header(tr_io_getenv("HTTP_COOKIE"));
	if (rc)
		return rc;

	const char *ctype = tr_io_getenv("CONTENT_TYPE");
	int64_t length = 0;
	int multipart = 0;
	if (!strcmp(req->method, "POST")) {
		const char *cl = tr_io_getenv("CONTENT_LENGTH");
		if (!cl || tr_parse_i64(cl, &length) < 0 || length < 0)
			return 411;
		if (ctype && !strncasecmp(ctype, "application/x-www-form-urlencoded", 33)) {
			rc = read_urlencoded(req, length, &fields);
			if (rc)
				return rc;
		} else if (ctype && !strncasecmp(ctype, "multipart/form-data", 19)) {
			if (!req->page->uploads)
				return 415;
			if (length > tr_limit("request_bytes"))
				return 413;
			multipart = 1;
		} else if (length > 0) {
			return 415;
		}
	}
	if (fields > tr_limit("fields"))
		return 400;

	NEOERR *err = cgi_init(&cgi, NULL);
	if (err) {
		tr_neoerr_log(err, "cgi_init");
		return 400;
	}
	req->hdf = cgi->hdf;
	if (body_data) {
		err = cgi_parse(cgi);
		if (err) {
			tr_neoerr_log(err, "cgi_parse");
			return 400;
		}
	}
	if (multipart)
		return parse_multipart(req, length, ctype);
	return 0;
}

/* ---- field validation ---- */

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
		if (strcmp(hdf_obj_name(c), tr_fmt("%d", n)) || hdf_obj_child(c))
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
	if (is_prefix(f))
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
			/* keep what was typed, so the form can show it again */
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


void tr_input_end(tr_req *req)
{
	tr_mp_cleanup(parts);
	parts = NULL;
	body_data = NULL;
	if (cgi) {
		cgi_destroy(&cgi);   /* also destroys req->hdf */
		cgi = NULL;
	}
	req->hdf = NULL;
}
