/* article.c - /hc/articles/ID: an article with breadcrumbs, its section's other articles, "was this helpful?",
 * comments and follow (R-HC 2); POST: comment, vote, follow, and the comment actions of authors and staff. */
#include "tresen.h"
#include "hc/editor.h"
#include "views/hcview.h"

#include <string.h>

static const char *const actions[] = { "comment", "vote", "follow", "unfollow", "edit_comment", "delete_comment",
				       "hide", "show", "official", "unofficial", NULL };
static const char *const answers[] = { "yes", "no", NULL };

static const tr_field fields[] = {
	{ "action", TR_F_ENUM, TR_REQUIRED, 0, 0, actions },
	{ "body", TR_F_LINES, 0, 5000, 0, NULL },
	{ "comment", TR_F_INT, 0, INT64_MAX, 1, NULL },
	{ "helpful", TR_F_ENUM, 0, 0, 0, answers },
	{ NULL, 0, 0, 0, 0, NULL },
};

static void put_comments(tr_req *req, const tr_hc_comment *c, int n)
{
	HDF *list = tr_node(req, "Hc.comments");
	for (int i = 0; i < n; i++) {
		HDF *h = NULL;
		tr_neoerr_ignore(hdf_get_node(list, tr_fmt("%d", i), &h));
		tr_node_set(h, "id", tr_int_str(c[i].id));
		tr_node_set(h, "author", c[i].author_name);
		tr_node_set(h, "initials", tr_user_initials(c[i].author_name));
		tr_node_set(h, "body", c[i].body);
		tr_node_set(h, "time", tr_time_show(c[i].created_at, req->lang));
		tr_node_set(h, "time_iso", tr_time_iso(c[i].created_at));
		tr_node_set(h, "edited", strcmp(c[i].created_at, c[i].updated_at) ? "1" : "0");
		tr_node_set(h, "hidden", c[i].hidden ? "1" : "0");
		tr_node_set(h, "official", c[i].official ? "1" : "0");
		tr_node_set(h, "staff", c[i].author_staff ? "1" : "0");
		tr_node_set(h, "own", req->user && req->user->id == c[i].author_id ? "1" : "0");
	}
}

/* The article when this reader may read it; otherwise *status says the answer (404, or the sign-in page). */
static int load(tr_req *req, tr_hc_article *a)
{
	int rc = tr_hc_article_load(tr_path_id(req), a);
	if (rc <= 0)
		return rc < 0 ? rc : 404;
	enum tr_hc_level level = tr_hc_reader(req);
	if (tr_hc_may_read(level, a))
		return 0;
	if (!a->published)
		return 404;         /* drafts do not exist for readers */
	return -999;            /* signed-in only: sign in first */
}

static int render(tr_req *req, tr_hc_article *a)
{
	enum tr_hc_level level = tr_hc_reader(req);
	int staff = level >= TR_HC_STAFF;
	tr_view_hc_frame(req, a->title);
	tr_set_int(req, "Hc.article.id", a->id);
	tr_set(req, "Hc.article.title", a->title);
	tr_set(req, "Hc.article.body", a->body);
	tr_set(req, "Hc.article.labels", a->labels);
	tr_set_int(req, "Hc.article.section_id", a->section_id);
	tr_set(req, "Hc.article.section", a->section_name);
	tr_set(req, "Hc.article.category", a->category_name);
	tr_set(req, "Hc.article.updated", tr_date_show(a->updated_at, req->lang));
	tr_set(req, "Hc.article.updated_iso", tr_time_iso(a->updated_at));
	tr_set_int(req, "Hc.article.draft", !a->published);
	tr_set_int(req, "Hc.article.signed_in", !a->everyone);
	tr_set_int(req, "Hc.article.notice", a->is_notice);
	if (staff) {
		tr_set_int(req, "Hc.article.yes", a->helpful_yes);
		tr_set_int(req, "Hc.article.no", a->helpful_no);
	}
	/* the section's other articles */
	tr_hc_item *items = NULL;
	int n = tr_hc_section_articles(a->section_id, level, 0, 11, &items, NULL);
	if (n < 0)
		return n;
	int k = 0;
	for (int i = 0; i < n && k < 10; i++)
		if (items[i].id != a->id)
			items[k++] = items[i];
	tr_view_hc_items(req, "Hc.related", items, k);
	tr_hc_comment *comments = NULL;
	int nc = tr_hc_comments(a->id, staff, &comments);
	if (nc < 0)
		return nc;
	put_comments(req, comments, nc);
	if (req->user && level >= TR_HC_MEMBER) {
		tr_set_int(req, "Hc.can_comment", 1);
		int rc = tr_hc_following(req->user->id, "article", a->id);
		if (rc < 0)
			return rc;
		tr_set_int(req, "Hc.following", rc);
		int64_t vote = -1;
		rc = tr_db_int(&vote, "SELECT helpful FROM hc_votes WHERE article_id = ? AND user_id = ?", "ll", a->id,
			       req->user->id);
		if (rc < 0)
			return rc;
		if (rc > 0)
			tr_set(req, "Hc.voted", vote ? "yes" : "no");
	}
	return tr_render(req, "hc/article.cs");
}

static int show(tr_req *req)
{
	tr_hc_article a;
	int rc = load(req, &a);
	if (rc == -999)
		return tr_hc_sign_in(req);
	return rc ? rc : render(req, &a);
}

static int submit(tr_req *req)
{
	if (!req->user || tr_hc_reader(req) < TR_HC_MEMBER)
		return 403;
	tr_hc_article a;
	int rc = load(req, &a);
	if (rc)
		return rc == -999 ? 403 : rc;
	if (req->nerrors)
		return 400;
	const char *action = tr_arg(req, "action");
	const char *notice = NULL;
	int staff = tr_hc_reader(req) >= TR_HC_STAFF;
	if (!strcmp(action, "comment")) {
		const char *body = tr_arg(req, "body");
		if (!body || !*tr_trim(tr_strdup(body))) {
			tr_form_error(req, "body", "hc.comment_required");
			req->status = 422;
			return render(req, &a);
		}
		int64_t id = tr_hc_comment_add(a.id, req->user->id, body);
		if (id < 0)
			return (int)id;
		return tr_redirect(req, tr_fmt("/hc/articles/%lld?notice=hc_commented#comment-%lld", (long long)a.id,
					       (long long)id));
	} else if (!strcmp(action, "vote")) {
		const char *h = tr_arg(req, "helpful");
		if (!h)
			return 400;
		if ((rc = tr_hc_vote(a.id, req->user->id, !strcmp(h, "yes"))) < 0)
			return rc;
		notice = "hc_voted";
	} else if (!strcmp(action, "follow") || !strcmp(action, "unfollow")) {
		rc = action[0] == 'f' ? tr_hc_follow(req->user->id, "article", a.id)
				      : tr_hc_unfollow(req->user->id, "article", a.id);
		if (rc < 0)
			return rc;
		notice = action[0] == 'f' ? "hc_followed" : "hc_unfollowed";
	} else {
		int64_t cid = tr_arg_int(req, "comment", 0);
		if (!cid)
			return 400;
		const char *what = !strcmp(action, "edit_comment") ? "edit" : !strcmp(action, "delete_comment") ? "delete" : action;
		const char *body = tr_arg(req, "body");
		if (!strcmp(what, "edit") && (!body || !*tr_trim(tr_strdup(body))))
			return 400;
		if ((rc = tr_hc_comment_act(a.id, cid, req->user->id, staff, what, body)) < 0)
			return rc;
		notice = "hc_comment_changed";
	}
	return tr_redirect(req, tr_fmt("/hc/articles/%lld?notice=%s", (long long)a.id, notice));
}

static const tr_page page = {
	.name = "hc-article",
	.access = TR_PUBLIC,
	.fields = fields,
	.get = show,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
