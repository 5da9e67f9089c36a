/* job.c - the frame of a cron program: configuration, database, one run at a time across hosts. */
#include "jobs/job.h"
#include "core/config.h"
#include "db/db.h"
#include "core/log.h"
#include "core/pool.h"
#include "render/render.h"
#include "core/timefmt.h"
#include "core/util.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char job_name[41];
static char job_host[121];
static char job_id[121];      /* host:pid:random, the claim's owner */
static int job_failed;
static int job_recorded;      /* the row was written at the start: record the end too */

static int setup(const char *name)
{
	char prog[64];
	snprintf(prog, sizeof(prog), "tresen-%s", name);
	tr_log_init(prog);
	snprintf(job_name, sizeof(job_name), "%s", name);
	if (gethostname(job_host, sizeof(job_host) - 1) < 0)
		job_host[0] = '\0';
	job_host[sizeof(job_host) - 1] = '\0';
	job_failed = job_recorded = 0;
	if (tr_config_load(NULL) < 0 || sodium_init() < 0)
		return -1;
	snprintf(job_id, sizeof(job_id), "%.80s:%d:%08x", job_host, (int)getpid(), randombytes_random());
	tr_time_init();
	const char *level = tr_cfg("Log.level", "info");
	tr_log_set_level(!strcmp(level, "debug") ? TR_LOG_DEBUG :
			 !strcmp(level, "warn") ? TR_LOG_WARN : TR_LOG_INFO);
	return tr_db_connect() < 0 ? -1 : 0;
}

int tr_job_begin_shared(const char *name)
{
	int rc = setup(name);
	if (rc == 0 && tr_db_run("INSERT INTO job_runs (name, host, started_at) VALUES (?, ?, NOW()) "
				 "ON DUPLICATE KEY UPDATE host = VALUES(host), started_at = NOW()",
				 "ss", job_name, job_host) >= 0)
		job_recorded = 1;
	else if (rc == 0)
		tr_warn("job_runs not written (schema not migrated?)");
	tr_pool_reset();
	return rc;
}

int tr_job_begin(const char *name)
{
	if (setup(name) < 0)
		return -1;
	if (tr_db_run("INSERT IGNORE INTO job_runs (name) VALUES (?)", "s", job_name) < 0)
		return -1;
	/* Whoever changes the row owns the run; under Galera two nodes' claims
	 * conflict at commit and only one survives (the other sees 0 rows on retry). */
	int64_t got = tr_db_run("UPDATE job_runs SET claimed_by = ?, claim_until = NOW() + INTERVAL ? SECOND, "
				"host = ?, started_at = NOW() "
				"WHERE name = ? AND (claimed_by IS NULL OR claim_until < NOW())",
				"siss", job_id, (int)tr_cfg_int("Jobs.claim_seconds", 900), job_host, job_name);
	tr_pool_reset();
	if (got < 0)
		return -1;
	if (got == 0)
		return 1;
	job_recorded = 1;
	return 0;
}

void tr_job_failed(void)
{
	job_failed = 1;
}

void tr_job_end(void)
{
	if (job_recorded &&
	    tr_db_run("UPDATE job_runs SET finished_at = NOW(), ok = ?, runs = runs + 1, "
		      "last_ok_at = IF(? = 1, NOW(), last_ok_at), "
		      "claim_until = IF(claimed_by = ?, NULL, claim_until), "
		      "claimed_by = IF(claimed_by = ?, NULL, claimed_by) WHERE name = ?",
		      "iisss", !job_failed, !job_failed, job_id, job_id, job_name) < 0)
		tr_warn("job_runs: the end of this run was not recorded");
	job_recorded = 0;
	tr_db_disconnect();
	tr_pool_reset();
}
