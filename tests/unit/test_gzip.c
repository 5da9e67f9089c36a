/* test_gzip.c - unit tests: which clients get gzip, which bodies are worth it, and the round trip. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "web/gzip.h"

static void accept_encoding(void **state)
{
	(void)state;
	assert_true(tr_accepts_gzip("gzip"));
	assert_true(tr_accepts_gzip("gzip, deflate, br, zstd"));      /* Chromium */
	assert_true(tr_accepts_gzip("br;q=1.0, GZIP;q=0.5"));
	assert_true(tr_accepts_gzip("x-gzip"));
	assert_true(tr_accepts_gzip("*"));
	assert_true(tr_accepts_gzip("deflate,  gzip ;q=0.8"));
	assert_false(tr_accepts_gzip(NULL));
	assert_false(tr_accepts_gzip(""));
	assert_false(tr_accepts_gzip("identity"));
	assert_false(tr_accepts_gzip("gzip;q=0"));
	assert_false(tr_accepts_gzip("gzip;q=0.000, *"));             /* named beats the wildcard */
	assert_false(tr_accepts_gzip("*;q=0"));
	assert_false(tr_accepts_gzip("gzipped, xgzip"));
	assert_false(tr_accepts_gzip("br"));
}

static void worth_it(void **state)
{
	(void)state;
	assert_true(tr_gzip_worth("text/html; charset=utf-8", 3000));
	assert_true(tr_gzip_worth("application/json", 1024));
	assert_true(tr_gzip_worth("text/csv; charset=utf-8", 50000));
	assert_false(tr_gzip_worth("text/html; charset=utf-8", 1023));
	assert_false(tr_gzip_worth("image/png", 50000));
	assert_false(tr_gzip_worth("application/pdf", 50000));
	assert_false(tr_gzip_worth(NULL, 50000));
}

/* Decompresses a gzip member with zlib's own reader. */
static size_t gunzip(const char *in, size_t n, char *out, size_t cap)
{
	z_stream z;
	memset(&z, 0, sizeof(z));
	assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)n;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
	size_t len = cap - z.avail_out;
	inflateEnd(&z);
	return len;
}

static void round_trip(void **state)
{
	(void)state;
	tr_buf page, out;
	tr_buf_init(&page);
	tr_buf_init(&out);
	for (int i = 0; i < 2000; i++)
		tr_buf_printf(&page, "<li><a href=\"/requests/%d\">Anfrage %d – Drucker</a></li>\n", i, i);
	size_t cap = page.len + 1;
	char *back = malloc(cap);
	/* the stream is reused: each body must come out whole, a small one after a large one too */
	for (int round = 0; round < 3; round++) {
		size_t n = round == 1 ? 1500 : page.len;
		assert_int_equal(tr_gzip(page.data, n, &out), 0);
		assert_true(out.len < n / 2);
		assert_int_equal(gunzip(out.data, out.len, back, cap), n);
		assert_memory_equal(back, page.data, n);
	}
	free(back);
	tr_buf_free(&page);
	tr_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accept_encoding),
		cmocka_unit_test(worth_it),
		cmocka_unit_test(round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
