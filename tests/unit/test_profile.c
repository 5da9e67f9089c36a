/* test_profile.c - unit tests of the profile's rules: TOTP against the RFC 6238 vectors, the code window
 * and replay, base32, recovery codes, image headers (bombs refused before decoding), phone numbers,
 * device names, the export's ZIP writer and the QR code (R-PROF). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <string.h>
#include <zlib.h>

#include "tresen.h"
#include "accounts/picture.h"
#include "accounts/profile.h"
#include "accounts/totp.h"
#include "core/zip.h"

static void rfc6238_vectors(void **state)
{
	(void)state;
	/* RFC 6238 appendix B: the seeds are the ASCII digits, 20, 32 and 64 bytes long */
	const char *k1 = "12345678901234567890";
	const char *k256 = "12345678901234567890123456789012";
	const char *k512 = "1234567890123456789012345678901234567890123456789012345678901234";
	static const struct {
		long long t;
		const char *sha1, *sha256, *sha512;
	} v[] = {
		{ 59, "94287082", "46119246", "90693936" },
		{ 1111111109, "07081804", "68084774", "25091201" },
		{ 1111111111, "14050471", "67062674", "99943326" },
		{ 1234567890, "89005924", "91819424", "93441116" },
		{ 2000000000, "69279037", "90698825", "38618901" },
		{ 20000000000LL, "65353130", "77737706", "47863826" },
	};
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char out[12];
		assert_int_equal(tr_totp_code((const unsigned char *)k1, 20, (time_t)v[i].t, 8, TR_TOTP_SHA1, out), 0);
		assert_string_equal(out, v[i].sha1);
		assert_int_equal(tr_totp_code((const unsigned char *)k256, 32, (time_t)v[i].t, 8, TR_TOTP_SHA256, out), 0);
		assert_string_equal(out, v[i].sha256);
		assert_int_equal(tr_totp_code((const unsigned char *)k512, 64, (time_t)v[i].t, 8, TR_TOTP_SHA512, out), 0);
		assert_string_equal(out, v[i].sha512);
	}
	/* six digits are the last six of the eight */
	char six[12];
	assert_int_equal(tr_totp_code((const unsigned char *)k1, 20, 59, 6, TR_TOTP_SHA1, six), 0);
	assert_string_equal(six, "287082");
	assert_int_equal(tr_totp_code((const unsigned char *)k1, 20, 59, 9, TR_TOTP_SHA1, six), -1);
}

static void code_window_and_replay(void **state)
{
	(void)state;
	const unsigned char *key = (const unsigned char *)"12345678901234567890";
	time_t now = 1700000000;   /* step 56666666, 20 s into it */
	int64_t step = now / 30;
	char c[12], before[12], after[12], old[12];
	tr_totp_code(key, 20, now, 6, TR_TOTP_SHA1, c);
	tr_totp_code(key, 20, now - 30, 6, TR_TOTP_SHA1, before);
	tr_totp_code(key, 20, now + 30, 6, TR_TOTP_SHA1, after);
	tr_totp_code(key, 20, now - 90, 6, TR_TOTP_SHA1, old);
	assert_int_equal(tr_totp_match(key, 20, now, c, 0), step);
	assert_int_equal(tr_totp_match(key, 20, now, before, 0), step - 1);
	assert_int_equal(tr_totp_match(key, 20, now, after, 0), step + 1);
	assert_int_equal(tr_totp_match(key, 20, now, old, 0), 0);
	/* a code works once: a step at or before the last accepted one is refused */
	assert_int_equal(tr_totp_match(key, 20, now, c, step), 0);
	assert_int_equal(tr_totp_match(key, 20, now, after, step), step + 1);
	assert_int_equal(tr_totp_match(key, 20, now, "", 0), 0);
	assert_int_equal(tr_totp_match(key, 20, now, "12345", 0), 0);
	assert_int_equal(tr_totp_match(key, 20, now, "12a456", 0), 0);
	assert_int_equal(tr_totp_match(key, 20, now, NULL, 0), 0);
	tr_pool_reset();
}

static void base32_and_recovery(void **state)
{
	(void)state;
	unsigned char key[TR_TOTP_KEY_BYTES], back[TR_TOTP_KEY_BYTES];
	randombytes_buf(key, sizeof(key));
	const char *b32 = tr_totp_base32(key, sizeof(key));
	assert_int_equal(strlen(b32), 32);
	assert_int_equal(strspn(b32, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), 32);
	assert_int_equal(tr_totp_unbase32(b32, back), 0);
	assert_memory_equal(key, back, sizeof(key));
	assert_string_equal(tr_totp_base32((const unsigned char *)"12345678901234567890", 20),
			    "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	assert_int_equal(tr_totp_unbase32("GEZDG", back), -1);       /* too short for a key */
	assert_int_equal(tr_totp_unbase32("!!!!", back), -1);
	assert_string_equal(tr_recovery_norm("ABCDE-fghjk"), "abcdefghjk");
	assert_string_equal(tr_recovery_norm(" abcde fghjk "), "abcdefghjk");
	const char *uri = tr_totp_uri("Tresen", "anna@wohnbau.example", "GEZDG");
	assert_string_equal(uri, "otpauth://totp/Tresen:anna@wohnbau.example?secret=GEZDG&issuer=Tresen"
			    "&algorithm=SHA1&digits=6&period=30");
	const char *qr = tr_qr_data_uri(uri);
	assert_non_null(qr);
	assert_int_equal(strncmp(qr, "data:image/png;base64,iVBORw0KGgo", 33), 0);
	tr_pool_reset();
}

static void image_headers(void **state)
{
	(void)state;
	enum tr_image_type t;
	int w, h;
	unsigned char png[33] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
				  0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20, 8, 2, 0, 0, 0 };
	assert_int_equal(tr_image_sniff(png, sizeof(png), &t, &w, &h), 1);
	assert_int_equal(t, TR_IMAGE_PNG);
	assert_int_equal(w, 20000);   /* the bomb's size is known before a pixel is decoded */
	assert_int_equal(h, 20000);
	/* JPEG: SOI, an APP0 segment, then SOF0 with height 480 and width 640 */
	unsigned char jpg[] = { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
				0xFF, 0xC0, 0, 17, 8, 0x01, 0xE0, 0x02, 0x80, 3 };
	assert_int_equal(tr_image_sniff(jpg, sizeof(jpg), &t, &w, &h), 1);
	assert_int_equal(t, TR_IMAGE_JPEG);
	assert_int_equal(w, 640);
	assert_int_equal(h, 480);
	/* progressive (SOF2) too; DHT (C4) is not a frame */
	jpg[21] = 0xC2;
	assert_int_equal(tr_image_sniff(jpg, sizeof(jpg), &t, &w, &h), 1);
	jpg[21] = 0xC4;
	assert_int_equal(tr_image_sniff(jpg, sizeof(jpg), &t, &w, &h), 0);
	/* cut short, markup, GIF, a PNG without IHDR first, zero sizes */
	assert_int_equal(tr_image_sniff(jpg, 10, &t, &w, &h), 0);
	assert_int_equal(tr_image_sniff((const unsigned char *)"<html><script>", 14, &t, &w, &h), 0);
	assert_int_equal(tr_image_sniff((const unsigned char *)"GIF89a\1\0\1\0\0\0\0", 13, &t, &w, &h), 0);
	png[12] = 'X';
	assert_int_equal(tr_image_sniff(png, sizeof(png), &t, &w, &h), 0);
	png[12] = 'I';
	memset(png + 16, 0, 4);
	assert_int_equal(tr_image_sniff(png, sizeof(png), &t, &w, &h), 0);
	assert_int_equal(t, TR_IMAGE_NONE);
}

static void profile_rules(void **state)
{
	(void)state;
	assert_true(tr_profile_phone_ok("+49 (40) 123-456/7"));
	assert_true(tr_profile_phone_ok(""));
	assert_true(tr_profile_phone_ok(NULL));
	assert_false(tr_profile_phone_ok("call me"));
	assert_false(tr_profile_phone_ok("<script>"));
	assert_false(tr_profile_phone_ok("+-"));
	char longnum[60];
	memset(longnum, '1', sizeof(longnum) - 1);
	longnum[59] = '\0';
	assert_false(tr_profile_phone_ok(longnum));
	assert_string_equal(tr_profile_device_name("Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"),
			    "Firefox · Linux");
	assert_string_equal(tr_profile_device_name("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) "
						   "AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1"),
			    "Safari · iOS");
	assert_string_equal(tr_profile_device_name("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
						   "Chrome/120.0 Safari/537.36 Edg/120.0"), "Edge · Windows");
	assert_string_equal(tr_profile_device_name("curl/8.0"), "curl");
	assert_string_equal(tr_profile_device_name(""), "?");
	tr_pool_reset();
}

static uint32_t rd32(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	return (uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 | (uint32_t)u[3] << 24;
}

static void zip_writer(void **state)
{
	(void)state;
	tr_zip z;
	tr_zip_init(&z);
	tr_zip_add(&z, "profile.json", "{}\n", 3);
	tr_zip_add(&z, "files/1/2-Grüße.txt", "hallo", 5);
	tr_zip_finish(&z);
	const char *d = z.out.data;
	size_t n = z.out.len;
	assert_int_equal(rd32(d), 0x04034b50);
	assert_int_equal(rd32(d + 14), (uint32_t)crc32(0L, (const Bytef *)"{}\n", 3));
	/* the end record: two entries, the directory right before it */
	const char *end = d + n - 22;
	assert_int_equal(rd32(end), 0x06054b50);
	assert_int_equal((unsigned char)end[10], 2);
	uint32_t dir_size = rd32(end + 12), dir_at = rd32(end + 16);
	assert_int_equal(dir_at + dir_size, n - 22);
	assert_int_equal(rd32(d + dir_at), 0x02014b50);
	assert_memory_equal(d + dir_at + 46, "profile.json", 12);
	tr_zip_free(&z);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rfc6238_vectors),
		cmocka_unit_test(code_window_and_replay),
		cmocka_unit_test(base32_and_recovery),
		cmocka_unit_test(image_headers),
		cmocka_unit_test(profile_rules),
		cmocka_unit_test(zip_writer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
