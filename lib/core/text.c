/* text.c - small text rules on the request pool: cutting, substituting, percent-encoding, file sizes. */
#include "core/text.h"
#include "core/pool.h"
#include "core/util.h"

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
	return tr_fmt("%.*s%s%s", (int)(at - text), text, value ? value : "", at + 2);
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
