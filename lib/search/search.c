/* search.c - the words of ticket search documents and queries, prefixed by who may find them. */
#include "search/search.h"
#include "db/db.h"
#include "core/pool.h"

#include <string.h>
#include <strings.h>

/* Decodes one UTF-8 character; returns its length (0 at the end, 1 for a bad byte). */
static size_t next_char(const unsigned char *s, unsigned *cp)
{
	if (!*s)
		return 0;
	if (*s < 0x80) {
		*cp = *s;
		return 1;
	}
	size_t len = (*s & 0xE0) == 0xC0 ? 2 : (*s & 0xF0) == 0xE0 ? 3 : (*s & 0xF8) == 0xF0 ? 4 : 0;
	if (!len) {
		*cp = 0xFFFD;
		return 1;
	}
	unsigned c = *s & (0x7F >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	*cp = c;
	return len;
}

static int word_char(unsigned c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
	return c >= 0xC0 && c <= 0x1FFF && c != 0xD7 && c != 0xF7;
}

void tr_search_words(const char *text, void (*fn)(void *ctx, const char *w, size_t n), void *ctx)
{
	const unsigned char *p = (const unsigned char *)(text ? text : "");
	const unsigned char *start = NULL;
	for (;;) {
		unsigned cp = 0;
		size_t len = next_char(p, &cp);
		int in_word = len && word_char(cp);
		if (in_word && !start)
			start = p;
		if (!in_word && start) {
			fn(ctx, (const char *)start, (size_t)(p - start));
			start = NULL;
		}
		if (!len)
			break;
		p += len;
	}
}

static int is_stopword(const char *w, size_t n, const char *const *stop)
{
	for (int i = 0; stop && stop[i]; i++)
		if (strlen(stop[i]) == n && !strncasecmp(stop[i], w, n))
			return 1;
	return 0;
}

/* Only words InnoDB will index: two characters at least, the whole token within 84. */
static int usable(const char *w, size_t n, size_t prefix_len, const char *const *stop)
{
	return tr_utf8_len(w, n) >= 2 && tr_utf8_len(w, n) + prefix_len <= 84 && !is_stopword(w, n, stop);
}

typedef struct doc_ctx {
	tr_buf *doc;
	const char *const *prefixes;
	int nprefixes;
	const char *const *stop;
} doc_ctx;

static void add_word(void *ctx, const char *w, size_t n)
{
	doc_ctx *d = ctx;
	for (int i = 0; i < d->nprefixes; i++) {
		if (!usable(w, n, strlen(d->prefixes[i]), d->stop))
			return;
		tr_buf_adds(d->doc, d->prefixes[i]);
		tr_buf_add(d->doc, w, n);
		tr_buf_addc(d->doc, ' ');
	}
}

void tr_search_doc_add(tr_buf *doc, const char *text, const char *const *prefixes, int nprefixes,
		       const char *const *stopwords)
{
	doc_ctx d = { doc, prefixes, nprefixes, stopwords };
	tr_search_words(text, add_word, &d);
	tr_buf_addc(doc, '\n');
}

typedef struct term_ctx {
	tr_buf *out;
	const char *prefix;
	const char *const *stop;
	int n;
} term_ctx;

static void add_term(void *ctx, const char *w, size_t n)
{
	term_ctx *t = ctx;
	if (t->n >= TR_SEARCH_MAX_TERMS || !usable(w, n, strlen(t->prefix), t->stop))
		return;
	tr_buf_printf(t->out, "%s+%s%.*s*", t->n ? " " : "", t->prefix, (int)n, w);
	t->n++;
}

const char *tr_search_terms(const char *typed, const char *prefix, const char *const *stopwords)
{
	tr_buf out;
	tr_buf_init(&out);
	term_ctx t = { &out, prefix ? prefix : "", stopwords, 0 };
	tr_search_words(typed, add_term, &t);
	const char *r = t.n ? tr_strdup(out.data) : NULL;
	tr_buf_free(&out);
	return r;
}

const char *const *tr_search_stopwords(void)
{
	static char **words;
	if (words)
		return (const char *const *)words;
	tr_q *q = tr_q_new("SELECT value FROM ft_stopwords");
	if (tr_q_exec(q) < 0)
		return NULL;
	char **w = tr_xcalloc(512, sizeof(char *));
	int n = 0;
	while (tr_q_next(q) > 0 && n < 511)
		w[n++] = tr_xstrdup(tr_q_s(q, 0));
	tr_q_end(q);
	words = w;
	return (const char *const *)words;
}
