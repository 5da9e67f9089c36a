/* macros.c - /admin/macros: the shared macros every agent uses (staff admins) (R-AGT macros). */
#include "tresen.h"
#include "views/macroview.h"

static int show(tr_req *req)
{
	return tr_macro_page_show(req, 1, "admin/macros.cs");
}

static int submit(tr_req *req)
{
	return tr_macro_page_submit(req, 1, "admin/macros.cs");
}

static const tr_page page = {
	.name = "admin-macros",
	.access = TR_ADMIN,
	.fields = tr_macro_fields,
	.get = show,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
