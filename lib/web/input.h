/* input.h - a request's input: reading and checking it (for the loop), and the handlers' accessors. */
#ifndef TR_INPUT_H
#define TR_INPUT_H

#include "web/request.h"

/* ---- for the serve loop ---- */

/* Checks the limits, reads the cookies (Cookie.*) and the query string (Query.*)
 * into a new req->hdf. 0 or an HTTP status. */
int tr_input_head(tr_req *req);
/* Reads a POST body (after the session and the access check): urlencoded
 * (UTF-8 only), or multipart for pages that take uploads - where no file is
 * written before the form's CSRF token arrived and matched (403). The text
 * of a body is bounded by Limits.form_bytes in all. 0 or an HTTP status. */
int tr_input_body(tr_req *req);
/* Validates the page's declared fields. Returns 0 (soft errors are counted
 * in req->nerrors) or 400/413. */
int tr_input_validate(tr_req *req);
/* Frees the kit's state and removes temporary files not taken. */
void tr_input_end(tr_req *req);

/* Global limits, from the configuration (Limits.<name>). */
long tr_limit(const char *name);
/* 1 when a parameter name is one we read at all: printable ASCII without
 * spaces, no empty component between dots (names become HDF paths). */
int tr_param_name_ok(const char *s, size_t n);
/* 1 for a declared prefix ("field_*"). */
int tr_field_is_prefix(const tr_field *f);

/* ---- for handlers: input after validation ---- */

/* tr_arg returns NULL when absent or in error. */
const char *tr_arg(tr_req *req, const char *name);
int64_t tr_arg_int(tr_req *req, const char *name, int64_t def);
int tr_arg_bool(tr_req *req, const char *name);
int tr_arg_list(tr_req *req, const char *name, const char ***vals);
/* 1 when the field has an error message. */
int tr_arg_error(tr_req *req, const char *name);
/* The id a clean URL carries (/requests/123 reaches the program as PATH_INFO
 * "/123"); 0 when there is none or it is no positive number. */
int64_t tr_path_id(tr_req *req);
/* Uploads of a field, in the order sent (a list of copies, chained by next). */
tr_upload *tr_uploads(tr_req *req, const char *field);

/* Validates fields known only at run time (a form held as data) by the same
 * rules as declared ones; their values join the request's (tr_arg works for
 * them) and show in Form.*. The page declares "<prefix>*" so the parameters
 * are read at all; one with that prefix that none of the fields names is
 * input no form sends. fields must live until the request ends (pool).
 * Returns 0 (soft errors counted in req->nerrors) or 400/413. */
int tr_validate_more(tr_req *req, const tr_field *fields, int n, const char *prefix);

#endif
