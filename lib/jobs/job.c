/* job.c - the frame of a cron program: configuration, database, one run at a time across hosts. */
#include "jobs/job.h"
#include "core/config.h"
#include "db/db.h"
#include "core/log.h"
#include "core/pool.h"
#include "render/render.h"
#include "core/timefmt.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static int setup(const char *name)
{
	char prog[64];
	snprintf(prog, sizeof(prog), "tresen-%s", name);
	tr_log_init(prog);
	if (tr_config_load(NULL) < 0 || sodium_init() < 0)
		return -1;
	tr_time_init();
	const char *level = tr_cfg("Log.level", "info");
	tr_log_set_level(!strcmp(level, "debug") ? TR_LOG_DEBUG :
			 !strcmp(level, "warn") ? TR_LOG_WARN : TR_LOG_INFO);
	return tr_db_connect() < 0 ? -1 : 0;
}

int tr_job_begin_shared(const char *name)
{
	int rc = setup(name);
	tr_pool_reset();
	return rc;
}

int tr_job_begin(const char *name)
{
	if (setup(name) < 0)
		return -1;
	/* The lock lives as long as this connection: a crashed job leaves none behind. */
	int64_t got = 0;
	if (tr_db_int(&got, "SELECT GET_LOCK(?, 0)", "s", tr_fmt("tresen.%s", name)) < 0)
		return -1;
	tr_pool_reset();
	return got == 1 ? 0 : 1;
}

void tr_job_end(void)
{
	tr_db_disconnect();
	tr_pool_reset();
}
