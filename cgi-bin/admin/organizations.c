/* organizations.c - /admin/organizations: the customers' organizations (R-ORG) - search, create, change
 * name, mail domains and access level; an organization's users and the way to its tickets.
 *
 *   GET  /admin/organizations[?q=..&page=N]     the list, with the form for a new one
 *   GET  /admin/organizations?id=ID             one organization: its settings, users, changes
 *   POST action=save (id 0 creates): name, access_level, domains
 * Staff admins only. A change of the access level takes effect on the members' next request. */
#include "tresen.h"
#include "accounts/admin.h"
#include "views/adminview.h"

#define PAGE_ROWS 50

static const char *const actions[] = { "save", NULL };

static const tr_field fields[] = {
	{ "q", TR_F_TEXT, 0, 200, 0, NULL },
	{ "page", TR_F_INT, 0, 100000, 1, NULL },
	{ "id", TR_F_INT, 0, 1000000000000L, 0, NULL },
	{ "action", TR_F_ENUM, 0, 0, 0, actions },
	{ "name", TR_F_NAME, 0, 200, 0, NULL },
	{ "access_level", TR_F_ENUM, 0, 0, 0, tr_admin_level_names },
	{ "domains", TR_F_LINES, 0, 20000, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static void put_org(HDF *h, const tr_org *o)
{
	tr_node_set(h, "id", tr_int_str(o->id));
	tr_node_set(h, "name", o->name);
	tr_node_set(h, "access_level", tr_level_name(o->level));
	tr_node_set(h, "domains", o->domains);
	tr_node_set(h, "nusers", tr_int_str(o->nusers));
	tr_node_set(h, "ntickets", tr_int_str(o->ntickets));
}

static int list(tr_req *req)
{
	const char *q = tr_arg(req, "q");
	int pg = (int)tr_arg_int(req, "page", 1);
	tr_org *orgs;
	int n = tr_org_search(q && *q ? q : NULL, PAGE_ROWS + 1, (pg - 1) * PAGE_ROWS, &orgs);
	if (n < 0)
		return n;
	for (int i = 0; i < n && i < PAGE_ROWS; i++)
		put_org(tr_node(req, tr_fmt("Orgs.%d", i)), &orgs[i]);
	if (n > PAGE_ROWS)
		tr_set(req, "List.next", tr_self_url(req, "/admin/organizations", "page", tr_fmt("%d", pg + 1), NULL));
	if (pg > 1)
		tr_set(req, "List.prev", tr_self_url(req, "/admin/organizations", "page", tr_fmt("%d", pg - 1), NULL));
	tr_view_admin(req, "organizations");
	tr_set(req, "Page.title", tr_L(req, "admin.orgs.title"));
	return tr_render(req, "admin/organizations.cs");
}

static int one(tr_req *req, int64_t id, int from_db)
{
	tr_org o;
	int rc = tr_org_get(id, &o);
	if (rc <= 0)
		return rc < 0 ? rc : 404;
	put_org(tr_node(req, "Org"), &o);
	if (from_db) {
		tr_set(req, "Form.name", o.name);
		tr_set(req, "Form.access_level", tr_level_name(o.level));
		tr_set(req, "Form.domains", o.domains);
	}
	tr_admin_user *users;
	int n = tr_admin_users(NULL, id, 0, 200, 0, &users);
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++) {
		HDF *h = tr_node(req, tr_fmt("Users.%d", i));
		tr_node_set(h, "id", tr_int_str(users[i].id));
		tr_node_set(h, "name", users[i].name);
		tr_node_set(h, "email", users[i].email);
		tr_node_set(h, "access_level", tr_level_name(users[i].level));
		tr_node_set(h, "effective", tr_level_name(tr_effective_level(users[i].level, o.level)));
		if (users[i].main_contact)
			tr_node_set(h, "main_contact", "1");
		if (users[i].customer_admin)
			tr_node_set(h, "customer_admin", "1");
		if (users[i].info_recipient)
			tr_node_set(h, "info_recipient", "1");
		if (!users[i].confirmed)
			tr_node_set(h, "unconfirmed", "1");
		if (users[i].blocked)
			tr_node_set(h, "blocked", "1");
	}
	if ((rc = tr_view_audit_of(req, "org", id, 20)) < 0)
		return rc;
	tr_view_admin(req, "organizations");
	tr_set(req, "Page.title", o.name);
	return tr_render(req, "admin/organizations.cs");
}

static int show(tr_req *req)
{
	int64_t id = tr_arg_int(req, "id", 0);
	return id > 0 ? one(req, id, 1) : list(req);
}

static int submit(tr_req *req)
{
	int64_t id = tr_arg_int(req, "id", 0);
	tr_problems p = { .n = 0 };
	if (req->nerrors) {
		req->status = 422;
		return id > 0 ? one(req, id, 0) : list(req);
	}
	const char *level = tr_arg(req, "access_level");
	const char *domains = tr_org_parse_domains(tr_arg(req, "domains"), &p);
	tr_org o = {
		.id = id,
		.name = tr_arg(req, "name"),
		.level = (enum tr_level)(level ? tr_level_parse(level) : TR_LEVEL_OWN),
		.domains = domains,
	};
	int rc = p.n ? TR_E_INVALID : tr_org_save(req->user, &o, &p);
	if (tr_form_again(req, rc, &p))
		return id > 0 ? one(req, id, 0) : list(req);
	if (rc)
		return rc;
	return tr_redirect(req, tr_with_notice(tr_fmt("/admin/organizations?id=%lld", (long long)o.id), "org_saved"));
}

static const tr_page page = {
	.name = "admin-organizations",
	.access = TR_ADMIN,
	.fields = fields,
	.get = show,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
