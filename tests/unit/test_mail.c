/* test_mail.c - unit tests: header sanitizing, RFC 2047 words, quoted-printable, whole messages,
 * retry back-off, SMTP outcome rules, and every mail kind rendering in both languages. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <curl/curl.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "tresen.h"
#include "mail/mail.h"
#include "mail/smtp.h"

/* Every line break in a header value must be a fold (CRLF + space). */
static void assert_only_folds(const char *s)
{
	for (const char *p = s; *p; p++) {
		if (*p == '\n')
			assert_true(p > s && p[-1] == '\r' && (p[1] == ' ' || p[1] == '\t'));
		if (*p == '\r')
			assert_true(p[1] == '\n');
	}
}

static void assert_lines_at_most(const char *s, size_t max)
{
	size_t line = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '\r' && p[1] == '\n') {
			assert_true(line <= max);
			line = 0;
			p++;
			continue;
		}
		line++;
	}
	assert_true(line <= max);
}

/* Decodes a value made of "=?UTF-8?B?...?=" words separated by folds. */
static char *decode_words(const char *s)
{
	tr_buf out;
	tr_buf_init(&out);
	const char *p = s;
	while (*p) {
		while (*p == '\r' || *p == '\n' || *p == ' ')
			p++;
		if (!*p)
			break;
		assert_memory_equal(p, "=?UTF-8?B?", 10);
		p += 10;
		const char *end = strstr(p, "?=");
		assert_non_null(end);
		unsigned char bin[128];
		size_t n = 0;
		assert_int_equal(sodium_base642bin(bin, sizeof(bin), p, (size_t)(end - p), NULL, &n, NULL,
						   sodium_base64_VARIANT_ORIGINAL), 0);
		/* a word never ends inside a UTF-8 character */
		assert_true(tr_utf8_valid((const char *)bin, n));
		tr_buf_add(&out, bin, n);
		p = end + 2;
	}
	char *r = tr_strdup(out.data ? out.data : "");
	tr_buf_free(&out);
	return r;
}

static void header_clean(void **state)
{
	(void)state;
	assert_string_equal(tr_mail_header_clean("Anna\r\nBcc: x@y.de"), "Anna  Bcc: x@y.de");
	assert_string_equal(tr_mail_header_clean("a\tb\x01" "c\x7f"), "a b c ");
	assert_string_equal(tr_mail_header_clean("a\xC2\x85" "b"), "a  b");   /* NEL */
	assert_string_equal(tr_mail_header_clean("Grüße"), "Grüße");
	assert_string_equal(tr_mail_header_clean(NULL), "");
	tr_pool_reset();
}

static void encode_header(void **state)
{
	(void)state;
	assert_string_equal(tr_mail_encode_header("Hello there", 9), "Hello there");
	/* CR/LF become spaces: no header can be started from inside a value */
	const char *inj = tr_mail_encode_header("Hi\r\nBcc: evil@x.de", 9);
	assert_null(strchr(inj, '\r'));
	assert_string_equal(inj, "Hi  Bcc: evil@x.de");
	/* "=?" in plain text would read as an encoded-word */
	const char *q = tr_mail_encode_header("a =?x?= b", 9);
	assert_string_equal(decode_words(q), "a =?x?= b");

	const char *de = "Bitte bestätigen Sie Ihre E-Mail-Adresse";
	const char *e = tr_mail_encode_header(de, 9);
	assert_only_folds(e);
	assert_string_equal(decode_words(e), de);
	assert_true(strlen("Subject: ") + strcspn(e, "\r") <= 76);
	assert_lines_at_most(e, 76);

	/* long, multi-byte and 4-byte characters: folded, never split */
	tr_buf b;
	tr_buf_init(&b);
	for (int i = 0; i < 40; i++)
		tr_buf_adds(&b, "Ä😀ß ");
	const char *long_e = tr_mail_encode_header(b.data, 9);
	assert_only_folds(long_e);
	assert_lines_at_most(long_e, 76);
	char *trimmed = tr_trim(tr_strdup(b.data));
	assert_string_equal(decode_words(long_e), trimmed);
	tr_buf_free(&b);

	/* long ASCII folds at spaces */
	const char *ascii = "word word word word word word word word word word word word word word word word";
	const char *f = tr_mail_encode_header(ascii, 9);
	assert_only_folds(f);
	assert_non_null(strstr(f, "\r\n "));
	assert_lines_at_most(f, 78);

	/* a word longer than a line cannot fold at spaces: encoded-words split it (found by fuzz_mail) */
	char *word = tr_alloc(1201);
	memset(word, 'D', 1200);
	word[1200] = '\0';
	const char *w = tr_mail_encode_header(tr_fmt("Betreff %s Ende", word), 9);
	assert_only_folds(w);
	assert_lines_at_most(w, 76);
	assert_string_equal(decode_words(w), tr_fmt("Betreff %s Ende", word));
	const char *a = tr_mail_address(word, "x@example.com", 4);
	assert_lines_at_most(a, 76);
	tr_pool_reset();
}

/* Invalid UTF-8 (a run of continuation bytes longer than one encoded-word
 * holds) once made the encoder loop forever; now it is repaired to U+FFFD
 * and encoded like any text. A regression would hang: the alarm ends it. */
static void encode_header_invalid_utf8(void **state)
{
	(void)state;
	alarm(5);
	for (size_t n = 1; n < 200; n += 9) {
		char *bad = tr_alloc(n + 3);
		bad[0] = 'a';
		memset(bad + 1, 0x80, n);
		bad[n + 1] = 'z';
		bad[n + 2] = '\0';
		const char *e = tr_mail_encode_header(bad, 9);
		assert_only_folds(e);
		assert_lines_at_most(e, 76);
		const char *d = decode_words(e);
		assert_true(tr_utf8_valid(d, strlen(d)));
		assert_int_equal(d[0], 'a');
		assert_int_equal(d[strlen(d) - 1], 'z');
		assert_int_equal(strlen(d), 2 + 3 * n);        /* one U+FFFD per stray byte */
		const char *a = tr_mail_address(bad, "x@example.com", 4);
		assert_non_null(strstr(a, "<x@example.com>"));
	}
	alarm(0);
	tr_pool_reset();
}

static void addresses(void **state)
{
	(void)state;
	assert_string_equal(tr_mail_address(NULL, "a@b.de", 4), "a@b.de");
	assert_string_equal(tr_mail_address("  ", "a@b.de", 4), "a@b.de");
	assert_string_equal(tr_mail_address("Anna Schmidt", "a@b.de", 4), "\"Anna Schmidt\" <a@b.de>");
	assert_string_equal(tr_mail_address("Anna \"A\" \\S", "a@b.de", 4), "\"Anna \\\"A\\\" \\\\S\" <a@b.de>");
	const char *inj = tr_mail_address("Eve\r\nBcc: evil@x.de", "e@b.de", 4);
	assert_null(strchr(inj, '\r'));
	assert_string_equal(inj, "\"Eve  Bcc: evil@x.de\" <e@b.de>");
	const char *u = tr_mail_address("Carla Müller", "carla@stadtwerke.example", 4);
	assert_only_folds(u);
	const char *lt = strrchr(u, '<');
	assert_string_equal(lt, "<carla@stadtwerke.example>");
	assert_string_equal(decode_words(tr_strndup(u, (size_t)(lt - u))), "Carla Müller");
	/* an encoded name with CR/LF inside stays one header */
	const char *ui = tr_mail_address("Jörg\r\nBcc: evil@x.de", "j@b.de", 4);
	assert_only_folds(ui);
	assert_null(strstr(ui, "\nBcc"));
	tr_pool_reset();
}

static const char *qp(const char *s)
{
	tr_buf b;
	tr_buf_init(&b);
	tr_mail_qp(s, strlen(s), &b);
	const char *r = tr_strdup(b.data ? b.data : "");
	tr_buf_free(&b);
	return r;
}

/* A minimal quoted-printable decoder to check round trips. */
static const char *unqp(const char *s)
{
	tr_buf b;
	tr_buf_init(&b);
	for (const char *p = s; *p; p++) {
		if (p[0] == '=' && p[1] == '\r' && p[2] == '\n') {
			p += 2;
		} else if (p[0] == '=') {
			unsigned v = 0;
			for (int i = 1; i <= 2; i++) {
				char c = p[i];
				v = v * 16 + (unsigned)(c >= 'A' ? c - 'A' + 10 : c - '0');
			}
			tr_buf_addc(&b, (char)v);
			p += 2;
		} else if (p[0] == '\r' && p[1] == '\n') {
			tr_buf_addc(&b, '\n');
			p++;
		} else {
			tr_buf_addc(&b, *p);
		}
	}
	const char *r = tr_strdup(b.data ? b.data : "");
	tr_buf_free(&b);
	return r;
}

static void quoted_printable(void **state)
{
	(void)state;
	assert_string_equal(qp("a=b"), "a=3Db");
	assert_string_equal(qp("Grüße"), "Gr=C3=BC=C3=9Fe");
	assert_string_equal(qp("end \nnext\t"), "end=20\r\nnext=09");
	assert_string_equal(qp("a\r\nb\rc\nd"), "a\r\nb\r\nc\r\nd");
	assert_string_equal(qp("x\n"), "x\r\n");
	tr_buf b;
	tr_buf_init(&b);
	for (int i = 0; i < 30; i++)
		tr_buf_adds(&b, "Straße=Weg ");
	tr_buf_adds(&b, "\nhttps://portal.example/confirm?token=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG\n");
	const char *enc = qp(b.data);
	assert_lines_at_most(enc, 76);
	for (const char *p = enc; *p; p++)
		assert_true((unsigned char)*p < 0x80);
	/* "=_" never occurs in the output, so a boundary starting with it cannot collide */
	assert_null(strstr(enc, "=_"));
	assert_string_equal(unqp(enc), b.data);
	tr_buf_free(&b);
	tr_pool_reset();
}

static void dates_and_ids(void **state)
{
	(void)state;
	assert_string_equal(tr_mail_date(0), "Thu, 01 Jan 1970 00:00:00 +0000");
	assert_string_equal(tr_mail_date(1795737600), "Fri, 27 Nov 2026 00:00:00 +0000");
	tr_cfg_set("Mail.from", "support@tresen.example");
	const char *id = tr_mail_message_id();
	assert_true(tr_mail_msgid_valid(id));
	assert_non_null(strstr(id, "@tresen.example>"));
	assert_string_not_equal(id, tr_mail_message_id());
	assert_false(tr_mail_msgid_valid("<a b@c>"));
	assert_false(tr_mail_msgid_valid("<ab@c>\r\nBcc: x"));
	assert_false(tr_mail_msgid_valid("ab@c"));
	assert_false(tr_mail_msgid_valid("<@c>"));
	assert_false(tr_mail_msgid_valid(NULL));
	const char *b = tr_mail_boundary();
	assert_memory_equal(b, "=_", 2);
	tr_pool_reset();
}

static void whole_message(void **state)
{
	(void)state;
	tr_mail_msg m = {
		.from = "support@tresen.example", .from_name = "Tresen Kundenservice",
		.to = "eve@wohnbau.example", .to_name = "Eve\r\nBcc: evil@x.de",
		.subject = "Neues Passwort\r\nBcc: evil@x.de",
		.text = "Guten Tag,\nein Link:\nhttps://x.example/a?b=c\n",
		.html = "<p>Guten Tag</p>\n<p>Grüße</p>",
		.message_id = "<abc@tresen.example>", .in_reply_to = "<parent@tresen.example>",
		.reply_to = "team@tresen.example", .date = 0,
	};
	tr_buf out;
	tr_buf_init(&out);
	tr_mail_build(&m, "=_tresen_test", &out);
	const char *s = out.data;
	/* every line ends in CRLF, none is longer than RFC 5322 allows */
	for (size_t i = 0; i < out.len; i++)
		if (s[i] == '\n')
			assert_true(i > 0 && s[i - 1] == '\r');
	assert_lines_at_most(s, 998);
	const char *body = strstr(s, "\r\n\r\n");
	assert_non_null(body);
	char *head = tr_strndup(s, (size_t)(body - s) + 2);
	assert_lines_at_most(head, 78);
	/* the injected Bcc never starts a header line */
	assert_null(strstr(head, "\r\nBcc"));
	int headers = 0;
	for (const char *p = head; *p; p = strstr(p, "\r\n") + 2)
		if (*p != ' ')
			headers++;
	assert_int_equal(headers, 11);
	assert_non_null(strstr(head, "Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"));
	assert_non_null(strstr(head, "Message-ID: <abc@tresen.example>\r\n"));
	assert_non_null(strstr(head, "In-Reply-To: <parent@tresen.example>\r\n"));
	assert_non_null(strstr(head, "Reply-To: team@tresen.example\r\n"));
	assert_non_null(strstr(head, "Content-Type: multipart/alternative;\r\n boundary=\"=_tresen_test\"\r\n"));
	assert_non_null(strstr(s, "--=_tresen_test\r\nContent-Type: text/plain; charset=utf-8\r\n"));
	assert_non_null(strstr(s, "--=_tresen_test\r\nContent-Type: text/html; charset=utf-8\r\n"));
	assert_non_null(strstr(s, "\r\n--=_tresen_test--\r\n"));
	assert_non_null(strstr(s, "https://x.example/a?b=3Dc\r\n"));
	tr_buf_free(&out);
	tr_pool_reset();
}

static void backoff(void **state)
{
	(void)state;
	tr_cfg_set("Mail.retry_base_s", "60");
	tr_cfg_set("Mail.retry_max_s", "21600");
	assert_int_equal(tr_mail_backoff(1), 60);
	assert_int_equal(tr_mail_backoff(2), 120);
	assert_int_equal(tr_mail_backoff(3), 240);
	assert_int_equal(tr_mail_backoff(9), 15360);
	assert_int_equal(tr_mail_backoff(10), 21600);    /* capped */
	assert_int_equal(tr_mail_backoff(1000), 21600);  /* no overflow */
	tr_cfg_set("Mail.retry_base_s", "5");
	assert_int_equal(tr_mail_backoff(2), 10);
	tr_cfg_set("Mail.retry_base_s", "60");
}

static void smtp_outcomes(void **state)
{
	(void)state;
	assert_int_equal(tr_smtp_classify(CURLE_OK, 250, 0), TR_SMTP_OK);
	/* the message was refused: for good (5xx) or for now (4xx, e.g. greylisting) */
	assert_int_equal(tr_smtp_classify(CURLE_SEND_ERROR, 550, 1), TR_SMTP_PERM);
	assert_int_equal(tr_smtp_classify(CURLE_SEND_ERROR, 451, 1), TR_SMTP_TEMP);
	assert_int_equal(tr_smtp_classify(CURLE_WEIRD_SERVER_REPLY, 554, 1), TR_SMTP_PERM);
	/* the server, not the message: try again later, fail nothing */
	assert_int_equal(tr_smtp_classify(CURLE_COULDNT_CONNECT, 0, 0), TR_SMTP_DOWN);
	assert_int_equal(tr_smtp_classify(CURLE_OPERATION_TIMEDOUT, 0, 0), TR_SMTP_DOWN);
	assert_int_equal(tr_smtp_classify(CURLE_LOGIN_DENIED, 535, 0), TR_SMTP_DOWN);
	assert_int_equal(tr_smtp_classify(CURLE_WEIRD_SERVER_REPLY, 554, 0), TR_SMTP_DOWN);
	assert_int_equal(tr_smtp_classify(CURLE_WEIRD_SERVER_REPLY, 421, 0), TR_SMTP_DOWN);
	assert_int_equal(tr_smtp_classify(CURLE_SEND_ERROR, 250, 1), TR_SMTP_DOWN);
}

/* Every mail kind renders in both languages with all its strings. */
static void mail_kinds(void **state)
{
	(void)state;
	static const char *const kinds[] = { "confirm", "register_existing", "reset", "password_changed",
					     "email_change", "email_changed" };
	const char *subject_de[TR_ARRAY_LEN(kinds)];
	for (int l = 0; l < 2; l++) {
		const char *lang = l ? "en" : "de";
		for (size_t k = 0; k < TR_ARRAY_LEN(kinds); k++) {
			HDF *d = NULL;
			assert_null(hdf_init(&d));
			hdf_set_value(d, "Mail.link", "https://portal.example/x?token=T0KEN&a=1");
			hdf_set_value(d, "Mail.login", "https://portal.example/login");
			hdf_set_value(d, "Mail.forgot", "https://portal.example/password/forgot");
			hdf_set_value(d, "Mail.email", "m@mueller.example");
			hdf_set_value(d, "Mail.org", "Müller & Söhne <GmbH>");
			hdf_set_value(d, "Mail.hours", "48");
			hdf_set_value(d, "Mail.minutes", "60");
			hdf_set_value(d, "Mail.new_email", "neu@mueller.example");
			hdf_set_value(d, "Mail.old_email", "m@mueller.example");
			tr_mail m = { .kind = kinds[k], .to = "m@mueller.example", .to_name = "Jo <b>Müller</b>",
				      .lang = lang, .data = d };
			tr_mail_rendered r;
			assert_int_equal(tr_mail_render(&m, &r), 0);
			hdf_destroy(&d);
			assert_true(strlen(r.subject) > 5);
			assert_null(strchr(r.subject, '\n'));
			if (l == 0)
				subject_de[k] = r.subject;
			else
				assert_string_not_equal(r.subject, subject_de[k]);
			/* plain text is not HTML: nothing escaped */
			assert_non_null(strstr(r.text, "Jo <b>Müller</b>"));
			assert_null(strstr(r.text, "&lt;"));
			assert_null(strstr(r.text, "\n\n\n"));
			/* the HTML part escapes what it shows */
			assert_non_null(strstr(r.html, "Jo &lt;b&gt;Müller&lt;/b&gt;"));
			assert_null(strstr(r.html, "<b>"));
			assert_non_null(strstr(r.html, l ? "lang=\"en\"" : "lang=\"de\""));
			if (!strcmp(kinds[k], "confirm") || !strcmp(kinds[k], "reset") || !strncmp(kinds[k], "email_", 6)) {
				assert_non_null(strstr(r.text, "https://portal.example/x?token=T0KEN&a=1\n"));
				assert_non_null(strstr(r.html, "href=\"https://portal.example/x?token=T0KEN&amp;a=1\""));
			}
			if (!strncmp(kinds[k], "email_", 6))
				assert_non_null(strstr(r.text, "neu@mueller.example"));
			if (!strcmp(kinds[k], "confirm")) {
				assert_non_null(strstr(r.text, "Müller & Söhne <GmbH>"));
				assert_non_null(strstr(r.html, "Müller &amp; Söhne &lt;GmbH&gt;"));
			}
		}
	}
	tr_mail bad = { .kind = "../etc/passwd", .to = "a@b.de" };
	tr_mail_rendered r;
	assert_int_equal(tr_mail_render(&bad, &r), -1);
	tr_pool_reset();
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	/* run from the checkout (scripts/run-tests does) */
	tr_cfg_set("Paths.templates", "templates");
	tr_cfg_set("Site.url", "https://portal.example");
	tr_cfg_set("Site.name", "Tresen");
	tr_log_set_level(TR_LOG_ERROR);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(header_clean),
		cmocka_unit_test(encode_header),
		cmocka_unit_test(encode_header_invalid_utf8),
		cmocka_unit_test(addresses),
		cmocka_unit_test(quoted_printable),
		cmocka_unit_test(dates_and_ids),
		cmocka_unit_test(whole_message),
		cmocka_unit_test(backoff),
		cmocka_unit_test(smtp_outcomes),
		cmocka_unit_test(mail_kinds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
