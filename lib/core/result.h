/* result.h - the result codes library functions return: 0, or one of these.
 *
 * Domain functions pass a database result through unchanged (a deadlock must
 * reach the transaction helper, which retries it; a lost server must reach
 * the page as 503), and say what was wrong with the input with the TR_E_*
 * codes. One function maps them all to an HTTP status: tr_http_status()
 * (web/response.h). */
#ifndef TR_RESULT_H
#define TR_RESULT_H

enum tr_result {
	TR_OK = 0,
	/* the database (db/db.h) */
	TR_DB_ERR = -1,        /* any other failure, logged                        -> 500 */
	TR_DB_DUP = -2,        /* duplicate key (a constraint)                     -> 409 */
	TR_DB_RETRY = -3,      /* deadlock or lock wait timeout: retry the transaction -> 503 after retries */
	TR_DB_DOWN = -4,       /* no connection to the server                      -> 503 */
	TR_DB_SLOW = -5,       /* a statement ran past the page's limit (tr_db_limit_statements) -> 503 */
	/* the request */
	TR_E_INVALID = -10,    /* the input breaks a rule; tr_problems say which   -> 422 */
	TR_E_THROTTLED = -11,  /* too many attempts; tr_problems.wait_s says how long -> 429 */
	TR_E_NOT_FOUND = -12,  /* no such thing (or not for this user)             -> 404 */
	TR_E_GONE = -13,       /* a link that was used or expired                  -> 410 */
	TR_E_CONFLICT = -14,   /* not in this state (solved already, changed meanwhile) -> 409 */
	TR_E_FORBIDDEN = -15,  /* seen, but not allowed                            -> 403 */
	TR_E_BAD_INPUT = -16,  /* input no form of ours sends                      -> 400 */
	TR_E_TOO_LARGE = -17,  /* over a size limit                                -> 413 */
};

/* 1 for the codes that mean the database could not do it (not the input). */
static inline int tr_result_is_db(int rc)
{
	return rc <= TR_DB_ERR && rc >= TR_DB_SLOW;
}

#endif
