/* health.c - what /healthz reports: the database, the outbox, the cron jobs' last runs (lib/jobs). */
#include "jobs/health.h"
#include "core/config.h"
#include "core/pool.h"
#include "db/db.h"

#include <stdio.h>
#include <string.h>

static long max_age(const char *job)
{
	long def = !strcmp(job, "mailer") || !strcmp(job, "intake") ? 300 : 3600;
	return tr_cfg_int(tr_fmt("Health.max_age.%s", job), def);
}

/* 1 when job is named in the comma- or space-separated Health.required list. */
static int required(const char *job)
{
	const char *list = tr_cfg("Health.required", "mailer");
	size_t n = strlen(job);
	for (const char *p = list; *p;) {
		while (*p == ',' || *p == ' ')
			p++;
		size_t len = strcspn(p, ", ");
		if (len == n && !strncmp(p, job, n))
			return 1;
		p += len;
	}
	return 0;
}

static int outbox(tr_buf *out)
{
	tr_q *q = tr_q_new("SELECT COUNT(*), COALESCE(TIMESTAMPDIFF(SECOND, MIN(created_at), NOW()), 0) "
			   "FROM outbox WHERE status IN ('queued', 'sending')");
	if (tr_q_exec(q) < 0 || tr_q_next(q) <= 0) {
		tr_q_end(q);
		tr_buf_adds(out, "outbox: fail, not readable\n");
		return 1;
	}
	int64_t waiting = tr_q_l(q, 0), oldest = tr_q_l(q, 1);
	tr_q_end(q);
	int64_t failed = 0;
	tr_db_int(&failed, "SELECT COUNT(*) FROM outbox WHERE status = 'failed'", "");
	long limit = tr_cfg_int("Health.outbox_max_age_s", 1800);
	int bad = waiting > 0 && limit > 0 && oldest > limit;
	tr_buf_printf(out, "outbox: %s, %lld waiting, oldest %llds, %lld failed\n", bad ? "fail" : "ok",
		      (long long)waiting, (long long)(waiting ? oldest : 0), (long long)failed);
	return bad;
}

/* One line per job that ran, plus the required ones that never did. */
static int jobs(tr_buf *out)
{
	tr_q *q = tr_q_new("SELECT name, host, TIMESTAMPDIFF(SECOND, started_at, NOW()), "
			   "TIMESTAMPDIFF(SECOND, last_ok_at, NOW()), ok, finished_at IS NULL, runs, "
			   "claim_until > NOW() FROM job_runs ORDER BY name");
	if (tr_q_exec(q) < 0) {
		tr_q_end(q);
		tr_buf_adds(out, "jobs: fail, job_runs not readable (run tresen-migrate)\n");
		return 1;
	}
	int bad = 0, mailer_seen = 0, intake_seen = 0, cleanup_seen = 0;
	while (tr_q_next(q) > 0) {
		const char *name = tr_q_s(q, 0);
		int never_ok = tr_q_isnull(q, 3);
		int64_t since_ok = tr_q_l(q, 3);
		long limit = max_age(name);
		int late = never_ok || (limit > 0 && since_ok > limit);
		int must = required(name);
		mailer_seen |= !strcmp(name, "mailer");
		intake_seen |= !strcmp(name, "intake");
		cleanup_seen |= !strcmp(name, "cleanup");
		if (late && must)
			bad = 1;
		tr_buf_printf(out, "job %s: %s, started %llds ago on %s", name,
			      late ? (must ? "fail" : "late") : "ok", (long long)tr_q_l(q, 2), tr_q_s(q, 1));
		if (never_ok)
			tr_buf_adds(out, ", no good run yet");
		else
			tr_buf_printf(out, ", last good run ended %llds ago", (long long)since_ok);
		if (!tr_q_l(q, 4) && !tr_q_l(q, 5))
			tr_buf_adds(out, ", last run failed");
		if (tr_q_l(q, 5) || tr_q_l(q, 7))
			tr_buf_adds(out, ", running");
		tr_buf_printf(out, ", %lld runs\n", (long long)tr_q_l(q, 6));
	}
	tr_q_end(q);
	static const char *const known[] = {"mailer", "intake", "cleanup"};
	int seen[] = {mailer_seen, intake_seen, cleanup_seen};
	for (int i = 0; i < 3; i++) {
		if (seen[i])
			continue;
		int must = required(known[i]);
		tr_buf_printf(out, "job %s: %s, never ran\n", known[i], must ? "fail" : "late");
		if (must)
			bad = 1;
	}
	return bad;
}

int tr_health_report(tr_buf *out)
{
	tr_buf body;
	tr_buf_init(&body);
	int64_t one = 0;
	int bad = 0;
	if (tr_db_int(&one, "SELECT 1", "") <= 0 || one != 1) {
		tr_buf_adds(&body, "database: fail, unreachable\n");
		bad = 1;
	} else {
		tr_buf_adds(&body, "database: ok\n");
		bad |= outbox(&body);
		bad |= jobs(&body);
	}
	tr_buf_printf(out, "status: %s\n", bad ? "fail" : "ok");
	tr_buf_add(out, body.data ? body.data : "", body.len);
	tr_buf_free(&body);
	return bad;
}
