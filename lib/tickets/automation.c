/* automation.c - reminders and automatic closing (R-LIFE), each action one transaction on the
 * locked ticket row (see automation.h on why no named lock); the countdown's dates. */
#include "tickets/automation.h"
#include "core/config.h"
#include "core/log.h"
#include "core/pool.h"
#include "db/db.h"
#include "mail/outbox.h"
#include "render/render.h"
#include "tickets/notify.h"
#include "tickets/ticket.h"

#include <ClearSilver.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

tr_auto_rules tr_auto_settings(void)
{
	tr_auto_rules r = { (int)tr_cfg_int("Automation.pending_reminder_days", 5),
			    (int)tr_cfg_int("Automation.solved_close_days", 14) };
	if (r.remind_days < 1)
		r.remind_days = 1;
	if (r.close_days < 0)
		r.close_days = 0;
	return r;
}

static const char *const weekday_keys[7] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

tr_auto_plan tr_auto_plan_for(const tr_calendar *c, tr_auto_rules r, enum tr_status status, int stage,
			      int64_t status_at, int64_t reminded_at)
{
	tr_auto_plan p = { -1, 0, -1 };
	if (status == TR_PENDING && stage == 0) {
		p.remind_day = tr_cal_add_business_days(c, tr_cal_day_of(status_at), r.remind_days);
		p.remind_stage = 1;
		p.close_day = tr_cal_add_business_days(c, p.remind_day, r.remind_days);
	} else if (status == TR_PENDING) {
		p.remind_stage = 2;
		p.close_day = tr_cal_add_business_days(c, tr_cal_day_of(reminded_at), r.remind_days);
		p.remind_day = p.close_day;    /* the second reminder goes with the closing */
	} else if (status == TR_SOLVED) {
		p.close_day = tr_cal_day_of(status_at) + r.close_days;
	}
	return p;
}

int tr_auto_plan_ticket(const tr_ticket *t, tr_auto_plan *out)
{
	*out = (tr_auto_plan){ -1, 0, -1 };
	if (t->status != TR_PENDING && t->status != TR_SOLVED)
		return 0;
	tr_calendar c;
	int rc = tr_auto_calendar(&c);
	if (rc < 0)
		return rc;
	*out = tr_auto_plan_for(&c, tr_auto_settings(), t->status, t->reminder_stage, t->status_at, t->reminded_at);
	return 0;
}

const char *tr_auto_day_text(int day, const char *lang)
{
	int y, m, d;
	tr_cal_ymd(day, &y, &m, &d);
	const char *wd = tr_lang_text(lang, tr_fmt("automation.wd.%s", weekday_keys[tr_cal_weekday(day)]));
	if (lang && !strcmp(lang, "en")) {
		const char *mon = tr_lang_text(lang, tr_fmt("automation.month.m%d", m));
		return tr_fmt("%s, %d %s %d", wd, d, mon, y);
	}
	return tr_fmt("%s, %02d.%02d.%04d", wd, d, m, y);
}

/* ---- the job ---- */

static const char *utc_text(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	return tr_fmt("%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		      tm.tm_min, tm.tm_sec);
}

enum action { A_REMIND, A_REMIND_CLOSE, A_CLOSE_SOLVED, A_SLA_BREACH };

typedef struct act_job {
	int64_t id, now;
	enum action what;
	const tr_calendar *cal;
	tr_auto_rules rules;
	int done;                 /* 1 when this run did it */
} act_job;

/* The reminder mail to the requester (unless blocked), in their language. */
static int remind_mail(const tr_ticket *t, int stage, int close_day, int64_t now)
{
	int64_t blocked = 0;
	int rc = tr_db_int(&blocked, "SELECT disabled_at IS NOT NULL FROM users WHERE id = ?", "l", t->requester_id);
	if (rc < 0)
		return rc;
	if (blocked)
		return 0;
	HDF *d = tr_ticket_mail_data(t, NULL);
	if (!d)
		return TR_DB_ERR;
	tr_mail_put(d, "Mail.stage", stage == 1 ? "1" : "2");
	if (close_day >= 0)
		tr_mail_put(d, "Mail.close_date", tr_auto_day_text(close_day, t->requester_lang));
	tr_mail m = { .kind = "ticket_reminder",
		      .event_key = tr_fmt("remind%d:%lld:%lld", stage, (long long)t->id, (long long)now / 86400),
		      .user_id = t->requester_id, .to = t->requester_email, .to_name = t->requester_name,
		      .lang = t->requester_lang, .data = d, .ticket_id = t->id };
	rc = tr_mail_queue(&m);
	hdf_destroy(&d);
	return rc;
}

/* A service-level target that passed: marked once, with an audit event (the report of breaches). */
static int breach(act_job *j)
{
	tr_q *q = tr_q_new("SELECT sla_kind FROM tickets WHERE id = ? AND sla_breached = 0 AND sla_due_at <= ? FOR UPDATE");
	tr_q_i64(q, j->id);
	tr_q_str(q, utc_text(j->now));
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	const char *kind = NULL;
	if ((rc = tr_q_next(q)) > 0)
		kind = tr_q_dup(q, 0);
	tr_q_end(q);
	if (rc <= 0)
		return rc;
	const char *at = utc_text(j->now);
	int64_t n = tr_db_run("UPDATE tickets SET sla_breached = 1 WHERE id = ?", "l", j->id);
	if (n < 0)
		return (int)n;
	if ((rc = tr_ticket_audit(j->id, (tr_actor){ 0, "automation" }, "sla_breached", NULL, kind, "automation", at)) < 0)
		return rc;
	j->done = 1;
	return 0;
}

static int act(void *ctx)
{
	act_job *j = ctx;
	j->done = 0;
	if (j->what == A_SLA_BREACH)
		return breach(j);
	/* the row first: what is decided here is what the lock holds */
	tr_q *q = tr_q_new("SELECT status, reminder_stage, UNIX_TIMESTAMP(status_at), UNIX_TIMESTAMP(reminded_at) "
			   "FROM tickets WHERE id = ? FOR UPDATE");
	tr_q_i64(q, j->id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	if ((rc = tr_q_next(q)) <= 0) {
		tr_q_end(q);
		return rc;
	}
	int status = tr_status_parse(tr_q_s(q, 0));
	int stage = (int)tr_q_l(q, 1);
	int64_t status_at = tr_q_l(q, 2), reminded_at = tr_q_l(q, 3);
	tr_q_end(q);
	if (status < 0)
		return 0;
	tr_auto_plan p = tr_auto_plan_for(j->cal, j->rules, (enum tr_status)status, stage, status_at, reminded_at);
	int today = tr_cal_day_of(j->now);
	int want_stage = j->what == A_REMIND ? 0 : 1;
	if (j->what == A_CLOSE_SOLVED) {
		if (status != TR_SOLVED || p.close_day < 0 || p.close_day > today)
			return 0;
	} else if (status != TR_PENDING || stage != want_stage || p.remind_day < 0 || p.remind_day > today) {
		return 0;                 /* answered, done by another run, or not yet due */
	}
	int err;
	tr_ticket *t = tr_ticket_load(j->id, 0, &err);
	if (!t)
		return err == TR_E_NOT_FOUND ? 0 : err;
	const char *at = utc_text(j->now);
	tr_actor who = { 0, "automation" };
	if (j->what == A_REMIND) {
		int close_day = tr_cal_add_business_days(j->cal, today, j->rules.remind_days);
		if ((rc = remind_mail(t, 1, close_day, j->now)) < 0)
			return rc;
		int64_t n = tr_db_run("UPDATE tickets SET reminder_stage = 1, reminded_at = ? WHERE id = ?", "sl", at, t->id);
		if (n < 0)
			return (int)n;
		if ((rc = tr_ticket_audit(t->id, who, "reminder", NULL, "1", "automation", at)) < 0)
			return rc;
	} else {
		if (j->what == A_REMIND_CLOSE) {
			if ((rc = remind_mail(t, 2, -1, j->now)) < 0)
				return rc;
			if ((rc = tr_ticket_audit(t->id, who, "reminder", NULL, "2", "automation", at)) < 0)
				return rc;
		}
		tr_transition tr = tr_status_transition(t->status, TR_EV_CLOSE, t->agent_replied);
		if (!tr.allowed)
			return 0;
		if ((rc = tr_ticket_set_status(t, tr.to, who, "automation", at)) < 0)
			return rc;
	}
	j->done = 1;
	return 0;
}

/* One stage: the due tickets read from one index range, keyset-paged, each acted on alone. The
 * pool is emptied after every batch: what outlives it is on the stack or the heap. */
#define MAX_BATCH 1000
static int run_stage(enum action what, const char *sql, const char *cutoff, int batch, act_job *proto, int *count,
		     int *failed)
{
	char last_at[32] = "1970-01-01 00:00:00";
	int64_t last_id = 0;
	int64_t ids[MAX_BATCH];
	if (batch < 1 || batch > MAX_BATCH)
		batch = MAX_BATCH;
	for (;;) {
		tr_q *q = tr_q_new(sql);
		tr_q_str(q, cutoff);
		tr_q_str(q, last_at);
		tr_q_str(q, last_at);
		tr_q_i64(q, last_id);
		tr_q_i64(q, batch);
		int rc = tr_q_exec(q);
		if (rc < 0)
			return rc;
		int n = 0;
		while (n < batch && tr_q_next(q) > 0) {
			ids[n++] = tr_q_l(q, 0);
			snprintf(last_at, sizeof(last_at), "%s", tr_q_s(q, 1) ? tr_q_s(q, 1) : "");
			last_id = ids[n - 1];
		}
		tr_q_end(q);
		for (int i = 0; i < n; i++) {
			act_job j = *proto;
			j.id = ids[i];
			j.what = what;
			rc = tr_db_tx(act, &j);
			if (rc == TR_DB_DOWN)
				return rc;
			if (rc < 0) {
				tr_warn("automation on ticket %lld failed (%d): tried again next run", (long long)ids[i], rc);
				(*failed)++;
			} else if (j.done) {
				(*count)++;
			}
			tr_pool_reset();
		}
		if (n < batch)
			return 0;
	}
}

int tr_auto_run(int64_t now, int batch, tr_auto_stats *st)
{
	memset(st, 0, sizeof(*st));
	tr_calendar cal;
	int rc = tr_auto_calendar(&cal);
	if (rc < 0)
		return rc;
	/* the calendar outlives the pool resets of run_stage */
	int *extra = malloc(sizeof(int) * (size_t)(cal.nextra + 1));
	char *regions = cal.regions ? strdup(cal.regions) : NULL;
	if (!extra || (cal.regions && !regions)) {
		free(extra);
		free(regions);
		return TR_DB_ERR;
	}
	memcpy(extra, cal.extra, sizeof(int) * (size_t)cal.nextra);
	cal.extra = extra;
	cal.regions = regions;
	tr_auto_rules rules = tr_auto_settings();
	int today = tr_cal_day_of(now);
	/* Pending since day D is due when the remind_days-th business day after D has begun: the
	 * latest such D bounds one index range (later days of the same week map to the same day). */
	int dmax = today - 1;
	for (int i = 0; i < 3660 && tr_cal_add_business_days(&cal, dmax, rules.remind_days) > today; i++)
		dmax--;
	char pending_cut[32], solved_cut[32];
	snprintf(pending_cut, sizeof(pending_cut), "%s", utc_text(tr_cal_day_start(dmax + 1)));
	snprintf(solved_cut, sizeof(solved_cut), "%s", utc_text(tr_cal_day_start(today - rules.close_days + 1)));
	tr_pool_reset();
	act_job proto = { .now = now, .cal = &cal, .rules = rules };
	rc = run_stage(A_REMIND,
			    "SELECT id, status_at FROM tickets FORCE INDEX (ix_ticket_remind) "
			    "WHERE status = 'pending' AND reminder_stage = 0 AND status_at < ? "
			    "AND (status_at > ? OR (status_at = ? AND id > ?)) "
			    "ORDER BY status_at, id LIMIT ?",
			    pending_cut, batch, &proto, &st->reminded, &st->failed);
	if (rc >= 0)
		rc = run_stage(A_REMIND_CLOSE,
			    "SELECT id, reminded_at FROM tickets FORCE INDEX (ix_ticket_remind2) "
			    "WHERE status = 'pending' AND reminder_stage = 1 AND reminded_at < ? "
			    "AND (reminded_at > ? OR (reminded_at = ? AND id > ?)) "
			    "ORDER BY reminded_at, id LIMIT ?",
			    pending_cut, batch, &proto, &st->closed_pending, &st->failed);
	if (rc >= 0)
		rc = run_stage(A_CLOSE_SOLVED,
			    "SELECT id, status_at FROM tickets FORCE INDEX (ix_ticket_remind) "
			    "WHERE status = 'solved' AND reminder_stage = 0 AND status_at < ? "
			    "AND (status_at > ? OR (status_at = ? AND id > ?)) "
			    "ORDER BY status_at, id LIMIT ?",
			    solved_cut, batch, &proto, &st->closed_solved, &st->failed);
	char now_text[32];
	snprintf(now_text, sizeof(now_text), "%s", utc_text(now));
	if (rc >= 0)
		rc = run_stage(A_SLA_BREACH,
			       "SELECT id, sla_due_at FROM tickets FORCE INDEX (ix_ticket_sla_breach) "
			       "WHERE sla_breached = 0 AND sla_due_at < ? "
			       "AND (sla_due_at > ? OR (sla_due_at = ? AND id > ?)) "
			       "ORDER BY sla_due_at, id LIMIT ?",
			       now_text, batch, &proto, &st->sla_breached, &st->failed);
	free(extra);
	free(regions);
	return rc < 0 ? rc : 0;
}
