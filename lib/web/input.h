/* input.h - a request's input: reading and checking it (for the loop), and the handlers' accessors. */
#ifndef TR_INPUT_H
#define TR_INPUT_H

#include "web/request.h"

/* ---- for the serve loop ---- */

/* Checks limits, then reads environment, cookies, query and body into
 * req->hdf through ClearSilver's CGI kit (multipart through our parser).
 * Returns 0 or an HTTP status for the error page. */
int tr_input_read(tr_req *req);
/* Validates the page's declared fields. Returns 0 (soft errors are counted
 * in req->nerrors) or 400/413. */
int tr_input_validate(tr_req *req);
/* Frees the kit's state and removes temporary files not taken. */
void tr_input_end(tr_req *req);

/* Global limits, from the configuration (Limits.<name>). */
long tr_limit(const char *name);

/* ---- for handlers: input after validation ---- */

/* tr_arg returns NULL when absent or in error. */
const char *tr_arg(tr_req *req, const char *name);
int64_t tr_arg_int(tr_req *req, const char *name, int64_t def);
int tr_arg_bool(tr_req *req, const char *name);
int tr_arg_list(tr_req *req, const char *name, const char ***vals);
/* 1 when the field has an error message. */
int tr_arg_error(tr_req *req, const char *name);
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
