/* autoview.c - the automations' countdown as page data. */
#include "views/autoview.h"
#include "core/calendar.h"
#include "core/pool.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "db/db.h"
#include "tickets/automation.h"
#include "tickets/sla.h"
#include "web/page.h"
#include "web/response.h"

#include <time.h>

int tr_view_countdown(tr_req *req, const tr_ticket *t)
{
	if (t->status != TR_PENDING && t->status != TR_SOLVED)
		return 0;
	tr_auto_plan p;
	int rc = tr_auto_plan_ticket(t, &p);
	if (rc < 0)
		return rc;
	if (p.close_day < 0)
		return 0;
	char day[11];
	tr_cal_format_date(p.close_day, day);
	tr_set(req, "Ticket.auto.close_date", day);
	const char *close = tr_auto_day_text(p.close_day, req->lang);
	if (t->status == TR_SOLVED) {
		tr_set(req, "Ticket.auto.customer", tr_subst(tr_L(req, "automation.close_solved"), close));
		tr_set(req, "Ticket.auto.agent", tr_subst(tr_L(req, "automation.agent_close_solved"), close));
	} else if (p.remind_stage == 1) {
		tr_cal_format_date(p.remind_day, day);
		tr_set(req, "Ticket.auto.remind_date", day);
		const char *remind = tr_auto_day_text(p.remind_day, req->lang);
		tr_set(req, "Ticket.auto.customer", tr_subst(tr_subst(tr_L(req, "automation.remind_close"), remind), close));
		tr_set(req, "Ticket.auto.agent", tr_subst(tr_subst(tr_L(req, "automation.agent_remind_close"), remind), close));
	} else {
		tr_set(req, "Ticket.auto.customer", tr_subst(tr_L(req, "automation.close_pending"), close));
		tr_set(req, "Ticket.auto.agent", tr_subst(tr_L(req, "automation.agent_close_pending"), close));
	}
	return 0;
}

/* "3 Std. 20 Min." / "3 h 20 min" of business minutes. */
static const char *duration(tr_req *req, int64_t minutes)
{
	if (minutes < 0)
		minutes = -minutes;
	if (minutes < 60)
		return tr_subst(tr_L(req, "automation.dur_m"), tr_int_str(minutes));
	return tr_subst(tr_subst(tr_L(req, "automation.dur_hm"), tr_int_str((minutes / 60))),
			tr_int_str((minutes % 60)));
}

int tr_view_queue_sla(tr_req *req, const tr_queue_list *list)
{
	tr_calendar c;
	int loaded = 0;
	int64_t now = (int64_t)time(NULL);
	for (int i = 0; i < list->n; i++) {
		const tr_queue_row *r = &list->rows[i];
		tr_time due;
		if (!r->sla_due_at || tr_time_parse(r->sla_due_at, &due) < 0)
			continue;
		if (!loaded) {
			int rc = tr_auto_calendar(&c);
			if (rc < 0)
				return rc;
			loaded = 1;
		}
		HDF *h = tr_node(req, tr_fmt("Tickets.%d", i));
		int64_t left = due.epoch > now ? tr_sla_left(&c, now, due.epoch) : -tr_sla_left(&c, due.epoch, now);
		if (due.epoch <= now) {
			tr_node_set(h, "sla_breached", "1");
			tr_node_set(h, "sla", tr_subst(tr_L(req, "automation.sla_over"), duration(req, left)));
		} else {
			tr_node_set(h, "sla", tr_subst(tr_L(req, "automation.sla_left"), duration(req, left)));
		}
		tr_node_set(h, "sla_due", tr_time_text(&due, req->lang));
		tr_node_set(h, "sla_due_iso", tr_time_iso8601(&due));
	}
	return 0;
}

int tr_view_ticket_sla(tr_req *req, const tr_ticket *t)
{
	const char *due_at = t->sla_due_at, *kind = t->sla_kind;
	tr_time due;
	if (!due_at || !kind || tr_time_parse(due_at, &due) < 0)
		return 0;
	tr_calendar c;
	int rc = tr_auto_calendar(&c);
	if (rc < 0)
		return rc;
	int64_t now = (int64_t)time(NULL);
	int breached = due.epoch <= now;
	int64_t left = breached ? tr_sla_left(&c, due.epoch, now) : tr_sla_left(&c, now, due.epoch);
	const char *what = tr_subst(tr_L(req, breached ? "automation.sla_over" : "automation.sla_left"), duration(req, left));
	tr_set(req, "Ticket.sla", tr_subst(tr_subst(tr_L(req, "automation.sla_ticket"),
						    tr_L(req, tr_fmt("automation.sla_kind.%s", kind))), what));
	tr_set(req, "Ticket.sla_due", tr_time_text(&due, req->lang));
	tr_set(req, "Ticket.sla_due_iso", tr_time_iso8601(&due));
	if (breached)
		tr_set(req, "Ticket.sla_breached", "1");
	return 0;
}
