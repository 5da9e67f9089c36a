/* suggest.c - /hc/suggest?q=...: help-centre articles matching a request's subject, as JSON (R-NEW 4).
 * Visitors get only articles for everyone; one FULLTEXT query on the index, nothing stored. */
#include "tresen.h"
#include "hc/article.h"
#include "core/json.h"

static const tr_field fields[] = {
	{ "q", TR_F_TEXT, 0, 200, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static int show(tr_req *req)
{
	/* signed-in users see help articles too; visitors and the unconfirmed only what everyone may */
	int signed_in = req->user && (req->user->confirmed || req->user->is_agent || req->user->is_admin);
	tr_article_hit *hits = NULL;
	int n = tr_article_suggest(tr_arg(req, "q"), signed_in, 5, &hits);
	if (n < 0)
		return n;
	tr_buf b;
	tr_buf_init(&b);
	tr_buf_adds(&b, "{");
	tr_json_key(&b, "articles");
	tr_buf_adds(&b, "[");
	for (int i = 0; i < n; i++) {
		tr_buf_adds(&b, i ? ",{" : "{");
		tr_json_key(&b, "id");
		tr_json_int(&b, hits[i].id);
		tr_buf_adds(&b, ",");
		tr_json_key(&b, "title");
		tr_json_str(&b, hits[i].title);
		tr_buf_adds(&b, ",");
		tr_json_key(&b, "snippet");
		tr_json_str(&b, hits[i].snippet);
		tr_buf_adds(&b, ",");
		tr_json_key(&b, "url");
		tr_json_str(&b, tr_path(tr_fmt("/hc/articles/%lld", (long long)hits[i].id)));
		tr_buf_adds(&b, "}");
	}
	tr_buf_adds(&b, "]}");
	tr_send(req, "application/json; charset=utf-8", b.data, b.len);
	tr_buf_free(&b);
	return 0;
}

static const tr_page page = {
	.name = "suggest",
	.access = TR_PUBLIC,
	.fields = fields,
	.get = show,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
