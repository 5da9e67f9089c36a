/* productmails.c - /agent/product-mails and /agent/product-mails/ID: staff write a product information mail
 * (subject and Markdown text in German and/or English, the products it is about, or all), preview it, send
 * it to the information recipients through the outbox, and see who got which mail (R-APPR). */
#include "tresen.h"
#include "core/token.h"
#include "mail/productmail.h"

#include <string.h>

#define MAX_RECIPIENTS_SHOWN 500

static const char *const actions[] = { "preview", "send", NULL };

static const tr_field fields[] = {
	{ "action", TR_F_ENUM, 0, 0, 0, actions },
	{ "subject_de", TR_F_TEXT, 0, 200, 0, NULL },
	{ "body_de", TR_F_LINES, 0, 100000, 0, NULL },
	{ "subject_en", TR_F_TEXT, 0, 200, 0, NULL },
	{ "body_en", TR_F_LINES, 0, 100000, 0, NULL },
	{ "product", TR_F_INT, TR_MULTI, 1000000000, 1, NULL },
	{ "all", TR_F_BOOL, 0, 0, 0, NULL },
	{ "draft", TR_F_TOKEN, 0, 43, 0, NULL },   /* one-time token of the previewed form */
	{ NULL, 0, 0, 0, 0, NULL },
};

/* The products for the checkboxes, with the chosen ones ticked. */
static int show_products(tr_req *req, const tr_pmail *m)
{
	tr_product *list;
	int n = tr_products(&list);
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++) {
		tr_set_int(req, tr_fmt("Products.%d.id", i), list[i].id);
		tr_set(req, tr_fmt("Products.%d.name", i), list[i].name);
		for (int k = 0; m && k < m->nproducts; k++)
			if (m->products[k] == list[i].id)
				tr_set(req, tr_fmt("Products.%d.checked", i), "1");
	}
	return 0;
}

static int render_list(tr_req *req, const tr_pmail *draft)
{
	tr_pmail *sent;
	int n = tr_pmail_list(&sent), rc;
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++) {
		const char *p = tr_fmt("Sent.%d", i);
		tr_set_int(req, tr_fmt("%s.id", p), sent[i].id);
		tr_set(req, tr_fmt("%s.subject", p), *sent[i].subject_de ? sent[i].subject_de : sent[i].subject_en);
		tr_set(req, tr_fmt("%s.products", p), sent[i].all_products ? tr_L(req, "pmail.all_products") :
						      sent[i].product_names);
		tr_set(req, tr_fmt("%s.sent", p), tr_time_show(sent[i].sent_at, req->lang));
		tr_set(req, tr_fmt("%s.sent_iso", p), tr_time_iso(sent[i].sent_at));
		tr_set_int(req, tr_fmt("%s.recipients", p), sent[i].recipients);
		tr_set(req, tr_fmt("%s.author", p), sent[i].author);
	}
	if ((rc = show_products(req, draft)) < 0)
		return rc;
	tr_set(req, "Page.title", tr_L(req, "pmail.title"));
	tr_set(req, "Page.section", "agent");
	return tr_render(req, "agent/productmails.cs");
}

static int show_one(tr_req *req, int64_t id)
{
	tr_pmail *m;
	int rc = tr_pmail_load(id, &m);
	if (rc <= 0)
		return rc < 0 ? rc : 404;
	tr_pmail_recipient *r;
	int n = tr_pmail_recipients(id, MAX_RECIPIENTS_SHOWN, &r);
	if (n < 0)
		return n;
	tr_set_int(req, "Mail.id", m->id);
	tr_set(req, "Mail.subject_de", m->subject_de);
	tr_set(req, "Mail.subject_en", m->subject_en);
	tr_set(req, "Mail.body_de", m->body_de);
	tr_set(req, "Mail.body_en", m->body_en);
	tr_set(req, "Mail.products", m->all_products ? tr_L(req, "pmail.all_products") : m->product_names);
	tr_set(req, "Mail.author", m->author);
	tr_set(req, "Mail.sent", tr_time_show(m->sent_at, req->lang));
	tr_set(req, "Mail.sent_iso", tr_time_iso(m->sent_at));
	tr_set_int(req, "Mail.recipients", m->recipients);
	for (int i = 0; i < n; i++) {
		const char *p = tr_fmt("Recipients.%d", i);
		tr_set(req, tr_fmt("%s.name", p), r[i].name);
		tr_set(req, tr_fmt("%s.email", p), r[i].email);
		tr_set(req, tr_fmt("%s.org", p), r[i].org);
		tr_set(req, tr_fmt("%s.lang", p), r[i].lang);
		tr_set(req, tr_fmt("%s.status", p), r[i].status ? r[i].status : "purged");
	}
	tr_set(req, "Page.title", *m->subject_de ? m->subject_de : m->subject_en);
	tr_set(req, "Page.section", "agent");
	return tr_render(req, "agent/productmail.cs");
}

static int show(tr_req *req)
{
	int64_t id = tr_path_id(req);
	if (id)
		return show_one(req, id);
	if (req->path_info && *req->path_info && strcmp(req->path_info, "/"))
		return 404;
	return render_list(req, NULL);
}

static void read_draft(tr_req *req, tr_pmail *m)
{
	memset(m, 0, sizeof(*m));
	m->subject_de = tr_arg(req, "subject_de");
	m->body_de = tr_arg(req, "body_de");
	m->subject_en = tr_arg(req, "subject_en");
	m->body_en = tr_arg(req, "body_en");
	m->all_products = tr_arg_bool(req, "all");
	const char **v;
	int n = tr_arg_list(req, "product", &v);
	int64_t *ids = tr_alloc(sizeof(int64_t) * (size_t)(n > 0 ? n : 1));
	for (int i = 0; i < n; i++)
		if (tr_parse_i64(v[i], &ids[m->nproducts]) == 0)
			m->nproducts++;
	m->products = ids;
}

static int preview(tr_req *req, const tr_pmail *m)
{
	static const char *const langs[] = { "de", "en" };
	for (size_t i = 0; i < TR_ARRAY_LEN(langs); i++) {
		const char *subject, *text, *html;
		if (tr_pmail_render(m, langs[i], &subject, &text, &html) < 0)
			return TR_DB_ERR;
		tr_set(req, tr_fmt("Preview.%s.subject", langs[i]), subject);
		tr_set(req, tr_fmt("Preview.%s.text", langs[i]), text);
		/* the page shows the text as the mail does; the mail's own HTML keeps inline styles,
		 * which the page's Content-Security-Policy refuses */
		(void)html;
		tr_set(req, tr_fmt("Preview.%s.html", langs[i]), tr_pmail_body_html(m, langs[i]));
	}
	int64_t n;
	int rc = tr_pmail_count(m, &n);
	if (rc < 0)
		return rc;
	tr_set_int(req, "Preview.recipients", n);
	/* the send button carries a one-time token: a second click sends nothing */
	char token[44], hash[65];
	tr_token_new(token, hash);
	tr_set(req, "Preview.draft", token);
	return 0;
}

static int submit(tr_req *req)
{
	if (tr_path_id(req) || (req->path_info && *req->path_info && strcmp(req->path_info, "/")))
		return 405;
	tr_pmail m;
	read_draft(req, &m);
	if (req->nerrors) {
		req->status = 422;
		return render_list(req, &m);
	}
	tr_problems p = { .n = 0 };
	int rc = tr_pmail_check(&m, &p);
	if (tr_form_again(req, rc, &p))
		return render_list(req, &m);
	const char *action = tr_arg(req, "action");
	if (!action || !strcmp(action, "preview")) {
		if ((rc = preview(req, &m)) < 0)
			return rc;
		return render_list(req, &m);
	}
	char hash[65];
	const char *draft = tr_arg(req, "draft");
	if (draft && tr_token_hash(draft, hash) == 0)
		m.draft_hash = tr_strdup(hash);
	int64_t id, n;
	if ((rc = tr_pmail_send(req->user->id, &m, &id, &n)) < 0)
		return rc;
	return tr_redirect(req, tr_fmt("/agent/product-mails/%lld?notice=pmail_sent", (long long)id));
}

static const tr_page page = {
	.name = "product-mails",
	.access = TR_AGENT,
	.fields = fields,
	.get = show,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
