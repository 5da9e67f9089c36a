/* qbuild.h - building a query whose text depends on the filters: the SQL and its parameters are
 * written together, in order, so they cannot drift apart. Only our own SQL text goes in; every
 * value is a bound parameter. */
#ifndef TR_QBUILD_H
#define TR_QBUILD_H

#include <stdint.h>

#include "core/util.h"
#include "db/db.h"

#define TR_QB_MAX 96

typedef struct tr_qb {
	tr_buf sql;
	char kind[TR_QB_MAX];
	int64_t num[TR_QB_MAX];
	const char *str[TR_QB_MAX];
	int n, overflow;
} tr_qb;

void tr_qb_init(tr_qb *b);
/* Appends SQL text (our own: never user input). */
void tr_qb_sql(tr_qb *b, const char *sql);
void tr_qb_sqlf(tr_qb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends SQL text with one "?" and its value. */
void tr_qb_num(tr_qb *b, const char *sql, int64_t v);
void tr_qb_str(tr_qb *b, const char *sql, const char *v);
/* A value for a "?" already written. */
void tr_qb_arg_num(tr_qb *b, int64_t v);
void tr_qb_arg_str(tr_qb *b, const char *v);
/* The query, ready to execute (pool memory; b is freed). NULL when more
 * than TR_QB_MAX parameters were given (logged). */
tr_q *tr_qb_query(tr_qb *b);
/* The query built, executed: 0 (*q ready to read) or <0 (*q NULL when it could not be built). */
int tr_qb_exec(tr_qb *b, tr_q **q);

#endif
