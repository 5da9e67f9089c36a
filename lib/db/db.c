/* db.c - the worker's MariaDB connection: prepared statements, transactions, reconnect. */
#include "db/db.h"
#include "core/config.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/util.h"

#include <mysql.h>
#include <sodium.h>
#include <time.h>
#include <mysqld_error.h>
#include <errmsg.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#define MAX_PARAMS 96
#define CACHE_MAX 384
#define TX_ATTEMPTS 8

typedef struct cached {
	char *sql;
	unsigned hash;
	MYSQL_STMT *st;
	int busy;
} cached;

struct tr_q {
	struct tr_q *next_active;
	const char *sql;
	cached *c;               /* cache slot, or NULL for a private statement */
	MYSQL_STMT *st;
	unsigned gen;            /* connection generation the statement belongs to */
	int np, overflow;
	int ncols;
	MYSQL_RES *meta;
	MYSQL_BIND *res;
	unsigned long *rlen;
	my_bool *rnull, *rerr;
	char **rbuf;
	MYSQL_TIME **rtime;      /* per column: a date or time fetched natively (formatted here), or NULL */
	unsigned *rdec;          /* its fractional digits */
	uint64_t affected;
	int64_t insert_id;
	int stored;
	int listed;              /* on the active list */
	/* last, and not cleared by tr_q_new: next_param clears each bind it hands out
	 * (clearing all 96 cost more than most statements' other client work) */
	MYSQL_BIND params[MAX_PARAMS];
	unsigned long plen[MAX_PARAMS];
	long long pint[MAX_PARAMS];
};

static MYSQL *conn;
static int explain_on;           /* EXPLAIN every SELECT first and report full scans */
static int full_scans;
static unsigned generation = 1;
static int in_tx;
static cached cache[CACHE_MAX];
static int ncache;
static tr_q *active;             /* queries not yet ended, closed at request end */

static int is_conn_error(unsigned e)
{
	return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST || e == ER_UNKNOWN_STMT_HANDLER ||
	       e == CR_SERVER_LOST_EXTENDED || e == CR_CONNECTION_ERROR || e == CR_CONN_HOST_ERROR ||
	       e == ER_CONNECTION_KILLED || e == ER_SERVER_SHUTDOWN ||
	       e == 4031 /* ER_CLIENT_INTERACTION_TIMEOUT */;
}

static int map_error(unsigned e)
{
	if (e == ER_DUP_ENTRY || e == ER_DUP_KEY)
		return TR_DB_DUP;
	if (e == ER_LOCK_DEADLOCK || e == ER_LOCK_WAIT_TIMEOUT)
		return TR_DB_RETRY;
	if (is_conn_error(e))
		return TR_DB_DOWN;
	if (e == ER_STATEMENT_TIMEOUT)
		return TR_DB_SLOW;
	return TR_DB_ERR;
}

static void drop_cache(void)
{
	for (int i = 0; i < ncache; i++) {
		if (cache[i].st)
			mysql_stmt_close(cache[i].st);
		free(cache[i].sql);
	}
	ncache = 0;
}

void tr_db_disconnect(void)
{
	drop_cache();
	if (conn)
		mysql_close(conn);
	conn = NULL;
	in_tx = 0;
	generation++;
}

/* Database.nodes = "host:port, host:port, ...": the nodes of a Galera cluster
 * (or any set of servers holding the same data). A worker stays with the node
 * it reached; when that connection is lost it tries the next ones in turn,
 * so the hosts carry on while a node is down. */
static int node_at;
static long statement_seconds;

void tr_db_limit_statements(long seconds)
{
	statement_seconds = seconds > 0 ? seconds : 0;
}

static void set_options(void)
{
	unsigned timeout = 5;
	my_bool off = 0;
	char init[320];
	mysql_options(conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(conn, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(conn, MYSQL_OPT_RECONNECT, &off);
	/* UTC everywhere; strict mode so bad data is an error, not a warning. */
	snprintf(init, sizeof(init),
		 "SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,"
		 "NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION', max_statement_time = %ld",
		 statement_seconds);
	mysql_options(conn, MYSQL_INIT_COMMAND, init);
}

static int connect_nodes(const char *nodes)
{
	char list[1024];
	snprintf(list, sizeof(list), "%s", nodes);
	char *entry[16];
	int n = 0;
	for (char *save = NULL, *t = strtok_r(list, ", ", &save); t && n < 16; t = strtok_r(NULL, ", ", &save))
		entry[n++] = t;
	if (n == 0)
		return TR_DB_DOWN;
	for (int tried = 0; tried < n; tried++) {
		int i = (node_at + tried) % n;
		char host[256];
		snprintf(host, sizeof(host), "%s", entry[i]);
		unsigned port = 3306;
		char *colon = strrchr(host, ':');
		if (colon) {
			*colon = '\0';
			port = (unsigned)atoi(colon + 1);
		}
		if (!conn) {
			conn = mysql_init(NULL);
			if (!conn)
				return TR_DB_DOWN;
			set_options();
		}
		if (mysql_real_connect(conn, host, tr_cfg("Database.user", "tresen"), tr_cfg("Database.password", ""),
				       tr_cfg("Database.name", "tresen"), port, NULL, 0)) {
			if (i != node_at || tried)
				tr_info("database: connected to node %s:%u", host, port);
			node_at = i;
			return 0;
		}
		tr_warn("database node %s:%u: %s", host, port, mysql_error(conn));
		mysql_close(conn);
		conn = NULL;
	}
	tr_error("database connect failed: no node of Database.nodes answered");
	return TR_DB_DOWN;
}

int tr_db_connect(void)
{
	if (conn)
		return 0;
	conn = mysql_init(NULL);
	if (!conn) {
		tr_error("mysql_init failed");
		return TR_DB_DOWN;
	}
	set_options();
	const char *nodes = tr_cfg("Database.nodes", "");
	if (*nodes) {
		int rc = connect_nodes(nodes);
		if (rc == 0)
			generation++;
		return rc;
	}
	const char *socket = tr_cfg("Database.socket", NULL);
	if (socket && !*socket)
		socket = NULL;
	if (!mysql_real_connect(conn, tr_cfg("Database.host", "localhost"),
				tr_cfg("Database.user", "tresen"), tr_cfg("Database.password", ""),
				tr_cfg("Database.name", "tresen"),
				(unsigned)tr_cfg_int("Database.port", 3306), socket, 0)) {
		tr_error("database connect failed: %s", mysql_error(conn));
		mysql_close(conn);
		conn = NULL;
		return TR_DB_DOWN;
	}
	generation++;
	return 0;
}

int tr_db_in_tx(void)
{
	return in_tx;
}

static void lost_connection(void)
{
	tr_warn("database connection lost; reconnecting on next use");
	/* The statements of in-flight queries die with the connection. */
	for (tr_q *q = active; q; q = q->next_active) {
		q->st = NULL;
		q->c = NULL;
	}
	tr_db_disconnect();
}

static unsigned hash_sql(const char *s)
{
	unsigned h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static MYSQL_STMT *prepare(const char *sql, unsigned *err)
{
	MYSQL_STMT *st = mysql_stmt_init(conn);
	if (!st) {
		*err = mysql_errno(conn);
		return NULL;
	}
	my_bool on = 1;
	mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &on);
	if (mysql_stmt_prepare(st, sql, (unsigned long)strlen(sql))) {
		*err = mysql_stmt_errno(st);
		if (!is_conn_error(*err))
			tr_error("prepare failed: %s [%s]", mysql_stmt_error(st), sql);
		mysql_stmt_close(st);
		return NULL;
	}
	return st;
}

/* Finds or prepares the statement for q->sql. */
static int attach_stmt(tr_q *q, unsigned *err)
{
	unsigned h = hash_sql(q->sql);
	for (int i = 0; i < ncache; i++) {
		cached *c = &cache[i];
		if (c->hash == h && !strcmp(c->sql, q->sql)) {
			if (c->busy) {
				/* The same statement is still being read (nested use):
				 * give this query a private one. */
				q->st = prepare(q->sql, err);
				q->c = NULL;
				return q->st ? 0 : -1;
			}
			c->busy = 1;
			q->c = c;
			q->st = c->st;
			return 0;
		}
	}
	MYSQL_STMT *st = prepare(q->sql, err);
	if (!st)
		return -1;
	if (ncache == CACHE_MAX) {
		/* A full cache means dynamic SQL churn: start over rather than grow. */
		for (int i = 0; i < ncache; i++)
			if (cache[i].busy) {
				q->st = st;
				q->c = NULL;
				return 0;
			}
		drop_cache();
	}
	cached *c = &cache[ncache++];
	c->sql = tr_xstrdup(q->sql);
	c->hash = h;
	c->st = st;
	c->busy = 1;
	q->c = c;
	q->st = st;
	return 0;
}

tr_q *tr_q_new(const char *sql)
{
	tr_q *q = tr_alloc(sizeof(*q));
	memset(q, 0, offsetof(tr_q, params));
	q->sql = sql;
	return q;
}

static MYSQL_BIND *next_param(tr_q *q)
{
	if (q->np >= MAX_PARAMS) {
		q->overflow = 1;
		return NULL;
	}
	MYSQL_BIND *b = &q->params[q->np];
	memset(b, 0, sizeof(*b));
	return b;
}

void tr_q_i64(tr_q *q, int64_t v)
{
	MYSQL_BIND *b = next_param(q);
	if (!b)
		return;
	q->pint[q->np] = v;
	b->buffer_type = MYSQL_TYPE_LONGLONG;
	b->buffer = &q->pint[q->np];
	q->np++;
}

void tr_q_strn(tr_q *q, const char *s, size_t n)
{
	MYSQL_BIND *b = next_param(q);
	if (!b)
		return;
	if (!s) {
		b->buffer_type = MYSQL_TYPE_NULL;
	} else {
		q->plen[q->np] = (unsigned long)n;
		b->buffer_type = MYSQL_TYPE_STRING;
		b->buffer = TR_UNCONST(s);
		b->buffer_length = (unsigned long)n;
		b->length = &q->plen[q->np];
	}
	q->np++;
}

void tr_q_blob(tr_q *q, const void *data, size_t n)
{
	MYSQL_BIND *b = next_param(q);
	if (!b)
		return;
	q->plen[q->np] = (unsigned long)n;
	b->buffer_type = MYSQL_TYPE_BLOB;
	b->buffer = TR_UNCONST(data ? data : "");
	b->buffer_length = (unsigned long)n;
	b->length = &q->plen[q->np];
	q->np++;
}

void tr_q_str(tr_q *q, const char *s)
{
	tr_q_strn(q, s, s ? strlen(s) : 0);
}

void tr_q_null(tr_q *q)
{
	tr_q_strn(q, NULL, 0);
}

static int is_read(const char *sql)
{
	while (*sql == ' ' || *sql == '\n' || *sql == '\t' || *sql == '(')
		sql++;
	return !strncasecmp(sql, "SELECT", 6) || !strncasecmp(sql, "WITH", 4);
}

static void release(tr_q *q)
{
	if (q->st && q->stored)
		mysql_stmt_free_result(q->st);
	q->stored = 0;
	if (q->meta)
		mysql_free_result(q->meta);
	q->meta = NULL;
	if (q->c)
		q->c->busy = 0;
	else if (q->st && q->gen == generation)
		mysql_stmt_close(q->st);
	q->st = NULL;
	q->c = NULL;
	/* unlink from the active list */
	if (q->listed) {
		for (tr_q **p = &active; *p; p = &(*p)->next_active)
			if (*p == q) {
				*p = q->next_active;
				break;
			}
		q->listed = 0;
	}
}

static int is_datetime(enum enum_field_types t)
{
	return t == MYSQL_TYPE_DATETIME || t == MYSQL_TYPE_TIMESTAMP || t == MYSQL_TYPE_DATE;
}

static char *put_digits(char *p, unsigned long v, int width)
{
	for (int k = width - 1; k >= 0; k--, v /= 10)
		p[k] = (char)('0' + v % 10);
	return p + width;
}

/* A date or date-time as the server's text protocol writes it: "2026-12-03", "2026-12-03 08:15:00"
 * and, with fractional digits, "2026-12-03 08:15:00.123456" (as many digits as the column has). */
static unsigned long format_datetime(const MYSQL_TIME *t, enum enum_field_types type, unsigned dec, char *out)
{
	char *p = put_digits(out, t->year, 4);
	*p++ = '-';
	p = put_digits(p, t->month, 2);
	*p++ = '-';
	p = put_digits(p, t->day, 2);
	if (type != MYSQL_TYPE_DATE) {
		*p++ = ' ';
		p = put_digits(p, t->hour, 2);
		*p++ = ':';
		p = put_digits(p, t->minute, 2);
		*p++ = ':';
		p = put_digits(p, t->second, 2);
		if (dec) {
			char frac[6];
			put_digits(frac, t->second_part, 6);
			*p++ = '.';
			memcpy(p, frac, dec);
			p += dec;
		}
	}
	*p = '\0';
	return (unsigned long)(p - out);
}

static int bind_results(tr_q *q)
{
	q->meta = mysql_stmt_result_metadata(q->st);
	if (!q->meta)
		return 0;   /* not a result-producing statement */
	if (mysql_stmt_store_result(q->st)) {
		unsigned e = mysql_stmt_errno(q->st);
		tr_error("store_result failed: %s", mysql_stmt_error(q->st));
		return map_error(e);
	}
	q->stored = 1;
	int n = (int)mysql_num_fields(q->meta);
	q->ncols = n;
	q->res = tr_zalloc(sizeof(MYSQL_BIND) * (size_t)n);
	q->rlen = tr_zalloc(sizeof(unsigned long) * (size_t)n);
	q->rnull = tr_zalloc(sizeof(my_bool) * (size_t)n);
	q->rerr = tr_zalloc(sizeof(my_bool) * (size_t)n);
	q->rbuf = tr_zalloc(sizeof(char *) * (size_t)n);
	q->rtime = tr_zalloc(sizeof(MYSQL_TIME *) * (size_t)n);
	q->rdec = tr_zalloc(sizeof(unsigned) * (size_t)n);
	for (int i = 0; i < n; i++) {
		MYSQL_FIELD *f = mysql_fetch_field_direct(q->meta, (unsigned)i);
		/* max_length is exact for strings after store_result; numbers and
		 * times converted to text need at most a few dozen bytes. */
		unsigned long cap = f->max_length + 1;
		if (cap < 64)
			cap = 64;
		q->rbuf[i] = tr_alloc(cap);
		if (is_datetime(f->type)) {
			/* the client library would print it with sprintf: ~3,000 instructions a value */
			q->rtime[i] = tr_zalloc(sizeof(MYSQL_TIME));
			q->rdec[i] = f->decimals <= 6 ? f->decimals : 0;
			q->res[i].buffer_type = f->type;
			q->res[i].buffer = q->rtime[i];
			q->res[i].buffer_length = sizeof(MYSQL_TIME);
		} else {
			q->res[i].buffer_type = MYSQL_TYPE_STRING;
			q->res[i].buffer = q->rbuf[i];
			q->res[i].buffer_length = cap;
		}
		q->res[i].length = &q->rlen[i];
		q->res[i].is_null = &q->rnull[i];
		q->res[i].error = &q->rerr[i];
	}
	if (mysql_stmt_bind_result(q->st, q->res)) {
		tr_error("bind_result failed: %s", mysql_stmt_error(q->st));
		return TR_DB_ERR;
	}
	return 0;
}

int tr_db_blob(tr_buf *out, const char *sql, const char *key, int64_t n)
{
	tr_buf_reset(out);
	if (!conn && tr_db_connect() < 0)
		return TR_DB_DOWN;
	unsigned err = 0;
	MYSQL_STMT *st = prepare(sql, &err);
	if (!st) {
		if (!is_conn_error(err))
			return TR_DB_ERR;
		lost_connection();
		return TR_DB_DOWN;
	}
	MYSQL_BIND p[2];
	memset(p, 0, sizeof(p));
	unsigned long klen = (unsigned long)strlen(key);
	long long nv = n;
	p[0].buffer_type = MYSQL_TYPE_STRING;
	p[0].buffer = TR_UNCONST(key);
	p[0].buffer_length = klen;
	p[0].length = &klen;
	p[1].buffer_type = MYSQL_TYPE_LONGLONG;
	p[1].buffer = &nv;
	MYSQL_BIND r;
	memset(&r, 0, sizeof(r));
	unsigned long len = 0;
	my_bool isnull = 0;
	r.buffer_type = MYSQL_TYPE_BLOB;
	r.length = &len;
	r.is_null = &isnull;
	int rc = 0;
	if (mysql_stmt_bind_param(st, p) || mysql_stmt_execute(st) || mysql_stmt_bind_result(st, &r)) {
		err = mysql_stmt_errno(st);
		tr_error("blob query failed: %s [%s]", mysql_stmt_error(st), sql);
		rc = is_conn_error(err) ? TR_DB_DOWN : TR_DB_ERR;
	} else {
		int f = mysql_stmt_fetch(st);
		if (f == MYSQL_NO_DATA) {
			rc = 0;
		} else if (f == 1) {
			err = mysql_stmt_errno(st);
			tr_error("blob fetch failed: %s", mysql_stmt_error(st));
			rc = is_conn_error(err) ? TR_DB_DOWN : TR_DB_ERR;
		} else {
			/* the column in pieces into out: nothing but out holds it */
			char piece[65536];
			for (unsigned long off = 0; off < len && rc == 0;) {
				MYSQL_BIND c;
				memset(&c, 0, sizeof(c));
				unsigned long clen = 0;
				c.buffer_type = MYSQL_TYPE_BLOB;
				c.buffer = piece;
				c.buffer_length = sizeof(piece);
				c.length = &clen;
				if (mysql_stmt_fetch_column(st, &c, 0, off)) {
					tr_error("blob fetch failed: %s", mysql_stmt_error(st));
					rc = TR_DB_ERR;
					break;
				}
				unsigned long got = len - off < sizeof(piece) ? len - off : (unsigned long)sizeof(piece);
				tr_buf_add(out, piece, got);
				off += got;
			}
			if (rc == 0)
				rc = 1;
		}
	}
	mysql_stmt_close(st);
	if (rc == TR_DB_DOWN)
		lost_connection();
	return rc;
}

void tr_db_explain(int on)
{
	explain_on = on;
}

int tr_db_full_scans(void)
{
	return full_scans;
}

/* Small configuration tables may be read whole; nothing else may. EXPLAIN
 * names a table by its alias: queries of these tables use none. */
static int may_scan(const char *table)
{
	static const char *const small[] = { "ft_stopwords", "products", "staff_groups", "schema_migrations", "forms",
					     "form_fields", "form_field_options", "form_field_conditions",
					     "macros",              /* saved replies: a few per agent */
					     "hc_sections", NULL }; /* a few dozen: search asks each for a match */
	if (!table || table[0] == '<')
		return 1;       /* derived tables and subqueries are judged by their sources */
	for (int i = 0; small[i]; i++)
		if (!strcmp(table, small[i]))
			return 1;
	return 0;
}

/* An index read in the index's own order that LIMIT cuts short (a page of
 * "every ticket, oldest first"): EXPLAIN says "index" but estimates only the
 * rows up to the page's end, and neither sorts nor collects them. */
static int ordered_read(tr_q *e)
{
	const char *rows = tr_q_s(e, 8), *extra = tr_q_s(e, 9);
	int64_t n;
	if (!rows || tr_parse_i64(rows, &n) < 0)
		return 0;
	return n <= 1100 && (!extra || (!strstr(extra, "filesort") && !strstr(extra, "temporary")));
}

static void explain(tr_q *q)
{
	tr_q *e = tr_q_new(tr_fmt("EXPLAIN %s", q->sql));
	e->np = q->np;
	memcpy(e->params, q->params, sizeof(q->params));   /* the binds point into q, which lives on */
	if (tr_q_exec(e) < 0)
		return;
	while (tr_q_next(e) > 0) {
		const char *table = tr_q_s(e, 2), *type = tr_q_s(e, 3), *extra = tr_q_s(e, 9);
		/* a table function (JSON_TABLE: a list of ids written into the statement) is no data table */
		int function = extra && strstr(extra, "Table function");
		if (type && (!strcmp(type, "ALL") || (!strcmp(type, "index") && !ordered_read(e))) && !may_scan(table) &&
		    !function) {
			full_scans++;
			tr_error("FULL SCAN (%s) of %s: %s", type, table, q->sql);
		} else {
			tr_info("plan: %s %s key=%s rows=%s %s", table ? table : "-", type ? type : "-",
				tr_q_s(e, 5) ? tr_q_s(e, 5) : "-", tr_q_s(e, 8) ? tr_q_s(e, 8) : "-",
				tr_q_s(e, 9) ? tr_q_s(e, 9) : "");
		}
	}
	tr_q_end(e);
}

int tr_q_exec(tr_q *q)
{
	if (explain_on && is_read(q->sql))
		explain(q);
	if (q->overflow) {
		tr_error("too many parameters for [%s]", q->sql);
		return TR_DB_ERR;
	}
	for (int attempt = 0; attempt < 2; attempt++) {
		unsigned e = 0;
		int retry_ok = attempt == 0 && !in_tx;
		if (tr_db_connect() < 0)
			return TR_DB_DOWN;
		if (!q->st) {
			if (attach_stmt(q, &e) < 0) {
				if (is_conn_error(e)) {
					lost_connection();
					if (retry_ok)
						continue;
					return TR_DB_DOWN;
				}
				return TR_DB_ERR;
			}
			q->gen = generation;
			if (!q->listed) {
				q->next_active = active;
				active = q;
				q->listed = 1;
			}
		}
		if (mysql_stmt_param_count(q->st) != (unsigned long)q->np) {
			tr_error("statement wants %lu parameters, got %d [%s]",
				 mysql_stmt_param_count(q->st), q->np, q->sql);
			release(q);
			return TR_DB_ERR;
		}
		if (q->np && mysql_stmt_bind_param(q->st, q->params)) {
			tr_error("bind_param failed: %s", mysql_stmt_error(q->st));
			release(q);
			return TR_DB_ERR;
		}
		if (mysql_stmt_execute(q->st)) {
			e = mysql_stmt_errno(q->st);
			if (is_conn_error(e)) {
				int was_tx = in_tx;
				lost_connection();
				/* Only a read outside a transaction is safe to repeat. */
				if (retry_ok && !was_tx && is_read(q->sql))
					continue;
				return TR_DB_DOWN;
			}
			int rc = map_error(e);
			if (rc == TR_DB_SLOW)
				tr_warn("statement stopped after %ld s [%s]", statement_seconds, q->sql);
			else if (rc != TR_DB_DUP)
				tr_error("execute failed (%u): %s [%s]", e, mysql_stmt_error(q->st), q->sql);
			release(q);
			return rc;
		}
		q->affected = mysql_stmt_affected_rows(q->st);
		q->insert_id = (int64_t)mysql_stmt_insert_id(q->st);
		int rc = bind_results(q);
		if (rc < 0)
			release(q);
		return rc;
	}
	return TR_DB_DOWN;
}

int tr_q_next(tr_q *q)
{
	if (!q->st || !q->stored || q->gen != generation)
		return 0;
	int rc = mysql_stmt_fetch(q->st);
	if (rc == MYSQL_NO_DATA)
		return 0;
	if (rc == 1) {
		tr_error("fetch failed: %s", mysql_stmt_error(q->st));
		return TR_DB_ERR;
	}
	for (int i = 0; i < q->ncols; i++) {
		if (q->rnull[i])
			continue;
		if (q->rtime[i]) {
			q->rlen[i] = format_datetime(q->rtime[i], q->res[i].buffer_type, q->rdec[i], q->rbuf[i]);
			continue;
		}
		if (q->rlen[i] >= q->res[i].buffer_length) {
			/* Truncated: grow the buffer and fetch this column again. */
			unsigned long cap = q->rlen[i] + 1;
			q->rbuf[i] = tr_alloc(cap);
			q->res[i].buffer = q->rbuf[i];
			q->res[i].buffer_length = cap;
			if (mysql_stmt_fetch_column(q->st, &q->res[i], (unsigned)i, 0)) {
				tr_error("fetch_column failed: %s", mysql_stmt_error(q->st));
				return TR_DB_ERR;
			}
			mysql_stmt_bind_result(q->st, q->res);
		}
		q->rbuf[i][q->rlen[i]] = '\0';
	}
	return 1;
}

const char *tr_q_s(tr_q *q, int col)
{
	if (col < 0 || col >= q->ncols || q->rnull[col])
		return NULL;
	return q->rbuf[col];
}

size_t tr_q_len(tr_q *q, int col)
{
	if (col < 0 || col >= q->ncols || q->rnull[col])
		return 0;
	return q->rlen[col];
}

char *tr_q_dup(tr_q *q, int col)
{
	const char *s = tr_q_s(q, col);
	return s ? tr_strndup(s, q->rlen[col]) : NULL;
}

int64_t tr_q_l(tr_q *q, int col)
{
	const char *s = tr_q_s(q, col);
	int64_t v = 0;
	if (s && tr_parse_i64(s, &v) < 0)
		v = 0;
	return v;
}

int tr_q_isnull(tr_q *q, int col)
{
	return col < 0 || col >= q->ncols || q->rnull[col];
}

int tr_q_ncols(tr_q *q)
{
	return q->ncols;
}

const char *tr_q_colname(tr_q *q, int col)
{
	if (!q->meta || col < 0 || col >= q->ncols)
		return NULL;
	return mysql_fetch_field_direct(q->meta, (unsigned)col)->name;
}

uint64_t tr_q_affected(tr_q *q)
{
	return q->affected;
}

int64_t tr_q_insert_id(tr_q *q)
{
	return q->insert_id;
}

void tr_q_end(tr_q *q)
{
	if (q)
		release(q);
}

int64_t tr_q_insert(tr_q *q)
{
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int64_t id = q->insert_id;
	tr_q_end(q);
	return id;
}

void tr_db_request_done(void)
{
	while (active) {
		tr_warn("query not ended: %.80s", active->sql);
		release(active);
	}
	if (in_tx) {
		tr_warn("transaction left open by the page; rolling back");
		tr_db_rollback();
	}
}

static int simple(const char *sql)
{
	if (tr_db_connect() < 0)
		return TR_DB_DOWN;
	if (mysql_real_query(conn, sql, (unsigned long)strlen(sql))) {
		unsigned e = mysql_errno(conn);
		tr_error("%s failed: %s", sql, mysql_error(conn));
		if (is_conn_error(e))
			lost_connection();
		return map_error(e);
	}
	return 0;
}

int tr_db_begin(void)
{
	if (in_tx) {
		tr_error("nested transaction");
		return TR_DB_ERR;
	}
	int rc = simple("START TRANSACTION");
	if (rc == TR_DB_DOWN)
		rc = simple("START TRANSACTION");  /* nothing was done yet: safe to repeat */
	if (rc == 0)
		in_tx = 1;
	return rc;
}

int tr_db_commit(void)
{
	if (!in_tx)
		return TR_DB_ERR;
	int rc = simple("COMMIT");
	in_tx = 0;
	return rc;
}

void tr_db_rollback(void)
{
	if (!in_tx)
		return;
	in_tx = 0;
	if (conn && mysql_real_query(conn, "ROLLBACK", 8)) {
		if (is_conn_error(mysql_errno(conn)))
			lost_connection();
	}
}

/* Deadlocks come in bursts when many writers meet on one row: each retry
 * waits a random while that grows (1-4 ms, 2-8 ms, ...), so the writers
 * that collided do not collide again in step. */
static void retry_pause(int attempt)
{
	unsigned ms = (1u << attempt) + randombytes_uniform(3u << attempt);
	struct timespec ts = { 0, (long)ms * 1000000L };
	nanosleep(&ts, NULL);
}

int tr_db_tx(int (*fn)(void *ctx), void *ctx)
{
	int rc = TR_DB_ERR;
	for (int attempt = 0; attempt < TX_ATTEMPTS; attempt++) {
		if (attempt)
			retry_pause(attempt);
		rc = tr_db_begin();
		if (rc < 0)
			return rc;
		rc = fn(ctx);
		if (rc == 0)
			rc = tr_db_commit();
		else
			tr_db_rollback();
		if (rc != TR_DB_RETRY)
			return rc;
		tr_info("transaction deadlocked (attempt %d); retrying", attempt + 1);
	}
	tr_warn("transaction still deadlocked after %d attempts", TX_ATTEMPTS);
	return rc;
}

static tr_q *bind_va(const char *sql, const char *types, va_list ap)
{
	tr_q *q = tr_q_new(sql);
	for (const char *t = types; t && *t; t++) {
		switch (*t) {
		case 'l': tr_q_i64(q, va_arg(ap, int64_t)); break;
		case 'i': tr_q_i64(q, va_arg(ap, int)); break;
		case 's': tr_q_str(q, va_arg(ap, const char *)); break;
		default:
			tr_error("bad parameter type '%c'", *t);
			q->overflow = 1;
		}
	}
	return q;
}

int64_t tr_db_run(const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	tr_q *q = bind_va(sql, types, ap);
	va_end(ap);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int64_t n = (int64_t)q->affected;
	tr_q_end(q);
	return n;
}

int tr_db_int(int64_t *out, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	tr_q *q = bind_va(sql, types, ap);
	va_end(ap);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	rc = tr_q_next(q);
	if (rc > 0)
		*out = tr_q_l(q, 0);
	tr_q_end(q);
	return rc;
}

int64_t tr_db_insert_id(void)
{
	return conn ? (int64_t)mysql_insert_id(conn) : 0;
}

int tr_db_exec_script(const char *sql, size_t len)
{
	if (tr_db_connect() < 0)
		return -1;
	mysql_set_server_option(conn, MYSQL_OPTION_MULTI_STATEMENTS_ON);
	int rc = 0;
	if (mysql_real_query(conn, sql, (unsigned long)len)) {
		tr_error("script failed: %s", mysql_error(conn));
		rc = -1;
	} else {
		int status;
		do {
			MYSQL_RES *r = mysql_store_result(conn);
			if (r)
				mysql_free_result(r);
			status = mysql_next_result(conn);
			if (status > 0) {
				tr_error("script failed: %s", mysql_error(conn));
				rc = -1;
			}
		} while (status == 0);
	}
	mysql_set_server_option(conn, MYSQL_OPTION_MULTI_STATEMENTS_OFF);
	return rc;
}

const char *tr_like_escape(const char *s)
{
	char *out = tr_alloc(2 * strlen(s) + 1), *o = out;
	for (; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			*o++ = '\\';
		*o++ = *s;
	}
	*o = '\0';
	return out;
}
