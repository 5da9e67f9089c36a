/* demo.c - tresen-demo: loads the demo organizations and users through the library.
 *
 * Only for `make run` and the tests, never part of an install. Refuses to run
 * twice (the demo organizations exist already). */
#include "tresen.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define DEMO_PASSWORD "Tresen-Demo-2026"

static int64_t org(const char *name, enum tr_level level, const char *domain)
{
	int64_t id = tr_org_create(name, level);
	if (id < 0 || tr_org_add_domain(id, domain) < 0) {
		fprintf(stderr, "tresen-demo: cannot create organization %s\n", name);
		return -1;
	}
	return id;
}

static int64_t user(const char *name, const char *email, int64_t org_id)
{
	int64_t id = tr_user_create(name, email, DEMO_PASSWORD, org_id, "de", 1);
	if (id < 0)
		fprintf(stderr, "tresen-demo: cannot create user %s\n", email);
	return id;
}

int main(void)
{
	tr_log_init("tresen-demo");
	if (tr_config_load(NULL) < 0 || sodium_init() < 0 || tr_db_connect() < 0)
		return 1;
	int64_t existing = 0;
	if (tr_db_int(&existing, "SELECT COUNT(*) FROM organizations WHERE name = 'Wohnbau Nord GmbH'", "") < 0)
		return 1;
	if (existing) {
		printf("demo data already loaded\n");
		return 0;
	}
	if (tr_db_begin() < 0)
		return 1;
	int64_t wohnbau = org("Wohnbau Nord GmbH", TR_LEVEL_ORG_READ, "wohnbau.example");
	int64_t stadtwerke = org("Stadtwerke Süd AG", TR_LEVEL_OWN, "stadtwerke.example");
	int64_t anna = user("Anna Schmidt", "anna@wohnbau.example", wohnbau);
	int64_t ben = user("Ben Weber", "ben@wohnbau.example", wohnbau);
	int64_t carla = user("Carla Müller", "carla@stadtwerke.example", stadtwerke);
	int64_t agent = user("Tom Berger", "agent@tresen.example", 0);
	int64_t admin = user("Petra Admin", "admin@tresen.example", 0);
	if (wohnbau < 0 || stadtwerke < 0 || anna < 0 || ben < 0 || carla < 0 || agent < 0 || admin < 0) {
		tr_db_rollback();
		return 1;
	}
	tr_db_run("UPDATE users SET is_main_contact = 1, is_info_recipient = 1 WHERE id = ?", "l", anna);
	tr_db_run("UPDATE users SET is_agent = 1 WHERE id = ?", "l", agent);
	tr_db_run("UPDATE users SET is_agent = 1, is_admin = 1 WHERE id = ?", "l", admin);
	if (tr_db_commit() < 0)
		return 1;
	printf("demo data loaded: 2 organizations, 5 users (password %s)\n", DEMO_PASSWORD);
	tr_db_disconnect();
	tr_pool_reset();
	return 0;
}
