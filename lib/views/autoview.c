/* autoview.c - the automations' countdown as page data. */
#include "views/autoview.h"
#include "core/calendar.h"
#include "core/pool.h"
#include "core/text.h"
#include "tickets/automation.h"
#include "web/page.h"
#include "web/response.h"

int tr_view_countdown(tr_req *req, const tr_ticket *t)
{
	if (t->status != TR_PENDING && t->status != TR_SOLVED)
		return 0;
	tr_auto_plan p;
	int rc = tr_auto_plan_ticket(t->id, &p);
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
