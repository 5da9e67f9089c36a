/* url.c - every link the portal writes: paths under the configured base, absolute URLs, query strings. */
#include "core/url.h"
#include "core/config.h"
#include "core/pool.h"

#include <string.h>

static char *base_path;           /* path part of Site.url, without trailing slash */

const char *tr_base_path(void)
{
	if (!base_path) {
		const char *url = tr_cfg("Site.url", "http://127.0.0.1:8080");
		const char *p = strstr(url, "://");
		p = p ? strchr(p + 3, '/') : NULL;
		base_path = tr_xstrdup(p ? p : "");
		size_t n = strlen(base_path);
		while (n > 0 && base_path[n - 1] == '/')
			base_path[--n] = '\0';
	}
	return base_path;
}

const char *tr_path(const char *path)
{
	return tr_fmt("%s%s", tr_base_path(), path);
}

const char *tr_url(const char *path)
{
	const char *url = tr_cfg("Site.url", "http://127.0.0.1:8080");
	size_t n = strlen(url);
	while (n > 0 && url[n - 1] == '/')
		n--;
	return tr_fmt("%.*s%s", (int)n, url, path);
}

const char *tr_url_portal(const char *uri)
{
	const char *base = tr_base_path();
	if (!uri)
		return "/";
	size_t n = strlen(base);
	if (n) {
		if (strncmp(uri, base, n) || (uri[n] != '/' && uri[n] != '\0' && uri[n] != '?'))
			return "/";
		uri += n;
	}
	return *uri == '/' ? uri : "/";
}

void tr_url_param(tr_buf *b, char *sep, const char *name, const char *value)
{
	tr_buf_addc(b, *sep ? *sep : '?');
	*sep = '&';
	tr_buf_add_pct(b, name, "", 1);
	tr_buf_addc(b, '=');
	tr_buf_add_pct(b, value ? value : "", "", 1);
}

const char *tr_safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\')
		return "/";
	for (const char *p = next; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == '\\')
			return "/";
	return next;
}
