/* db.h - the worker's MariaDB connection: prepared statements, transactions, reconnect.
 *
 * One connection per process, opened on first use and kept across requests.
 * Statements are prepared once and cached by their SQL text. A lost connection
 * (server restart, wait_timeout) is reopened and the statements re-prepared;
 * a read outside a transaction is retried once, anything else fails cleanly. */
#ifndef TR_DB_H
#define TR_DB_H

#include <stddef.h>
#include <stdint.h>

#include "core/util.h"     /* tr_buf */
#include "core/result.h"   /* TR_DB_ERR, TR_DB_DUP, TR_DB_RETRY, TR_DB_DOWN, TR_DB_SLOW */

typedef struct tr_q tr_q;

int tr_db_connect(void);
void tr_db_disconnect(void);
/* From the next connection on, the server stops any statement that runs longer than seconds
 * (0: no limit) and it fails with TR_DB_SLOW. For the page workers: a search that would read
 * for minutes answers at once and frees its worker, instead of holding it (and a MariaDB
 * thread) until mod_fcgid gives up on the request. */
void tr_db_limit_statements(long seconds);
/* 1 while a transaction is open. */
int tr_db_in_tx(void);

int tr_db_begin(void);
int tr_db_commit(void);
void tr_db_rollback(void);

/* Runs fn(ctx) in a transaction, retrying it (up to 8 times, after a short
 * random pause) when the server reports a deadlock or a lock wait timeout.
 * fn returns 0 to commit or an error to roll back; it must pass the
 * database's code through (TR_DB_RETRY above all) for the retry to happen,
 * and may run again from the start. */
int tr_db_tx(int (*fn)(void *ctx), void *ctx);

/* A query on the current pool: bind parameters in order, execute, fetch rows.
 * Text results stay valid until the next tr_q_next or tr_q_end. */
tr_q *tr_q_new(const char *sql);
void tr_q_i64(tr_q *q, int64_t v);
void tr_q_str(tr_q *q, const char *s);           /* NULL binds SQL NULL */
void tr_q_strn(tr_q *q, const char *s, size_t n);
void tr_q_blob(tr_q *q, const void *data, size_t n);   /* bytes, no character set */
void tr_q_null(tr_q *q);
int tr_q_exec(tr_q *q);                          /* 0 or TR_DB_* */
int tr_q_next(tr_q *q);                          /* 1 row, 0 done, <0 error */
const char *tr_q_s(tr_q *q, int col);            /* NULL for SQL NULL */
size_t tr_q_len(tr_q *q, int col);
char *tr_q_dup(tr_q *q, int col);                /* pool copy, NULL for NULL */
int64_t tr_q_l(tr_q *q, int col);                /* 0 for NULL */
int tr_q_isnull(tr_q *q, int col);
int tr_q_ncols(tr_q *q);
const char *tr_q_colname(tr_q *q, int col);
uint64_t tr_q_affected(tr_q *q);
int64_t tr_q_insert_id(tr_q *q);
void tr_q_end(tr_q *q);
/* For an INSERT: executes and ends q; the new row's id, or the result code. */
int64_t tr_q_insert(tr_q *q);

/* One-shot statement without result rows. types: 'l' int64_t, 'i' int,
 * 's' const char * (NULL ok). Returns affected rows (>= 0) or TR_DB_*. */
int64_t tr_db_run(const char *sql, const char *types, ...);
/* One-shot query for a single integer (first column of the first row);
 * returns 1 found, 0 no row, <0 error. */
int tr_db_int(int64_t *out, const char *sql, const char *types, ...);
/* One-shot query for one large binary value (first column of the first
 * row), with parameters key (text) and n (integer), copied into out in
 * pieces: nothing else holds the value (for file chunks). 1 found, 0 no
 * row, <0 error. */
int tr_db_blob(tr_buf *out, const char *sql, const char *key, int64_t n);
/* Last insert id of the connection. */
int64_t tr_db_insert_id(void);

/* Called by the serve loop after each request: ends queries the page left
 * open and rolls back a transaction it did not finish. */
void tr_db_request_done(void);

/* Checking mode for tools and tests: every SELECT is first EXPLAINed; a full
 * table or index scan of a data table is logged and counted. */
void tr_db_explain(int on);
int tr_db_full_scans(void);

/* Runs SQL text with several statements (migrations). 0 or -1. */
int tr_db_exec_script(const char *sql, size_t len);

/* s with LIKE's wildcards and escape character escaped, for a LIKE pattern (pool memory). */
const char *tr_like_escape(const char *s);

#endif
