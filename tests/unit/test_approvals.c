/* test_approvals.c - unit tests: the approval rules (who decides what, the second approver, the reminder's
 * day arithmetic), marked form fields, product mails' checks, Markdown, rendering and the signed unsubscribe link. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "tresen.h"
#include "forms/form.h"
#include "mail/productmail.h"
#include "tickets/approval.h"

static void what_needs_approval(void **state)
{
	(void)state;
	assert_int_equal(tr_approval_needed(TR_CHANGE, 0), TR_APPR_ORDER);
	assert_int_equal(tr_approval_needed(TR_QUESTION, 0), TR_APPR_NONE);
	assert_int_equal(tr_approval_needed(TR_INCIDENT, 0), TR_APPR_NONE);
	assert_int_equal(tr_approval_needed(TR_REQUIREMENT, 0), TR_APPR_NONE);
	/* access and dumps: the customer administrator, also when it is an order */
	assert_int_equal(tr_approval_needed(TR_REQUIREMENT, 1), TR_APPR_ADMIN);
	assert_int_equal(tr_approval_needed(TR_CHANGE, 1), TR_APPR_ADMIN);
	/* orders: main contact or customer administrator; systems: the administrator only */
	assert_true(tr_approval_holds_role(TR_APPR_ORDER, 1, 0));
	assert_true(tr_approval_holds_role(TR_APPR_ORDER, 0, 1));
	assert_false(tr_approval_holds_role(TR_APPR_ORDER, 0, 0));
	assert_false(tr_approval_holds_role(TR_APPR_ADMIN, 1, 0));
	assert_true(tr_approval_holds_role(TR_APPR_ADMIN, 0, 1));
	assert_false(tr_approval_holds_role(TR_APPR_NONE, 1, 1));
}

static void marked_fields(void **state)
{
	(void)state;
	tr_form_field fields[3] = { { .key = "request_kind" }, { .key = "dump_purpose", .needs_approval = 1 },
				    { .key = "system" } };
	tr_form f = { .fields = fields, .nfields = 3 };
	int shown[3] = { 1, 0, 1 };
	assert_false(tr_form_needs_approval(&f, shown));     /* a hidden marked field asks nothing */
	shown[1] = 1;
	assert_true(tr_form_needs_approval(&f, shown));
}

static void who_decides(void **state)
{
	(void)state;
	tr_user main = { .id = 10, .org_id = 1, .confirmed = 1, .main_contact = 1 };
	tr_user admin = { .id = 11, .org_id = 1, .confirmed = 1, .customer_admin = 1 };
	tr_user plain = { .id = 12, .org_id = 1, .confirmed = 1 };
	tr_user other = { .id = 20, .org_id = 2, .confirmed = 1, .main_contact = 1, .customer_admin = 1 };
	tr_user agent = { .id = 30, .confirmed = 1, .is_agent = 1 };
	tr_user staff_in_org = { .id = 31, .org_id = 1, .confirmed = 1, .is_admin = 1, .customer_admin = 1 };
	tr_user unconfirmed = { .id = 13, .org_id = 1, .main_contact = 1 };
	assert_int_equal(tr_approval_may_decide(&main, 1, TR_APPR_ORDER, 12, 2, 1), 0);
	assert_int_equal(tr_approval_may_decide(&admin, 1, TR_APPR_ORDER, 12, 2, 1), 0);
	assert_int_equal(tr_approval_may_decide(&admin, 1, TR_APPR_ADMIN, 12, 1, 1), 0);
	assert_int_equal(tr_approval_may_decide(&main, 1, TR_APPR_ADMIN, 12, 1, 1), TR_E_FORBIDDEN);
	assert_int_equal(tr_approval_may_decide(&plain, 1, TR_APPR_ORDER, 12, 2, 1), TR_E_FORBIDDEN);
	/* another organization's approver does not even see it */
	assert_int_equal(tr_approval_may_decide(&other, 1, TR_APPR_ORDER, 12, 2, 1), TR_E_NOT_FOUND);
	assert_int_equal(tr_approval_may_decide(&unconfirmed, 1, TR_APPR_ORDER, 12, 2, 1), TR_E_NOT_FOUND);
	assert_int_equal(tr_approval_may_decide(NULL, 1, TR_APPR_ORDER, 12, 2, 1), TR_E_NOT_FOUND);
	/* staff record a phone approval instead */
	assert_int_equal(tr_approval_may_decide(&agent, 1, TR_APPR_ORDER, 12, 2, 1), TR_E_FORBIDDEN);
	assert_int_equal(tr_approval_may_decide(&staff_in_org, 1, TR_APPR_ORDER, 12, 2, 1), TR_E_FORBIDDEN);
	/* a customer without organization: no approval is anyone's to give */
	assert_int_equal(tr_approval_may_decide(&main, 0, TR_APPR_ORDER, 12, 0, 1), TR_E_NOT_FOUND);
	/* the requester who is an approver: a second one decides when there is one and the setting asks */
	assert_int_equal(tr_approval_may_decide(&main, 1, TR_APPR_ORDER, 10, 1, 1), TR_E_FORBIDDEN);
	assert_int_equal(tr_approval_may_decide(&main, 1, TR_APPR_ORDER, 10, 0, 1), 0);
	assert_int_equal(tr_approval_may_decide(&main, 1, TR_APPR_ORDER, 10, 1, 0), 0);
}

static void reminder_days(void **state)
{
	(void)state;
	tr_calendar c;
	tr_cal_default(&c);
	time_t tue = 1767708000;    /* Tuesday 2026-01-06 15:00 Berlin */
	assert_int_equal(tr_approval_remind_at(&c, tue, 2) - tue, 2 * 86400);
	assert_int_equal(tr_approval_remind_at(&c, tue, 0) - tue, 86400);    /* never at once */
	/* business days: from Thursday, two of them end on Monday at the same time of day */
	time_t thu = tue + 2 * 86400;
	assert_int_equal(tr_approval_remind_at(&c, thu, 2) - thu, 4 * 86400);
	/* New Year's Day is no business day: Wednesday 31 December, one day on is Friday 2 January */
	time_t wed = 1767189600;    /* 2025-12-31 15:00 Berlin */
	assert_int_equal(tr_approval_remind_at(&c, wed, 1) - wed, 2 * 86400);
	assert_string_equal(tr_approval_role_name(TR_APPR_ADMIN), "admin");
	assert_string_equal(tr_approval_state_name(TR_APPR_REJECTED), "rejected");
}

static void pmail_checks(void **state)
{
	(void)state;
	int64_t products[] = { 3 };
	tr_problems p = { .n = 0 };
	tr_pmail m = { .subject_de = "Neu", .body_de = "Text", .products = products, .nproducts = 1 };
	assert_int_equal(tr_pmail_check(&m, &p), 0);
	m.subject_en = "News";         /* English begun but not finished */
	assert_int_equal(tr_pmail_check(&m, &p), TR_E_INVALID);
	assert_true(tr_problem_on(&p, "body_en"));
	p.n = 0;
	tr_pmail none = { .all_products = 1 };
	assert_int_equal(tr_pmail_check(&none, &p), TR_E_INVALID);
	assert_true(tr_problem_on(&p, "subject_de"));
	p.n = 0;
	tr_pmail noproduct = { .subject_en = "News", .body_en = "Text" };
	assert_int_equal(tr_pmail_check(&noproduct, &p), TR_E_INVALID);
	assert_true(tr_problem_on(&p, "product"));
}

static void markdown_is_safe(void **state)
{
	(void)state;
	const char *h = tr_pmail_markdown("**fett** ~~weg~~\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) "
					  "https://example.com\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
	assert_non_null(strstr(h, "<strong>fett</strong>"));
	assert_non_null(strstr(h, "<del>weg</del>"));
	assert_non_null(strstr(h, "<table>"));
	assert_non_null(strstr(h, "href=\"https://example.com\""));
	assert_null(strstr(h, "<script"));
	assert_null(strstr(h, "javascript:"));
	tr_pool_reset();
}

static void rendered_in_the_recipients_language(void **state)
{
	(void)state;
	tr_pmail m = { .subject_de = "Neuerungen", .body_de = "Hallo **alle**" };
	const char *s, *t, *h;
	assert_int_equal(tr_pmail_render(&m, "en", &s, &t, &h), 0);
	assert_string_equal(s, "Neuerungen");            /* no English text: the German one */
	assert_non_null(strstr(t, "Hallo **alle**"));
	assert_non_null(strstr(t, "https://portal.example/unsubscribe?token=preview"));
	assert_non_null(strstr(h, "<strong>alle</strong>"));
	assert_non_null(strstr(h, "Stop product information mails"));   /* the frame in English */
	m.subject_en = "News";
	m.body_en = "Hello";
	assert_int_equal(tr_pmail_render(&m, "en", &s, &t, &h), 0);
	assert_string_equal(s, "News");
	assert_int_equal(tr_pmail_render(&m, "de", &s, &t, &h), 0);
	assert_string_equal(s, "Neuerungen");
	assert_non_null(strstr(h, "Keine Produktinformationen mehr erhalten"));
	tr_pool_reset();
}

static void signed_unsubscribe_link(void **state)
{
	(void)state;
	int64_t id = 0;
	const char *tok = tr_unsub_token(42);
	assert_int_equal(strncmp(tok, "42x", 3), 0);
	assert_int_equal(tr_unsub_check(tok, &id), 0);
	assert_int_equal(id, 42);
	/* another user's id with this signature, a changed signature, junk: refused */
	char *other = tr_strdup(tok);
	other[1] = '3';
	assert_int_equal(tr_unsub_check(other, &id), TR_E_NOT_FOUND);
	char *changed = tr_strdup(tok);
	changed[strlen(changed) - 1] = changed[strlen(changed) - 1] == '0' ? '1' : '0';
	assert_int_equal(tr_unsub_check(changed, &id), TR_E_NOT_FOUND);
	assert_int_equal(tr_unsub_check("x0123456789abcdef0123456789abcdef", &id), TR_E_NOT_FOUND);
	assert_int_equal(tr_unsub_check("42", &id), TR_E_NOT_FOUND);
	assert_int_equal(tr_unsub_check(NULL, &id), TR_E_NOT_FOUND);
	/* another server secret signs differently */
	tr_cfg_set("Security.secret", "a-different-secret-of-at-least-32-characters");
	assert_int_equal(tr_unsub_check(tok, &id), TR_E_NOT_FOUND);
	tr_cfg_set("Security.secret", "unit-test-secret-of-at-least-32-characters!");
	tr_pool_reset();
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	setenv("TZ", "Europe/Berlin", 1);   /* the reminder days count in local days */
	tzset();
	tr_cfg_set("Paths.templates", "templates");
	tr_cfg_set("Site.url", "https://portal.example");
	tr_cfg_set("Site.name", "Tresen");
	tr_cfg_set("Security.secret", "unit-test-secret-of-at-least-32-characters!");
	tr_log_set_level(TR_LOG_ERROR);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(what_needs_approval),
		cmocka_unit_test(marked_fields),
		cmocka_unit_test(who_decides),
		cmocka_unit_test(reminder_days),
		cmocka_unit_test(pmail_checks),
		cmocka_unit_test(markdown_is_safe),
		cmocka_unit_test(rendered_in_the_recipients_language),
		cmocka_unit_test(signed_unsubscribe_link),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
