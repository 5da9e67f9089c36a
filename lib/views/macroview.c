/* macroview.c - the macro pages: the list, the form, saving and deleting - the same for shared and own macros. */
#include "views/macroview.h"
#include "accounts/audit.h"
#include "accounts/staff.h"
#include "core/pool.h"
#include "core/text.h"
#include "core/util.h"
#include "tickets/macro.h"
#include "views/agentview.h"
#include "web/input.h"
#include "web/page.h"
#include "web/response.h"

#include <string.h>

static const char *const actions[] = { "save", "delete", NULL };
static const char *const visibilities[] = { "public", "internal", NULL };
static const char *const statuses[] = { "open", "pending", "solved", NULL };

const tr_field tr_macro_fields[] = {
	{ "action", TR_F_ENUM, 0, 0, 0, actions },
	{ "id", TR_F_INT, 0, 0, 0, NULL },
	{ "edit", TR_F_INT, 0, 0, 1, NULL },
	{ "title", TR_F_NAME, 0, 120, 0, NULL },
	{ "body", TR_F_LINES, 0, 20000, 0, NULL },
	{ "visibility", TR_F_ENUM, 0, 0, 0, visibilities },
	{ "set_status", TR_F_ENUM, 0, 0, 0, statuses },
	{ "set_priority", TR_F_ENUM, 0, 0, 0, tr_priority_names },
	{ "set_group", TR_F_INT, 0, 0, 0, NULL },
	{ "sort", TR_F_INT, 0, 10000, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const char *page_path(int shared)
{
	return shared ? "/admin/macros" : "/agent/macros";
}

/* The list (only the macros this page manages: shared ones, or the agent's own) and the pickers. */
static int render(tr_req *req, int shared, const char *tmpl)
{
	tr_macro *m;
	tr_staff_item *groups;
	int n = tr_macro_list(req->user, shared, &m), ng = tr_staff_groups(req->user->id, &groups);
	if (n < 0 || ng < 0)
		return n < 0 ? n : ng;
	int k = 0;
	for (int i = 0; i < n; i++) {
		if (shared != !m[i].owner_id)
			continue;
		HDF *h = tr_node(req, tr_fmt("MacroList.%d", k++));
		tr_node_set(h, "id", tr_int_str(m[i].id));
		tr_node_set(h, "title", m[i].title);
		tr_node_set(h, "excerpt", tr_strcut(m[i].body, 160));
		tr_node_set(h, "visibility", m[i].is_public ? "public" : "internal");
		if (m[i].set_status >= 0)
			tr_node_set(h, "status", tr_status_name((enum tr_status)m[i].set_status));
		if (m[i].set_priority >= 0)
			tr_node_set(h, "priority", tr_priority_name((enum tr_priority)m[i].set_priority));
	}
	if (!shared)
		tr_view_macros(req, m, n);       /* the shared ones, for reading beside the own */
	tr_view_staff(req, groups, ng, NULL, 0);
	tr_set(req, "Page.title", tr_L(req, shared ? "macros.title_shared" : "macros.title_own"));
	tr_set(req, "Page.section", shared ? "admin" : "agent");
	if (shared)
		tr_set(req, "AdminNav.current", "macros");
	tr_set(req, "MacroPage.path", page_path(shared));
	tr_set_int(req, "MacroPage.shared", shared);
	return tr_render(req, tmpl);
}

/* ?edit=ID: the form shows that macro. */
static int fill_form(tr_req *req, int shared)
{
	int64_t id = tr_arg_int(req, "edit", 0);
	tr_macro m;
	int rc = id ? tr_macro_load(req->user, id, &m) : 0;
	if (rc <= 0 || shared != !m.owner_id)
		return rc < 0 ? rc : id ? 404 : 0;
	tr_set_int(req, "Form.id", m.id);
	tr_set(req, "Form.title", m.title);
	tr_set(req, "Form.body", m.body);
	tr_set(req, "Form.visibility", m.is_public ? "public" : "internal");
	if (m.set_status >= 0)
		tr_set(req, "Form.set_status", tr_status_name((enum tr_status)m.set_status));
	if (m.set_priority >= 0)
		tr_set(req, "Form.set_priority", tr_priority_name((enum tr_priority)m.set_priority));
	if (m.set_group_id)
		tr_set_int(req, "Form.set_group", m.set_group_id);
	tr_set_int(req, "Form.sort", m.sort);
	return 0;
}

int tr_macro_page_show(tr_req *req, int shared, const char *tmpl)
{
	int rc = fill_form(req, shared);
	return rc ? rc : render(req, shared, tmpl);
}

/* A shared macro as the admin audit shows it ("" for none). */
static const char *macro_summary(const tr_req *req, int64_t id)
{
	tr_macro m;
	if (!id || tr_macro_load(req->user, id, &m) <= 0)
		return "";
	return tr_fmt("title=%s; visibility=%s; status=%s; priority=%s; group=#%lld; sort=%d; text=%s", m.title,
		      m.is_public ? "public" : "internal",
		      m.set_status >= 0 ? tr_status_name((enum tr_status)m.set_status) : "-",
		      m.set_priority >= 0 ? tr_priority_name((enum tr_priority)m.set_priority) : "-",
		      (long long)m.set_group_id, m.sort, tr_strcut(m.body, 300));
}

static int parse_or(const char *s, int (*parse)(const char *))
{
	return s ? parse(s) : -1;
}

int tr_macro_page_submit(tr_req *req, int shared, const char *tmpl)
{
	const char *action = tr_arg(req, "action");
	int64_t id = tr_arg_int(req, "id", 0);
	tr_problems p = { .n = 0 };
	int rc;
	if (req->nerrors) {
		req->status = 422;
		return render(req, shared, tmpl);
	}
	if (action && !strcmp(action, "delete")) {
		const char *before = shared ? macro_summary(req, id) : "";
		tr_macro was;
		const char *name = shared && tr_macro_load(req->user, id, &was) > 0 ? was.title : "";
		if ((rc = tr_macro_delete(req->user, id)) != 0)
			return rc;
		/* the shared macros are staff administration: audited like every admin change */
		if (shared && (rc = tr_audit(req->user->id, "macro.delete", "macro", id, name, before, "")) < 0)
			return rc;
		return tr_redirect(req, tr_with_notice(page_path(shared), "macro_deleted"));
	}
	const char *visibility = tr_arg(req, "visibility");
	tr_macro m = {
		.id = id,
		.title = tr_arg(req, "title"),
		.body = tr_arg(req, "body"),
		.is_public = !visibility || strcmp(visibility, "internal") != 0,
		.set_status = parse_or(tr_arg(req, "set_status"), tr_status_parse),
		.set_priority = parse_or(tr_arg(req, "set_priority"), tr_priority_parse),
		.set_group_id = tr_arg_int(req, "set_group", 0),
		.sort = (int)tr_arg_int(req, "sort", 0),
	};
	const char *before = shared ? macro_summary(req, id) : "";
	rc = tr_macro_save(req->user, &m, shared, &p);
	if (tr_form_again(req, rc, &p))
		return render(req, shared, tmpl);
	if (rc)
		return rc;
	if (shared && (rc = tr_audit(req->user->id, id ? "macro.update" : "macro.create", "macro", m.id, m.title, before,
				     macro_summary(req, m.id))) < 0)
		return rc;
	return tr_redirect(req, tr_with_notice(page_path(shared), "macro_saved"));
}
