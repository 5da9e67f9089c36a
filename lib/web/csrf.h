/* csrf.h - the request's CSRF token (set by web/session.c) as responses carry it and forms return it. */
#ifndef TR_CSRF_H
#define TR_CSRF_H

#include "web/request.h"

/* The request's CSRF token as this response's forms carry it: masked with fresh random bytes
 * (pool memory; NULL without a token). */
const char *tr_csrf_masked(const tr_req *req);
/* 1 when token is a masked form of this request's CSRF token (constant-time). */
int tr_csrf_ok(tr_req *req, const char *token);

#endif
