/* input.c - reading a request's input: our limits first, then cookies, parameters and bodies
 * through our own strict parsers, into the request's HDF (Cookie.*, Query.*).
 *
 * ClearSilver's CGI kit is not used for input: it makes a parameter name an
 * HDF path, writes a name it dislikes raw into Apache's log, and copies some
 * thirty environment variables into every request's HDF (a tenth of a list
 * page's instructions) that no page reads. Query strings and urlencoded
 * bodies are parsed here (names checked, %-escapes strict), multipart bodies
 * by web/multipart.c; values land in Query.* as the kit would put them.
 *
 * Reading happens in two steps, so a page that needs a signed-in user reads
 * no body for a visitor: tr_input_head (environment, cookies, the query)
 * before the session is loaded, tr_input_body after the access check. */
#include "web/input.h"
#include "web/csrf.h"
#include "core/config.h"
#include "core/log.h"
#include "core/neoerr.h"
#include "core/pool.h"
#include "core/util.h"
#include "web/io.h"
#include "web/multipart.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static HDF *request_hdf;   /* the current request's data: Cookie.*, Query.*, and what the page adds */
static tr_part *parts;        /* multipart parts of the current request */

long tr_limit(const char *name)
{
	static const struct { const char *name; long def; } defaults[] = {
		{ "query_bytes", 8192 },
		{ "cookie_bytes", 8192 },
		{ "form_bytes", 2L << 20 },          /* urlencoded body; also all text of a multipart body */
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

/* ---- parameters ---- */

int tr_param_name_ok(const char *s, size_t n)
{
	/* printable ASCII without space; no empty path component (HDF splits names at '.') */
	if (n == 0 || n > 256 || s[0] == '.' || s[n - 1] == '.')
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c >= 0x7F || (c == '.' && s[i + 1] == '.'))
			return 0;
	}
	return 1;
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

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Form-decodes s[0..n) ('+' is a space, %XX two hex digits); NULL for a
 * malformed escape or a NUL, which would cut the value short. */
static char *form_decode(const char *s, size_t n)
{
	char *out = tr_alloc(n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			*o++ = ' ';
		} else if (s[i] == '%') {
			int hi = i + 1 < n ? hexval(s[i + 1]) : -1;
			int lo = i + 2 < n ? hexval(s[i + 2]) : -1;
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				return NULL;
			*o++ = (char)(hi << 4 | lo);
			i += 2;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

/* Parses name=value&... into Query.*; *count grows by the parameters read.
 * 0, 400 (a malformed name or escape), 413 (a value over field_bytes). */
static int parse_params(tr_req *req, const char *s, size_t n, long *count)
{
	long field_max = tr_limit("field_bytes");
	for (size_t pos = 0; pos < n;) {
		size_t len = strcspn(s + pos, "&");
		if (pos + len > n)
			len = n - pos;
		const char *pair = s + pos;
		pos += len + 1;
		if (len == 0)
			continue;            /* "a=1&&b=2" */
		const char *eq = memchr(pair, '=', len);
		size_t nlen = eq ? (size_t)(eq - pair) : len;
		char *name = form_decode(pair, nlen);
		char *value = eq ? form_decode(eq + 1, len - nlen - 1) : tr_strdup("");
		if (!name || !value || !tr_param_name_ok(name, strlen(name))) {
			tr_info("malformed parameter refused");
			return 400;
		}
		if ((long)strlen(value) > field_max)
			return 413;
		if (++*count > tr_limit("fields"))
			return 400;
		query_add(req->hdf, name, value);
	}
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

static const char *trim(const char *s, const char *end, const char **tail)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	*tail = end;
	return s;
}

/* Cookie: a=1; b=2 into Cookie.a, Cookie.b (a later repeat wins, as in the kit). A name
 * that is no plain token is skipped: it would become an HDF path. */
static void parse_cookies(HDF *hdf, const char *header)
{
	HDF *jar = NULL;
	for (const char *p = header; p && *p;) {
		const char *semi = strchr(p, ';');
		const char *stop = semi ? semi : p + strlen(p);
		const char *eq = memchr(p, '=', (size_t)(stop - p));
		if (eq) {
			const char *name_end, *value_end;
			const char *name = trim(p, eq, &name_end);
			const char *value = trim(eq + 1, stop, &value_end);
			size_t nlen = (size_t)(name_end - name);
			if (nlen && nlen < 64 && value < value_end &&
			    strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") >= nlen) {
				if (!jar && tr_neoerr_log(hdf_get_node(hdf, "Cookie", &jar), "cookies") < 0)
					return;
				tr_neoerr_ignore(hdf_set_value(jar, tr_strndup(name, nlen),
							       tr_strndup(value, (size_t)(value_end - value))));
			}
		}
		p = semi ? semi + 1 : NULL;
	}
}

/* The media type of a Content-Type value, lower-cased, without parameters. */
static char *media_type(const char *ct)
{
	size_t n = strcspn(ct, ";");
	char *t = tr_trim(tr_ascii_lower(tr_strndup(ct, n)));
	return t;
}

/* A urlencoded body may name its charset: only UTF-8 is ours. */
static int charset_ok(const char *ct)
{
	const char *p = strchr(ct, ';');
	while (p) {
		p++;
		p += strspn(p, " \t");
		size_t n = strcspn(p, ";");
		char *param = tr_trim(tr_ascii_lower(tr_strndup(p, n)));
		if (!strncmp(param, "charset=", 8)) {
			const char *v = param + 8;
			if (*v == '"')
				v++;
			if (strncmp(v, "utf-8", 5) || (v[5] && v[5] != '"'))
				return 0;
		}
		p = strchr(p, ';');
	}
	return 1;
}

/* ---- reading: the head ---- */

int tr_input_head(tr_req *req)
{
	parts = NULL;
	req->nparams = 0;
	const char *qs = tr_io_getenv("QUERY_STRING");
	if (qs && (long)strlen(qs) > tr_limit("query_bytes"))
		return 414;
	const char *cookies = tr_io_getenv("HTTP_COOKIE");
	int rc = check_cookie_header(cookies);
	if (rc)
		return rc;
	if (tr_neoerr_log(hdf_init(&request_hdf), "request data") < 0)
		return 503;
	req->hdf = request_hdf;
	parse_cookies(req->hdf, cookies);
	return qs ? parse_params(req, qs, strlen(qs), &req->nparams) : 0;
}

/* ---- reading: the body ---- */

static int read_urlencoded(tr_req *req, int64_t length)
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
	return parse_params(req, buf, (size_t)length, &req->nparams);
}

/* A declared name ending in '*' is a prefix: the page validates those
 * parameters itself, against fields it knows only at run time. */
int tr_field_is_prefix(const tr_field *f)
{
	size_t n = strlen(f->name);
	return n > 0 && f->name[n - 1] == '*';
}

static const tr_field *declared(const tr_page *page, const char *name)
{
	for (const tr_field *f = page->fields; f && f->name; f++) {
		if (!strcmp(f->name, name))
			return f;
		if (tr_field_is_prefix(f) && !strncmp(f->name, name, strlen(f->name) - 1))
			return f;
	}
	return NULL;
}

/* What the parser asks before each part: keep it? and may a file be
 * written yet? A file is written only once the form's CSRF token came,
 * and came right: a forged or anonymous upload never touches the disk. */
static int want_part(void *ctx, const char *name, int is_file, tr_part *done)
{
	tr_req *req = ctx;
	if (!tr_param_name_ok(name, strlen(name)))
		return -400;
	if (is_file) {
		const char *token = NULL;
		for (tr_part *p = done; p; p = p->next)
			if (!p->filename && !strcmp(p->name, "csrf"))
				token = p->value;
		if (!tr_csrf_ok(req, token))
			return -403;
	}
	const tr_field *f = declared(req->page, name);
	if (!f)
		return !strcmp(name, "csrf") && !is_file;
	return (f->type == TR_F_FILE) == (is_file != 0);
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
	mp.ctx = req;
	mp.content_length = length;
	mp.field_bytes = tr_limit("field_bytes");
	mp.text_bytes = tr_limit("form_bytes");
	mp.file_bytes = tr_limit("upload_bytes");
	mp.max_parts = (int)(tr_limit("fields") - req->nparams);
	mp.tmpdir = tr_cfg("Paths.tmp", "/tmp");
	int rc = tr_mp_parse(&mp, boundary);
	parts = mp.parts;
	if (rc) {
		tr_info("multipart body refused (%d): %s", rc, mp.error ? mp.error : "?");
		return rc;
	}
	tr_upload **tail = &req->uploads;
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
			*tail = u;          /* in the order sent */
			tail = &u->next;
		} else {
			if (memchr(p->value, '\0', p->len))
				return 400;
			query_add(req->hdf, p->name, p->value);
		}
	}
	return 0;
}

int tr_input_body(tr_req *req)
{
	if (strcmp(req->method, "POST"))
		return 0;
	const char *cl = tr_io_getenv("CONTENT_LENGTH");
	int64_t length;
	if (!cl || tr_parse_i64(cl, &length) < 0 || length < 0)
		return 411;
	const char *ctype = tr_io_getenv("CONTENT_TYPE");
	const char *type = ctype ? media_type(ctype) : "";
	if (!strcmp(type, "application/x-www-form-urlencoded"))
		return charset_ok(ctype) ? read_urlencoded(req, length) : 415;
	if (!strcmp(type, "multipart/form-data")) {
		if (!req->page->uploads)
			return 415;
		if (length > tr_limit("request_bytes"))
			return 413;
		return parse_multipart(req, length, ctype);
	}
	return length > 0 ? 415 : 0;
}

/* ---- after the response ---- */

void tr_input_end(tr_req *req)
{
	tr_mp_cleanup(parts);
	parts = NULL;
	if (request_hdf)
		hdf_destroy(&request_hdf);
	req->hdf = NULL;
}

int64_t tr_path_id(tr_req *req)
{
	int64_t id;
	const char *p = req->path_info;
	if (!p || *p != '/' || strlen(p) > 20 || tr_parse_i64(p + 1, &id) < 0 || id <= 0)
		return 0;
	return id;
}
