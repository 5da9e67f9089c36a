/* search.c - the words of ticket search documents and queries, prefixed by who may find them. */
#include "search/search.h"
#include "db/db.h"
#include "core/pool.h"

#include <stdlib.h>
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

/* ---- documents for the posting lists ---- */

void tr_search_doc_init(tr_search_doc *d)
{
	memset(d, 0, sizeof(*d));
}

void tr_search_doc_free(tr_search_doc *d)
{
	for (int i = 0; i < d->n; i++)
		free(d->words[i]);
	free(d->words);
	free(d->tf);
	memset(d, 0, sizeof(*d));
}

/* A copy of the word with letter case folded: ASCII, and Latin-1's capitals (U+00C0-U+00DE). */
static char *fold(const char *w, size_t n)
{
	char *f = tr_xmalloc(n + 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)w[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		else if (c == 0xC3 && i + 1 < n && (unsigned char)w[i + 1] >= 0x80 && (unsigned char)w[i + 1] <= 0x9E &&
			 (unsigned char)w[i + 1] != 0x97) {
			f[i++] = (char)c;
			c = (unsigned char)(w[i] + 0x20);
		}
		f[i] = (char)c;
	}
	f[n] = 0;
	return f;
}

typedef struct text_ctx {
	tr_search_doc *d;
	int weight;
	const char *const *stop;
} text_ctx;

static void add_occurrence(void *ctx, const char *w, size_t n)
{
	text_ctx *t = ctx;
	tr_search_doc *d = t->d;
	if (!usable(w, n, 0, t->stop))
		return;
	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 64;
		d->words = tr_xrealloc(d->words, sizeof(char *) * (size_t)d->cap);
		d->tf = tr_xrealloc(d->tf, sizeof(int) * (size_t)d->cap);
	}
	d->words[d->n] = fold(w, n);
	d->tf[d->n++] = t->weight;
	d->len += t->weight;
}

void tr_search_doc_text(tr_search_doc *d, const char *text, int weight, const char *const *stopwords)
{
	text_ctx t = { d, weight, stopwords };
	tr_search_words(text, add_occurrence, &t);
}

unsigned tr_search_impact(int tf, int len)
{
	const double k1 = 1.2, b = 0.75, avg = 60.0;
	if (tf <= 0)
		return 0;
	double w = tf * (k1 + 1) / (tf + k1 * (1 - b + b * (len > 0 ? len : tf) / avg));
	unsigned v = (unsigned)(w / (k1 + 1) * TR_SEARCH_IMPACT_MAX + 0.5);
	return v < 1 ? 1 : v > TR_SEARCH_IMPACT_MAX ? TR_SEARCH_IMPACT_MAX : v;
}

typedef struct occ {
	const char *w;
	int tf;
	int titled;
} occ;

static int cmp_occ(const void *a, const void *b)
{
	return strcmp(((const occ *)a)->w, ((const occ *)b)->w);
}

const char *tr_search_doc_json(const tr_search_doc *d)
{
	return tr_search_doc_json_titled(d, 0);
}

const char *tr_search_doc_json_titled(const tr_search_doc *d, int titled)
{
	/* occurrences sorted, the weights of equal words summed */
	occ *o = tr_alloc(sizeof(occ) * (size_t)(d->n + 1));
	for (int i = 0; i < d->n; i++)
		o[i] = (occ){ d->words[i], d->tf[i], i < titled };
	qsort(o, (size_t)d->n, sizeof(occ), cmp_occ);
	tr_buf out;
	tr_buf_init(&out);
	tr_buf_addc(&out, '[');
	for (int i = 0; i < d->n;) {
		int j = i, tf = 0, in_title = 0;
		for (; j < d->n && !strcmp(o[j].w, o[i].w); j++) {
			tf += o[j].tf;
			in_title |= o[j].titled;
		}
		/* words hold letters, digits and '_' only: nothing to escape */
		tr_buf_printf(&out, "%s[\"%s\",%u]", i ? "," : "", o[i].w,
			      tr_search_impact(tf, d->len) + (in_title ? TR_SEARCH_TITLE_BONUS : 0));
		i = j;
	}
	tr_buf_addc(&out, ']');
	const char *r = tr_strdup(out.data);
	tr_buf_free(&out);
	return r;
}

int tr_search_words_add(const char *json)
{
	/* only those missing (IGNORE: another writer may have just added one), in one order,
	 * so that two writers adding the same new words cannot deadlock */
	int64_t r = tr_db_run("INSERT IGNORE INTO search_words (word) SELECT DISTINCT j.w FROM JSON_TABLE(?, '$[*]' COLUMNS "
			      "(w VARCHAR(84) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$[0]')) j "
			      "WHERE NOT EXISTS (SELECT 1 FROM search_words w WHERE w.word = j.w) ORDER BY j.w", "s", json);
	return r < 0 ? (int)r : 0;
}

/* ---- queries ---- */

typedef struct query_ctx {
	const char **words;
	const char *const *stop;
	int n;
} query_ctx;

static void add_query_word(void *ctx, const char *w, size_t n)
{
	query_ctx *q = ctx;
	if (q->n >= TR_SEARCH_MAX_TERMS || !usable(w, n, 0, q->stop))
		return;
	char *f = fold(w, n);
	for (int i = 0; i < q->n; i++)
		if (!strcmp(q->words[i], f)) {
			free(f);
			return;
		}
	q->words[q->n++] = tr_strdup(f);
	free(f);
}

int tr_search_query_words(const char *typed, const char *const *stopwords, const char **words)
{
	query_ctx q = { words, stopwords, 0 };
	tr_search_words(typed, add_query_word, &q);
	return q.n;
}

const char *tr_search_like(const char *w)
{
	return tr_fmt("%s%%", tr_like_escape(w));
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
