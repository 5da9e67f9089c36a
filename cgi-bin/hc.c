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
	tr_hc_item *promoted, *notices;
	int np, nn;
	if ((rc = tr_hc_front(level, 8, &promoted, &np, 5, &notices, &nn)) < 0)
		return rc;
	tr_view_hc_items(req, "Hc.promoted", promoted, np);
	tr_view_hc_items(req, "Hc.notices", notices, nn);
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
