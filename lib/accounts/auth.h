/* auth.h - checking an e-mail address and password, throttled per account and per client address (R-ACC 5, 6). */
#ifndef TR_AUTH_H
#define TR_AUTH_H

#include <stdint.h>

/* 0 and *user_id when the password is right (the page then starts the
 * session); TR_E_INVALID for an unknown address or a wrong password alike
 * (one answer for both, in the same time); TR_E_THROTTLED after too many
 * failures (*wait_s says how long); or the database's code. */
int tr_auth_password(const char *email, const char *password, const char *remote_addr, int64_t *user_id,
		     int *wait_s);

#endif
