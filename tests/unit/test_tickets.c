/* test_tickets.c - unit tests: the status machine, the access rule, search terms. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
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
	assert_string_equal(tr_access_search_prefix(&reader, TR_SCOPE_ORG), "o100_");
	assert_string_equal(tr_access_search_prefix(&reader, TR_SCOPE_MINE), "r12_");
	assert_string_equal(tr_access_search_prefix(&reader, TR_SCOPE_CC), "c12_");
	tr_pool_reset();
}

static void search_terms(void **state)
{
	(void)state;
	static const char *const stop[] = { "und", "die", NULL };
	assert_string_equal(tr_search_terms("Drucker Fehler", "o3_", stop), "+o3_Drucker* +o3_Fehler*");
	assert_string_equal(tr_search_terms("\"Mieten\" -soll +stellung (x) ~y <z>", "r6_", stop),
			    "+r6_Mieten* +r6_soll* +r6_stellung*");
	assert_string_equal(tr_search_terms("die Heizung und Wasser", "o3_", stop), "+o3_Heizung* +o3_Wasser*");
	assert_string_equal(tr_search_terms("Überweisung Straße", "o3_", stop), "+o3_Überweisung* +o3_Straße*");
	assert_string_equal(tr_search_terms("Heizung–Problem × 3", "o3_", stop), "+o3_Heizung* +o3_Problem*");
	assert_null(tr_search_terms("und die", "o3_", stop));
	assert_null(tr_search_terms("a b c", "o3_", stop));
	assert_null(tr_search_terms("", "o3_", stop));
	assert_null(tr_search_terms(NULL, "o3_", stop));
	assert_string_equal(tr_search_terms("IP DB", "c7_", stop), "+c7_IP* +c7_DB*");
	assert_string_equal(tr_search_terms("a1 b2 c3 d4 e5 f6 g7 h8 i9 j10", "o1_", stop),
			    "+o1_a1* +o1_b2* +o1_c3* +o1_d4* +o1_e5* +o1_f6* +o1_g7* +o1_h8*");
	tr_pool_reset();
}

static void search_documents(void **state)
{
	(void)state;
	static const char *const stop[] = { "und", NULL };
	static const char *const prefixes[] = { "o3_", "r6_" };
	tr_buf doc;
	tr_buf_init(&doc);
	tr_search_doc_add(&doc, "Heizung und Wasser: defekt! (Objekt 12, ä)", prefixes, 2, stop);
	assert_string_equal(doc.data, "o3_Heizung r6_Heizung o3_Wasser r6_Wasser o3_defekt r6_defekt "
				      "o3_Objekt r6_Objekt o3_12 r6_12 \n");
	/* a word typed into the search box becomes exactly a word of the document */
	const char *t = tr_search_terms("wasser", "o3_", stop);
	assert_string_equal(t, "+o3_wasser*");
	tr_buf_free(&doc);
	tr_pool_reset();
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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
