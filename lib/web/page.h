/* page.h - what handlers use besides input and response: this request's language, form messages, links to this page. */
#ifndef TR_PAGE_H
#define TR_PAGE_H

#include "core/problems.h"
#include "web/request.h"

/* L.<key> in the request's language; the key itself when missing (logged). */
const char *tr_L(tr_req *req, const char *key);

/* Marks a field (or the form, with name NULL) as in error with the message
 * L.<key> of the request's language; the form is shown again with it. */
void tr_form_error(tr_req *req, const char *name, const char *key);
/* The same with the message's %s replaced by arg (e.g. the entry in error). */
void tr_form_error_arg(tr_req *req, const char *name, const char *key, const char *arg);
/* The problems a domain function reported, as form messages (and
 * Form.wait_minutes when it said how long to wait). */
void tr_form_problems(tr_req *req, const tr_problems *p);

/* Environment of the current request (CGI variables). */
const char *tr_env(tr_req *req, const char *name);
/* For a domain result that a person can correct - TR_E_INVALID or
 * TR_E_THROTTLED -: shows the problems, sets the status (422, 429) and
 * returns 1: the page shows its form again. 0 for any other result. */
int tr_form_again(tr_req *req, int rc, const tr_problems *p);

/* This request's path inside the portal (REQUEST_URI without the base path). */
const char *tr_portal_uri(tr_req *req);

/* A portal path (templates put Site.base in front) carrying the page's
 * current field values as query string, with changes given as name, value
 * pairs (value NULL drops the field), ended by NULL:
 * tr_self_url(req, "/requests", "page", "2", NULL). */
const char *tr_self_url(tr_req *req, const char *path, ...) __attribute__((sentinel));

/* path with ?notice=key (or &notice=key), replacing a notice it had. */
const char *tr_with_notice(const char *path, const char *key);

/* This page in another language: the request's path and query with lang= replaced. */
const char *tr_lang_url(tr_req *req, const char *lang);

#endif
