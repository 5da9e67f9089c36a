/* search.c - /hc/search?q=: articles by relevance, title hits first, highlighted snippets, count,
 * filter by section, pages (R-HC 3). The same query as /hc/suggest and the same visibility rule. */
#include "tresen.h"
#include "views/hcview.h"

#define PER_PAGE 10

static const tr_field fields[] = {
	{ "q", TR_F_TEXT, 0, 200, 0, NULL },
	{ "section", TR_F_INT, 0, INT64_MAX, 1, NULL },
	{ "page", TR_F_INT, 0, 1000, 1, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static int show(tr_req *req)
{
	if (req->nerrors)
		return 400;
	const char *typed = tr_arg(req, "q");
	int64_t section = tr_arg_int(req, "section", 0), pageno = tr_arg_int(req, "page", 1);
	tr_view_hc_frame(req, typed && *typed ? tr_fmt("%s: %s", tr_L(req, "hc.search"), typed) : tr_L(req, "hc.search"));
	tr_set(req, "Search.q", typed ? typed : "");
	tr_set_int(req, "Search.section", section);
	tr_hc_query q = { .typed = typed, .level = tr_hc_reader(req), .section = section, .all_words = 1,
			  .offset = (int)(pageno - 1) * PER_PAGE, .limit = PER_PAGE };
	tr_hc_found f = { 0 };
	int searched = typed && *typed;
	int rc = searched ? tr_hc_search_page(&q, &f) : 0;
	if (rc < 0)
		return rc;
	tr_set_int(req, "Search.done", searched);
	tr_set_int(req, "Search.total", f.total);
	tr_set_int(req, "Search.total_more", f.total_more);
	tr_set(req, "Search.count_text", tr_subst(tr_L(req, f.total_more ? "hc.results_more"
							 : f.total == 1 ? "hc.results_one" : "hc.results"),
						   tr_int_str(f.total)));
	HDF *list = tr_node(req, "Search.hits");
	for (int i = 0; i < f.n; i++) {
		HDF *h = NULL;
		tr_neoerr_ignore(hdf_get_node(list, tr_int_str(i), &h));
		tr_node_set(h, "id", tr_int_str(f.hits[i].id));
		tr_node_set(h, "title_html", f.hits[i].title_html);
		tr_node_set(h, "snippet_html", f.hits[i].snippet_html);
		tr_node_set(h, "section", f.hits[i].section_name);
		tr_node_set(h, "section_id", tr_int_str(f.hits[i].section_id));
	}
	if (searched) {
		HDF *fl = tr_node(req, "Search.facets");
		for (int i = 0; i < f.nfacets; i++) {
			HDF *h = NULL;
			tr_neoerr_ignore(hdf_get_node(fl, tr_int_str(i), &h));
			tr_node_set(h, "id", tr_int_str(f.facets[i].section_id));
			tr_node_set(h, "name", f.facets[i].name);
			if (f.facet_counts)
				tr_node_set(h, "count", tr_int_str(f.facets[i].count));
			tr_node_set(h, "url", tr_path(tr_self_url(req, "/hc/search", "section",
							       tr_int_str(f.facets[i].section_id), "page", NULL, NULL)));
		}
		tr_set(req, "Search.all_url", tr_path(tr_self_url(req, "/hc/search", "section", NULL, "page", NULL, NULL)));
	}
	tr_set_int(req, "List.page", pageno);
	if (pageno > 1)
		tr_set(req, "List.prev", tr_self_url(req, "/hc/search", "page", tr_int_str(pageno - 1), NULL));
	if (f.more_pages && pageno < 1000)
		tr_set(req, "List.next", tr_self_url(req, "/hc/search", "page", tr_int_str(pageno + 1), NULL));
	return tr_render(req, "hc/search.cs");
}

static const tr_page page = {
	.name = "hc-search",
	.access = TR_PUBLIC,
	.fields = fields,
	.get = show,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
