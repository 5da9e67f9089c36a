/* test_agent.c - unit tests: the queues a ticket is counted in, macro placeholders, queue names. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tresen.h"
#include "tickets/macro.h"
#include "tickets/queue.h"
#include "tickets/ticket.h"

static int has_key(const tr_count_key *k, int n, const char *scope, int64_t id, enum tr_status st)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(k[i].scope, scope) && k[i].id == id && k[i].status == st)
			return 1;
	return 0;
}

static int has_scope(const tr_count_key *k, int n, const char *scope)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(k[i].scope, scope))
			return 1;
	return 0;
}

static void count_keys(void **state)
{
	(void)state;
	tr_count_key k[TR_COUNT_KEYS_MAX];
	tr_ticket t = { .id = 13, .org_id = 3, .requester_id = 6, .status = TR_NEW };
	int n = tr_ticket_count_keys(&t, k);
	/* a new ticket nobody has: all (spread by id), its organization, its requester */
	assert_int_equal(n, 3);
	assert_true(has_key(k, n, "all", 13 % 8, TR_NEW));
	assert_true(has_key(k, n, "org", 3, TR_NEW));
	assert_true(has_key(k, n, "user", 6, TR_NEW));
	/* assigned in a group, with an urgency claim to review */
	t.assignee_id = 4, t.group_id = 2, t.status = TR_OPEN, t.urgent_review = 1;
	n = tr_ticket_count_keys(&t, k);
	assert_true(has_key(k, n, "assignee", 4, TR_OPEN));
	assert_true(has_key(k, n, "group", 2, TR_OPEN));
	assert_true(has_scope(k, n, "urgent"));
	assert_false(has_scope(k, n, "replied"));
	/* the customer answered our reply: "customer replied" while it is Open, not once Pending */
	t.urgent_review = 0, t.agent_replied = 1, t.awaiting_agent = 1;
	n = tr_ticket_count_keys(&t, k);
	assert_true(has_scope(k, n, "replied"));
	assert_false(has_scope(k, n, "urgent"));
	t.status = TR_PENDING;
	assert_false(has_scope(k, tr_ticket_count_keys(&t, k), "replied"));
	/* a closed ticket's claim waits for nobody */
	t.status = TR_CLOSED, t.urgent_review = 1;
	assert_false(has_scope(k, tr_ticket_count_keys(&t, k), "urgent"));
	/* every key fits */
	t.status = TR_OPEN, t.urgent_review = 1;
	assert_true(tr_ticket_count_keys(&t, k) <= TR_COUNT_KEYS_MAX);
	/* a customer without organization counts in no organization */
	tr_ticket lone = { .id = 5, .requester_id = 9, .status = TR_NEW };
	assert_false(has_scope(k, tr_ticket_count_keys(&lone, k), "org"));
}

static void macro_text(void **state)
{
	(void)state;
	tr_ticket t = { .id = 42, .subject = "Drucker", .requester_name = "Anna Schmidt" };
	tr_user a = { .name = "Tom Berger" };
	assert_string_equal(tr_macro_text("Guten Tag {{requester}}, zu {{ticket}} ({{subject}}): {{agent}}", &t, &a),
			    "Guten Tag Anna Schmidt, zu #42 (Drucker): Tom Berger");
	/* unknown or broken placeholders stay as written; nothing is evaluated twice */
	assert_string_equal(tr_macro_text("{{unknown}} {{requester} {{", &t, &a), "{{unknown}} {{requester} {{");
	tr_ticket braces = { .id = 1, .subject = "{{agent}}", .requester_name = "{{ticket}}" };
	assert_string_equal(tr_macro_text("{{requester}} {{subject}}", &braces, &a), "{{ticket}} {{agent}}");
	/* a requester without name (anonymised) leaves an empty place */
	tr_ticket anon = { .id = 7 };
	assert_string_equal(tr_macro_text("Hallo {{requester}}!", &anon, &a), "Hallo !");
	assert_string_equal(tr_macro_text("", &t, &a), "");
	tr_pool_reset();
}

static void queue_names(void **state)
{
	(void)state;
	for (int i = 0; i < TR_NQUEUE; i++)
		assert_int_equal(tr_queue_parse(tr_queue_names[i]), i);
	assert_null(tr_queue_names[TR_NQUEUE]);
	assert_int_equal(tr_queue_parse("bogus"), -1);
	assert_int_equal(tr_queue_parse(""), -1);
	assert_int_equal(tr_queue_parse(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(count_keys),
		cmocka_unit_test(macro_text),
		cmocka_unit_test(queue_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
