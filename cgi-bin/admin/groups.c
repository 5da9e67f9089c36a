/* groups.c - /admin/groups: the agent groups (R-AGT) - create and rename, members, and which group
 * receives the new tickets of each form (routing, R-NEW 9).
 *
 *   GET  /admin/groups
 *   POST action=save (id 0 creates): name, email
 *        action=add_member | remove_member: id (group), user
 *        action=route: form, group
 * Staff admins only. */
#include "tresen.h"
#include "accounts/admin.h"
#include "accounts/staff.h"
#include "forms/formedit.h"
#include "views/adminview.h"

#include <string.h>

static const char *const actions[] = { "save", "add_member", "remove_member", "route", NULL };

static const tr_field fields[] = {
	{ "action", TR_F_ENUM, 0, 0, 0, actions },
	{ "id", TR_F_INT, 0, 1000000000000L, 0, NULL },
	{ "name", TR_F_NAME, 0, 100, 0, NULL },
	{ "email", TR_F_EMAIL, 0, 254, 0, NULL },
	{ "user", TR_F_INT, 0, 1000000000000L, 0, NULL },
	{ "form", TR_F_INT, 0, 1000000000000L, 0, NULL },
	{ "group", TR_F_INT, 0, 1000000000000L, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static int render(tr_req *req)
{
	tr_admin_group *groups;
	tr_staff_item *agents;
	tr_form *forms;
	int ng = tr_admin_groups(req->lang, &groups), na = tr_staff_agents(&agents), nf = tr_formedit_list(&forms);
	if (ng < 0 || na < 0 || nf < 0)
		return ng < 0 ? ng : na < 0 ? na : nf;
	for (int i = 0; i < ng; i++) {
		HDF *h = tr_node(req, tr_fmt("Groups.%d", i));
		tr_node_set(h, "id", tr_int_str(groups[i].id));
		tr_node_set(h, "name", groups[i].name);
		tr_node_set(h, "email", groups[i].email);
		tr_node_set(h, "forms", groups[i].forms);
		for (int k = 0; k < groups[i].nmembers; k++) {
			tr_node_set(h, tr_fmt("members.%d.id", k), tr_int_str(groups[i].member_ids[k]));
			tr_node_set(h, tr_fmt("members.%d.name", k), groups[i].member_names[k]);
		}
		/* the agents not yet in it, for the add picker */
		int c = 0;
		for (int a = 0; a < na; a++) {
			int in = 0;
			for (int k = 0; k < groups[i].nmembers && !in; k++)
				in = groups[i].member_ids[k] == agents[a].id;
			if (in)
				continue;
			tr_node_set(h, tr_fmt("others.%d.id", c), tr_int_str(agents[a].id));
			tr_node_set(h, tr_fmt("others.%d.name", c++), agents[a].name);
		}
	}
	for (int i = 0; i < nf; i++) {
		HDF *h = tr_node(req, tr_fmt("Forms.%d", i));
		tr_node_set(h, "id", tr_int_str(forms[i].id));
		tr_node_set(h, "title", tr_form_title(&forms[i], req->lang));
		tr_node_set(h, "group", tr_int_str(forms[i].group_id));
		if (forms[i].active)
			tr_node_set(h, "active", "1");
	}
	int rc = tr_view_audit_of(req, "group", 0, 20);
	if (rc < 0)
		return rc;
	tr_view_admin(req, "groups");
	tr_set(req, "Page.title", tr_L(req, "admin.groups.title"));
	return tr_render(req, "admin/groups.cs");
}

static int show(tr_req *req)
{
	return render(req);
}

static int submit(tr_req *req)
{
	const char *action = tr_arg(req, "action");
	int64_t id = tr_arg_int(req, "id", 0);
	tr_problems p = { .n = 0 };
	if (!action)
		return 400;
	if (req->nerrors) {
		req->status = 422;
		return render(req);
	}
	int rc;
	const char *notice = "group_saved";
	if (!strcmp(action, "save")) {
		rc = tr_admin_group_save(req->user, &id, tr_arg(req, "name"), tr_arg(req, "email"), &p);
	} else if (!strcmp(action, "route")) {
		rc = tr_formedit_route(req->user, tr_arg_int(req, "form", 0), tr_arg_int(req, "group", 0), &p);
		notice = "form_routed";
	} else {
		if (id <= 0)
			return 400;
		rc = tr_admin_group_member(req->user, id, tr_arg_int(req, "user", 0), !strcmp(action, "add_member"), &p);
	}
	if (tr_form_again(req, rc, &p))
		return render(req);
	if (rc)
		return rc;
	return tr_redirect(req, tr_with_notice("/admin/groups", notice));
}

static const tr_page page = {
	.name = "admin-groups",
	.access = TR_ADMIN,
	.fields = fields,
	.get = show,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
