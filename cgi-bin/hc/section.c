/* section.c - /hc/sections/ID: a section's articles, paginated; POST follows or unfollows it (R-HC 2). */
#include "tresen.h"
#include "hc/editor.h"
#include "views/hcview.h"

#include <string.h>

#define PER_PAGE 20

static const char *const actions[] = { "follow", "unfollow", NULL };

static const tr_field fields[] = {
	{ "page", TR_F_INT, 0, 100000, 1, NULL },
	{ "action", TR_F_ENUM, TR_REQUIRED, 0, 0, actions },
	{ NULL, 0, 0, 0, 0, NULL },
};

static int show(tr_req *req)
{
	tr_hc_section s;
	int rc = tr_hc_section_load(tr_path_id(req), &s);
	if (rc <= 0)
		return rc < 0 ? rc : 404;
	enum tr_hc_level level = tr_hc_reader(req);
	int64_t pageno = tr_arg_int(req, "page", 1), total = 0;
	tr_hc_item *items = NULL;
	int n = tr_hc_section_articles(s.id, level, (int)(pageno - 1) * PER_PAGE, PER_PAGE, &items, &total);
	if (n < 0)
		return n;
	/* a section holding only signed-in articles shows a visitor nothing of them: sign in first */
	if (total == 0 && level == TR_HC_VISITOR) {
		tr_hc_item *any = NULL;
		int64_t all = 0;
		rc = tr_hc_section_articles(s.id, TR_HC_MEMBER, 0, 1, &any, &all);
		if (rc < 0)
			return rc;
		if (all > 0)
			return tr_hc_sign_in(req);
	}
	if (n == 0 && pageno > 1)
		return 404;
	tr_view_hc_frame(req, s.name);
	tr_set_int(req, "Hc.section.id", s.id);
	tr_set(req, "Hc.section.name", s.name);
	tr_set(req, "Hc.section.description", s.description);
	tr_set(req, "Hc.section.category", s.category_name);
	tr_set_int(req, "Hc.section.total", total);
	tr_view_hc_items(req, "Hc.articles", items, n);
	tr_set_int(req, "List.page", pageno);
	if (pageno > 1)
		tr_set(req, "List.prev", tr_fmt("/hc/sections/%lld?page=%lld", (long long)s.id, (long long)pageno - 1));
	if (pageno * PER_PAGE < total)
		tr_set(req, "List.next", tr_fmt("/hc/sections/%lld?page=%lld", (long long)s.id, (long long)pageno + 1));
	if (req->user && level >= TR_HC_MEMBER) {
		rc = tr_hc_following(req->user->id, "section", s.id);
		if (rc < 0)
			return rc;
		tr_set_int(req, "Hc.following", rc);
		tr_set_int(req, "Hc.can_follow", 1);
	}
	return tr_render(req, "hc/section.cs");
}

static int submit(tr_req *req)
{
	if (!req->user || tr_hc_reader(req) < TR_HC_MEMBER)
		return 403;
	if (req->nerrors)
		return 400;
	tr_hc_section s;
	int rc = tr_hc_section_load(tr_path_id(req), &s);
	if (rc <= 0)
		return rc < 0 ? rc : 404;
	const char *a = tr_arg(req, "action");
	rc = !strcmp(a, "follow") ? tr_hc_follow(req->user->id, "section", s.id)
				  : tr_hc_unfollow(req->user->id, "section", s.id);
	if (rc < 0)
		return rc;
	return tr_redirect(req, tr_fmt("/hc/sections/%lld?notice=%s", (long long)s.id,
				       !strcmp(a, "follow") ? "hc_followed" : "hc_unfollowed"));
}

static const tr_page page = {
	.name = "hc-section",
	.access = TR_PUBLIC,
	.fields = fields,
	.get = show,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
