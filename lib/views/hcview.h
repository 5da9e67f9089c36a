/* hcview.h - help-centre data as page data (Hc.*): lists of articles, sections, breadcrumbs, a reader's level. */
#ifndef TR_HCVIEW_H
#define TR_HCVIEW_H

#include "hc/hc.h"
#include "web/request.h"

/* The reader's level for the help centre (visitors and unconfirmed users read what everyone may). */
enum tr_hc_level tr_hc_reader(tr_req *req);
/* Articles under path.N (id, title, summary, section, updated, draft, signed_in). */
void tr_view_hc_items(tr_req *req, const char *path, const tr_hc_item *items, int n);
/* Every category with its sections (Hc.categories.N.sections.M) the level may read something in. */
int tr_view_hc_tree(tr_req *req, enum tr_hc_level level);
/* Sets the page's frame for the help centre (Page.section, Page.title). */
void tr_view_hc_frame(tr_req *req, const char *title);
/* A visitor sent to sign in for a signed-in article or section (303 to /login?next=). */
int tr_hc_sign_in(tr_req *req);

/* The help centre's part of every page's frame (R-HC 1, 5): the urgent notice's bar
 * (Page.urgent_notice, Page.urgent_url) and the footer's pages (Footer.pages.N). */
void tr_view_hc_page_frame(tr_req *req);

#endif
