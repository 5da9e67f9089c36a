/* url.h - every link the portal writes: paths under the configured base, absolute URLs, query strings.
 *
 * The portal's address is Site.url (e.g. https://help.example.com/portal);
 * links in pages are paths below its path part, links in mails and
 * redirects absolute URLs. Never built from the client's Host header. */
#ifndef TR_URL_H
#define TR_URL_H

#include "core/util.h"

/* The path part of Site.url without a trailing slash ("" or "/portal"). */
const char *tr_base_path(void);
/* Link for a path inside the portal ("/requests" -> "/portal/requests"; pool memory). */
const char *tr_path(const char *path);
/* Absolute URL for mails and redirects (Site.url + path; pool memory). */
const char *tr_url(const char *path);
/* A request URI as a portal path: the base path taken off ("/portal/x?y" -> "/x?y"); "/" when it is not below it. */
const char *tr_url_portal(const char *uri);

/* Appends name=value to a query under construction: '?' before the first
 * parameter, '&' after (*sep tracks which), the value form-encoded. */
void tr_url_param(tr_buf *b, char *sep, const char *name, const char *value);

/* A local path to continue to (after sign-in, a resend), or "/" when next
 * could lead elsewhere ("//host", "\\", control characters). */
const char *tr_safe_next(const char *next);

#endif
