/* test_tickets.c - unit tests: the status machine, the access rule, search terms. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "tresen.h"
#include "tickets/access.h"
#include "search/search.h"
#include "tickets/ticket.h"

static tr_transition tx(enum tr_status from, enum tr_event ev, int replied)
{
	return tr_status_transition(from, ev, replied);
}

static void customer_comment(void **state)
{
	(void)state;
	/* R-TKT 4 and the R-LIFE table: the customer's reply reopens waiting and solved tickets */
	assert_int_equal(tx(TR_NEW, TR_EV_CUSTOMER_COMMENT, 0).to, TR_NEW);
	assert_int_equal(tx(TR_OPEN, TR_EV_CUSTOMER_COMMENT, 1).to, TR_OPEN);
	assert_int_equal(tx(TR_PENDING, TR_EV_CUSTOMER_COMMENT, 1).to, TR_OPEN);
	assert_int_equal(tx(TR_SOLVED, TR_EV_CUSTOMER_COMMENT, 1).to, TR_OPEN);
	for (int s = TR_NEW; s < TR_CLOSED; s++)
		assert_false(tx((enum tr_status)s, TR_EV_CUSTOMER_COMMENT, 1).follow_up);
	/* R-TKT 5: closed stays closed, a follow-up ticket takes the comment */
	tr_transition c = tx(TR_CLOSED, TR_EV_CUSTOMER_COMMENT, 1);
	assert_true(c.allowed);
	assert_true(c.follow_up);
	assert_int_equal(c.to, TR_CLOSED);
}

static void customer_solve(void **state)
{
	(void)state;
	/* R-TKT 3: only after a public agent reply */
	assert_false(tx(TR_NEW, TR_EV_CUSTOMER_SOLVE, 0).allowed);
	assert_false(tx(TR_OPEN, TR_EV_CUSTOMER_SOLVE, 0).allowed);
	assert_true(tx(TR_OPEN, TR_EV_CUSTOMER_SOLVE, 1).allowed);
	assert_int_equal(tx(TR_PENDING, TR_EV_CUSTOMER_SOLVE, 1).to, TR_SOLVED);
	assert_false(tx(TR_SOLVED, TR_EV_CUSTOMER_SOLVE, 1).allowed);
	assert_false(tx(TR_CLOSED, TR_EV_CUSTOMER_SOLVE, 1).allowed);
}

static void agent_and_automation(void **state)
{
	(void)state;
	assert_int_equal(tx(TR_NEW, TR_EV_AGENT_OPEN, 0).to, TR_OPEN);
	assert_int_equal(tx(TR_OPEN, TR_EV_AGENT_PENDING, 1).to, TR_PENDING);
	assert_int_equal(tx(TR_PENDING, TR_EV_AGENT_SOLVE, 1).to, TR_SOLVED);
	assert_false(tx(TR_CLOSED, TR_EV_AGENT_OPEN, 1).allowed);
	assert_int_equal(tx(TR_SOLVED, TR_EV_CLOSE, 1).to, TR_CLOSED);
	assert_int_equal(tx(TR_PENDING, TR_EV_CLOSE, 1).to, TR_CLOSED);
	assert_false(tx(TR_OPEN, TR_EV_CLOSE, 1).allowed);
	assert_false(tx(TR_NEW, TR_EV_CLOSE, 1).allowed);
}

static void names(void **state)
{
	(void)state;
	for (int s = 0; s < TR_NSTATUS; s++)
		assert_int_equal(tr_status_parse(tr_status_name((enum tr_status)s)), s);
	for (int t = 0; t < TR_NTYPE; t++)
		assert_int_equal(tr_type_parse(tr_type_name((enum tr_type)t)), t);
	assert_int_equal(tr_status_parse("deleted"), -1);
	assert_int_equal(tr_status_parse(NULL), -1);
	assert_string_equal(tr_priority_name(TR_HIGH), "high");
}

static tr_user customer(int64_t id, int64_t org, enum tr_level level)
{
	tr_user u;
	memset(&u, 0, sizeof(u));
	u.id = id;
	u.org_id = org;
	u.confirmed = 1;
	u.level = level;
	return u;
}

static void access_rule(void **state)
{
	(void)state;
	tr_ticket t;
	memset(&t, 0, sizeof(t));
	t.id = 1;
	t.requester_id = 10;
	t.org_id = 100;
	tr_user requester = customer(10, 100, TR_LEVEL_OWN);
	tr_user own = customer(11, 100, TR_LEVEL_OWN);
	tr_user reader = customer(12, 100, TR_LEVEL_ORG_READ);
	tr_user commenter = customer(13, 100, TR_LEVEL_ORG_COMMENT);
	tr_user stranger = customer(14, 200, TR_LEVEL_ORG_COMMENT);
	tr_user no_org = customer(15, 0, TR_LEVEL_ORG_COMMENT);
	assert_int_equal(tr_access_right(&requester, &t, 0), TR_RIGHT_COMMENT);
	assert_int_equal(tr_access_right(&own, &t, 0), TR_RIGHT_NONE);
	assert_int_equal(tr_access_right(&own, &t, 1), TR_RIGHT_COMMENT);      /* in CC */
	assert_int_equal(tr_access_right(&reader, &t, 0), TR_RIGHT_READ);
	assert_int_equal(tr_access_right(&commenter, &t, 0), TR_RIGHT_COMMENT);
	assert_int_equal(tr_access_right(&stranger, &t, 0), TR_RIGHT_NONE);
	assert_int_equal(tr_access_right(&stranger, &t, 1), TR_RIGHT_COMMENT); /* CC'd across organizations */
	assert_int_equal(tr_access_right(&no_org, &t, 0), TR_RIGHT_NONE);
	tr_ticket orgless = t;
	orgless.org_id = 0;
	assert_int_equal(tr_access_right(&no_org, &orgless, 0), TR_RIGHT_NONE); /* no organization: no colleagues */
	requester.confirmed = 0;
	assert_int_equal(tr_access_right(&requester, &t, 0), TR_RIGHT_NONE);   /* R-ACC 4 */
	tr_user agent = customer(20, 0, TR_LEVEL_OWN);
	agent.is_agent = 1;
	assert_int_equal(tr_access_right(&agent, &t, 0), TR_RIGHT_READ);
	assert_int_equal(tr_access_right(NULL, &t, 0), TR_RIGHT_NONE);
	/* list scopes */
	assert_true(tr_access_scope_ok(&own, TR_SCOPE_MINE));
	assert_true(tr_access_scope_ok(&own, TR_SCOPE_CC));
	assert_false(tr_access_scope_ok(&own, TR_SCOPE_ORG));
	assert_true(tr_access_scope_ok(&reader, TR_SCOPE_ORG));
	assert_false(tr_access_scope_ok(&no_org, TR_SCOPE_ORG));
	/* the SQL and the search words of each list */
	tr_scope_sql mine = tr_access_scope_sql(&reader, TR_SCOPE_MINE);
	assert_string_equal(mine.where, "t.requester_id = ?");
	assert_int_equal(mine.where_arg, 12);
	tr_scope_sql org = tr_access_scope_sql(&reader, TR_SCOPE_ORG);
	assert_string_equal(org.where, "t.org_id = ?");
	assert_int_equal(org.where_arg, 100);
	tr_scope_sql cc = tr_access_scope_sql(&reader, TR_SCOPE_CC);
	assert_int_equal(cc.join_arg, 12);
	assert_int_equal(cc.where_arg, 0);
	/* the organization's tab reads its own postings; the own and CC tabs look up every ticket's */
	assert_int_equal(tr_access_search_scope(&reader, TR_SCOPE_ORG), 100);
	assert_int_equal(tr_access_search_scope(&reader, TR_SCOPE_MINE), 0);
	assert_int_equal(tr_access_search_scope(&reader, TR_SCOPE_CC), 0);
	tr_pool_reset();
}

static int query(const char *typed, const char *const *stop, const char **w)
{
	return tr_search_query_words(typed, stop, w);
}

static void search_terms(void **state)
{
	(void)state;
	static const char *const stop[] = { "und", "die", NULL };
	const char *w[TR_SEARCH_MAX_TERMS];
	assert_int_equal(query("Drucker Fehler", stop, w), 2);
	assert_string_equal(w[0], "drucker");
	assert_string_equal(w[1], "fehler");
	/* operators are punctuation; letter case folds, Latin-1 capitals too */
	assert_int_equal(query("\"Mieten\" -soll +stellung (x) ~y <z>", stop, w), 3);
	assert_string_equal(w[0], "mieten");
	assert_string_equal(w[2], "stellung");
	assert_int_equal(query("die Heizung und Wasser", stop, w), 2);
	assert_int_equal(query("ÜBERWEISUNG Straße ÄÖÜ", stop, w), 3);
	assert_string_equal(w[0], "überweisung");
	assert_string_equal(w[1], "straße");
	assert_string_equal(w[2], "äöü");
	assert_int_equal(query("Heizung–Problem × 3", stop, w), 2);
	/* a word typed twice is searched once */
	assert_int_equal(query("Heizung heizung HEIZUNG", stop, w), 1);
	assert_int_equal(query("und die", stop, w), 0);
	assert_int_equal(query("a b c", stop, w), 0);
	assert_int_equal(query("", stop, w), 0);
	assert_int_equal(query(NULL, stop, w), 0);
	assert_int_equal(query("a1 b2 c3 d4 e5 f6 g7 h8 i9 j10", stop, w), TR_SEARCH_MAX_TERMS);
	assert_string_equal(w[7], "h8");
	/* a prefix as a LIKE pattern, LIKE's own characters escaped */
	assert_string_equal(tr_search_like("heiz"), "heiz%");
	assert_string_equal(tr_search_like("a_b"), "a\\_b%");
	tr_pool_reset();
}

static void search_documents(void **state)
{
	(void)state;
	static const char *const stop[] = { "und", NULL };
	tr_search_doc d;
	tr_search_doc_init(&d);
	tr_search_doc_text(&d, "Heizung und Wasser", 3, stop);
	tr_search_doc_text(&d, "heizung defekt! (Objekt 12, ä)", 1, stop);
	/* distinct folded words, sorted; the subject's words weigh three */
	assert_int_equal(d.len, 3 * 2 + 4);
	const char *json = tr_search_doc_json(&d);
	char want[300];
	snprintf(want, sizeof(want), "[[\"12\",%u],[\"defekt\",%u],[\"heizung\",%u],[\"objekt\",%u],[\"wasser\",%u]]",
		 tr_search_impact(1, 10), tr_search_impact(1, 10), tr_search_impact(4, 10), tr_search_impact(1, 10),
		 tr_search_impact(3, 10));
	assert_string_equal(json, want);
	tr_search_doc_free(&d);
	/* help-centre ranks: the title's words (the first occurrences) rank above any of the text's */
	tr_search_doc_init(&d);
	tr_search_doc_text(&d, "Heizung", 3, stop);
	int titled = tr_search_doc_occurrences(&d);
	tr_search_doc_text(&d, "Wasser Wasser heizung", 1, stop);
	snprintf(want, sizeof(want), "[[\"heizung\",%u],[\"wasser\",%u]]",
		 tr_search_impact(4, 6) + TR_SEARCH_TITLE_BONUS, tr_search_impact(2, 6));
	assert_string_equal(tr_search_doc_json_titled(&d, titled), want);
	assert_true(tr_search_impact(1, 6) + TR_SEARCH_TITLE_BONUS > TR_SEARCH_IMPACT_MAX);
	tr_search_doc_free(&d);
	tr_search_doc_init(&d);
	assert_string_equal(tr_search_doc_json(&d), "[]");
	tr_pool_reset();
}

static void search_impact(void **state)
{
	(void)state;
	/* BM25's term weight: more occurrences weigh more, with diminishing returns ... */
	assert_true(tr_search_impact(2, 60) > tr_search_impact(1, 60));
	assert_true(tr_search_impact(3, 60) - tr_search_impact(2, 60) < tr_search_impact(2, 60) - tr_search_impact(1, 60));
	/* ... and a word weighs more in a short document than in a long one */
	assert_true(tr_search_impact(1, 10) > tr_search_impact(1, 60));
	assert_true(tr_search_impact(1, 60) > tr_search_impact(1, 600));
	/* within its range, never 0 for a word that occurs */
	assert_int_equal(tr_search_impact(0, 60), 0);
	assert_true(tr_search_impact(1, 1000000) >= 1);
	assert_true(tr_search_impact(1000000, 1) <= TR_SEARCH_IMPACT_MAX);
	/* tf 1 in an average document: BM25 gives 1 of k1 + 1 = 2.2 */
	assert_int_equal(tr_search_impact(1, 60), (unsigned)(TR_SEARCH_IMPACT_MAX / 2.2 + 0.5));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(customer_comment),
		cmocka_unit_test(customer_solve),
		cmocka_unit_test(agent_and_automation),
		cmocka_unit_test(names),
		cmocka_unit_test(access_rule),
		cmocka_unit_test(search_terms),
		cmocka_unit_test(search_documents),
		cmocka_unit_test(search_impact),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
