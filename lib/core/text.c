/* text.c - small text rules on the request pool: cutting, substituting, percent-encoding, file sizes. */
#include "core/text.h"
#include "core/pool.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

char *tr_strcut(const char *s, size_t max)
{
	size_t chars = 0, i = 0;
	for (; s[i]; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (chars == max)
				break;
			chars++;
		}
	}
	return tr_strndup(s, i);
}

const char *tr_pct(const char *s, const char *keep)
{
	tr_buf b;
	tr_buf_init(&b);
	tr_buf_add_pct(&b, s ? s : "", keep, 0);
	const char *r = tr_strdup(b.data ? b.data : "");
	tr_buf_free(&b);
	return r;
}

const char *tr_subst(const char *text, const char *value)
{
	const char *at = text ? strstr(text, "%s") : NULL;
	if (!at)
		return text ? text : "";
	/* by hand: list rows call it for each waiting time, and printf costs more than the copy */
	size_t head = (size_t)(at - text), vlen = value ? strlen(value) : 0, tail = strlen(at + 2);
	char *r = tr_alloc(head + vlen + tail + 1);
	memcpy(r, text, head);
	memcpy(r + head, value ? value : "", vlen);
	memcpy(r + head + vlen, at + 2, tail + 1);
	return r;
}

const char *tr_human_size(int64_t n)
{
	if (n < 1024)
		return tr_fmt("%lld B", (long long)n);
	if (n < 1024 * 1024)
		return tr_fmt("%.0f KB", n / 1024.0);
	/* whole megabytes without a decimal: a limit reads "50 MB", a file "3.4 MB" */
	if (n % (1024 * 1024) == 0)
		return tr_fmt("%lld MB", (long long)(n / (1024 * 1024)));
	return tr_fmt("%.1f MB", n / (1024.0 * 1024.0));
}

char *tr_filename_clean(char *name, size_t max)
{
	char *base = name;
	for (char *p = name; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	char *o = base;
	for (char *p = base; *p; p++)
		if ((unsigned char)*p >= 0x20 && *p != 0x7F)
			*o++ = *p;
	*o = '\0';
	/* a direction override makes "rechnung<RLO>gpj.exe" read "rechnungexe.jpg":
	 * such characters are dropped, so the name shows what the file is */
	if (tr_has_invisible(base, strlen(base))) {
		char *shown = tr_show_invisible(base), *w = base;
		for (const char *p = shown; *p; p++) {
			if (p[0] == '[' && !strncmp(p + 1, "U+", 2)) {
				const char *close = strchr(p, ']');
				if (close) {
					p = close;
					continue;
				}
			}
			*w++ = *p;
		}
		*w = '\0';
		free(shown);
	}
	size_t n = strlen(base);
	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)base[n] & 0xC0) == 0x80)
			n--;   /* cut at a character boundary */
		base[n] = '\0';
	}
	return base;
}

char *tr_text_safe(const char *text, size_t max)
{
	const char *t = text ? text : "";
	char *fixed = NULL;
	if (!tr_utf8_valid(t, strlen(t)))
		t = fixed = tr_utf8_repair(t);
	tr_buf b;
	tr_buf_init(&b);
	for (const unsigned char *p = (const unsigned char *)t; *p; p++) {
		if (*p == '\r') {
			if (p[1] != '\n')
				tr_buf_addc(&b, '\n');
			continue;
		}
		if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7F)
			continue;
		if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {   /* C1 controls */
			p++;
			continue;
		}
		tr_buf_addc(&b, (char)*p);
	}
	free(fixed);
	const char *s = b.data ? b.data : "";
	char *shown = NULL;
	if (tr_has_invisible(s, strlen(s)))
		s = shown = tr_show_invisible(s);
	char *r = tr_strcut(s, max);
	free(shown);
	tr_buf_free(&b);
	return r;
}
