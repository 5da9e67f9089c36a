/* pool.c - the per-request memory arena (a chain of blocks, bump allocation). */
#include "core/pool.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE (64 * 1024)
#define ALIGN 16

typedef struct block {
	struct block *next;
	size_t size, used;
	/* data follows, aligned */
} block;

#define MAX_SPARES 8

static block *head;       /* block being filled */
/* Standard blocks kept across resets: a steady stream of requests then never
 * frees memory to malloc, and glibc never consolidates its free lists (which
 * a free of 64 KB or more triggers, and which cost ~5% of a worker's time). */
static block *spares[MAX_SPARES];
static int nspares;
static size_t total_used;

static size_t header_size(void)
{
	return (sizeof(block) + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

static block *new_block(size_t min)
{
	size_t size = min > BLOCK_SIZE ? min : BLOCK_SIZE;
	if (!min && nspares) {
		block *b = spares[--nspares];
		b->used = 0;
		b->next = NULL;
		return b;
	}
	block *b = tr_xmalloc(header_size() + size);
	b->size = size;
	b->used = 0;
	b->next = NULL;
	return b;
}

void *tr_alloc(size_t n)
{
	n = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (n == 0)
		n = ALIGN;
	if (!head || head->size - head->used < n) {
		/* Large requests get a block of their own, chained behind the
		 * current one so the current block keeps filling. */
		if (n > BLOCK_SIZE / 4 && head) {
			block *big = new_block(n);
			big->next = head->next;
			head->next = big;
			big->used = n;
			total_used += n;
			return (char *)big + header_size();
		}
		block *b = new_block(n > BLOCK_SIZE ? n : 0);
		b->next = head;
		head = b;
	}
	void *p = (char *)head + header_size() + head->used;
	head->used += n;
	total_used += n;
	return p;
}

void *tr_zalloc(size_t n)
{
	void *p = tr_alloc(n);
	memset(p, 0, n);
	return p;
}

char *tr_strndup(const char *s, size_t n)
{
	char *p = tr_alloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *tr_strdup(const char *s)
{
	return s ? tr_strndup(s, strlen(s)) : NULL;
}

char *tr_vfmt(const char *fmt, va_list ap)
{
	/* One formatting pass for the usual short string; a second only when it
	 * did not fit (formatting twice was a tenth of a list page's cost). */
	char small[256];
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(small, sizeof(small), fmt, cp);
	va_end(cp);
	if (n < 0)
		return tr_strdup("");
	if ((size_t)n < sizeof(small))
		return tr_strndup(small, (size_t)n);
	char *p = tr_alloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *tr_fmt(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = tr_vfmt(fmt, ap);
	va_end(ap);
	return p;
}

char *tr_int_str(int64_t v)
{
	/* decimal by hand: ids and counts fill every list row, and printf costs ten times more */
	char buf[24], *p = buf + sizeof(buf);
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	return tr_strndup(p, (size_t)(buf + sizeof(buf) - p));
}

void *tr_pool_grow(void *v, size_t elem, int n, int *cap)
{
	if (n < *cap)
		return v;
	int more = *cap > 0 ? *cap * 2 : 16;
	void *w = tr_zalloc(elem * (size_t)more);
	if (n > 0)
		memcpy(w, v, elem * (size_t)n);
	*cap = more;
	return w;
}

void tr_pool_reset(void)
{
	block *b = head;
	while (b) {
		block *next = b->next;
		if (nspares < MAX_SPARES && b->size == BLOCK_SIZE)
			spares[nspares++] = b;
		else
			free(b);
		b = next;
	}
	head = NULL;
	total_used = 0;
}

size_t tr_pool_used(void)
{
	return total_used;
}
