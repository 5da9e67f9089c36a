/* frameview.c - what every page's frame shows of the help centre (the urgent notice, the footer's pages). */
#include "views/hcview.h"
#include "core/pool.h"
#include "core/url.h"
#include "web/response.h"

#include <string.h>

void tr_view_hc_page_frame(tr_req *req)
{
	int64_t id = 0;
	const char *title = NULL;
	if (tr_hc_urgent(&id, &title) > 0) {
		tr_set(req, "Page.urgent_notice", title);
		tr_set(req, "Page.urgent_url", tr_path(tr_fmt("/hc/articles/%lld", (long long)id)));
	}
	tr_hc_page *pages = NULL;
	int n = tr_hc_footer_pages(&pages);
	for (int i = 0; i < n; i++) {
		const char *slug = pages[i].slug;
		int legal = !strcmp(slug, "imprint") || !strcmp(slug, "privacy");
		tr_set(req, tr_fmt("Footer.pages.%d.title", i), pages[i].title);
		tr_set(req, tr_fmt("Footer.pages.%d.slug", i), slug);
		tr_set(req, tr_fmt("Footer.pages.%d.url", i), tr_path(tr_fmt(legal ? "/hc/%s" : "/hc/pages/%s", slug)));
	}
}
