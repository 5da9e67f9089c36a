/* fuzz_mail.c - libFuzzer harness: the mail header and body encoders on any bytes (incoming mail brings any).
 *
 * Checks what a mail must never have: a line break that starts a header, a
 * line over 998 octets, an encoded line over 76 characters. */
#include "tresen.h"
#include "mail/mail.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_folded(const char *s, size_t max)
{
	size_t line = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '\r') {
			/* only folding: CRLF followed by white space */
			if (p[1] != '\n' || (p[2] != ' ' && p[2] != '\t'))
				abort();
			line = 0;
			p++;
			continue;
		}
		if (*p == '\n')
			abort();
		if (++line > max)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = tr_strndup((const char *)data, size);
	size_t used = size ? data[0] % 40 : 0;
	check_folded(tr_mail_encode_header(s, used), 998);
	check_folded(tr_mail_address(s, "kunde@example.com", used), 998);
	/* encoded-words are short; plain ASCII folds at spaces and may be long */
	const char *e = tr_mail_encode_header(s, 9);
	if (strstr(e, "=?UTF-8?B?"))
		check_folded(e, 77);
	tr_buf b;
	tr_buf_init(&b);
	tr_mail_qp((const char *)data, size, &b);
	for (size_t i = 0, line = 0; i < b.len; i++) {
		unsigned char c = (unsigned char)b.data[i];
		if (c == '\r' && i + 1 < b.len && b.data[i + 1] == '\n') {
			line = 0;
			i++;
			continue;
		}
		if (c == '\r' || c == '\n' || c >= 0x7F || ++line > 76)
			abort();
	}
	tr_buf_free(&b);
	tr_pool_reset();
	return 0;
}
