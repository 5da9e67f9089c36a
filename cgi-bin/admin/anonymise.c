/* anonymise.c - /admin/users/ID/anonymise : staff admins anonymise a customer (R-PROF, GDPR):
 * the GET asks, the POST does it in one transaction with an audit event. */
#include "tresen.h"
#include "accounts/privacy.h"

#include <string.h>

static int show(tr_req *req)
{
	int64_t id = tr_path_id(req);
	tr_user *u = id ? tr_user_load(id) : NULL;
	if (!u)
		return 404;
	tr_set(req, "Page.title", tr_L(req, "profile.anon_title"));
	tr_set(req, "Page.section", "admin");
	tr_set_int(req, "Anon.id", u->id);
	tr_set(req, "Anon.name", u->name);
	tr_set(req, "Anon.email", u->email);
	tr_set(req, "Anon.org", u->org_name);
	tr_set_int(req, "Anon.staff", u->is_agent || u->is_admin);
	return tr_render(req, "admin/anonymise.cs");
}

static int submit(tr_req *req)
{
	int64_t id = tr_path_id(req);
	if (!id)
		return 404;
	int rc = tr_privacy_anonymise(id, req->user->id);
	if (rc == TR_E_CONFLICT) {
		req->status = 409;
		tr_form_error(req, NULL, "profile.anon_refused");
		return show(req);
	}
	return rc ? rc : tr_redirect(req, tr_fmt("/admin/users/%lld/anonymise?notice=anonymised", (long long)id));
}

static const tr_page page = {
	.name = "admin_anonymise",
	.access = TR_ADMIN,
	.get = show,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
