/* util.h - allocation that never returns NULL, growable buffers and small string rules. */
#ifndef TR_UTIL_H
#define TR_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#define TR_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
/* For C APIs that take a non-const pointer they do not write through. */
#define TR_UNCONST(p) ((void *)(uintptr_t)(p))

/* Allocate or abort: a worker that cannot allocate cannot answer anyway, and
 * an abort makes mod_fcgid start a fresh one. */
void *tr_xmalloc(size_t n);
void *tr_xcalloc(size_t n, size_t size);
void *tr_xrealloc(void *p, size_t n);
char *tr_xstrdup(const char *s);

/* A growable byte buffer on the heap; data is always NUL-terminated. */
typedef struct tr_buf {
	char *data;
	size_t len, cap;
} tr_buf;

void tr_buf_init(tr_buf *b);
void tr_buf_free(tr_buf *b);
void tr_buf_reset(tr_buf *b);
void tr_buf_add(tr_buf *b, const void *p, size_t n);
void tr_buf_adds(tr_buf *b, const char *s);
void tr_buf_addc(tr_buf *b, char c);
void tr_buf_printf(tr_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tr_buf_vprintf(tr_buf *b, const char *fmt, va_list ap);

/* Appends s percent-encoded: letters, digits, "-._~" and the characters in
 * keep stay; with space_plus a space becomes '+' (form encoding). */
void tr_buf_add_pct(tr_buf *b, const char *s, const char *keep, int space_plus);

/* 1 when s[0..n) is well-formed UTF-8 without overlongs or surrogates. */
int tr_utf8_valid(const char *s, size_t n);
/* A heap copy of s with every byte that starts no well-formed UTF-8
 * character replaced by U+FFFD. */
char *tr_utf8_repair(const char *s);
/* Number of code points in valid UTF-8. */
size_t tr_utf8_len(const char *s, size_t n);
/* 1 when s holds a control character other than those allowed (tab, and
 * CR/LF when multiline) - including DEL and the C1 range. */
int tr_has_control(const char *s, size_t n, int multiline);

/* 1 for a character that changes how text around it reads without being
 * seen: zero-width ones, bidirectional embeddings, overrides and isolates
 * (an upload named "rechnung<U+202E>gpj.exe" shows as "rechnungexe.jpg"). */
int tr_invisible_char(unsigned codepoint);
/* 1 when valid UTF-8 s[0..n) holds one. */
int tr_has_invisible(const char *s, size_t n);
/* A heap copy of s with each such character written visibly as "[U+202E]". */
char *tr_show_invisible(const char *s);

/* Lower-cases ASCII letters in place and returns s. */
char *tr_ascii_lower(char *s);
/* Returns s without leading and trailing ASCII white space (in place). */
char *tr_trim(char *s);

/* Base64url without padding, as used in cookies and mail links.
 * tr_b64url_encode writes 4*ceil(n/3) bytes at most plus NUL to out. */
size_t tr_b64url_encode(const unsigned char *in, size_t n, char *out);
/* Decodes exactly outlen bytes; returns 0, or -1 on any malformed input. */
int tr_b64url_decode(const char *in, unsigned char *out, size_t outlen);
void tr_hex_encode(const unsigned char *in, size_t n, char *out);

/* Parses a whole decimal integer; returns 0 or -1 (empty, junk, overflow). */
int tr_parse_i64(const char *s, int64_t *out);

/* Monotonic milliseconds, for durations in logs. */
double tr_now_ms(void);

#endif
