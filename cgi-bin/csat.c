/* csat.c - /csat/TOKEN: the satisfaction survey behind the link of the solution mail (R-CSAT 2, 3).
 *
 * Mail scanners open links before the person does (R-MAIL 4): the GET only shows the question;
 * the rating is recorded by the button's POST (token in the path, CSRF). It can be changed
 * until the ticket closes. Without sign-in; the token grants nothing but this survey, and a
 * malformed, unknown, tampered or expired one gets the same page that says nothing more. */
#include "tresen.h"
#include "tickets/csat.h"

#include <string.h>

static const char *const rating_values[] = { "very_satisfied", "satisfied", "neutral", "dissatisfied",
					     "very_dissatisfied", "1", "2", "3", "4", "5", NULL };

static const tr_field fields[] = {
	{ "rating", TR_F_ENUM, 0, 0, 0, rating_values },
	{ "reason", TR_F_TEXT, 0, 40, 0, NULL },
	{ "comment", TR_F_LINES, 0, 2000, 0, NULL },
	{ "done", TR_F_BOOL, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

/* The token from the path ("/TOKEN"), or NULL when it cannot be one. */
static const char *path_token(tr_req *req)
{
	const char *p = req->path_info;
	if (!p || p[0] != '/' || strlen(p + 1) != 43)
		return NULL;
	for (const char *c = p + 1; *c; c++)
		if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-' ||
		      *c == '_'))
			return NULL;
	return p + 1;
}

static int bad_link(tr_req *req, int status)
{
	req->status = status;
	const char *title = tr_L(req, "csat.bad_title");
	tr_set(req, "Page.title", title);
	tr_set(req, "Link.title", title);
	tr_set(req, "Link.text", tr_L(req, "csat.bad_text"));
	tr_set(req, "Link.action", "/");
	tr_set(req, "Link.action_label", tr_L(req, "link.to_home"));
	return tr_render(req, "link.cs");
}

static int page_of(tr_req *req, const char *token, const tr_csat_survey *s, int thanks)
{
	tr_set(req, "Page.title", tr_L(req, "csat.title"));
	tr_set(req, "Csat.token", token);
	tr_set_int(req, "Csat.ticket_id", s->ticket_id);
	tr_set(req, "Csat.subject", s->subject);
	tr_set(req, "Csat.lead", tr_subst(tr_subst(tr_L(req, "csat.lead"), tr_int_str(s->ticket_id)),
				      s->subject));
	if (s->status == TR_CLOSED)
		tr_set(req, "Csat.closed", "1");
	/* what the form shows: the value sent again, else the stored rating */
	const char *chosen = tr_arg(req, "rating");
	int r = chosen ? tr_csat_level_parse(chosen) : s->rating;
	for (int i = 0; tr_csat_levels[i]; i++) {
		HDF *h = tr_node(req, tr_fmt("Csat.levels.%d", i));
		tr_node_set(h, "name", tr_csat_levels[i]);
		tr_node_set(h, "label", tr_L(req, tr_fmt("csat.level.%s", tr_csat_levels[i])));
		if (r == 5 - i)
			tr_node_set(h, "checked", "1");
		if (5 - i < TR_CSAT_SATISFIED)
			tr_node_set(h, "low", "1");
	}
	if (s->rating) {
		const char *label = tr_L(req, tr_fmt("csat.level.%s", tr_csat_level_name(s->rating)));
		tr_set(req, "Csat.rated", "1");
		tr_set(req, "Csat.current", tr_subst(tr_L(req, thanks ? "csat.thanks" : "csat.current"), label));
	}
	if (thanks)
		tr_set(req, "Csat.thanks", "1");
	const char **keys, **labels;
	int n = tr_csat_reasons(req->lang, &keys, &labels);
	const char *reason = tr_arg(req, "reason") ? tr_arg(req, "reason") : s->reason;
	for (int i = 0; i < n; i++) {
		HDF *h = tr_node(req, tr_fmt("Csat.reasons.%d", i));
		tr_node_set(h, "key", keys[i]);
		tr_node_set(h, "label", labels[i]);
		if (reason && !strcmp(reason, keys[i]))
			tr_node_set(h, "selected", "1");
	}
	const char *comment = tr_arg(req, "comment") ? tr_arg(req, "comment") : s->comment;
	tr_set(req, "Csat.comment", comment);
	return tr_render(req, "csat.cs");
}

static int show(tr_req *req)
{
	const char *token = path_token(req);
	tr_csat_survey s;
	int rc = token ? tr_csat_open(token, &s) : TR_E_NOT_FOUND;
	if (rc == TR_E_NOT_FOUND || rc == TR_E_GONE)
		return bad_link(req, tr_http_status(rc));
	if (rc)
		return rc;
	return page_of(req, token, &s, tr_arg(req, "done") && s.rating);
}

static int submit(tr_req *req)
{
	const char *token = path_token(req);
	if (!token)
		return bad_link(req, 404);
	int rating = tr_csat_level_parse(tr_arg(req, "rating"));
	tr_csat_survey s;
	if (rating < 0) {
		int rc = tr_csat_open(token, &s);
		if (rc == TR_E_NOT_FOUND || rc == TR_E_GONE)
			return bad_link(req, tr_http_status(rc));
		if (rc)
			return rc;
		tr_form_error(req, "rating", "csat.err_rating");
		req->status = 422;
		return page_of(req, token, &s, 0);
	}
	int rc = tr_csat_rate(token, rating, tr_arg(req, "reason"), tr_arg(req, "comment"), &s);
	if (rc == TR_E_NOT_FOUND || rc == TR_E_GONE)
		return bad_link(req, tr_http_status(rc));
	if (rc == TR_E_CONFLICT) {
		req->status = 409;
		return page_of(req, token, &s, 0);
	}
	if (rc)
		return rc;
	return tr_redirect(req, tr_fmt("/csat/%s?done=1", token));
}

static const tr_page page = {
	.name = "csat",
	.access = TR_PUBLIC,
	.fields = fields,
	.get = show,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
