/* users.c - /admin/users: customers and staff (R-ORG, §1 customer roles) - search; one user's customer
 * roles, access level, agent flag and organization (move); confirm by hand; block and unblock.
 *
 *   GET  /admin/users[?q=..&org=ID&staff=1&page=N]   the search
 *   GET  /admin/users?id=ID                          one user
 *   POST id, action=save (org_id, access_level, is_main_contact, is_customer_admin, is_info_recipient, is_agent)
 *        | confirm | block | unblock
 * Staff admins only. Everything takes effect on the user's next request: the session reads the user anew. */
#include "tresen.h"
#include "accounts/admin.h"
#include "views/adminview.h"

#include <string.h>

#define PAGE_ROWS 50

static const char *const actions[] = { "save", "confirm", "block", "unblock", NULL };

static const tr_field fields[] = {
	{ "q", TR_F_TEXT, 0, 200, 0, NULL },
	{ "org", TR_F_INT, 0, 1000000000000L, 0, NULL },
	{ "staff", TR_F_BOOL, 0, 0, 0, NULL },
	{ "page", TR_F_INT, 0, 100000, 1, NULL },
	{ "id", TR_F_INT, 0, 1000000000000L, 0, NULL },
	{ "action", TR_F_ENUM, 0, 0, 0, actions },
	{ "org_id", TR_F_INT, 0, 1000000000000L, 0, NULL },
	{ "access_level", TR_F_ENUM, 0, 0, 0, tr_admin_level_names },
	/* the roles by their column names; the short names are read too */
	{ "is_main_contact", TR_F_BOOL, 0, 0, 0, NULL },
	{ "is_customer_admin", TR_F_BOOL, 0, 0, 0, NULL },
	{ "is_info_recipient", TR_F_BOOL, 0, 0, 0, NULL },
	{ "main_contact", TR_F_BOOL, 0, 0, 0, NULL },
	{ "customer_admin", TR_F_BOOL, 0, 0, 0, NULL },
	{ "info_recipient", TR_F_BOOL, 0, 0, 0, NULL },
	{ "is_agent", TR_F_BOOL, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static void put_user(HDF *h, const tr_admin_user *u, const char *lang)
{
	tr_node_set(h, "id", tr_int_str(u->id));
	tr_node_set(h, "name", u->name);
	tr_node_set(h, "email", u->email);
	if (u->org_id) {
		tr_node_set(h, "org_id", tr_int_str(u->org_id));
		tr_node_set(h, "org_name", u->org_name);
	}
	tr_node_set(h, "access_level", tr_level_name(u->level));
	tr_node_set(h, "created", tr_time_show(u->created, lang));
	static const char *const flags[] = { "main_contact", "customer_admin", "info_recipient", "is_agent", "is_admin",
					     "confirmed", "blocked" };
	const int values[] = { u->main_contact, u->customer_admin, u->info_recipient, u->is_agent, u->is_admin,
			       u->confirmed, u->blocked };
	for (size_t i = 0; i < TR_ARRAY_LEN(flags); i++)
		if (values[i])
			tr_node_set(h, flags[i], "1");
}

static int org_picker(tr_req *req)
{
	tr_org *orgs;
	int n = tr_org_search(NULL, 200, 0, &orgs);
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++) {
		HDF *h = tr_node(req, tr_fmt("OrgPicker.%d", i));
		tr_node_set(h, "id", tr_int_str(orgs[i].id));
		tr_node_set(h, "name", orgs[i].name);
		tr_node_set(h, "access_level", tr_level_name(orgs[i].level));
	}
	return 0;
}

static int list(tr_req *req)
{
	const char *q = tr_arg(req, "q");
	int pg = (int)tr_arg_int(req, "page", 1);
	tr_admin_user *users;
	int n = tr_admin_users(q && *q ? q : NULL, tr_arg_int(req, "org", 0), tr_arg_bool(req, "staff"), PAGE_ROWS + 1,
			       (pg - 1) * PAGE_ROWS, &users);
	if (n < 0)
		return n;
	for (int i = 0; i < n && i < PAGE_ROWS; i++)
		put_user(tr_node(req, tr_fmt("Users.%d", i)), &users[i], req->lang);
	if (n > PAGE_ROWS)
		tr_set(req, "List.next", tr_self_url(req, "/admin/users", "page", tr_fmt("%d", pg + 1), NULL));
	if (pg > 1)
		tr_set(req, "List.prev", tr_self_url(req, "/admin/users", "page", tr_fmt("%d", pg - 1), NULL));
	int rc = org_picker(req);
	if (rc < 0)
		return rc;
	tr_view_admin(req, "users");
	tr_set(req, "Page.title", tr_L(req, "admin.users.title"));
	return tr_render(req, "admin/users.cs");
}

static int one(tr_req *req, int64_t id, int from_db)
{
	tr_admin_user u;
	int rc = tr_admin_user_get(id, &u);
	if (rc <= 0)
		return rc < 0 ? rc : 404;
	put_user(tr_node(req, "Person"), &u, req->lang);
	if (from_db) {
		tr_set_int(req, "Form.org_id", u.org_id);
		tr_set(req, "Form.access_level", tr_level_name(u.level));
		if (u.main_contact)
			tr_set(req, "Form.is_main_contact", "1");
		if (u.customer_admin)
			tr_set(req, "Form.is_customer_admin", "1");
		if (u.info_recipient)
			tr_set(req, "Form.is_info_recipient", "1");
		if (u.is_agent)
			tr_set(req, "Form.is_agent", "1");
	}
	/* the level that decides, as the session computes it */
	tr_user *now = tr_user_load(id);
	if (now)
		tr_set(req, "Person.effective", tr_level_name(now->level));
	if (now && now->org_id)
		tr_set(req, "Person.org_level", tr_level_name(now->org_level));
	if ((rc = org_picker(req)) < 0 || (rc = tr_view_audit_of(req, "user", id, 20)) < 0)
		return rc;
	if (u.id == req->user->id)
		tr_set(req, "Person.self", "1");
	tr_view_admin(req, "users");
	tr_set(req, "Page.title", u.name);
	return tr_render(req, "admin/users.cs");
}

static int show(tr_req *req)
{
	int64_t id = tr_arg_int(req, "id", 0);
	return id > 0 ? one(req, id, 1) : list(req);
}

static int submit(tr_req *req)
{
	int64_t id = tr_arg_int(req, "id", 0);
	const char *action = tr_arg(req, "action");
	tr_problems p = { .n = 0 };
	if (id <= 0 || !action)
		return 400;
	if (req->nerrors) {
		req->status = 422;
		return one(req, id, 0);
	}
	int rc;
	const char *notice = "user_saved";
	if (!strcmp(action, "confirm")) {
		rc = tr_admin_user_confirm(req->user, id);
		notice = "user_confirmed";
	} else if (!strcmp(action, "block") || !strcmp(action, "unblock")) {
		rc = tr_admin_user_block(req->user, id, action[0] == 'b', &p);
		notice = action[0] == 'b' ? "user_blocked" : "user_unblocked";
	} else {
		const char *level = tr_arg(req, "access_level");
		tr_admin_user u = {
			.id = id,
			.org_id = tr_arg_int(req, "org_id", 0),
			.level = (enum tr_level)(level ? tr_level_parse(level) : TR_LEVEL_ORG_COMMENT),
			.main_contact = tr_arg_bool(req, "is_main_contact") || tr_arg_bool(req, "main_contact"),
			.customer_admin = tr_arg_bool(req, "is_customer_admin") || tr_arg_bool(req, "customer_admin"),
			.info_recipient = tr_arg_bool(req, "is_info_recipient") || tr_arg_bool(req, "info_recipient"),
			.is_agent = tr_arg_bool(req, "is_agent"),
		};
		if (!level) {
			tr_problem_add(&p, "access_level", "err.required", NULL);
			rc = TR_E_INVALID;
		} else {
			rc = tr_admin_user_save(req->user, &u, &p);
		}
	}
	if (tr_form_again(req, rc, &p))
		return one(req, id, 0);
	if (rc)
		return rc;
	return tr_redirect(req, tr_with_notice(tr_fmt("/admin/users?id=%lld", (long long)id), notice));
}

static const tr_page page = {
	.name = "admin-users",
	.access = TR_ADMIN,
	.fields = fields,
	.get = show,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
