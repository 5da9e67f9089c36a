/* export.c - /profile/export : a customer downloads their data as a ZIP of JSON and files
 * (R-PROF, GDPR). The GET explains; the POST (CSRF-checked) sends the archive. */
#include "tresen.h"
#include "tickets/export.h"

#include <string.h>

static int show(tr_req *req)
{
	tr_set(req, "Page.title", tr_L(req, "profile.export_title"));
	tr_set(req, "Page.section", "profile");
	tr_set(req, "Profile.tab", "export");
	return tr_render(req, "profile/export.cs");
}

static int submit(tr_req *req)
{
	tr_zip z;
	tr_zip_init(&z);
	int rc = tr_export_user(req->user->id, &z);
	if (rc) {
		tr_zip_free(&z);
		return rc;
	}
	tr_zip_finish(&z);
	tr_header(req, "Content-Disposition", "attachment; filename=\"tresen-export.zip\"");
	tr_header(req, "Cache-Control", "no-store");
	rc = tr_send(req, "application/zip", z.out.data, z.out.len);
	tr_zip_free(&z);
	return rc;
}

static const tr_page page = {
	.name = "profile_export",
	.access = TR_SIGNED_IN,
	.get = show,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
