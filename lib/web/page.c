/* page.c - what handlers use besides input and response: this request's language, form messages, links to this page. */
#include "web/page.h"
#include "core/neoerr.h"
#include "core/pool.h"
#include "core/result.h"
#include "core/text.h"
#include "core/url.h"
#include "core/util.h"
#include "render/render.h"
#include "web/io.h"

#include <stdarg.h>
#include <string.h>

const char *tr_L(tr_req *req, const char *key)
{
	return tr_lang_text(req && req->lang ? req->lang : tr_lang_default(), key);
}

static void form_error_msg(tr_req *req, const char *name, const char *msg)
{
	if (name)
		tr_neoerr_ignore(hdf_set_value(req->hdf, tr_fmt("Form.errors.%s", name), msg));
	else
		tr_neoerr_ignore(hdf_set_value(req->hdf, "Form.error", msg));
	tr_neoerr_ignore(hdf_set_int_value(req->hdf, "Form.nerrors", ++req->nerrors));
}

void tr_form_error(tr_req *req, const char *name, const char *key)
{
	form_error_msg(req, name, tr_L(req, key));
}

void tr_form_error_arg(tr_req *req, const char *name, const char *key, const char *arg)
{
	form_error_msg(req, name, tr_subst(tr_L(req, key), arg));
}

void tr_form_problems(tr_req *req, const tr_problems *p)
{
	for (int i = 0; i < p->n; i++)
		tr_form_error_arg(req, p->list[i].field, p->list[i].key, p->list[i].arg);
	if (p->wait_s > 0)
		tr_neoerr_ignore(hdf_set_int_value(req->hdf, "Form.wait_minutes", (int)((p->wait_s + 59) / 60)));
}

int tr_form_again(tr_req *req, int rc, const tr_problems *p)
{
	if (rc != TR_E_INVALID && rc != TR_E_THROTTLED)
		return 0;
	tr_form_problems(req, p);
	req->status = rc == TR_E_INVALID ? 422 : 429;
	return 1;
}

const char *tr_env(tr_req *req, const char *name)
{
	(void)req;
	return tr_io_getenv(name);
}

const char *tr_portal_uri(tr_req *req)
{
	return tr_url_portal(tr_env(req, "REQUEST_URI"));
}

const char *tr_self_url(tr_req *req, const char *path, ...)
{
	/* the changes: name, value pairs up to the NULL name */
	int nchanges = 0;
	va_list ap;
	va_start(ap, path);
	while (va_arg(ap, const char *)) {
		(void)va_arg(ap, const char *);
		nchanges++;
	}
	va_end(ap);
	const char **names = tr_alloc(sizeof(char *) * (size_t)(nchanges + 1));
	const char **vals = tr_alloc(sizeof(char *) * (size_t)(nchanges + 1));
	va_start(ap, path);
	for (int k = 0; k < nchanges; k++) {
		names[k] = va_arg(ap, const char *);
		vals[k] = va_arg(ap, const char *);
	}
	va_end(ap);

	tr_buf b;
	tr_buf_init(&b);
	tr_buf_adds(&b, path);
	char sep = 0;
	for (int i = 0; i < req->nvalues; i++) {
		const tr_value *v = &req->values[i];
		if (v->field->type == TR_F_FILE || v->field->type == TR_F_PASSWORD || !strcmp(v->field->name, "csrf"))
			continue;
		int changed = 0;
		for (int k = 0; k < nchanges && !changed; k++)
			changed = !strcmp(names[k], v->field->name);
		for (int k = 0; !changed && k < v->n; k++)
			tr_url_param(&b, &sep, v->field->name, v->v[k]);
	}
	for (int k = 0; k < nchanges; k++)
		if (vals[k])
			tr_url_param(&b, &sep, names[k], vals[k]);
	const char *r = tr_strdup(b.data);
	tr_buf_free(&b);
	return r;
}

/* path with the query parameter name (every occurrence) taken out. */
static const char *without_param(const char *path, const char *name)
{
	const char *q = strchr(path, '?');
	if (!q)
		return path;
	size_t nlen = strlen(name);
	tr_buf b;
	tr_buf_init(&b);
	tr_buf_add(&b, path, (size_t)(q - path));
	char sep = '?';
	for (const char *p = q + 1; *p;) {
		size_t n = strcspn(p, "&");
		if (n && !(n >= nlen + 1 && !strncmp(p, name, nlen) && p[nlen] == '=')) {
			tr_buf_addc(&b, sep);
			tr_buf_add(&b, p, n);
			sep = '&';
		}
		p += n;
		if (*p == '&')
			p++;
	}
	const char *r = tr_strdup(b.data);
	tr_buf_free(&b);
	return r;
}

const char *tr_with_notice(const char *path, const char *key)
{
	const char *base = without_param(path, "notice");
	return tr_fmt("%s%cnotice=%s", base, strchr(base, '?') ? '&' : '?', key);
}

const char *tr_lang_url(tr_req *req, const char *lang)
{
	const char *uri = tr_portal_uri(req);
	if (strcmp(req->method, "GET") || req->status >= 400)
		return tr_fmt("/?lang=%s", lang);
	const char *q = strchr(uri, '?');
	tr_buf b;
	tr_buf_init(&b);
	tr_buf_add(&b, uri, q ? (size_t)(q - uri) : strlen(uri));
	char sep = '?';
	/* every parameter as it came, but lang= */
	for (const char *p = q ? q + 1 : ""; *p;) {
		size_t n = strcspn(p, "&");
		/* neither the language nor a notice that was shown once already */
		if (n && strncmp(p, "lang=", 5) && strncmp(p, "notice=", 7)) {
			tr_buf_addc(&b, sep);
			tr_buf_add(&b, p, n);
			sep = '&';
		}
		p += n;
		if (*p == '&')
			p++;
	}
	tr_buf_printf(&b, "%clang=%s", sep, lang);
	const char *r = tr_strdup(b.data);
	tr_buf_free(&b);
	return r;
}
