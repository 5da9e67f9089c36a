/* home.c - / : the portal's front page (search, notices, entry points). */
#include "tresen.h"
#include "views/hcview.h"

static int show(tr_req *req)
{
	/* notices and announcements are for everyone (R-HC 1) */
	tr_hc_item *notices = NULL;
	int n = tr_hc_notices(6, &notices);
	if (n < 0)
		return n;
	tr_view_hc_items(req, "Notices", notices, n);
	if (tr_hc_reader(req) >= TR_HC_MEMBER) {
		int rc = tr_view_hc_tree(req, tr_hc_reader(req));
		if (rc < 0)
			return rc;
	}
	return tr_render(req, "home.cs");
}

static const tr_page page = {
	.name = "home",
	.access = TR_PUBLIC,
	.get = show,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
