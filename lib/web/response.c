/* response.c - answering a request: pages, redirects, error pages, headers, cookies. */
#include "web/response.h"
#include "web/csrf.h"
#include "web/gzip.h"
#include "accounts/user.h"
#include "core/config.h"
#include "core/log.h"
#include "core/neoerr.h"
#include "core/pool.h"
#include "core/result.h"
#include "core/url.h"
#include "core/util.h"
#include "render/render.h"
#include "web/io.h"
#include "web/page.h"

#include <stdarg.h>
#include <string.h>

/* No inline script or style anywhere: the pages are built for this policy. */
static const char csp[] =
	"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
	"form-action 'self'; frame-ancestors 'none'";

int tr_http_status(int rc)
{
	if (rc >= 0)
		return rc;
	switch (rc) {
	case TR_DB_DUP: case TR_E_CONFLICT: return 409;
	case TR_DB_RETRY: case TR_DB_DOWN: case TR_DB_SLOW: return 503;
	case TR_E_INVALID: return 422;
	case TR_E_THROTTLED: return 429;
	case TR_E_NOT_FOUND: return 404;
	case TR_E_GONE: return 410;
	case TR_E_FORBIDDEN: return 403;
	case TR_E_BAD_INPUT: return 400;
	case TR_E_TOO_LARGE: return 413;
	default: return 500;
	}
}

const char *tr_status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 410: return "Gone";
	case 411: return "Length Required";
	case 413: return "Content Too Large";
	case 414: return "URI Too Long";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Unknown";
	}
}

static char *clean_value(const char *v)
{
	char *c = tr_strdup(v ? v : "");
	char *o = c;
	for (char *p = c; *p; p++)
		if (*p != '\r' && *p != '\n')
			*o++ = *p;
	*o = '\0';
	return c;
}

void tr_header(tr_req *req, const char *name, const char *value)
{
	char **h = tr_alloc(sizeof(char *) * (size_t)(req->nheaders + 1));
	if (req->nheaders)
		memcpy(h, req->headers, sizeof(char *) * (size_t)req->nheaders);
	h[req->nheaders++] = tr_fmt("%s: %s", name, clean_value(value));
	req->headers = h;
}

void tr_cookie(tr_req *req, const char *name, const char *value, long max_age)
{
	const char *path = tr_path("/");
	tr_buf b;
	tr_buf_init(&b);
	tr_buf_printf(&b, "%s=%s; Path=%s; HttpOnly; SameSite=Lax", name, value ? value : "", path);
	if (max_age == 0)
		tr_buf_adds(&b, "; Max-Age=0");
	else if (max_age > 0)
		tr_buf_printf(&b, "; Max-Age=%ld", max_age);
	if (req->https)
		tr_buf_adds(&b, "; Secure");
	tr_header(req, "Set-Cookie", b.data);
	tr_buf_free(&b);
}

const char *tr_cookie_get(tr_req *req, const char *name)
{
	if (!req->hdf)
		return NULL;
	HDF *c = hdf_get_obj(req->hdf, "Cookie");
	return c ? hdf_get_value(c, name, NULL) : NULL;
}

static int send_head(tr_req *req, int status, const char *ctype, int64_t length)
{
	if (req->responded) {
		tr_error("response sent twice");
		return -1;
	}
	req->responded = 1;
	req->status = status;
	tr_buf b;
	tr_buf_init(&b);
	tr_buf_printf(&b, "Status: %d %s\r\n", status, tr_status_text(status));
	if (ctype)
		tr_buf_printf(&b, "Content-Type: %s\r\n", ctype);
	if (length >= 0)
		tr_buf_printf(&b, "Content-Length: %lld\r\n", (long long)length);
	tr_buf_adds(&b, "Cache-Control: private, no-store\r\n"
			"X-Content-Type-Options: nosniff\r\n"
			"X-Frame-Options: DENY\r\n"
			"Referrer-Policy: same-origin\r\n"
			"Cross-Origin-Opener-Policy: same-origin\r\n"
			"Permissions-Policy: camera=(), microphone=(), geolocation=()\r\n");
	tr_buf_printf(&b, "Content-Security-Policy: %s\r\n", csp);
	if (req->https)
		tr_buf_adds(&b, "Strict-Transport-Security: max-age=31536000\r\n");
	tr_buf_printf(&b, "X-Request-Id: %s\r\n", req->id);
	for (int i = 0; i < req->nheaders; i++)
		tr_buf_printf(&b, "%s\r\n", req->headers[i]);
	tr_buf_adds(&b, "\r\n");
	int rc = tr_io_write(b.data, b.len);
	tr_buf_free(&b);
	return rc;
}

int tr_send_head(tr_req *req, const char *ctype, int64_t length)
{
	return send_head(req, req->status ? req->status : 200, ctype, length);
}

int tr_write(tr_req *req, const void *buf, size_t n)
{
	if (req->head)
		return 0;
	return tr_io_write(buf, n);
}

/* A compressed body: one buffer per process, kept between requests as the page's is. */
static tr_buf gzip_out;

static void send_body(tr_req *req, int status, const char *ctype, const char *body, size_t len)
{
	if (tr_gzip_worth(ctype, len)) {
		tr_header(req, "Vary", "Accept-Encoding");
		if (req->accept_gzip && tr_gzip(body, len, &gzip_out) == 0) {
			tr_header(req, "Content-Encoding", "gzip");
			body = gzip_out.data;
			len = gzip_out.len;
		}
	}
	send_head(req, status, ctype, (int64_t)len);
	tr_write(req, body, len);
	if (gzip_out.cap > (1u << 20))
		tr_buf_free(&gzip_out);
}

int tr_send(tr_req *req, const char *ctype, const char *body, size_t len)
{
	send_body(req, req->status ? req->status : 200, ctype, body, len);
	return 0;
}

/* What the domain adds to every page's frame (the help centre's urgent notice and footer pages):
 * the pipeline knows no domain, so the pages' umbrella header registers it (lib/tresen.h). */
static tr_frame_fn frame_fn;

void tr_frame_set(tr_frame_fn fn)
{
	frame_fn = fn;
}

static void set_common(tr_req *req)
{
	HDF *h = req->hdf;
	tr_neoerr_ignore(hdf_set_value(h, "Page.name", req->page ? req->page->name : "error"));
	tr_neoerr_ignore(hdf_set_value(h, "Page.lang", req->lang));
	const char *other = strcmp(req->lang, "de") ? "de" : "en";
	tr_neoerr_ignore(hdf_set_value(h, "Page.other_lang", other));
	tr_neoerr_ignore(hdf_set_value(h, "Page.other_lang_name", tr_lang_text(other, "lang_name")));
	tr_neoerr_ignore(hdf_set_value(h, "Page.lang_url", tr_path(tr_lang_url(req, other))));
	if (req->csrf)
		tr_neoerr_ignore(hdf_set_value(h, "CSRF", tr_csrf_masked(req)));
	tr_user *u = req->user;
	if (u) {
		tr_neoerr_ignore(hdf_set_value(h, "User.name", u->name));
		tr_neoerr_ignore(hdf_set_value(h, "User.email", u->email));
		tr_neoerr_ignore(hdf_set_int_value(h, "User.id", (int)u->id));
		tr_neoerr_ignore(hdf_set_int_value(h, "User.confirmed", u->confirmed));
		tr_neoerr_ignore(hdf_set_int_value(h, "User.agent", u->is_agent));
		tr_neoerr_ignore(hdf_set_int_value(h, "User.admin", u->is_admin));
		/* approvers see the approvals' link (R-APPR) */
		tr_neoerr_ignore(hdf_set_int_value(h, "User.approver", u->org_id && (u->main_contact || u->customer_admin)));
		if (u->org_name)
			tr_neoerr_ignore(hdf_set_value(h, "User.org", u->org_name));
		tr_neoerr_ignore(hdf_set_value(h, "User.initials", tr_user_initials(u->name)));
	}
	/* a page that failed for the database renders without it */
	if (frame_fn && req->status != 503 && req->status != 500)
		frame_fn(req);
}

/* The page being rendered: one buffer per process, kept between requests
 * (freeing and growing it again each time costs more than the page). */
static tr_buf page_out;

int tr_render(tr_req *req, const char *tmpl)
{
	set_common(req);
	tr_buf_reset(&page_out);
	int rc = tr_render_buf(req->hdf, tmpl, req->lang, &page_out);
	if (rc == 0)
		tr_send(req, "text/html; charset=utf-8", page_out.data, page_out.len);
	if (page_out.cap > (4u << 20))
		tr_buf_free(&page_out);     /* an unusually large page does not stay resident */
	return rc < 0 ? 500 : 0;
}

int tr_redirect(tr_req *req, const char *path)
{
	/* The Location comes from the configured URL, never the Host header. */
	tr_header(req, "Location", tr_url(path));
	send_head(req, 303, "text/plain; charset=utf-8", 0);
	return 0;
}

int tr_fail(tr_req *req, int status)
{
	if (req->responded)
		return 0;
	if (status < 400 || status > 599)
		status = 500;
	if (!req->lang)
		req->lang = tr_lang_default();
	HDF *own = NULL;
	if (!req->hdf) {
		/* failed before the kit ran: render from an empty data set */
		tr_neoerr_ignore(hdf_init(&own));
		req->hdf = own;
	}
	const char *key = req->error_key && status == 503 ? req->error_key : tr_fmt("error.%d", status);
	const char *title = tr_lang_text(req->lang, tr_fmt("%s.title", key));
	if (!strcmp(title, tr_fmt("%s.title", key))) {
		title = tr_lang_text(req->lang, "error.other.title");
		key = "error.other";
	}
	tr_neoerr_ignore(hdf_set_int_value(req->hdf, "Error.status", status));
	tr_neoerr_ignore(hdf_set_value(req->hdf, "Error.title", title));
	tr_neoerr_ignore(hdf_set_value(req->hdf, "Error.text",
				       tr_lang_text(req->lang, tr_fmt("%s.text", key))));
	set_common(req);
	tr_buf out;
	tr_buf_init(&out);
	if (tr_render_buf(req->hdf, "error.cs", req->lang, &out) < 0) {
		/* last resort: a plain page, still without internals */
		tr_buf_reset(&out);
		tr_buf_printf(&out, "<!doctype html><title>%d</title><h1>%d %s</h1>", status, status,
			      tr_status_text(status));
	}
	if (status == 405) {
		const char *allow = req->page && req->page->post ? "GET, HEAD, POST" : "GET, HEAD";
		tr_header(req, "Allow", allow);
	}
	send_body(req, status, "text/html; charset=utf-8", out.data, out.len);
	tr_buf_free(&out);
	if (own) {
		hdf_destroy(&own);
		req->hdf = NULL;
	}
	return 0;
}

void tr_set(tr_req *req, const char *name, const char *value)
{
	tr_neoerr_ignore(hdf_set_value(req->hdf, name, value));
}

void tr_setf(tr_req *req, const char *name, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *v = tr_vfmt(fmt, ap);
	va_end(ap);
	tr_set(req, name, v);
}

void tr_set_int(tr_req *req, const char *name, int64_t value)
{
	tr_set(req, name, tr_int_str(value));
}

HDF *tr_node(tr_req *req, const char *path)
{
	HDF *node = NULL;
	tr_neoerr_ignore(hdf_get_node(req->hdf, path, &node));
	return node;
}

void tr_node_set(HDF *node, const char *name, const char *value)
{
	if (node && value)
		tr_neoerr_ignore(hdf_set_value(node, name, value));
}
