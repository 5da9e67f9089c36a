/* test_accounts.c - unit tests: password strength, role addresses, display names (R-ACC 1, 3). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <string.h>

#include "tresen.h"
#include "accounts/account.h"
#include "accounts/password.h"

static void password_rules(void **state)
{
	(void)state;
	const char *email = "anna.schmidt@wohnbau.example";
	assert_null(tr_password_problem("Kaffeetasse-im-Regen", email, "Anna Schmidt"));
	assert_string_equal(tr_password_problem("kurz", email, NULL), "password.too_short");
	assert_string_equal(tr_password_problem("123456789", email, NULL), "password.too_short");
	assert_string_equal(tr_password_problem("", email, NULL), "password.too_short");
	assert_string_equal(tr_password_problem(NULL, email, NULL), "password.too_short");
	/* length counts characters, not bytes */
	assert_string_equal(tr_password_problem("äöüäöüäöü", email, NULL), "password.too_short");
	assert_null(tr_password_problem("äöüßäöüßäö", email, NULL));
	/* not the e-mail address, in any letter case, nor containing it, nor its local part */
	assert_string_equal(tr_password_problem("Anna.Schmidt@Wohnbau.example", email, NULL), "password.is_email");
	assert_string_equal(tr_password_problem("anna.schmidt@wohnbau.example!", email, NULL), "password.is_email");
	assert_string_equal(tr_password_problem("anna.schmidt", email, NULL), "password.is_email");
	/* not the name, with or without its spaces */
	assert_string_equal(tr_password_problem("Anna Schmidt-Meier", email, "anna schmidt-meier"), "password.is_name");
	assert_string_equal(tr_password_problem("AnnaSchmidtMeier", email, "Anna Schmidt Meier"), "password.is_name");
	/* common passwords and one repeated character */
	assert_string_equal(tr_password_problem("1234567890", email, NULL), "password.common");
	assert_string_equal(tr_password_problem("Passwort123", email, NULL), "password.common");
	assert_string_equal(tr_password_problem("QWERTZUIOP", email, NULL), "password.common");
	assert_string_equal(tr_password_problem("xxxxxxxxxxxx", email, NULL), "password.common");
	assert_null(tr_password_problem("passwort123!", NULL, NULL));
	tr_pool_reset();
}

static void role_addresses(void **state)
{
	(void)state;
	assert_true(tr_account_role_address("info@wohnbau.example"));
	assert_true(tr_account_role_address("Info@Wohnbau.example"));
	assert_true(tr_account_role_address("support@x.de"));
	assert_true(tr_account_role_address("office@x.de"));
	assert_true(tr_account_role_address("kontakt@x.de"));
	assert_true(tr_account_role_address("admin@x.de"));
	/* noreply spelled every way, and with a +tag */
	assert_true(tr_account_role_address("noreply@x.de"));
	assert_true(tr_account_role_address("no-reply@x.de"));
	assert_true(tr_account_role_address("No.Reply@x.de"));
	assert_true(tr_account_role_address("no_reply+news@x.de"));
	assert_true(tr_account_role_address("info+abc@x.de"));
	/* personal addresses that merely contain a role word */
	assert_false(tr_account_role_address("anna@x.de"));
	assert_false(tr_account_role_address("information.anna@x.de"));
	assert_false(tr_account_role_address("infoanna@x.de"));
	assert_false(tr_account_role_address("ben.support@x.de"));
	assert_false(tr_account_role_address("not-an-address"));
	assert_false(tr_account_role_address(NULL));
	/* the list is a setting */
	tr_cfg_set("Accounts.role_addresses", "zentrale,\n  empfang  buero");
	assert_true(tr_account_role_address("buero@x.de"));
	assert_true(tr_account_role_address("empfang@x.de"));
	assert_false(tr_account_role_address("info@x.de"));
	tr_cfg_set("Accounts.role_addresses", "");
	assert_false(tr_account_role_address("info@x.de"));
	tr_pool_reset();
}

static void display_names(void **state)
{
	(void)state;
	assert_null(tr_account_name_problem("Anna Schmidt"));
	assert_null(tr_account_name_problem("Jörg Müller-Lüdenscheidt"));
	assert_string_equal(tr_account_name_problem("Win at www.spam.example"), "register.name_link");
	assert_string_equal(tr_account_name_problem("See HTTPS://spam.example"), "register.name_link");
	assert_string_equal(tr_account_name_problem("write to x@spam.example"), "register.name_link");
	tr_pool_reset();
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(password_rules),
		cmocka_unit_test(role_addresses),
		cmocka_unit_test(display_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
