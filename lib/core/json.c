/* json.c - JSON string escaping for answers that scripts read (see json.h). */
#include "core/json.h"

#include <string.h>

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when it is not one. */
static size_t utf8_seq(const unsigned char *s)
{
	size_t n = *s < 0x80 ? 1 : (*s & 0xE0) == 0xC0 ? 2 : (*s & 0xF0) == 0xE0 ? 3 : (*s & 0xF8) == 0xF0 ? 4 : 0;
	for (size_t i = 1; i < n; i++)
		if (!s[i])
			return 0;
	return n && tr_utf8_valid((const char *)s, n) ? n : 0;
}

void tr_json_str(tr_buf *b, const char *s)
{
	if (!s) {
		tr_buf_adds(b, "null");
		return;
	}
	tr_buf_addc(b, '"');
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned char c = *p;
		switch (c) {
		case '"': tr_buf_adds(b, "\\\""); p++; continue;
		case '\\': tr_buf_adds(b, "\\\\"); p++; continue;
		case '\n': tr_buf_adds(b, "\\n"); p++; continue;
		case '\r': tr_buf_adds(b, "\\r"); p++; continue;
		case '\t': tr_buf_adds(b, "\\t"); p++; continue;
		case '<': case '>': case '&':
			tr_buf_printf(b, "\\u%04x", c);
			p++;
			continue;
		default:
			break;
		}
		if (c < 0x20 || c == 0x7F) {
			tr_buf_printf(b, "\\u%04x", c);
			p++;
			continue;
		}
		size_t n = utf8_seq(p);
		if (!n) {
			tr_buf_adds(b, "\\ufffd");
			p++;
			continue;
		}
		/* line and paragraph separators end a JavaScript string literal */
		if (n == 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
			tr_buf_adds(b, p[2] == 0xA8 ? "\\u2028" : "\\u2029");
			p += 3;
			continue;
		}
		tr_buf_add(b, p, n);
		p += n;
	}
	tr_buf_addc(b, '"');
}

void tr_json_key(tr_buf *b, const char *key)
{
	tr_json_str(b, key);
	tr_buf_addc(b, ':');
}

void tr_json_int(tr_buf *b, int64_t v)
{
	tr_buf_printf(b, "%lld", (long long)v);
}
