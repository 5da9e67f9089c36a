/* test_util.c - unit tests: UTF-8 checks, base64url, trimming, integers, the pool, time formats. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tresen.h"

static void utf8_valid(void **state)
{
	(void)state;
	assert_true(tr_utf8_valid("Grüße, Straße", strlen("Grüße, Straße")));
	assert_true(tr_utf8_valid("\xF0\x9F\x98\x80", 4));           /* emoji */
	assert_false(tr_utf8_valid("\xC3", 1));                      /* truncated */
	assert_false(tr_utf8_valid("\xC0\xAF", 2));                  /* overlong '/' */
	assert_false(tr_utf8_valid("\xED\xA0\x80", 3));              /* surrogate */
	assert_false(tr_utf8_valid("\xF4\x90\x80\x80", 4));          /* > U+10FFFF */
	assert_false(tr_utf8_valid("\xFF", 1));
	assert_int_equal(tr_utf8_len("Grüße", strlen("Grüße")), 5);
}

static void control_chars(void **state)
{
	(void)state;
	assert_false(tr_has_control("a\tb", 3, 0));
	assert_true(tr_has_control("a\nb", 3, 0));
	assert_false(tr_has_control("a\r\nb", 4, 1));
	assert_true(tr_has_control("a\x01" "b", 3, 1));
	assert_true(tr_has_control("a\x7f", 2, 1));
	assert_true(tr_has_control("\xC2\x85", 2, 1));              /* NEL, a C1 control */
	assert_false(tr_has_control("\xC3\xA4", 2, 0));              /* ä */
}

static void base64url_roundtrip(void **state)
{
	(void)state;
	unsigned char raw[32], back[32];
	for (int i = 0; i < 32; i++)
		raw[i] = (unsigned char)(i * 37 + 5);
	char enc[48];
	assert_int_equal(tr_b64url_encode(raw, 32, enc), 43);
	assert_null(strchr(enc, '='));
	assert_int_equal(tr_b64url_decode(enc, back, 32), 0);
	assert_memory_equal(raw, back, 32);
	/* wrong length, bad alphabet, non-zero padding bits */
	assert_int_equal(tr_b64url_decode("abc", back, 32), -1);
	enc[5] = '+';
	assert_int_equal(tr_b64url_decode(enc, back, 32), -1);
	unsigned char one[1];
	assert_int_equal(tr_b64url_decode("AA", one, 1), 0);
	assert_int_equal(tr_b64url_decode("AB", one, 1), -1);
}

static void trim_and_lower(void **state)
{
	(void)state;
	char s[] = "  Anna@Wohnbau.EXAMPLE \t";
	assert_string_equal(tr_ascii_lower(tr_trim(s)), "anna@wohnbau.example");
	char e[] = "   ";
	assert_string_equal(tr_trim(e), "");
}

static void integers(void **state)
{
	(void)state;
	int64_t v;
	assert_int_equal(tr_parse_i64("42", &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(tr_parse_i64("-7", &v), 0);
	assert_int_equal(v, -7);
	assert_int_equal(tr_parse_i64("", &v), -1);
	assert_int_equal(tr_parse_i64("12a", &v), -1);
	assert_int_equal(tr_parse_i64(" 1", &v), -1);
	assert_int_equal(tr_parse_i64("99999999999999999999", &v), -1);
}

static void pool_reuse(void **state)
{
	(void)state;
	for (int round = 0; round < 3; round++) {
		char *a = tr_fmt("%s-%d", "x", round);
		assert_string_equal(a, round == 0 ? "x-0" : round == 1 ? "x-1" : "x-2");
		char *big = tr_alloc(1 << 20);          /* larger than a block */
		memset(big, 1, 1 << 20);
		for (int i = 0; i < 1000; i++)
			assert_non_null(tr_strdup("some text to fill blocks"));
		assert_true(tr_pool_used() > (1 << 20));
		tr_pool_reset();
		assert_int_equal(tr_pool_used(), 0);
	}
	assert_null(tr_strdup(NULL));
}

static void buffers(void **state)
{
	(void)state;
	tr_buf b;
	tr_buf_init(&b);
	for (int i = 0; i < 1000; i++)
		tr_buf_printf(&b, "%d,", i);
	assert_int_equal(b.len, strlen(b.data));
	assert_true(!strncmp(b.data, "0,1,2,", 6));
	tr_buf_free(&b);
	assert_null(b.data);
}

/* Shown times in the site's zone (Europe/Berlin): winter +01:00, summer +02:00. */
/* a language string with its first %s replaced, the rest kept as it is */
static void substitution(void **state)
{
	(void)state;
	assert_string_equal(tr_subst("vor %s Min.", "12"), "vor 12 Min.");
	assert_string_equal(tr_subst("%s Tg.", "3"), "3 Tg.");
	assert_string_equal(tr_subst("Seite %s", "50"), "Seite 50");
	assert_string_equal(tr_subst("%s und %s", "a"), "a und %s");
	assert_string_equal(tr_subst("ohne", "x"), "ohne");
	assert_string_equal(tr_subst("leer: %s.", NULL), "leer: .");
	assert_string_equal(tr_subst(NULL, "x"), "");
	tr_pool_reset();
}

static void time_formats(void **state)
{
	(void)state;
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	tr_time t;
	assert_int_equal(tr_time_parse("2026-03-05 08:07:09", &t), 0);
	assert_string_equal(tr_time_iso8601(&t), "2026-03-05T09:07:09+0100");
	assert_string_equal(tr_time_text(&t, "de"), "05.03.2026, 09:07");
	assert_string_equal(tr_time_text(&t, "en"), "5 Mar 2026, 09:07");
	assert_string_equal(tr_time_date(&t, "de"), "05.03.2026");
	assert_string_equal(tr_time_date(&t, "en"), "5 Mar 2026");
	assert_int_equal(tr_time_parse("2026-07-31 22:30:00", &t), 0);
	assert_string_equal(tr_time_iso8601(&t), "2026-08-01T00:30:00+0200");
	assert_string_equal(tr_time_text(&t, "en"), "1 Aug 2026, 00:30");
	assert_string_equal(tr_time_show("2026-12-24 23:59:59", "de"), "25.12.2026, 00:59");
	assert_int_equal(tr_time_parse("2026-13-01 00:00", &t), -1);
	assert_string_equal(tr_time_show("garbage", "de"), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_valid),
		cmocka_unit_test(control_chars),
		cmocka_unit_test(base64url_roundtrip),
		cmocka_unit_test(trim_and_lower),
		cmocka_unit_test(integers),
		cmocka_unit_test(pool_reuse),
		cmocka_unit_test(buffers),
		cmocka_unit_test(substitution),
		cmocka_unit_test(time_formats),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
