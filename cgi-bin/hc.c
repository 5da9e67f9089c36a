/* hc.c - /hc: the help centre's front page: notices, categories with their sections, promoted articles (R-HC 1-2). */
#include "tresen.h"
#include "views/hcview.h"

static int show(tr_req *req)
{
	enum tr_hc_level level = tr_hc_reader(req);
	tr_view_hc_frame(req, tr_L(req, "hc.title"));
	int rc = tr_view_hc_tree(req, level);
	if (rc < 0)
		return rc;
	tr_hc_item *items = NULL;
	int n = tr_hc_promoted(level, 8, &items);
	if (n < 0)
		return n;
	tr_view_hc_items(req, "Hc.promoted", items, n);
	if ((n = tr_hc_notices(5, &items)) < 0)
		return n;
	tr_view_hc_items(req, "Hc.notices", items, n);
	return tr_render(req, "hc/index.cs");
}

static const tr_page page = {
	.name = "hc",
	.access = TR_PUBLIC,
	.get = show,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
