/* test_admin.c - unit tests of staff administration's rules: the form editor's check of a whole form
 * (broken conditions, receiving group, options, keys), its text forms of options and conditions, and an
 * organization's domain list. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tresen.h"
#include "accounts/admin.h"
#include "forms/formedit.h"

static tr_form_option systems[] = {
	{ "production", "Produktiv", "Production", 0, NULL },
	{ "test", "Test", "Test", 0, NULL },
};
static tr_form_cond if_test[] = { { "system", "test" } };
static tr_form_cond if_box[] = { { "error_shown", "1" } };

static tr_form_field good_fields[] = {
	{ .key = "system", .kind = TR_FK_SELECT, .label_de = "System", .label_en = "System", .options = systems,
	  .noptions = 2 },
	{ .key = "client", .kind = TR_FK_TEXT, .label_de = "Mandant", .label_en = "Client", .conds = if_test,
	  .nconds = 1 },
	{ .key = "error_shown", .kind = TR_FK_CHECKBOX, .label_de = "Fehler", .label_en = "Error" },
	{ .key = "error_text", .kind = TR_FK_TEXTAREA, .label_de = "Text", .label_en = "Text", .conds = if_box,
	  .nconds = 1 },
};

static tr_form make_form(tr_form_field *fields, int n)
{
	tr_form f = { .id = 1, .group_id = 3, .slug = "erp", .title_de = "ERP", .title_en = "ERP",
		      .types = 1u << TR_QUESTION, .fields = fields, .nfields = n };
	return f;
}

/* The one problem check found: its field and message key. */
static void only_problem(const tr_form *f, const char *field, const char *key)
{
	tr_problems p = { .n = 0 };
	assert_int_equal(tr_form_check(f, &p), TR_E_INVALID);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.list[0].field, field);
	assert_string_equal(p.list[0].key, key);
}

static void a_good_form_passes(void **state)
{
	(void)state;
	tr_form f = make_form(good_fields, 4);
	tr_problems p = { .n = 0 };
	assert_int_equal(tr_form_check(&f, &p), 0);
	assert_int_equal(p.n, 0);
	tr_form empty = make_form(NULL, 0);
	assert_int_equal(tr_form_check(&empty, &p), 0);
}

static void broken_conditions_are_found(void **state)
{
	(void)state;
	tr_form_field fields[4];
	memcpy(fields, good_fields, sizeof(fields));
	tr_form f = make_form(fields, 4);

	/* a field that does not exist */
	tr_form_cond unknown[] = { { "nothing", "1" } };
	fields[1].conds = unknown;
	only_problem(&f, "conditions", "admin.err.cond_unknown");

	/* a value the choice does not have */
	tr_form_cond staging[] = { { "system", "staging" } };
	fields[1].conds = staging;
	only_problem(&f, "conditions", "admin.err.cond_value");

	/* a checkbox is '1' or nothing */
	tr_form_cond box_yes[] = { { "error_shown", "yes" } };
	fields[1].conds = if_test;
	fields[3].conds = box_yes;
	only_problem(&f, "conditions", "admin.err.cond_value");
	fields[3].conds = if_box;

	/* a text field controls nothing */
	tr_form_cond on_text[] = { { "client", "x" } };
	fields[3].conds = on_text;
	only_problem(&f, "conditions", "admin.err.cond_kind");
	fields[3].conds = if_box;

	/* a later field, and the field itself: not earlier, so never true - refused */
	tr_form_cond on_later[] = { { "error_shown", "1" } };
	fields[1].conds = on_later;
	only_problem(&f, "conditions", "admin.err.cond_order");
	tr_form_cond on_self[] = { { "client", "x" } };
	fields[1].conds = on_self;
	only_problem(&f, "conditions", "admin.err.cond_order");
	fields[1].conds = if_test;

	tr_problems p = { .n = 0 };
	assert_int_equal(tr_form_check(&f, &p), 0);
}

static void form_rules(void **state)
{
	(void)state;
	tr_form_field fields[4];
	memcpy(fields, good_fields, sizeof(fields));
	tr_form f = make_form(fields, 4);

	f.group_id = 0;
	only_problem(&f, "group", "admin.err.form_group");
	f.group_id = 3;
	f.types = 0;
	only_problem(&f, "types", "admin.err.form_types");
	f.types = 1;
	f.title_en = "";
	only_problem(&f, "title_de", "admin.err.form_title");
	f.title_en = "ERP";
	f.slug = "Mit Leer";
	only_problem(&f, "slug", "admin.err.slug");
	f.slug = "erp-2";

	fields[0].noptions = 0;    /* a choice without options; its dependant's value is gone with them */
	tr_problems p = { .n = 0 };
	assert_int_equal(tr_form_check(&f, &p), TR_E_INVALID);
	assert_true(tr_problem_on(&p, "options"));
	assert_true(tr_problem_on(&p, "conditions"));
	fields[0].noptions = 2;

	fields[2].key = "system";      /* twice; and the checkbox a condition names is gone */
	p.n = 0;
	assert_int_equal(tr_form_check(&f, &p), TR_E_INVALID);
	assert_string_equal(p.list[0].key, "admin.err.field_key_twice");
	assert_true(tr_problem_on(&p, "conditions"));
	fields[2].key = "Fehler!";
	p.n = 0;
	assert_int_equal(tr_form_check(&f, &p), TR_E_INVALID);
	assert_true(tr_problem_on(&p, "key"));
	fields[2].key = "error_shown";

	fields[1].label_en = NULL;
	only_problem(&f, "label_de", "admin.err.field_label");
	fields[1].label_en = "Client";

	fields[1].kind = TR_FK_NUMBER;
	fields[1].min_value = 10;
	fields[1].max_value = 5;
	only_problem(&f, "max_value", "admin.err.bounds");
}

static void options_as_text(void **state)
{
	(void)state;
	tr_problems p = { .n = 0 };
	tr_form_option *o;
	int n = tr_form_parse_options("basis | Basis | Basic\n\n  profi|Profi  \r\nalt-1 | Alt", &o, &p);
	assert_int_equal(n, 3);
	assert_int_equal(p.n, 0);
	assert_string_equal(o[0].value, "basis");
	assert_string_equal(o[0].label_de, "Basis");
	assert_string_equal(o[0].label_en, "Basic");
	assert_string_equal(o[1].value, "profi");
	assert_string_equal(o[1].label_en, "Profi");     /* English defaults to German */
	assert_string_equal(o[2].value, "alt-1");
	tr_form_field ff = { .options = o, .noptions = n };
	assert_string_equal(tr_form_options_text(&ff), "basis | Basis | Basic\nprofi | Profi | Profi\nalt-1 | Alt | Alt\n");

	assert_int_equal(tr_form_parse_options("Groß | x", &o, &p), -1);
	assert_true(tr_problem_on(&p, "options"));
	p.n = 0;
	assert_int_equal(tr_form_parse_options("nolabel", &o, &p), -1);
	p.n = 0;
	assert_int_equal(tr_form_parse_options("a | A\na | B", &o, &p), -1);
	assert_string_equal(p.list[0].key, "admin.err.option_twice");
	p.n = 0;
	assert_int_equal(tr_form_parse_options("", &o, &p), 0);
	assert_int_equal(tr_form_parse_options(NULL, &o, &p), 0);
}

static void conditions_as_text(void **state)
{
	(void)state;
	tr_problems p = { .n = 0 };
	tr_form_cond *c;
	int n = tr_form_parse_conds("system=test, solution = tenant_app\nsystem=test\n", &c, &p);
	assert_int_equal(n, 2);
	assert_string_equal(c[0].key, "system");
	assert_string_equal(c[0].value, "test");
	assert_string_equal(c[1].key, "solution");
	assert_string_equal(c[1].value, "tenant_app");
	tr_form_field ff = { .conds = c, .nconds = n };
	assert_string_equal(tr_form_conds_text(&ff), "system=test\nsolution=tenant_app\n");
	assert_int_equal(tr_form_parse_conds("kaputt", &c, &p), -1);
	assert_string_equal(p.list[0].key, "admin.err.cond_line");
	p.n = 0;
	assert_int_equal(tr_form_parse_conds("a=<b>", &c, &p), -1);
	p.n = 0;
	assert_int_equal(tr_form_parse_conds("=1", &c, &p), -1);
}

static void domain_lists(void **state)
{
	(void)state;
	tr_problems p = { .n = 0 };
	assert_string_equal(tr_org_parse_domains("Wohnbau.example\n@b.example, a.example a.example", &p),
			    "a.example\nb.example\nwohnbau.example");
	assert_int_equal(p.n, 0);
	assert_string_equal(tr_org_parse_domains("", &p), "");
	assert_string_equal(tr_org_parse_domains(NULL, &p), "");
	static const char *const bad[] = { "nodot", "-a.example", "a-.example", "a..example", "a.example.", "ex ample!",
					   "müller.example", "a_b.example" };
	for (size_t i = 0; i < TR_ARRAY_LEN(bad); i++) {
		p.n = 0;
		tr_org_parse_domains(bad[i], &p);
		assert_true(p.n > 0);
		assert_string_equal(p.list[0].key, "admin.err.domain");
	}
	tr_pool_reset();
}

int main(void)
{
	tr_log_set_level(TR_LOG_ERROR);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_good_form_passes),
		cmocka_unit_test(broken_conditions_are_found),
		cmocka_unit_test(form_rules),
		cmocka_unit_test(options_as_text),
		cmocka_unit_test(conditions_as_text),
		cmocka_unit_test(domain_lists),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
