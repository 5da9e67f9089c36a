/* ticket.c - tresen-ticket: create tickets and write agent replies from the command line, through the library.
 *
 *   tresen-ticket create REQUESTER SUBJECT BODY [--type T] [--cc EMAIL] [--attach FILE] [--at "Y-m-d H:M:S"]
 *                        [--urgent REASON] [--notify]
 *   tresen-ticket reply ID AGENT BODY [--internal] [--status open|pending|solved] [--attach FILE] [--notify]
 *   tresen-ticket status ID new|open|pending|solved|closed
 *   tresen-ticket assign ID AGENT
 *   tresen-ticket reindex        the search postings of every ticket not indexed as it is now
 *                                (after sql/012_search.sql on an existing database; batches of 500)
 *
 * For imports, scripts and the tests (which must not write tickets with raw SQL).
 * --notify queues the mails the portal sends for it: the confirmation to the
 * requester and CCs (create), the reply to requester and CCs (a public reply).
 * Prints the new ticket or comment id. */
#include "tresen.h"
#include "tickets/attach.h"
#include "tickets/notify.h"
#include "tickets/ticket.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static int usage(void)
{
	fputs("usage: tresen-ticket create REQUESTER SUBJECT BODY [--type T] [--cc EMAIL] [--attach FILE] [--at TIME]\n"
	      "                            [--urgent REASON] [--notify]\n"
	      "       tresen-ticket reply ID AGENT BODY [--internal] [--status S] [--attach FILE] [--notify]\n"
	      "       tresen-ticket status ID STATUS\n"
	      "       tresen-ticket assign ID AGENT\n"
	      "       tresen-ticket reindex\n", stderr);
	return 2;
}

static int64_t user_id(const char *email)
{
	int64_t id = 0;
	if (tr_db_int(&id, "SELECT id FROM users WHERE email_norm = ?", "s", tr_email_norm(email)) <= 0) {
		fprintf(stderr, "tresen-ticket: no user %s\n", email);
		return 0;
	}
	return id;
}

static const char *option(int argc, char **argv, const char *name)
{
	for (int i = 0; i < argc - 1; i++)
		if (!strcmp(argv[i], name))
			return argv[i + 1];
	return NULL;
}

static int flag(int argc, char **argv, const char *name)
{
	for (int i = 0; i < argc; i++)
		if (!strcmp(argv[i], name))
			return 1;
	return 0;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static int create(int argc, char **argv)
{
	if (argc < 5)
		return usage();
	int64_t requester = user_id(argv[2]);
	const char *cc = option(argc, argv, "--cc"), *type = option(argc, argv, "--type");
	int64_t cc_id = cc ? user_id(cc) : 0;
	if (!requester || (cc && !cc_id))
		return 1;
	const char *urgent = option(argc, argv, "--urgent");
	enum tr_type kind = type && tr_type_parse(type) >= 0 ? (enum tr_type)tr_type_parse(type) : TR_QUESTION;
	tr_ticket_new n = {
		.requester_id = requester,
		.subject = argv[3],
		.description = argv[4],
		.type = kind,
		.priority = urgent ? tr_priority_for(kind, 1) : TR_NORMAL,
		.urgent_claim = urgent != NULL,
		.urgent_reason = urgent,
		.status = TR_NEW,
		.cc_ids = cc_id ? &cc_id : NULL,
		.ncc = cc_id ? 1 : 0,
		.created_at = option(argc, argv, "--at"),
	};
	int64_t comment;
	int64_t id = tr_ticket_create(&n, &comment);
	if (id < 0)
		return 1;
	const char *file = option(argc, argv, "--attach");
	if (file && tr_attach_add_file(id, comment, requester, file, base_name(file), 0) < 0)
		return 1;
	if (flag(argc, argv, "--notify")) {
		tr_ticket *t = tr_ticket_load(id, 0, NULL);
		if (!t || tr_notify_created(t, argv[4]) < 0)
			return 1;
	}
	printf("%lld\n", (long long)id);
	return 0;
}

static int reply(int argc, char **argv)
{
	int64_t id;
	if (argc < 5 || tr_parse_i64(argv[2], &id) < 0)
		return usage();
	int64_t agent = user_id(argv[3]);
	tr_ticket *t = tr_ticket_load(id, 0, NULL);
	if (!agent || !t)
		return 1;
	const char *st = option(argc, argv, "--status");
	int to = st ? tr_status_parse(st) : TR_OPEN;
	if (to < 0)
		return usage();
	int64_t cid = tr_ticket_agent_reply(t, agent, argv[4], !flag(argc, argv, "--internal"), (enum tr_status)to, NULL);
	if (cid < 0)
		return 1;
	const char *file = option(argc, argv, "--attach");
	if (file && tr_attach_add_file(id, cid, agent, file, base_name(file), 0) < 0)
		return 1;
	if (flag(argc, argv, "--notify") && !flag(argc, argv, "--internal")) {
		const char *name = NULL;
		tr_q *q = tr_q_new("SELECT name FROM users WHERE id = ?");
		tr_q_i64(q, agent);
		if (tr_q_exec(q) == 0 && tr_q_next(q) > 0)
			name = tr_q_dup(q, 0);
		tr_q_end(q);
		if (tr_notify_customers(t, "ticket_reply", cid, argv[4], name, 0) < 0)
			return 1;
	}
	printf("%lld\n", (long long)cid);
	return 0;
}

static int status(int argc, char **argv)
{
	int64_t id;
	if (argc < 4 || tr_parse_i64(argv[2], &id) < 0 || tr_status_parse(argv[3]) < 0)
		return usage();
	tr_ticket *t = tr_ticket_load(id, 0, NULL);
	if (!t)
		return 1;
	return tr_ticket_set_status(t, (enum tr_status)tr_status_parse(argv[3]), (tr_actor){ 0, "system" },
				    "command_line", NULL) < 0;
}

static int assign(int argc, char **argv)
{
	int64_t id;
	if (argc < 4 || tr_parse_i64(argv[2], &id) < 0)
		return usage();
	int64_t agent = user_id(argv[3]);
	tr_ticket *t = tr_ticket_load(id, 0, NULL);
	if (!agent || !t)
		return 1;
	return tr_ticket_assign(t, agent, (tr_actor){ 0, "system" }) < 0;
}

static int reindex(void)
{
	int64_t last = 0, done = 0;
	for (;;) {
		int64_t ids[500];
		int n = 0;
		tr_q *q = tr_q_new("SELECT t.id FROM tickets t LEFT JOIN ticket_search s ON s.ticket_id = t.id "
				   "WHERE t.id > ? AND (s.indexed_at IS NULL OR s.indexed_at <> t.updated_at) ORDER BY t.id LIMIT 500");
		tr_q_i64(q, last);
		if (tr_q_exec(q) < 0)
			return 1;
		while (n < 500 && tr_q_next(q) > 0)
			ids[n++] = tr_q_l(q, 0);
		tr_q_end(q);
		for (int i = 0; i < n; i++)
			if (tr_ticket_search_refresh(ids[i]) < 0)
				return 1;
		done += n;
		if (n)
			last = ids[n - 1];
		if (tr_db_commit() < 0 || tr_db_begin() < 0)
			return 1;
		tr_pool_reset();
		if (n < 500)
			break;
	}
	printf("%lld tickets indexed\n", (long long)done);
	return 0;
}

int main(int argc, char **argv)
{
	tr_log_init("tresen-ticket");
	if (argc < 2)
		return usage();
	if (tr_config_load(NULL) < 0 || sodium_init() < 0 || tr_db_connect() < 0)
		return 1;
	tr_time_init();
	if (tr_render_init() < 0 || tr_db_begin() < 0)
		return 1;
	int rc = !strcmp(argv[1], "create") ? create(argc, argv) :
		 !strcmp(argv[1], "reply") ? reply(argc, argv) :
		 !strcmp(argv[1], "status") ? status(argc, argv) :
		 !strcmp(argv[1], "assign") ? assign(argc, argv) :
		 !strcmp(argv[1], "reindex") ? reindex() : usage();
	if (rc == 0 && tr_db_commit() < 0)
		rc = 1;
	if (rc)
		tr_db_rollback();
	tr_db_disconnect();
	tr_pool_reset();
	return rc;
}
