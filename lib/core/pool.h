/* pool.h - the per-request memory arena: everything a request allocates is freed in one go.
 *
 * Long-lived workers must not leak; instead of freeing each object, request
 * code allocates from the current pool and the serve loop resets it after the
 * response. Cron programs reset it after each unit of work. */
#ifndef TR_POOL_H
#define TR_POOL_H

#include <stddef.h>
#include <stdarg.h>
#include <stdint.h>

/* Memory from the current pool; never NULL; aligned for any type. */
void *tr_alloc(size_t n);
void *tr_zalloc(size_t n);
char *tr_strdup(const char *s);
char *tr_strndup(const char *s, size_t n);
/* v in decimal, in the pool */
char *tr_int_str(int64_t v);
char *tr_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *tr_vfmt(const char *fmt, va_list ap);
/* Room for element n of the pool array v of *cap elements of elem bytes: v itself while n < *cap,
 * else a copy of twice the size (zeroed past the old end; *cap doubled). For lists read row by row. */
void *tr_pool_grow(void *v, size_t elem, int n, int *cap);

/* Frees everything allocated since the last reset (keeps one block for reuse). */
void tr_pool_reset(void);
/* Bytes handed out since the last reset, for logs and tests. */
size_t tr_pool_used(void);

#endif
