/* input.h - reading and checking a request's input (library-internal). */
#ifndef TR_INPUT_H
#define TR_INPUT_H

#include "request.h"

/* Checks limits, then reads environment, cookies, query and body into
 * req->hdf through ClearSilver's CGI kit (multipart through our parser).
 * Returns 0 or an HTTP status for the error page. */
int tr_input_read(tr_req *req);
/* Validates the page's declared fields. Returns 0 (soft errors are counted
 * in req->nerrors) or 400/413. */
int tr_input_validate(tr_req *req);
/* Frees the kit's state and removes temporary files not taken. */
void tr_input_end(tr_req *req);

/* Global limits, from the configuration. */
long tr_limit(const char *name);

#endif
