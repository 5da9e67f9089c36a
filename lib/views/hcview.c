/* hcview.c - help-centre lists and frame as page data. */
#include "views/hcview.h"
#include "core/neoerr.h"
#include "core/pool.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "core/url.h"
#include "web/page.h"
#include "web/response.h"

#include <string.h>

enum tr_hc_level tr_hc_reader(tr_req *req)
{
	return tr_hc_level_of(req->user);
}

void tr_view_hc_items(tr_req *req, const char *path, const tr_hc_item *items, int n)
{
	HDF *list = tr_node(req, path);
	for (int i = 0; i < n; i++) {
		HDF *h = NULL;
		tr_neoerr_ignore(hdf_get_node(list, tr_fmt("%d", i), &h));
		tr_node_set(h, "id", tr_int_str(items[i].id));
		tr_node_set(h, "title", items[i].title);
		tr_node_set(h, "summary", items[i].summary);
		tr_node_set(h, "section", items[i].section_name);
		tr_node_set(h, "section_id", tr_int_str(items[i].section_id));
		tr_node_set(h, "updated", tr_date_show(items[i].updated_at, req->lang));
		tr_node_set(h, "updated_iso", tr_time_iso(items[i].updated_at));
		tr_node_set(h, "draft", items[i].published ? "0" : "1");
		tr_node_set(h, "signed_in", items[i].everyone ? "0" : "1");
	}
}

int tr_view_hc_tree(tr_req *req, enum tr_hc_level level)
{
	tr_hc_category *cats = NULL;
	tr_hc_section *secs = NULL;
	int ns;
	int nc = tr_hc_tree(level, &cats, &secs, &ns);
	if (nc < 0)
		return nc;
	HDF *list = tr_node(req, "Hc.categories");
	int shown = 0;
	for (int c = 0; c < nc; c++) {
		HDF *ch = NULL;
		int m = 0;
		for (int s = 0; s < ns; s++) {
			if (secs[s].category_id != cats[c].id || (!secs[s].articles && level < TR_HC_STAFF))
				continue;
			if (!ch) {
				tr_neoerr_ignore(hdf_get_node(list, tr_fmt("%d", shown++), &ch));
				tr_node_set(ch, "id", tr_int_str(cats[c].id));
				tr_node_set(ch, "name", cats[c].name);
				tr_node_set(ch, "description", cats[c].description);
			}
			HDF *sh = NULL;
			tr_neoerr_ignore(hdf_get_node(ch, tr_fmt("sections.%d", m++), &sh));
			tr_node_set(sh, "id", tr_int_str(secs[s].id));
			tr_node_set(sh, "name", secs[s].name);
			tr_node_set(sh, "description", secs[s].description);
			tr_node_set(sh, "articles", tr_int_str(secs[s].articles));
		}
	}
	return 0;
}

void tr_view_hc_frame(tr_req *req, const char *title)
{
	tr_set(req, "Page.section", "hc");
	if (title)
		tr_set(req, "Page.title", title);
	tr_set_int(req, "Hc.level", tr_hc_reader(req));
	tr_set_int(req, "Hc.staff", tr_hc_reader(req) >= TR_HC_STAFF);
}

int tr_hc_sign_in(tr_req *req)
{
	if (req->user)
		return 403;    /* signed in, registration not complete: no text either */
	return tr_redirect(req, tr_fmt("/login?next=%s", tr_pct(tr_portal_uri(req), "/")));
}
