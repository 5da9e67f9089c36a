/* response.h - answering a request: pages, redirects, error pages, headers, cookies.
 *
 * All response headers are written by one function (send_head in response.c):
 * the security headers go out on every response, whatever the page does. */
#ifndef TR_RESPONSE_H
#define TR_RESPONSE_H

#include <stddef.h>
#include <stdint.h>
#include "web/request.h"

/* Renders a template with req->hdf and sends it (status req->status or 200).
 * Returns 0, or 500 when rendering failed (nothing was sent). */
int tr_render(tr_req *req, const char *tmpl);
/* 303 See Other to the portal path (e.g. "/requests/12"); returns 0. */
int tr_redirect(tr_req *req, const char *path);
/* Sends the error page for status; returns 0. */
int tr_fail(tr_req *req, int status);
/* Sends a complete body of the given type; returns 0. */
int tr_send(tr_req *req, const char *content_type, const char *body, size_t len);
/* Sends only the headers, for a body streamed with tr_write (length -1: unknown). */
int tr_send_head(tr_req *req, const char *content_type, int64_t length);
int tr_write(tr_req *req, const void *buf, size_t n);

/* Extra response header; CR and LF in the value are dropped. */
void tr_header(tr_req *req, const char *name, const char *value);
/* Cookie with HttpOnly, SameSite=Lax, Path=/base, Secure under HTTPS.
 * max_age < 0: session cookie; 0: delete. */
void tr_cookie(tr_req *req, const char *name, const char *value, long max_age);
/* Value of a request cookie, or NULL. */
const char *tr_cookie_get(tr_req *req, const char *name);

/* Page data for the template. */
void tr_set(tr_req *req, const char *name, const char *value);
void tr_setf(tr_req *req, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void tr_set_int(tr_req *req, const char *name, int64_t value);

/* A node of the page data (created when missing), for filling rows without
 * building every path: tr_node_set(tr_node(req, "Tickets.3"), "id", "42"). */
HDF *tr_node(tr_req *req, const char *path);
/* Sets a child of node; a NULL value sets nothing (a template cannot tell the two
 * apart: "?row.x" is false for both). Rows stay small that way: ClearSilver gives a
 * node of 12 children or more a hash table of its own, ~8,000 instructions to build
 * and free, per row. */
void tr_node_set(HDF *node, const char *name, const char *value);

const char *tr_status_text(int status);

/* A function that adds to every rendered page's data (the frame's notices and links); one per process. */
typedef void (*tr_frame_fn)(tr_req *req);
void tr_frame_set(tr_frame_fn fn);

/* The one mapping from a result to an HTTP status: an HTTP status stays as
 * it is; a database result that a retry did not cure (deadlock) or a lost
 * server is 503, a constraint 409, any other database failure 500; the
 * TR_E_* codes as core/result.h lists them. */
int tr_http_status(int rc);

#endif
