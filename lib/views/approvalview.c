/* approvalview.c - approvals as page data. */
#include "views/approvalview.h"
#include "core/pool.h"
#include "core/timefmt.h"
#include "web/response.h"

static void set_time(tr_req *req, const char *name, const char *utc)
{
	if (!utc)
		return;
	tr_set(req, name, tr_time_show(utc, req->lang));
	tr_set(req, tr_fmt("%s_iso", name), tr_time_iso(utc));
}

void tr_view_approval(tr_req *req, const tr_approval *a, int napprovers)
{
	if (!a)
		return;
	tr_set(req, "Approval.state", tr_approval_state_name(a->state));
	tr_set(req, "Approval.role", tr_approval_role_name(a->role));
	tr_set(req, "Approval.via", a->via);
	tr_set(req, "Approval.comment", a->comment);
	tr_set(req, "Approval.decided_by", a->decided_by_name);
	tr_set(req, "Approval.recorded_by", a->recorded_by_name);
	set_time(req, "Approval.decided_at", a->decided_at);
	set_time(req, "Approval.created_at", a->created_at);
	tr_set_int(req, "Approval.none", a->state == TR_APPR_AWAITING && napprovers == 0);
}

void tr_view_approvers(tr_req *req, const tr_approver *list, int n)
{
	for (int i = 0; i < n; i++) {
		tr_set_int(req, tr_fmt("Approvers.%d.id", i), list[i].id);
		tr_set(req, tr_fmt("Approvers.%d.name", i), list[i].name);
	}
}

void tr_view_approval_items(tr_req *req, const tr_approval_item *items, int n)
{
	for (int i = 0; i < n; i++) {
		const tr_approval_item *it = &items[i];
		const char *p = tr_fmt("Approvals.%d", i);
		tr_set_int(req, tr_fmt("%s.id", p), it->ticket_id);
		tr_set(req, tr_fmt("%s.subject", p), it->subject);
		tr_set(req, tr_fmt("%s.requester", p), it->requester);
		set_time(req, tr_fmt("%s.created", p), it->created_at);
		tr_set(req, tr_fmt("%s.role", p), tr_approval_role_name(it->role));
		tr_set(req, tr_fmt("%s.state", p), tr_approval_state_name(it->state));
		tr_set(req, tr_fmt("%s.decided_by", p), it->decided_by);
		set_time(req, tr_fmt("%s.decided", p), it->decided_at);
	}
}
