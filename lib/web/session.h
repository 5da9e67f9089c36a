/* session.h - the request's sign-in session (random token in a cookie, only its hash stored) and CSRF tokens.
 * The table's other uses (ending a user's sessions, the purge) are in accounts/sessions.h. */
#ifndef TR_SESSION_H
#define TR_SESSION_H

#include <stdint.h>
#include "web/request.h"

#define TR_SESSION_COOKIE "tresen_sid"
#define TR_ANON_COOKIE "tresen_anon"
#define TR_LANG_COOKIE "tresen_lang"

/* Loads the signed-in user (req->user) from the session cookie, refreshes its
 * idle time, and sets req->csrf. 0, or <0 when the database is unreachable. */
int tr_session_load(tr_req *req);
/* Signs user_id in with a fresh token (the previous session, if any, ends). */
int tr_session_start(tr_req *req, int64_t user_id);
/* Signs out: deletes the session and its cookie. */
void tr_session_end(tr_req *req);
/* (CSRF tokens as forms carry and return them: web/csrf.h.) */

#endif
