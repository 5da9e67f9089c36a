/* admin.c - /admin: the staff administration's start page - what there is, the way to every admin page,
 * and the newest admin changes (the audit, R-ORG admin). Staff admins only; read-only. */
#include "tresen.h"
#include "accounts/admin.h"
#include "views/adminview.h"

static const tr_field fields[] = {
	{ NULL, 0, 0, 0, 0, NULL },
};

static int show(tr_req *req)
{
	static const char *const names[TR_AC_N] = { "orgs", "users", "unconfirmed", "blocked", "agents", "groups",
						    "forms" };
	int64_t counts[TR_AC_N];
	int rc = tr_admin_counts(counts);
	if (rc < 0)
		return rc;
	for (int i = 0; i < TR_AC_N; i++)
		tr_set_int(req, tr_fmt("Counts.%s", names[i]), counts[i]);
	if ((rc = tr_view_audit_of(req, NULL, 0, 50)) < 0)
		return rc;
	tr_view_admin(req, "");
	tr_set(req, "Page.title", tr_L(req, "admin.title"));
	return tr_render(req, "admin/index.cs");
}

static const tr_page page = {
	.name = "admin",
	.access = TR_ADMIN,
	.fields = fields,
	.get = show,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
