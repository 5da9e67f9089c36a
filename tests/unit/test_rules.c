/* test_rules.c - unit tests: e-mail rules, access levels, throttling back-off, passwords, tokens. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <string.h>

#include "tresen.h"
#include "accounts/password.h"
#include "accounts/throttle.h"
#include "core/token.h"

static void email_rules(void **state)
{
	(void)state;
	assert_true(tr_email_valid("anna@wohnbau.example"));
	assert_true(tr_email_valid("first.last+tag@sub.example.de"));
	assert_false(tr_email_valid("anna"));
	assert_false(tr_email_valid("anna@localhost"));
	assert_false(tr_email_valid("anna@@x.de"));
	assert_false(tr_email_valid(".anna@x.de"));
	assert_false(tr_email_valid("an..na@x.de"));
	assert_false(tr_email_valid("anna@-x.de"));
	assert_false(tr_email_valid("anna@x.d3"));
	assert_false(tr_email_valid("<script>@x.de"));
	assert_false(tr_email_valid("a b@x.de"));
	assert_false(tr_email_valid("anna@x.de\r\nBcc: evil@x.de"));
	assert_string_equal(tr_email_norm("Anna@Wohnbau.EXAMPLE"), "anna@wohnbau.example");
	assert_string_equal(tr_email_domain("anna@wohnbau.example"), "wohnbau.example");
	tr_pool_reset();
}

static void effective_level(void **state)
{
	(void)state;
	/* R-ORG 2: the stricter of user and organization setting wins */
	assert_int_equal(tr_effective_level(TR_LEVEL_ORG_COMMENT, TR_LEVEL_OWN), TR_LEVEL_OWN);
	assert_int_equal(tr_effective_level(TR_LEVEL_OWN, TR_LEVEL_ORG_COMMENT), TR_LEVEL_OWN);
	assert_int_equal(tr_effective_level(TR_LEVEL_ORG_COMMENT, TR_LEVEL_ORG_READ), TR_LEVEL_ORG_READ);
	assert_int_equal(tr_effective_level(TR_LEVEL_ORG_COMMENT, TR_LEVEL_ORG_COMMENT), TR_LEVEL_ORG_COMMENT);
	/* unless the setting lets the more permissive one win */
	tr_cfg_set("Access.permissive_wins", "1");
	assert_int_equal(tr_effective_level(TR_LEVEL_ORG_COMMENT, TR_LEVEL_OWN), TR_LEVEL_ORG_COMMENT);
	tr_cfg_set("Access.permissive_wins", "0");
	assert_int_equal(tr_level_parse("org_read"), TR_LEVEL_ORG_READ);
	assert_int_equal(tr_level_parse("everything"), -1);
	assert_string_equal(tr_level_name(TR_LEVEL_ORG_COMMENT), "org_comment");
}

static void throttle_backoff(void **state)
{
	(void)state;
	tr_throttle_rule r = { "login_account", 5, 900, 30 };
	assert_int_equal(tr_throttle_backoff(&r, 0, 0), 0);
	assert_int_equal(tr_throttle_backoff(&r, 4, 0), 0);
	assert_int_equal(tr_throttle_backoff(&r, 5, 0), 30);     /* limit reached: first wait */
	assert_int_equal(tr_throttle_backoff(&r, 5, 10), 20);    /* time passes */
	assert_int_equal(tr_throttle_backoff(&r, 5, 31), 0);     /* one more try allowed */
	assert_int_equal(tr_throttle_backoff(&r, 6, 0), 60);     /* doubles */
	assert_int_equal(tr_throttle_backoff(&r, 7, 0), 120);
	assert_int_equal(tr_throttle_backoff(&r, 50, 0), 900);   /* capped at the window */
}

static void passwords(void **state)
{
	(void)state;
	tr_cfg_set("Security.argon2_kib", "8192");
	tr_cfg_set("Security.argon2_ops", "1");
	char h[TR_PASSWORD_HASH_MAX];
	assert_int_equal(tr_password_hash("Tresen-Demo-2026", h), 0);
	assert_true(!strncmp(h, "$argon2id$", 10));
	assert_true(tr_password_verify(h, "Tresen-Demo-2026"));
	assert_false(tr_password_verify(h, "tresen-demo-2026"));
	assert_false(tr_password_verify("", "x"));
	assert_false(tr_password_verify(NULL, "x"));
	assert_false(tr_password_needs_rehash(h));
	tr_cfg_set("Security.argon2_ops", "2");
	assert_true(tr_password_needs_rehash(h));
}

static void tokens(void **state)
{
	(void)state;
	char t1[44], h1[65], t2[44], h2[65], again[65];
	tr_token_new(t1, h1);
	tr_token_new(t2, h2);
	assert_int_equal(strlen(t1), 43);
	assert_int_equal(strlen(h1), 64);
	assert_string_not_equal(t1, t2);
	assert_int_equal(tr_token_hash(t1, again), 0);
	assert_string_equal(again, h1);
	assert_int_equal(tr_token_hash("not-a-token", again), -1);
	assert_int_equal(tr_token_hash(NULL, again), -1);
}

static void initials(void **state)
{
	(void)state;
	assert_string_equal(tr_user_initials("Anna Schmidt"), "AS");
	assert_string_equal(tr_user_initials("Ömer Ülker"), "ÖÜ");
	assert_string_equal(tr_user_initials("  madonna "), "m");
	assert_string_equal(tr_user_initials(""), "?");
	assert_string_equal(tr_safe_next("/requests/5?x=1"), "/requests/5?x=1");
	assert_string_equal(tr_safe_next("//evil.example/"), "/");
	assert_string_equal(tr_safe_next("https://evil.example/"), "/");
	assert_string_equal(tr_safe_next("/\\evil.example"), "/");
	assert_string_equal(tr_safe_next(NULL), "/");
	tr_pool_reset();
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(email_rules),
		cmocka_unit_test(effective_level),
		cmocka_unit_test(throttle_backoff),
		cmocka_unit_test(passwords),
		cmocka_unit_test(tokens),
		cmocka_unit_test(initials),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
