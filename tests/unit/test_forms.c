/* test_forms.c - unit tests: priority (R-PRIO), form conditions and routing completeness (R-NEW 3, 9),
 * the routing choice, CC entries, JSON escaping, article text and snippets, the confirmation mail. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <string.h>

#include "tresen.h"
#include "hc/article.h"
#include "forms/form.h"
#include "core/json.h"
#include "mail/mail.h"
#include "forms/newticket.h"
#include "tickets/routing.h"
#include "views/formview.h"

static void priority_per_type(void **state)
{
	(void)state;
	/* the table of R-PRIO */
	assert_int_equal(tr_priority_for(TR_QUESTION, 0), TR_LOW);
	assert_int_equal(tr_priority_for(TR_INCIDENT, 0), TR_NORMAL);
	assert_int_equal(tr_priority_for(TR_REQUIREMENT, 0), TR_NORMAL);
	assert_int_equal(tr_priority_for(TR_CHANGE, 0), TR_NORMAL);
	/* a claimed urgency makes every type high */
	for (int t = 0; t < TR_NTYPE; t++)
		assert_int_equal(tr_priority_for((enum tr_type)t, 1), TR_HIGH);
}

/* ---- a form like the seeded ERP one, built by hand ---- */

static tr_form_option products[] = {
	{ "yuneo", "Wodis Yuneo", "Wodis Yuneo", 11, "Wodis Yuneo" },
	{ "sigma", "Wodis Sigma (alt)", "Wodis Sigma (old)", 12, "Wodis Sigma" },
};
static tr_form_option systems[] = {
	{ "production", "Produktivsystem", "Production system", 0, NULL },
	{ "test", "Testsystem", "Test system", 0, NULL },
};
static tr_form_option platforms[] = {
	{ "web", "Web-Browser", "Web browser", 0, NULL },
	{ "ios", "iOS", "iOS", 0, NULL },
};
static tr_form_cond if_test[] = { { "system", "test" } };
static tr_form_cond if_error[] = { { "error_shown", "1" } };
static tr_form_cond if_ios[] = { { "platforms", "ios" } };
static tr_form_cond if_later[] = { { "version", "2025" } };
static tr_form_cond if_yuneo_or_test[] = { { "product", "yuneo" }, { "system", "test" } };

enum { F_PRODUCT, F_VERSION_EARLY, F_SYSTEM, F_CLIENT, F_ERROR, F_ERROR_TEXT, F_PLATFORMS, F_IOS, F_VERSION, F_N };

static tr_form_field fields[F_N] = {
	[F_PRODUCT] = { .key = "product", .kind = TR_FK_SELECT, .label_de = "Produkt", .label_en = "Product",
			.required = 1, .routing = 1, .options = products, .noptions = 2 },
	/* conditioned on a field further down: never shown */
	[F_VERSION_EARLY] = { .key = "early", .kind = TR_FK_TEXT, .label_de = "Früh", .label_en = "Early",
			      .required = 1, .routing = 1, .conds = if_later, .nconds = 1 },
	[F_SYSTEM] = { .key = "system", .kind = TR_FK_SELECT, .label_de = "System", .label_en = "System",
		       .required = 1, .routing = 1, .options = systems, .noptions = 2 },
	[F_CLIENT] = { .key = "test_client", .kind = TR_FK_TEXT, .label_de = "Mandant", .label_en = "Client",
		       .required = 1, .conds = if_test, .nconds = 1 },
	[F_ERROR] = { .key = "error_shown", .kind = TR_FK_CHECKBOX, .label_de = "Fehlermeldung", .label_en = "Error" },
	[F_ERROR_TEXT] = { .key = "error_text", .kind = TR_FK_TEXTAREA, .label_de = "Wortlaut", .label_en = "Text",
			   .required = 1, .routing = 1, .conds = if_error, .nconds = 1, .max_length = 4000 },
	[F_PLATFORMS] = { .key = "platforms", .kind = TR_FK_MULTI, .label_de = "Plattformen", .label_en = "Platforms",
			  .options = platforms, .noptions = 2, .conds = if_yuneo_or_test, .nconds = 2 },
	/* shown only when its (conditional) controller is shown and has ios */
	[F_IOS] = { .key = "ios_version", .kind = TR_FK_NUMBER, .label_de = "iOS-Version", .label_en = "iOS version",
		    .routing = 1, .conds = if_ios, .nconds = 1, .min_value = 12, .max_value = 30 },
	[F_VERSION] = { .key = "version", .kind = TR_FK_TEXT, .label_de = "Version", .label_en = "Version",
			.routing = 1 },
};

static tr_form erp = { .id = 1, .group_id = 7, .product_id = 5, .slug = "erp",
		       .types = (1u << TR_QUESTION) | (1u << TR_INCIDENT), .fields = fields, .nfields = F_N };

static tr_form_vals vals[F_N];

static void set(int i, const char *a, const char *b)
{
	static const char *store[F_N][2];
	store[i][0] = a;
	store[i][1] = b;
	vals[i].v = store[i];
	vals[i].n = a ? (b ? 2 : 1) : 0;
}

static void reset(void)
{
	for (int i = 0; i < F_N; i++)
		set(i, NULL, NULL);
}

static void conditions(void **state)
{
	(void)state;
	int shown[F_N];
	reset();
	tr_form_shown(&erp, vals, shown);
	assert_true(shown[F_PRODUCT] && shown[F_SYSTEM] && shown[F_ERROR] && shown[F_VERSION]);
	assert_false(shown[F_CLIENT] || shown[F_ERROR_TEXT] || shown[F_PLATFORMS] || shown[F_IOS]);
	assert_false(shown[F_VERSION_EARLY]);

	set(F_SYSTEM, "test", NULL);
	set(F_ERROR, "1", NULL);
	tr_form_shown(&erp, vals, shown);
	assert_true(shown[F_CLIENT] && shown[F_ERROR_TEXT]);
	/* any one condition suffices: system=test shows the platforms */
	assert_true(shown[F_PLATFORMS]);

	/* a multi-select value counts when it is one of several */
	set(F_PLATFORMS, "web", "ios");
	tr_form_shown(&erp, vals, shown);
	assert_true(shown[F_IOS]);

	/* the controller hidden: its value does not show anything */
	set(F_SYSTEM, "production", NULL);
	tr_form_shown(&erp, vals, shown);
	assert_false(shown[F_PLATFORMS]);
	assert_false(shown[F_IOS]);
	set(F_PRODUCT, "yuneo", NULL);
	tr_form_shown(&erp, vals, shown);
	assert_true(shown[F_PLATFORMS] && shown[F_IOS]);

	/* a condition on a later field never holds, whatever it has */
	set(F_VERSION, "2025", NULL);
	tr_form_shown(&erp, vals, shown);
	assert_false(shown[F_VERSION_EARLY]);
}

static void required_and_routing(void **state)
{
	(void)state;
	int shown[F_N];
	reset();
	tr_form_shown(&erp, vals, shown);
	/* product and system are missing; the hidden required fields are not */
	assert_int_equal(tr_form_next_missing(&erp, vals, shown, -1), F_PRODUCT);
	assert_int_equal(tr_form_next_missing(&erp, vals, shown, F_PRODUCT), F_SYSTEM);
	assert_int_equal(tr_form_next_missing(&erp, vals, shown, F_SYSTEM), -1);
	assert_false(tr_form_routing_complete(&erp, vals, shown));

	set(F_PRODUCT, "sigma", NULL);
	set(F_SYSTEM, "production", NULL);
	tr_form_shown(&erp, vals, shown);
	assert_int_equal(tr_form_next_missing(&erp, vals, shown, -1), -1);
	/* the version is needed for routing, though not required */
	assert_false(tr_form_routing_complete(&erp, vals, shown));
	set(F_VERSION, "2025.2", NULL);
	tr_form_shown(&erp, vals, shown);
	assert_true(tr_form_routing_complete(&erp, vals, shown));

	/* a shown routing field must be filled: the error text once the box is ticked */
	set(F_ERROR, "1", NULL);
	tr_form_shown(&erp, vals, shown);
	assert_false(tr_form_routing_complete(&erp, vals, shown));
	assert_int_equal(tr_form_next_missing(&erp, vals, shown, -1), F_ERROR_TEXT);
	set(F_ERROR_TEXT, "Code 4711", NULL);
	tr_form_shown(&erp, vals, shown);
	assert_true(tr_form_routing_complete(&erp, vals, shown));
}

static void types_product_snapshot(void **state)
{
	(void)state;
	int shown[F_N];
	assert_true(tr_form_offers(&erp, TR_QUESTION));
	assert_false(tr_form_offers(&erp, TR_CHANGE));
	assert_false(tr_form_offers(&erp, (enum tr_type)99));

	reset();
	tr_form_shown(&erp, vals, shown);
	assert_int_equal(tr_form_product(&erp, vals, shown), 5);      /* the form's */
	set(F_PRODUCT, "sigma", NULL);
	set(F_SYSTEM, "test", NULL);
	set(F_CLIENT, "Mandant 02", NULL);
	set(F_PLATFORMS, "web", "ios");
	set(F_ERROR_TEXT, "hidden, so never kept", NULL);
	tr_form_shown(&erp, vals, shown);
	assert_int_equal(tr_form_product(&erp, vals, shown), 12);     /* the option's */

	int n;
	tr_ticket_value *tv = tr_form_snapshot(&erp, vals, shown, "en", "Yes", &n);
	assert_int_equal(n, 4);
	assert_string_equal(tv[0].key, "product");
	assert_string_equal(tv[0].value, "Wodis Sigma (old)");
	assert_string_equal(tv[1].value, "Test system");
	assert_string_equal(tv[1].label_de, "System");
	assert_string_equal(tv[2].value, "Mandant 02");
	assert_string_equal(tv[3].key, "platforms");
	assert_string_equal(tv[3].value, "Web browser, iOS");
	set(F_ERROR, "1", NULL);
	tr_form_shown(&erp, vals, shown);
	tv = tr_form_snapshot(&erp, vals, shown, "de", "Ja", &n);
	assert_int_equal(n, 6);
	assert_string_equal(tv[1].value, "Testsystem");
	assert_string_equal(tv[3].value, "Ja");
	assert_string_equal(tv[4].value, "hidden, so never kept");
	/* a choice that only names the ticket's product is not repeated as a value */
	set(F_PRODUCT, "yuneo", NULL);
	tr_form_shown(&erp, vals, shown);
	tv = tr_form_snapshot(&erp, vals, shown, "de", "Ja", &n);
	assert_int_equal(n, 5);
	assert_string_equal(tv[0].key, "system");
	assert_int_equal(tr_form_product(&erp, vals, shown), 11);
	tr_pool_reset();
}

static void input_declarations(void **state)
{
	(void)state;
	tr_field *d = tr_view_form_fields(&erp);
	assert_string_equal(d[F_PRODUCT].name, "field_product");
	assert_int_equal(d[F_PRODUCT].type, TR_F_ENUM);
	assert_string_equal(d[F_PRODUCT].values[0], "yuneo");
	assert_string_equal(d[F_PRODUCT].values[1], "sigma");
	assert_null(d[F_PRODUCT].values[2]);
	assert_int_equal(d[F_PRODUCT].flags, 0);        /* required depends on the conditions */
	assert_int_equal(d[F_PLATFORMS].flags, TR_MULTI);
	assert_int_equal(d[F_ERROR].type, TR_F_BOOL);
	assert_int_equal(d[F_ERROR_TEXT].type, TR_F_LINES);
	assert_int_equal(d[F_ERROR_TEXT].max, 4000);
	assert_int_equal(d[F_VERSION].max, 200);
	assert_int_equal(d[F_IOS].type, TR_F_INT);
	assert_int_equal(d[F_IOS].min, 12);
	assert_int_equal(d[F_IOS].max, 30);
	assert_null(d[F_N].name);
	assert_string_equal(tr_form_kind_name(TR_FK_MULTI), "multiselect");
	tr_pool_reset();
}

static void routing_choice(void **state)
{
	(void)state;
	/* the fewest open tickets wins */
	tr_route_candidate a[] = { { 10, 3, 0 }, { 11, 1, 5 }, { 12, 2, 0 } };
	assert_int_equal(tr_route_choose(a, 3), 1);
	/* equal loads: the one served longest ago, never-served first */
	tr_route_candidate b[] = { { 10, 2, 7 }, { 11, 2, 3 }, { 12, 2, 9 } };
	assert_int_equal(tr_route_choose(b, 3), 1);
	tr_route_candidate c[] = { { 10, 0, 4 }, { 11, 0, 0 } };
	assert_int_equal(tr_route_choose(c, 2), 1);
	/* and then the lower id, so the choice is always the same */
	tr_route_candidate d[] = { { 12, 0, 0 }, { 10, 0, 0 }, { 11, 0, 0 } };
	assert_int_equal(tr_route_choose(d, 3), 1);
	assert_int_equal(tr_route_choose(d, 0), -1);
	/* round-robin: equal loads rotate when each choice stamps the counter */
	tr_route_candidate e[] = { { 1, 0, 0 }, { 2, 0, 0 }, { 3, 0, 0 } };
	int64_t seq = 0;
	int64_t order[6];
	for (int i = 0; i < 6; i++) {
		int k = tr_route_choose(e, 3);
		order[i] = e[k].user_id;
		e[k].last_seq = ++seq;
	}
	assert_true(order[0] == 1 && order[1] == 2 && order[2] == 3 && order[3] == 1 && order[4] == 2 && order[5] == 3);
}

static void cc_entries(void **state)
{
	(void)state;
	const char **e;
	int n = tr_cc_split(" Ben Weber <ben@wohnbau.example>, carla@x.de;\nAnna Schmidt ,, ", &e);
	assert_int_equal(n, 3);
	assert_string_equal(e[0], "ben@wohnbau.example");
	assert_string_equal(e[1], "carla@x.de");
	assert_string_equal(e[2], "Anna Schmidt");
	assert_int_equal(tr_cc_split(NULL, &e), 0);
	assert_int_equal(tr_cc_split(" , ; ", &e), 0);
	char many[400] = "";
	for (int i = 0; i < 30; i++)
		strcat(many, "a@b.de,");
	assert_int_equal(tr_cc_split(many, &e), 30);
	tr_pool_reset();
}

static const char *json(const char *s)
{
	tr_buf b;
	tr_buf_init(&b);
	tr_json_str(&b, s);
	const char *r = tr_strdup(b.data);
	tr_buf_free(&b);
	return r;
}

static void json_strings(void **state)
{
	(void)state;
	assert_string_equal(json("Grüße"), "\"Grüße\"");
	assert_string_equal(json("a\"b\\c"), "\"a\\\"b\\\\c\"");
	assert_string_equal(json("l1\nl2\tx\r"), "\"l1\\nl2\\tx\\r\"");
	assert_string_equal(json("\x01\x1f\x7f"), "\"\\u0001\\u001f\\u007f\"");
	/* never markup, never the end of a script block */
	assert_string_equal(json("</script><b>&amp;"), "\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026amp;\"");
	assert_string_equal(json("a\xE2\x80\xA8" "b\xE2\x80\xA9"), "\"a\\u2028b\\u2029\"");
	/* invalid UTF-8 is replaced, not passed on */
	assert_string_equal(json("x\xC3(\xFF"), "\"x\\ufffd(\\ufffd\"");
	assert_string_equal(json("\xE2\x82"), "\"\\ufffd\\ufffd\"");
	assert_string_equal(json(NULL), "null");
	assert_string_equal(json("\xF0\x9F\x98\x80"), "\"\xF0\x9F\x98\x80\"");
	tr_pool_reset();
}

static void article_text(void **state)
{
	(void)state;
	assert_string_equal(tr_html_text("<p>Erste&nbsp;Zeile</p><ol><li>Schritt&nbsp;1</li><li>Schritt 2</li></ol>"),
			    "Erste Zeile Schritt 1 Schritt 2");
	assert_string_equal(tr_html_text("a<br>b &amp; c &lt;d&gt; &#228;&#x20AC; &uuml;"), "a b & c <d> ä€ ü");
	assert_string_equal(tr_html_text("x<script>alert('<p>')</script>y<style>p{}</style>z"), "x y z");
	assert_string_equal(tr_html_text("<a href=\"x>y\" title='>'>Link</a>  \n  weiter"), "Link weiter");
	assert_string_equal(tr_html_text("&bogus; &#xZZ; &"), "&bogus; &#xZZ; &");
	assert_string_equal(tr_html_text("&#0;&#55296;"), "\xEF\xBF\xBD\xEF\xBF\xBD");
	assert_string_equal(tr_html_text(NULL), "");
	tr_pool_reset();
}

static void snippets(void **state)
{
	(void)state;
	const char *text = "Das Passwort für das Testsystem setzen Sie über den Link auf der Anmeldeseite zurück. "
			   "Für das Produktivsystem wenden Sie sich an Ihre Kundenadministration, die den Zugang "
			   "freischaltet und Ihnen die Rechte gibt.";
	/* short text from the start */
	assert_string_equal(tr_snippet("kurz und gut", "nichts", 160), "kurz und gut");
	/* no match: the beginning, cut after a word */
	const char *s = tr_snippet(text, "Lohnbuchhaltung", 30);
	assert_string_equal(s, "Das Passwort für das …");
	(void)s;
	/* a match far inside: some context before it, "…" at both ends */
	s = tr_snippet(text, "kundenadministration", 60);
	assert_true(!strncmp(s, "… ", 4));
	assert_non_null(strstr(s, "Kundenadministration"));
	assert_true(strlen(s) >= 4 && !strcmp(s + strlen(s) - 4, " …"));
	assert_true(tr_utf8_valid(s, strlen(s)));
	/* never splits a character */
	for (size_t max = 1; max < 40; max++) {
		s = tr_snippet("äöüßäöüßäöüß äöüß äöüß", "üß", max);
		assert_true(tr_utf8_valid(s, strlen(s)));
	}
	tr_pool_reset();
}

/* The confirmation of a new request renders in both languages, for the requester and for a CC. */
static void confirmation_mail(void **state)
{
	(void)state;
	const char *subjects[2][2];
	for (int l = 0; l < 2; l++)
		for (int cc = 0; cc < 2; cc++) {
			HDF *d = NULL;
			assert_null(hdf_init(&d));
			hdf_set_value(d, "Mail.ticket_id", "42");
			hdf_set_value(d, "Mail.subject", "Sollstellung <bricht> ab & mehr");
			hdf_set_value(d, "Mail.requester", "Anna <i>Schmidt</i>");
			hdf_set_value(d, "Mail.type", "incident");
			hdf_set_value(d, "Mail.priority", "high");
			hdf_set_value(d, "Mail.status", cc ? "new" : "open");
			if (!cc)
				hdf_set_value(d, "Mail.assignee", "Jonas Keller");
			hdf_set_value(d, "Mail.urgent", "1");
			hdf_set_value(d, "Mail.body", "Zeile 1\nZeile <2>");
			hdf_set_value(d, "Mail.link", "https://portal.example/requests/42");
			if (cc)
				hdf_set_value(d, "Mail.cc", "1");
			tr_mail m = { .kind = "ticket_created", .to = "a@b.example", .to_name = "Ben Weber",
				      .lang = l ? "en" : "de", .data = d };
			tr_mail_rendered r;
			assert_int_equal(tr_mail_render(&m, &r), 0);
			hdf_destroy(&d);
			subjects[l][cc] = r.subject;
			assert_non_null(strstr(r.subject, "[#42] "));
			assert_non_null(strstr(r.subject, "Sollstellung <bricht> ab & mehr"));
			assert_null(strstr(r.text, "&lt;"));
			assert_null(strstr(r.text, "\n\n\n"));
			assert_null(strstr(r.text, "mail.ticket_created"));
			assert_non_null(strstr(r.text, "Zeile 1\nZeile <2>"));
			assert_non_null(strstr(r.text, "https://portal.example/requests/42"));
			assert_non_null(strstr(r.text, l ? "Priority: High" : "Priorität: Hoch"));
			assert_non_null(strstr(r.html, "Zeile &lt;2&gt;"));
			assert_null(strstr(r.html, "<2>"));
			if (cc)
				assert_non_null(strstr(r.text, "Anna <i>Schmidt</i>"));
			else
				assert_non_null(strstr(r.text, "Jonas Keller"));
		}
	assert_string_not_equal(subjects[0][0], subjects[1][0]);
	assert_string_not_equal(subjects[0][0], subjects[0][1]);
	tr_pool_reset();
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	/* run from the checkout (scripts/run-tests does): the mail templates */
	tr_cfg_set("Paths.templates", "templates");
	tr_cfg_set("Site.url", "https://portal.example");
	tr_cfg_set("Site.name", "Tresen");
	tr_log_set_level(TR_LOG_ERROR);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(confirmation_mail),
		cmocka_unit_test(priority_per_type),
		cmocka_unit_test(conditions),
		cmocka_unit_test(required_and_routing),
		cmocka_unit_test(types_product_snapshot),
		cmocka_unit_test(input_declarations),
		cmocka_unit_test(routing_choice),
		cmocka_unit_test(cc_entries),
		cmocka_unit_test(json_strings),
		cmocka_unit_test(article_text),
		cmocka_unit_test(snippets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
