/* explain.c - tresen-explain: runs the queries of the customer pages through the library with every
 * SELECT EXPLAINed first, and fails when one reads a data table whole (a full table or index scan).
 *
 *   tresen-explain USER_EMAIL [WORD [AGENT_EMAIL [WORD2]]]
 *
 * With an agent, the agent workspace too: every queue, the search over all
 * organizations, filters, a later page, and the agent's ticket page.
 * Meant for a database of realistic size (bench/gen-data); the tests run it on 20,000 tickets. */
#include "tresen.h"
#include "accounts/throttle.h"
#include "forms/form.h"
#include "hc/article.h"
#include "hc/hc.h"
#include "accounts/staff.h"
#include "tickets/access.h"
#include "tickets/conversation.h"
#include "tickets/events.h"
#include "tickets/macro.h"
#include "tickets/queue.h"
#include "tickets/viewers.h"
#include "tickets/routing.h"
#include "tickets/ticketlist.h"
#include "views/formview.h"
#include "views/ticketview.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static int list(const tr_user *u, enum tr_scope scope, const char *q, int status, int type, const char *from,
		const char *to, enum tr_sort sort, int page, int64_t *first)
{
	tr_list_query lq = { scope, q, status, type, from, to, sort, 0, page, 25, TR_COL_ALL };
	tr_list l;
	int rc = tr_ticket_list(u, &lq, &l);
	if (rc)
		return rc;
	if (first && l.n)
		*first = l.rows[0].id;
	printf("list scope=%d q=%s status=%d type=%d sort=%d page=%d: %d rows%s", scope, q ? q : "-", status, type, sort,
	       page, l.n, l.has_more ? " (more)" : "");
	if (l.searched)
		printf(", found %s%lld", l.found_more ? "more than " : "", (long long)l.found);
	printf("\n");
	return 0;
}

static int queue_sorted(const tr_user *a, enum tr_queue which, const char *q, const char *org, int status, int page,
			int64_t *first, int brief, enum tr_queue_sort sort)
{
	tr_queue_query qq = { .queue = which, .q = q, .status = status, .type = -1, .priority = -1, .org = org,
			      .page = page, .per_page = brief ? 15 : 25, .brief = brief, .sort = sort };
	tr_queue_list l;
	int rc = tr_agent_queue(a, &qq, &l);
	if (rc)
		return rc;
	if (first && l.n)
		*first = l.rows[0].id;
	printf("queue %s q=%s org=%s page=%d%s%s: %d rows%s", tr_queue_names[which], q ? q : "-", org ? org : "-", page,
	       sort ? " sort=" : "", sort ? tr_queue_sort_names[sort] : "", l.n, l.has_more ? " (more)" : "");
	if (l.searched)
		printf(", found %s%lld", l.found_more ? "more than " : "", (long long)l.found);
	printf("\n");
	return 0;
}

static int queue(const tr_user *a, enum tr_queue which, const char *q, const char *org, int status, int page,
		 int64_t *first, int brief)
{
	return queue_sorted(a, which, q, org, status, page, first, brief, TR_QS_WAITING);
}

/* The agent workspace: the queues, the search, filters, and the agent's ticket page. */
static int agent_pages(const char *email, const char *word)
{
	int64_t id = 0;
	if (tr_db_int(&id, "SELECT id FROM users WHERE email_norm = ?", "s", tr_email_norm(email)) <= 0)
		return 1;
	tr_user *a = tr_user_load(id);
	int64_t ticket = 0;
	int rc = 0;
	for (int i = 0; i < TR_NQUEUE; i++)
		rc |= queue(a, (enum tr_queue)i, NULL, NULL, -1, 1, i == TR_Q_MINE ? &ticket : NULL, 0);
	for (int i = 0; i < TR_Q_ALL; i++)     /* the strip beside a ticket */
		rc |= queue(a, (enum tr_queue)i, NULL, NULL, -1, 1, NULL, 1);
	rc |= queue(a, TR_Q_ALL, word, NULL, -1, 1, NULL, 0);
	rc |= queue(a, TR_Q_ALL, word, NULL, TR_OPEN, 1, NULL, 0);
	rc |= queue(a, TR_Q_ALL, word, NULL, -1, 50, NULL, 0);
	rc |= queue(a, TR_Q_MINE, word, NULL, -1, 1, NULL, 0);
	rc |= queue(a, TR_Q_UNASSIGNED, word, NULL, -1, 1, NULL, 0);
	rc |= queue(a, TR_Q_ALL, NULL, "Wohnungsgesellschaft 0001", -1, 1, NULL, 0);
	rc |= queue(a, TR_Q_ALL, NULL, NULL, -1, 40, NULL, 0);
	rc |= queue(a, TR_Q_MINE, NULL, NULL, -1, 3, NULL, 0);
	for (int i = 0; i < TR_NQUEUE; i++)     /* by service level: running targets, then the others */
		rc |= queue_sorted(a, (enum tr_queue)i, NULL, NULL, -1, 2, NULL, 0, TR_QS_SLA);
	if (!ticket)
		return rc;
	tr_ticket *t = tr_ticket_load(ticket, 0, NULL);
	tr_conversation c;
	tr_event_row *ev;
	tr_macro *m;
	tr_staff_item *groups, *agents;
	const char *names[8];
	int64_t last;
	int ng, na;
	if (!t || tr_conversation_load(a, t, &c) < 0 || tr_ticket_events(t->id, 0, 500, &ev) < 0 ||
	    tr_ticket_last_event(t->id, &last) < 0 || tr_macro_list(a, 0, &m) < 0 ||
	    tr_staff_groups(a->id, &groups) < 0 || tr_staff_agents(&agents) < 0 ||
	    tr_staff_groups_agents(a->id, &groups, &ng, &agents, &na) < 0 || !tr_user_load(t->requester_id) ||
	    tr_viewers_visit(t->id, a->id, names, 8) < 0)
		rc = 1;
	printf("agent ticket %lld\n", (long long)ticket);
	return rc;
}

/* The help centre's search (sql/019_hc_search.sql): one word, two, a prefix, a short prefix of
 * many words, a section, a later page, for visitors and signed-in readers; suggestions. */
static int hc_search(const tr_hc_query *q)
{
	tr_hc_found f;
	int rc = tr_hc_search_page(q, &f);
	printf("hc q=%s level=%d section=%lld offset=%d: %d hits, total %s%lld, %d sections%s\n", q->typed, q->level,
	       (long long)q->section, q->offset, f.n, f.total_more ? "more than " : "", (long long)f.total, f.nfacets,
	       f.facet_counts ? " counted" : "");
	return rc < 0;
}

static int hc_searches(const char *word, const char *word2, const char *prefix)
{
	int64_t section = 0;
	int rc = tr_db_int(&section, "SELECT MIN(id) FROM hc_sections", "") < 0;
	const char *typed[] = { word, tr_fmt("%s %s", word, word2), prefix, tr_fmt("%.4s", word) };
	for (int level = TR_HC_VISITOR; level <= TR_HC_MEMBER; level++)
		for (size_t i = 0; i < TR_ARRAY_LEN(typed); i++) {
			tr_hc_query q = { .typed = typed[i], .level = level, .all_words = 1, .limit = 10 };
			rc |= hc_search(&q);
			q.section = section;
			rc |= hc_search(&q);
			q.section = 0;
			q.offset = 490;
			rc |= hc_search(&q);
		}
	tr_article_hit *hits;
	int n = tr_article_suggest(tr_fmt("%s %s", word, word2), 1, 5, &hits);
	printf("suggest %s %s: %d articles\n", word, word2, n);
	return rc || n < 0;
}

int main(int argc, char **argv)
{
	tr_log_init("tresen-explain");
	if (argc < 2) {
		fputs("usage: tresen-explain USER_EMAIL [WORD]\n", stderr);
		return 2;
	}
	const char *word = argc > 2 ? argv[2] : "Heizung";
	/* a second word for the two-word searches, a prefix for the prefix ones */
	const char *word2 = argc > 4 ? argv[4] : "Fehler";
	const char *prefix = tr_fmt("%.*s", (int)(strlen(word) > 4 ? strlen(word) - 2 : strlen(word)), word);
	if (tr_config_load(NULL) < 0 || sodium_init() < 0 || tr_db_connect() < 0 || tr_render_init() < 0)
		return 1;
	tr_time_init();
	tr_db_explain(1);

	int64_t uid = 0;
	if (tr_db_int(&uid, "SELECT id FROM users WHERE email_norm = ?", "s", tr_email_norm(argv[1])) <= 0) {
		fprintf(stderr, "tresen-explain: no user %s\n", argv[1]);
		return 1;
	}
	tr_user *u = tr_user_load(uid);
	tr_throttle_rule rule = { "login_account", 5, 900, 30 };
	tr_throttle_wait(&rule, argv[1]);
	int64_t counts[3];
	tr_ticket_tab_counts(u, counts);

	int64_t ticket = 0, org_ticket = 0;
	int rc = 0;
	for (int s = TR_SCOPE_MINE; s <= TR_SCOPE_ORG && !rc; s++) {
		if (!tr_access_scope_ok(u, (enum tr_scope)s))
			continue;
		int64_t *first = s == TR_SCOPE_MINE ? &ticket : s == TR_SCOPE_ORG ? &org_ticket : NULL;
		rc |= list(u, (enum tr_scope)s, NULL, -1, -1, NULL, NULL, TR_SORT_UPDATED, 1, first);
		rc |= list(u, (enum tr_scope)s, NULL, TR_OPEN, -1, NULL, NULL, TR_SORT_UPDATED, 1, NULL);
		rc |= list(u, (enum tr_scope)s, NULL, -1, TR_INCIDENT, NULL, NULL, TR_SORT_CREATED, 1, NULL);
		rc |= list(u, (enum tr_scope)s, NULL, TR_CLOSED, TR_QUESTION, NULL, NULL, TR_SORT_UPDATED, 3, NULL);
		rc |= list(u, (enum tr_scope)s, NULL, -1, -1, "2024-01-01", "2024-12-31", TR_SORT_CREATED, 1, NULL);
		rc |= list(u, (enum tr_scope)s, word, -1, -1, NULL, NULL, TR_SORT_RELEVANCE, 1, NULL);
		rc |= list(u, (enum tr_scope)s, word, TR_OPEN, -1, NULL, NULL, TR_SORT_UPDATED, 1, NULL);
		/* the posting lists (sql/012_search.sql): by recency, deep pages, two words, a prefix */
		rc |= list(u, (enum tr_scope)s, word, -1, -1, NULL, NULL, TR_SORT_UPDATED, 1, NULL);
		rc |= list(u, (enum tr_scope)s, word, -1, -1, NULL, NULL, TR_SORT_RELEVANCE, 50, NULL);
		rc |= list(u, (enum tr_scope)s, word, -1, -1, NULL, NULL, TR_SORT_UPDATED, 50, NULL);
		rc |= list(u, (enum tr_scope)s, word, -1, -1, NULL, NULL, TR_SORT_CREATED, 1, NULL);
		rc |= list(u, (enum tr_scope)s, tr_fmt("%s %s", word, word2), -1, -1, NULL, NULL, TR_SORT_RELEVANCE, 1, NULL);
		rc |= list(u, (enum tr_scope)s, tr_fmt("%s %s", word, word2), -1, -1, NULL, NULL, TR_SORT_UPDATED, 1, NULL);
		rc |= list(u, (enum tr_scope)s, prefix, -1, -1, NULL, NULL, TR_SORT_RELEVANCE, 1, NULL);
		rc |= list(u, (enum tr_scope)s, prefix, -1, -1, NULL, NULL, TR_SORT_UPDATED, 2, NULL);
		/* two prefixes: the other's dictionary words checked as a table of their ids */
		rc |= list(u, (enum tr_scope)s, tr_fmt("%.4s %.4s", word, word2), -1, -1, NULL, NULL, TR_SORT_RELEVANCE, 1,
			   NULL);
		rc |= list(u, (enum tr_scope)s, tr_fmt("%.4s %.4s", word, word2), -1, -1, NULL, NULL, TR_SORT_UPDATED, 1,
			   NULL);
	}
	/* the ticket page and a download, as the pages do them */
	tr_req req;
	memset(&req, 0, sizeof(req));
	req.lang = "de";
	req.user = u;
	hdf_init(&req.hdf);
	int64_t ids[2] = { ticket, org_ticket };
	for (int i = 0; i < 2; i++) {
		if (!ids[i])
			continue;
		enum tr_right right;
		int err;
		tr_ticket *t = tr_access_ticket(u, ids[i], &right, &err);
		tr_conversation c;
		if (t && tr_conversation_load(u, t, &c) < 0)
			rc = 1;
		else if (t)
			tr_view_ticket(&req, t, &c);
		printf("ticket %lld: right %d\n", (long long)ids[i], right);
	}
	int64_t att = 0;
	if (tr_db_int(&att, "SELECT MIN(id) FROM attachments", "") > 0 && att) {
		int err;
		tr_access_attachment(u, att, &err);
	}
	/* a new request: the chooser, each form with its page data, suggestions,
	 * the routing choice (in a transaction rolled back: it writes) */
	tr_form *forms;
	int nforms = tr_form_list(&forms);
	if (nforms < 0)
		rc = 1;
	for (int i = 0; i < nforms; i++) {
		tr_form *f;
		if (tr_form_load(forms[i].id, &f) <= 0 || tr_view_form(&req, f, u) < 0)
			rc = 1;
	}
	tr_article_hit *hits;
	int nhits = tr_article_suggest(word, 1, 5, &hits);
	printf("suggest %s: %d articles\n", word, nhits);
	if (nhits < 0)
		rc = 1;
	if (nforms > 0 && tr_db_begin() == 0) {
		int64_t agent;
		if (tr_route_assign(forms[0].group_id, &agent) < 0)
			rc = 1;
		tr_db_rollback();
		printf("route form %s: agent %lld\n", forms[0].slug, (long long)agent);
	}
	hdf_destroy(&req.hdf);
	rc |= hc_searches(word, word2, prefix);
	if (argc > 3)
		rc |= agent_pages(argv[3], word);
	int scans = tr_db_full_scans();
	printf("%d full scans\n", scans);
	tr_db_disconnect();
	tr_pool_reset();
	return rc || scans ? 1 : 0;
}
