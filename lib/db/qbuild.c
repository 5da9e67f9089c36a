/* qbuild.c - building a query whose text depends on the filters: SQL and parameters together. */
#include "db/qbuild.h"
#include "core/log.h"
#include "core/pool.h"

#include <stdarg.h>

void tr_qb_init(tr_qb *b)
{
	tr_buf_init(&b->sql);
	b->n = b->overflow = 0;
}

void tr_qb_sql(tr_qb *b, const char *sql)
{
	tr_buf_adds(&b->sql, sql);
}

void tr_qb_sqlf(tr_qb *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tr_buf_vprintf(&b->sql, fmt, ap);
	va_end(ap);
}

void tr_qb_arg_num(tr_qb *b, int64_t v)
{
	if (b->n == TR_QB_MAX) {
		b->overflow = 1;
		return;
	}
	b->kind[b->n] = 'l';
	b->num[b->n++] = v;
}

void tr_qb_arg_str(tr_qb *b, const char *v)
{
	if (b->n == TR_QB_MAX) {
		b->overflow = 1;
		return;
	}
	b->kind[b->n] = 's';
	b->str[b->n++] = v;
}

void tr_qb_num(tr_qb *b, const char *sql, int64_t v)
{
	tr_qb_sql(b, sql);
	tr_qb_arg_num(b, v);
}

void tr_qb_str(tr_qb *b, const char *sql, const char *v)
{
	tr_qb_sql(b, sql);
	tr_qb_arg_str(b, v);
}

tr_q *tr_qb_query(tr_qb *b)
{
	if (b->overflow) {
		tr_error("query builder: more than %d parameters", TR_QB_MAX);
		tr_buf_free(&b->sql);
		return NULL;
	}
	tr_q *q = tr_q_new(tr_strdup(b->sql.data ? b->sql.data : ""));
	tr_buf_free(&b->sql);
	for (int i = 0; i < b->n; i++) {
		if (b->kind[i] == 'l')
			tr_q_i64(q, b->num[i]);
		else
			tr_q_str(q, b->str[i]);
	}
	return q;
}

int tr_qb_exec(tr_qb *b, tr_q **q)
{
	*q = tr_qb_query(b);
	return *q ? tr_q_exec(*q) : TR_DB_ERR;
}
