/* session.h - sign-in sessions (random token in a cookie, only its hash stored) and CSRF tokens. */
#ifndef TR_SESSION_H
#define TR_SESSION_H

#include <stdint.h>
#include "request.h"

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
/* Ends all sessions of a user except keep_id (0: all). */
int tr_session_end_user(int64_t user_id, int64_t keep_id);

/* 1 when token is this request's CSRF token (constant-time). */
int tr_csrf_ok(tr_req *req, const char *token);

/* A new random 256-bit token (base64url, 43 chars) and its SHA-256 hex hash. */
void tr_token_new(char token[44], char hash[65]);
/* SHA-256 hex of a token as received; -1 when it is not a well-formed token. */
int tr_token_hash(const char *token, char hash[65]);

#endif
