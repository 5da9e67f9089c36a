/* util.c - allocation that never returns NULL, growable buffers and small string rules. */
#include "core/util.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void out_of_memory(size_t n)
{
	/* stderr only: no allocation is possible here. */
	static const char msg[] = "tresen: out of memory\n";
	(void)n;
	if (write(2, msg, sizeof(msg) - 1) < 0) { /* nothing left to do */ }
	abort();
}

void *tr_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory(n);
	return p;
}

void *tr_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory(n * size);
	return p;
}

void *tr_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory(n);
	return q;
}

char *tr_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = tr_xmalloc(n);
	memcpy(p, s, n);
	return p;
}

void tr_buf_init(tr_buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void tr_buf_free(tr_buf *b)
{
	free(b->data);
	tr_buf_init(b);
}

void tr_buf_reset(tr_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

static void buf_grow(tr_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	b->data = tr_xrealloc(b->data, cap);
	b->cap = cap;
}

void tr_buf_add(tr_buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void tr_buf_adds(tr_buf *b, const char *s)
{
	tr_buf_add(b, s, strlen(s));
}

void tr_buf_addc(tr_buf *b, char c)
{
	tr_buf_add(b, &c, 1);
}

void tr_buf_vprintf(tr_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void tr_buf_printf(tr_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tr_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void tr_buf_add_pct(tr_buf *b, const char *s, const char *keep, int space_plus)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~", *p) || (keep && *keep && strchr(keep, *p)))
			tr_buf_addc(b, (char)*p);
		else if (*p == ' ' && space_plus)
			tr_buf_addc(b, '+');
		else
			tr_buf_printf(b, "%%%02X", *p);
	}
}

/* Length of the well-formed UTF-8 character at s[0..n), or 0 when it is not one. */
static size_t utf8_char(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	if (c < 0x80)
		return 1;
	size_t len;
	unsigned cp, min;
	if ((c & 0xE0) == 0xC0) {
		len = 2; cp = c & 0x1F; min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3; cp = c & 0x0F; min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4; cp = c & 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t k = 1; k < len; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[k] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

int tr_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	for (size_t i = 0; i < n;) {
		size_t len = utf8_char(s + i, n - i);
		if (!len)
			return 0;
		i += len;
	}
	return 1;
}

char *tr_utf8_repair(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str);
	tr_buf b;
	tr_buf_init(&b);
	for (size_t i = 0; i < n;) {
		size_t len = utf8_char(s + i, n - i);
		if (len) {
			tr_buf_add(&b, s + i, len);
			i += len;
		} else {
			tr_buf_adds(&b, "\xEF\xBF\xBD");    /* U+FFFD for each byte that is no character */
			i++;
		}
	}
	return b.data ? b.data : tr_xstrdup("");
}

size_t tr_utf8_len(const char *s, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			count++;
	return count;
}

int tr_has_control(const char *str, size_t n, int multiline)
{
	const unsigned char *s = (const unsigned char *)str;
	for (size_t i = 0; i < n; i++) {
		unsigned c = s[i];
		if (c == '\t')
			continue;
		if (multiline && (c == '\n' || c == '\r'))
			continue;
		if (c < 0x20 || c == 0x7F)
			return 1;
		/* C1 controls U+0080..U+009F are encoded as C2 80..C2 9F. */
		if (c == 0xC2 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F)
			return 1;
	}
	return 0;
}

char *tr_ascii_lower(char *s)
{
	for (char *p = s; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return s;
}

static int is_ascii_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char *tr_trim(char *s)
{
	while (is_ascii_space(*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && is_ascii_space(s[n - 1]))
		s[--n] = '\0';
	return s;
}

static const char b64url[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

size_t tr_b64url_encode(const unsigned char *in, size_t n, char *out)
{
	size_t o = 0, i = 0;
	while (i + 3 <= n) {
		unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 | in[i + 2];
		out[o++] = b64url[v >> 18 & 63];
		out[o++] = b64url[v >> 12 & 63];
		out[o++] = b64url[v >> 6 & 63];
		out[o++] = b64url[v & 63];
		i += 3;
	}
	if (n - i == 1) {
		unsigned v = (unsigned)in[i] << 16;
		out[o++] = b64url[v >> 18 & 63];
		out[o++] = b64url[v >> 12 & 63];
	} else if (n - i == 2) {
		unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8;
		out[o++] = b64url[v >> 18 & 63];
		out[o++] = b64url[v >> 12 & 63];
		out[o++] = b64url[v >> 6 & 63];
	}
	out[o] = '\0';
	return o;
}

static int b64url_value(char c)
{
	if (c >= 'A' && c <= 'Z') return c - 'A';
	if (c >= 'a' && c <= 'z') return c - 'a' + 26;
	if (c >= '0' && c <= '9') return c - '0' + 52;
	if (c == '-') return 62;
	if (c == '_') return 63;
	return -1;
}

int tr_b64url_decode(const char *in, unsigned char *out, size_t outlen)
{
	size_t inlen = strlen(in);
	/* Only the canonical length for outlen bytes is accepted. */
	if (inlen != (outlen * 4 + 2) / 3)
		return -1;
	unsigned acc = 0;
	int bits = 0;
	size_t o = 0;
	for (size_t i = 0; i < inlen; i++) {
		int v = b64url_value(in[i]);
		if (v < 0)
			return -1;
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o < outlen)
				out[o++] = (unsigned char)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	/* Leftover bits must be zero, or two strings would decode alike. */
	if (o != outlen || acc != 0)
		return -1;
	return 0;
}

void tr_hex_encode(const unsigned char *in, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[in[i] >> 4];
		out[2 * i + 1] = hex[in[i] & 15];
	}
	out[2 * n] = '\0';
}

int tr_parse_i64(const char *s, int64_t *out)
{
	if (!s || !*s)
		return -1;
	const char *p = s;
	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return -1;
	errno = 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

double tr_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* The code point at s (valid UTF-8 assumed) and its length in *len. */
static unsigned utf8_at(const unsigned char *s, size_t n, size_t *len)
{
	if (s[0] < 0x80 || n < 2) {
		*len = 1;
		return s[0];
	}
	if ((s[0] & 0xE0) == 0xC0) {
		*len = 2;
		return ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
	}
	if ((s[0] & 0xF0) == 0xE0 && n >= 3) {
		*len = 3;
		return ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
	}
	*len = n >= 4 ? 4 : n;
	return 0x10000;
}

int tr_invisible_char(unsigned c)
{
	/* not the zero-width (non-)joiners U+200C/D: emoji sequences and
	 * several scripts need them, and they reorder nothing */
	return c == 0x200B || c == 0x200E || c == 0x200F ||  /* zero-width space, LRM, RLM */
	       (c >= 0x202A && c <= 0x202E) ||   /* embeddings and overrides */
	       (c >= 0x2060 && c <= 0x2064) ||   /* word joiner, invisible operators */
	       (c >= 0x2066 && c <= 0x2069) ||   /* isolates */
	       c == 0x061C || c == 0xFEFF || c == 0x180E;
}

int tr_has_invisible(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	for (size_t i = 0; i < n;) {
		size_t len;
		if (tr_invisible_char(utf8_at(s + i, n - i, &len)))
			return 1;
		i += len;
	}
	return 0;
}

char *tr_show_invisible(const char *str)
{
	size_t n = strlen(str);
	if (!tr_has_invisible(str, n))
		return tr_xstrdup(str);
	tr_buf b;
	tr_buf_init(&b);
	const unsigned char *s = (const unsigned char *)str;
	for (size_t i = 0; i < n;) {
		size_t len;
		unsigned c = utf8_at(s + i, n - i, &len);
		if (tr_invisible_char(c))
			tr_buf_printf(&b, "[U+%04X]", c);
		else
			tr_buf_add(&b, s + i, len);
		i += len;
	}
	return b.data;
}
