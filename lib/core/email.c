/* email.c - the shape of an e-mail address we accept, and its normal form for lookups (R-ACC 3). */
#include "core/email.h"
#include "core/pool.h"
#include "core/util.h"

#include <string.h>

char *tr_email_norm(const char *email)
{
	return tr_ascii_lower(tr_strdup(email ? email : ""));
}

static int local_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$%&'*+/=?^_`{|}~.-", c));
}

int tr_email_valid(const char *email)
{
	if (!email)
		return 0;
	size_t n = strlen(email);
	const char *at = strchr(email, '@');
	if (n > 254 || !at || strchr(at + 1, '@'))
		return 0;
	size_t local = (size_t)(at - email);
	if (local < 1 || local > 64 || email[0] == '.' || at[-1] == '.')
		return 0;
	for (const char *p = email; p < at; p++)
		if (!local_char(*p) || (*p == '.' && p[1] == '.'))
			return 0;
	/* domain: at least two labels, letters/digits/hyphens, alphabetic TLD */
	const char *d = at + 1;
	int labels = 0;
	const char *label = d, *last = d;
	for (const char *p = d;; p++) {
		if (*p == '.' || *p == '\0') {
			size_t len = (size_t)(p - label);
			if (len < 1 || len > 63 || label[0] == '-' || p[-1] == '-')
				return 0;
			labels++;
			last = label;
			if (!*p)
				break;
			label = p + 1;
			continue;
		}
		char c = *p;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
			return 0;
	}
	if (labels < 2 || strlen(last) < 2)
		return 0;
	for (const char *p = last; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			return 0;
	return 1;
}

const char *tr_email_domain(const char *email)
{
	const char *at = email ? strrchr(email, '@') : NULL;
	return at ? at + 1 : NULL;
}
