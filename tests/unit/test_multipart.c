/* test_multipart.c - unit tests: the streaming multipart parser, fed in chunks of every size. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tresen.h"
#include "web/multipart.h"

typedef struct reader {
	const char *data;
	size_t len, pos, chunk;
} reader;

static int mem_read(void *ctx, char *buf, int n)
{
	reader *r = ctx;
	size_t left = r->len - r->pos;
	size_t take = (size_t)n < left ? (size_t)n : left;
	if (take > r->chunk)
		take = r->chunk;
	memcpy(buf, r->data + r->pos, take);
	r->pos += take;
	return (int)take;
}

static int want_all(void *ctx, const char *name, int is_file, tr_part *done)
{
	(void)ctx;
	(void)is_file;
	(void)done;
	return strcmp(name, "ignored") != 0;
}

/* As the pipeline does: a file only after a text part "csrf" with the right value. */
static int want_csrf_first(void *ctx, const char *name, int is_file, tr_part *done)
{
	(void)ctx;
	(void)name;
	if (!is_file)
		return 1;
	for (tr_part *p = done; p; p = p->next)
		if (!p->filename && !strcmp(p->name, "csrf") && !strcmp(p->value, "right"))
			return 1;
	return -403;
}

static char tmpdir[] = "/tmp/tresen-mp-XXXXXX";

static int parse(const char *body, size_t len, size_t chunk, tr_mp *mp, const char *ct)
{
	static reader r;
	r.data = body;
	r.len = len;
	r.pos = 0;
	r.chunk = chunk;
	memset(mp, 0, sizeof(*mp));
	mp->read = mem_read;
	mp->ctx = &r;
	mp->want = want_all;
	mp->content_length = (int64_t)len;
	mp->field_bytes = 1000;
	mp->file_bytes = 5000;
	mp->max_parts = 10;
	mp->tmpdir = tmpdir;
	const char *b = tr_mp_boundary(ct);
	if (!b)
		return 400;
	return tr_mp_parse(mp, b);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static char buf[10000];
	*len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	return buf;
}

static const char CT[] = "multipart/form-data; boundary=----tresenBOUNDARY";

static const char BODY[] =
	"------tresenBOUNDARY\r\n"
	"Content-Disposition: form-data; name=\"subject\"\r\n\r\n"
	"Drucker druckt nicht\r\n"
	"------tresenBOUNDARY\r\n"
	"Content-Disposition: form-data; name=\"attachments\"; filename=\"Bericht \xC3\xA4%22x%22.txt\"\r\n"
	"Content-Type: text/plain\r\n\r\n"
	"line one\r\n--not a boundary\r\nline three\r\n"
	"------tresenBOUNDARY\r\n"
	"Content-Disposition: form-data; name=\"attachments\"; filename=\"C:\\\\Users\\\\a\\\\b.bin\"\r\n\r\n"
	"\x00\x01\x02\r\n"
	"------tresenBOUNDARY\r\n"
	"Content-Disposition: form-data; name=\"ignored\"\r\n\r\n"
	"skip me\r\n"
	"------tresenBOUNDARY--\r\n";

static void parses_in_any_chunking(void **state)
{
	(void)state;
	size_t chunks[] = { 1, 2, 3, 7, 19, 64, 100000 };
	for (size_t c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++) {
		tr_mp mp;
		assert_int_equal(parse(BODY, sizeof(BODY) - 1, chunks[c], &mp, CT), 0);
		tr_part *p = mp.parts;
		assert_non_null(p);
		assert_string_equal(p->name, "subject");
		assert_null(p->filename);
		assert_string_equal(p->value, "Drucker druckt nicht");
		p = p->next;
		assert_string_equal(p->name, "attachments");
		assert_string_equal(p->filename, "Bericht \xC3\xA4\"x\".txt");
		assert_string_equal(p->content_type, "text/plain");
		size_t len;
		char *data = slurp(p->path, &len);
		assert_int_equal(len, strlen("line one\r\n--not a boundary\r\nline three"));
		assert_memory_equal(data, "line one\r\n--not a boundary\r\nline three", len);
		assert_int_equal(p->size, (int64_t)len);
		unsigned char h[32];
		char hex[65];
		crypto_hash_sha256(h, (const unsigned char *)data, len);
		tr_hex_encode(h, 32, hex);
		assert_string_equal(p->sha256, hex);
		p = p->next;
		assert_string_equal(p->filename, "b.bin");          /* path stripped */
		assert_int_equal(p->size, 3);
		assert_null(p->next);                               /* "ignored" not kept */
		tr_mp_cleanup(mp.parts);
		assert_int_equal(access(mp.parts->next->path ? mp.parts->next->path : "/nonexistent", F_OK), -1);
		tr_pool_reset();
	}
}

static void refuses_broken_bodies(void **state)
{
	(void)state;
	tr_mp mp;
	/* no boundary in the header */
	assert_int_equal(parse(BODY, sizeof(BODY) - 1, 64, &mp, "multipart/form-data"), 400);
	/* body ends inside a part */
	assert_int_equal(parse(BODY, 150, 64, &mp, CT), 400);
	tr_mp_cleanup(mp.parts);
	/* no delimiter at all */
	assert_int_equal(parse("garbage garbage", 15, 64, &mp, CT), 400);
	/* a part without a name */
	const char *noname = "------tresenBOUNDARY\r\nContent-Disposition: form-data\r\n\r\nx\r\n------tresenBOUNDARY--\r\n";
	assert_int_equal(parse(noname, strlen(noname), 64, &mp, CT), 400);
	/* garbage after a delimiter */
	const char *junk = "------tresenBOUNDARYxx\r\n";
	assert_int_equal(parse(junk, strlen(junk), 64, &mp, CT), 400);
	/* headers that never end */
	char *hdr = malloc(40000);
	strcpy(hdr, "------tresenBOUNDARY\r\nX: ");
	memset(hdr + strlen(hdr), 'a', 39000);
	hdr[39025] = '\0';
	assert_int_equal(parse(hdr, strlen(hdr), 1000, &mp, CT), 400);
	free(hdr);
	/* invalid boundary characters */
	assert_null(tr_mp_boundary("multipart/form-data; boundary=a\"b"));
	assert_null(tr_mp_boundary("multipart/form-data; boundary="));
	tr_pool_reset();
}

static void enforces_limits(void **state)
{
	(void)state;
	tr_mp mp;
	tr_buf b;
	tr_buf_init(&b);
	/* a text field over field_bytes */
	tr_buf_adds(&b, "------tresenBOUNDARY\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n");
	for (int i = 0; i < 1100; i++)
		tr_buf_addc(&b, 'a');
	tr_buf_adds(&b, "\r\n------tresenBOUNDARY--\r\n");
	assert_int_equal(parse(b.data, b.len, 50, &mp, CT), 413);
	/* a file over file_bytes: refused, and its temporary file is listed for removal */
	tr_buf_reset(&b);
	tr_buf_adds(&b, "------tresenBOUNDARY\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n\r\n");
	for (int i = 0; i < 6000; i++)
		tr_buf_addc(&b, 'b');
	tr_buf_adds(&b, "\r\n------tresenBOUNDARY--\r\n");
	assert_int_equal(parse(b.data, b.len, 500, &mp, CT), 413);
	assert_non_null(mp.parts);
	const char *path = tr_strdup(mp.parts->path);
	tr_mp_cleanup(mp.parts);
	assert_int_equal(access(path, F_OK), -1);
	/* too many parts */
	tr_buf_reset(&b);
	for (int i = 0; i < 11; i++)
		tr_buf_adds(&b, "------tresenBOUNDARY\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\nv\r\n");
	tr_buf_adds(&b, "------tresenBOUNDARY--\r\n");
	assert_int_equal(parse(b.data, b.len, 64, &mp, CT), 400);
	/* an empty file input (no file chosen) is skipped */
	const char *empty = "------tresenBOUNDARY\r\nContent-Disposition: form-data; name=\"f\"; filename=\"\"\r\n"
			    "Content-Type: application/octet-stream\r\n\r\n\r\n------tresenBOUNDARY--\r\n";
	assert_int_equal(parse(empty, strlen(empty), 64, &mp, CT), 0);
	assert_null(mp.parts);
	tr_buf_free(&b);
	tr_pool_reset();
}

static void extended_filename(void **state)
{
	(void)state;
	tr_mp mp;
	const char *body = "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"fallback.txt\"; "
			   "filename*=UTF-8''%C3%9Cbersicht%20Q1.pdf\r\n\r\nx\r\n--b--\r\n";
	assert_int_equal(parse(body, strlen(body), 64, &mp, "multipart/form-data; boundary=b"), 0);
	assert_string_equal(mp.parts->filename, "\xC3\x9C" "bersicht Q1.pdf");
	tr_mp_cleanup(mp.parts);
	/* a file name that is not UTF-8 */
	const char *bad = "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"\xFF.txt\"\r\n\r\nx\r\n--b--\r\n";
	assert_int_equal(parse(bad, strlen(bad), 64, &mp, "multipart/form-data; boundary=b"), 400);
	tr_pool_reset();
}

static void strict_parameters(void **state)
{
	(void)state;
	tr_mp mp;
	/* a quoted ';' is part of the name: no file part comes of it */
	const char *quoted = "--b\r\nContent-Disposition: form-data; name=\"a; filename=x\"\r\n\r\nv\r\n--b--\r\n";
	assert_int_equal(parse(quoted, strlen(quoted), 64, &mp, "multipart/form-data; boundary=b"), 0);
	assert_string_equal(mp.parts->name, "a; filename=x");
	assert_null(mp.parts->filename);
	/* xboundary= is not boundary= */
	assert_null(tr_mp_boundary("multipart/form-data; xboundary=abc"));
	assert_string_equal(tr_mp_boundary("multipart/form-data; charset=utf-8; boundary=\"a b\""), "a b");
	assert_null(tr_mp_boundary("multipart/form-data; boundary=a; boundary=b"));
	/* escapes in filename* are two hex digits, and never a NUL */
	const char *forms[] = { "%+9", "% 9", "%-1", "%0", "%00", "%G1" };
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		char *body = tr_fmt("--b\r\nContent-Disposition: form-data; name=\"f\"; filename*=UTF-8''a%sZ.txt"
				    "\r\n\r\nx\r\n--b--\r\n", forms[i]);
		assert_int_equal(parse(body, strlen(body), 64, &mp, "multipart/form-data; boundary=b"), 400);
		tr_mp_cleanup(mp.parts);
	}
	/* an unclosed quote, a parameter without a value */
	const char *open_quote = "--b\r\nContent-Disposition: form-data; name=\"f\r\n\r\nx\r\n--b--\r\n";
	assert_int_equal(parse(open_quote, strlen(open_quote), 64, &mp, "multipart/form-data; boundary=b"), 400);
	const char *no_value = "--b\r\nContent-Disposition: form-data; name\r\n\r\nx\r\n--b--\r\n";
	assert_int_equal(parse(no_value, strlen(no_value), 64, &mp, "multipart/form-data; boundary=b"), 400);
	tr_pool_reset();
}

static void invisible_characters_leave_file_names(void **state)
{
	(void)state;
	tr_mp mp;
	/* "rechnung<U+202E>gpj.exe" would show as "rechnungexe.jpg" */
	const char *body = "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"rechnung\xE2\x80\xAEgpj.exe\"\r\n"
			   "\r\nx\r\n--b--\r\n";
	assert_int_equal(parse(body, strlen(body), 64, &mp, "multipart/form-data; boundary=b"), 0);
	assert_string_equal(mp.parts->filename, "rechnunggpj.exe");
	tr_mp_cleanup(mp.parts);
	tr_pool_reset();
}

static void text_in_all_is_bounded(void **state)
{
	(void)state;
	tr_mp mp;
	tr_buf b;
	tr_buf_init(&b);
	for (int i = 0; i < 5; i++) {
		tr_buf_printf(&b, "--b\r\nContent-Disposition: form-data; name=\"t%d\"\r\n\r\n", i);
		for (int k = 0; k < 900; k++)
			tr_buf_addc(&b, 'x');
		tr_buf_adds(&b, "\r\n");
	}
	tr_buf_adds(&b, "--b--\r\n");
	/* each part is under field_bytes (1000), together over 4000 */
	assert_int_equal(parse(b.data, b.len, 512, &mp, "multipart/form-data; boundary=b"), 0);
	static reader r;
	r = (reader){ b.data, b.len, 0, 512 };
	memset(&mp, 0, sizeof(mp));
	mp.read = mem_read;
	mp.ctx = &r;
	mp.want = want_all;
	mp.content_length = (int64_t)b.len;
	mp.field_bytes = 1000;
	mp.text_bytes = 4000;
	mp.file_bytes = 5000;
	mp.max_parts = 10;
	mp.tmpdir = tmpdir;
	assert_int_equal(tr_mp_parse(&mp, "b"), 413);
	tr_buf_free(&b);
	tr_pool_reset();
}

static void no_file_before_the_csrf_token(void **state)
{
	(void)state;
	tr_mp mp;
	const char *file_first = "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\nx\r\n"
				 "--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nright\r\n--b--\r\n";
	const char *wrong = "--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nwrong\r\n"
			    "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\nx\r\n--b--\r\n";
	const char *right = "--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nright\r\n"
			    "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\nx\r\n--b--\r\n";
	const char *bodies[] = { file_first, wrong, right };
	int expect[] = { 403, 403, 0 };
	for (int i = 0; i < 3; i++) {
		static reader r;
		r = (reader){ bodies[i], strlen(bodies[i]), 0, 64 };
		memset(&mp, 0, sizeof(mp));
		mp.read = mem_read;
		mp.ctx = &r;
		mp.want = want_csrf_first;
		mp.content_length = (int64_t)strlen(bodies[i]);
		mp.field_bytes = 1000;
		mp.file_bytes = 5000;
		mp.max_parts = 10;
		mp.tmpdir = tmpdir;
		assert_int_equal(tr_mp_parse(&mp, "b"), expect[i]);
		int files = 0;
		for (tr_part *p = mp.parts; p; p = p->next)
			files += p->filename != NULL;
		assert_int_equal(files, expect[i] ? 0 : 1);    /* nothing written when refused */
		tr_mp_cleanup(mp.parts);
	}
	tr_pool_reset();
}

int main(void)
{
	if (sodium_init() < 0 || !mkdtemp(tmpdir))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_in_any_chunking),
		cmocka_unit_test(refuses_broken_bodies),
		cmocka_unit_test(enforces_limits),
		cmocka_unit_test(extended_filename),
		cmocka_unit_test(strict_parameters),
		cmocka_unit_test(invisible_characters_leave_file_names),
		cmocka_unit_test(text_in_all_is_bounded),
		cmocka_unit_test(no_file_before_the_csrf_token),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(tmpdir);
	return rc;
}
