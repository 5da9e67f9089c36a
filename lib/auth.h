/* auth.h - signing in with e-mail and password, throttled per account and per client address. */
#ifndef TR_AUTH_H
#define TR_AUTH_H

#include "request.h"

enum tr_login_result {
	TR_LOGIN_OK = 0,
	TR_LOGIN_FAILED,       /* unknown address or wrong password: one answer for both */
	TR_LOGIN_THROTTLED,    /* too many failures: *wait_s says how long */
	TR_LOGIN_ERROR,        /* database trouble */
};

enum tr_login_result tr_login(tr_req *req, const char *email, const char *password, int *wait_s);

/* A local path to continue to after sign-in, or "/" when next is unsafe. */
const char *tr_safe_next(const char *next);

#endif
