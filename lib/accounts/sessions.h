/* sessions.h - the sessions table as accounts see it: how long a session lives, ending a user's sessions, the purge.
 * A request's own session (its cookie, CSRF) is web/session.h. */
#ifndef TR_SESSIONS_H
#define TR_SESSIONS_H

#include <stdint.h>

/* Minutes without a request after which a session ends (Security.session_idle_minutes). */
long tr_session_idle_minutes(void);
/* Ends all sessions of a user except keep_id (0: all). 0 or <0. */
int tr_session_end_user(int64_t user_id, int64_t keep_id);
/* Removes expired and idle sessions (tresen-cleanup). Count or <0. */
int64_t tr_session_purge(void);

/* 1 when Security.staff_2fa requires two-factor sign-in of this user (staff) and it is not on
 * yet: such a session reaches no staff page until it is (R-PROF). */
int tr_session_totp_missing(int64_t user_id, int staff);

#endif
