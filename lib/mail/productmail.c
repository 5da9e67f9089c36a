/* productmail.c - product information mails: drafts, Markdown, the bulk send in one statement per language, unsubscribing.
 *
 * Ten thousand recipients must queue in seconds: the mail is rendered once per language
 * with a placeholder where each recipient's unsubscribe link goes, and the outbox rows are
 * written by one INSERT ... SELECT that puts in the link, signed in SQL with a key derived
 * from Security.secret (SHA-256 over key, ":", user id and key; tr_unsub_check checks it the
 * same way). The rows are bulk mail: the mailer sends everything else first. */
#include "mail/productmail.h"
#include "core/config.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/text.h"
#include "core/url.h"
#include "core/util.h"
#include "db/db.h"
#include "mail/mail.h"
#include "render/render.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define PLACEHOLDER "@@UNSUBSCRIBE@@"
#define SIG_HEX 32

static int has(const char *s)
{
	return s && *s;
}

int tr_pmail_check(const tr_pmail *m, tr_problems *p)
{
	int de = has(m->subject_de) || has(m->body_de), en = has(m->subject_en) || has(m->body_en);
	if (!de && !en) {
		tr_problem_add(p, "subject_de", "pmail.err_no_text", NULL);
	} else {
		if (de && !has(m->subject_de))
			tr_problem_add(p, "subject_de", "err.required", NULL);
		if (de && !has(m->body_de))
			tr_problem_add(p, "body_de", "err.required", NULL);
		if (en && !has(m->subject_en))
			tr_problem_add(p, "subject_en", "err.required", NULL);
		if (en && !has(m->body_en))
			tr_problem_add(p, "body_en", "err.required", NULL);
	}
	if (!m->all_products && m->nproducts == 0)
		tr_problem_add(p, "product", "pmail.err_no_product", NULL);
	return p->n ? TR_E_INVALID : 0;
}

char *tr_pmail_markdown(const char *md)
{
	cmark_gfm_core_extensions_ensure_registered();
	/* no CMARK_OPT_UNSAFE: raw HTML and javascript: links are left out */
	cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
	static const char *const exts[] = { "table", "strikethrough", "autolink", "tagfilter" };
	for (size_t i = 0; i < TR_ARRAY_LEN(exts); i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);
		if (e)
			cmark_parser_attach_syntax_extension(parser, e);
	}
	cmark_parser_feed(parser, md ? md : "", md ? strlen(md) : 0);
	cmark_node *doc = cmark_parser_finish(parser);
	char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser));
	char *out = tr_strdup(html ? html : "");
	free(html);
	cmark_node_free(doc);
	cmark_parser_free(parser);
	return out;
}

/* The language whose text a recipient of lang gets. */
static const char *text_lang(const tr_pmail *m, const char *lang)
{
	int en = has(m->subject_en) && has(m->body_en), de = has(m->subject_de) && has(m->body_de);
	if (!strcmp(lang, "en"))
		return en ? "en" : "de";
	return de ? "de" : "en";
}

static int render(const tr_pmail *m, const char *lang, const char *link, const char **subject, const char **text,
		  const char **html)
{
	const char *tl = text_lang(m, lang);
	int en = !strcmp(tl, "en");
	HDF *d = tr_mail_data();
	if (!d)
		return -1;
	tr_mail_put(d, "Mail.pm_subject", en ? m->subject_en : m->subject_de);
	tr_mail_put(d, "Mail.pm_text", en ? m->body_en : m->body_de);
	tr_mail_put(d, "Mail.pm_html", tr_pmail_markdown(en ? m->body_en : m->body_de));
	tr_mail_put(d, "Mail.unsubscribe", link);
	tr_mail mail = { .kind = "product_info", .lang = lang, .data = d, .to = "", .to_name = "" };
	tr_mail_rendered r;
	int rc = tr_mail_render(&mail, &r);
	hdf_destroy(&d);
	if (rc < 0)
		return -1;
	*subject = r.subject;
	*text = r.text;
	*html = r.html;
	return 0;
}

char *tr_pmail_body_html(const tr_pmail *m, const char *lang)
{
	return tr_pmail_markdown(!strcmp(text_lang(m, lang), "en") ? m->body_en : m->body_de);
}

int tr_pmail_render(const tr_pmail *m, const char *lang, const char **subject, const char **text, const char **html)
{
	return render(m, lang, tr_url("/unsubscribe?token=preview"), subject, text, html);
}

/* ---- recipients ---- */

/* Who gets it: confirmed, active information recipients of customer organizations that use one
 * of its products (or any, with all_products), who did not unsubscribe. Parameters: all, id. */
#define RECIPIENTS_WHERE \
	"u.is_info_recipient = 1 AND u.org_id IS NOT NULL AND u.is_staff = 0 AND u.disabled_at IS NULL " \
	"AND u.confirmed_at IS NOT NULL AND u.info_unsubscribed_at IS NULL AND (? = 1 OR EXISTS (" \
	"SELECT 1 FROM organization_products op JOIN product_mail_products pp ON pp.product_id = op.product_id " \
	"WHERE op.org_id = u.org_id AND pp.mail_id = ?))"

int tr_pmail_count(const tr_pmail *m, int64_t *n)
{
	*n = 0;
	/* the draft's products as a list of ids, for the same condition */
	tr_buf ids;
	tr_buf_init(&ids);
	tr_buf_adds(&ids, "0");
	for (int i = 0; i < m->nproducts; i++)
		tr_buf_printf(&ids, ",%lld", (long long)m->products[i]);
	const char *sql = tr_fmt(
		"SELECT COUNT(*) FROM users u WHERE u.is_info_recipient = 1 AND u.org_id IS NOT NULL AND u.is_staff = 0 "
		"AND u.disabled_at IS NULL AND u.confirmed_at IS NOT NULL AND u.info_unsubscribed_at IS NULL "
		"AND (? = 1 OR EXISTS (SELECT 1 FROM organization_products op WHERE op.org_id = u.org_id "
		"AND op.product_id IN (%s)))", ids.data);
	int rc = tr_db_int(n, sql, "i", m->all_products);
	tr_buf_free(&ids);
	return rc < 0 ? rc : 0;
}

/* ---- the signed link ---- */

/* hex SHA-256 of a label and the server secret: the key the links are signed with */
static const char *unsub_key(void)
{
	const char *secret = tr_cfg("Security.secret", "");
	const char *in = tr_fmt("tresen-unsubscribe:%s", secret);
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)in, strlen(in));
	char *hex = tr_alloc(2 * sizeof(h) + 1);
	sodium_bin2hex(hex, 2 * sizeof(h) + 1, h, sizeof(h));
	return hex;
}

static const char *signature(const char *key, int64_t user_id)
{
	const char *in = tr_fmt("%s:%lld:%s", key, (long long)user_id, key);
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)in, strlen(in));
	char *hex = tr_alloc(2 * sizeof(h) + 1);
	sodium_bin2hex(hex, 2 * sizeof(h) + 1, h, sizeof(h));
	hex[SIG_HEX] = '\0';
	return hex;
}

const char *tr_unsub_token(int64_t user_id)
{
	return tr_fmt("%lldx%s", (long long)user_id, signature(unsub_key(), user_id));
}

int tr_unsub_check(const char *token, int64_t *user_id)
{
	*user_id = 0;
	const char *x = token ? strchr(token, 'x') : NULL;
	if (!x || x == token || x - token > 18 || strlen(x + 1) != SIG_HEX)
		return TR_E_NOT_FOUND;
	int64_t id = 0;
	for (const char *p = token; p < x; p++) {
		if (*p < '0' || *p > '9')
			return TR_E_NOT_FOUND;
		id = id * 10 + (*p - '0');
	}
	if (id <= 0 || sodium_memcmp(signature(unsub_key(), id), x + 1, SIG_HEX) != 0)
		return TR_E_NOT_FOUND;
	*user_id = id;
	return 0;
}

int tr_unsub_apply(int64_t user_id)
{
	int64_t n = tr_db_run("UPDATE users SET info_unsubscribed_at = NOW() WHERE id = ? AND info_unsubscribed_at IS NULL",
			      "l", user_id);
	if (n < 0)
		return (int)n;
	if (n)
		tr_info("user %lld unsubscribed from product mails", (long long)user_id);
	return n > 0;
}

/* ---- sending ---- */

static char *html_attr(const char *s)
{
	tr_buf b;
	tr_buf_init(&b);
	for (; *s; s++) {
		switch (*s) {
		case '&': tr_buf_adds(&b, "&amp;"); break;
		case '<': tr_buf_adds(&b, "&lt;"); break;
		case '>': tr_buf_adds(&b, "&gt;"); break;
		case '"': tr_buf_adds(&b, "&quot;"); break;
		default: tr_buf_addc(&b, *s);
		}
	}
	char *out = tr_strdup(b.data ? b.data : "");
	tr_buf_free(&b);
	return out;
}

typedef struct send_job {
	int64_t author_id;
	const tr_pmail *m;
	int64_t id, n;
} send_job;

static int send_tx(void *ctx)
{
	send_job *j = ctx;
	const tr_pmail *m = j->m;
	tr_q *q = tr_q_new("INSERT INTO product_mails (author_id, subject_de, body_de, subject_en, body_en, all_products, "
			   "created_at, sent_at, draft_token) VALUES (NULLIF(?, 0), ?, ?, ?, ?, ?, NOW(), NOW(), ?)");
	tr_q_i64(q, j->author_id);
	tr_q_str(q, m->subject_de ? m->subject_de : "");
	tr_q_str(q, m->body_de ? m->body_de : "");
	tr_q_str(q, m->subject_en ? m->subject_en : "");
	tr_q_str(q, m->body_en ? m->body_en : "");
	tr_q_i64(q, m->all_products);
	tr_q_str(q, m->draft_hash);
	int64_t id = tr_q_insert(q);
	if (id < 0)
		return (int)id;
	for (int i = 0; i < m->nproducts && !m->all_products; i++) {
		int64_t r = tr_db_run("INSERT IGNORE INTO product_mail_products (mail_id, product_id) "
				      "SELECT ?, id FROM products WHERE id = ?", "ll", id, m->products[i]);
		if (r < 0)
			return (int)r;
	}
	int en = has(m->subject_en) && has(m->body_en), de = has(m->subject_de) && has(m->body_de);
	/* the record first: who gets it, in which language */
	int64_t n = tr_db_run("INSERT INTO product_mail_recipients (mail_id, user_id, lang, queued_at) "
			      "SELECT ?, u.id, CASE WHEN u.lang = 'en' THEN 'en' WHEN u.lang = 'de' THEN 'de' ELSE ? END, NOW() "
			      "FROM users u WHERE " RECIPIENTS_WHERE,
			      "lsil", id, tr_lang_default(), m->all_products, id);
	if (n < 0)
		return (int)n;
	const char *key = unsub_key();
	const char *base = tr_url("/unsubscribe?token=");
	const char *base_html = html_attr(base);
	static const char *const langs[] = { "de", "en" };
	for (size_t k = 0; k < TR_ARRAY_LEN(langs) && (de || en); k++) {
		const char *subject, *text, *html;
		if (render(m, langs[k], PLACEHOLDER, &subject, &text, &html) < 0)
			return TR_DB_ERR;
		/* "<random@domain>" made unique per row by the user id in front */
		const char *mid = tr_mail_message_id();
		tr_q *ins = tr_q_new(
			"INSERT INTO outbox (kind, event_key, user_id, recipient, recipient_name, lang, subject, body_text, "
			"body_html, message_id, bulk) "
			"SELECT 'product_info', CONCAT('product:', r.mail_id), u.id, u.email, LEFT(u.name, 200), r.lang, ?, "
			"REPLACE(?, '" PLACEHOLDER "', CONCAT(?, u.id, 'x', LEFT(SHA2(CONCAT(?, ':', u.id, ':', ?), 256), 32))), "
			"REPLACE(?, '" PLACEHOLDER "', CONCAT(?, u.id, 'x', LEFT(SHA2(CONCAT(?, ':', u.id, ':', ?), 256), 32))), "
			"CONCAT('<', u.id, '.', ?), 1 "
			"FROM product_mail_recipients r JOIN users u ON u.id = r.user_id WHERE r.mail_id = ? AND r.lang = ?");
		tr_q_str(ins, subject);
		tr_q_str(ins, text);
		tr_q_str(ins, base);
		tr_q_str(ins, key);
		tr_q_str(ins, key);
		tr_q_str(ins, html);
		tr_q_str(ins, base_html);
		tr_q_str(ins, key);
		tr_q_str(ins, key);
		tr_q_str(ins, mid + 1);
		tr_q_i64(ins, id);
		tr_q_str(ins, langs[k]);
		int rc = tr_q_exec(ins);
		tr_q_end(ins);
		if (rc < 0)
			return rc;
	}
	int64_t r = tr_db_run("UPDATE product_mails SET recipients = ? WHERE id = ?", "ll", n, id);
	if (r < 0)
		return (int)r;
	j->id = id;
	j->n = n;
	return 0;
}

int tr_pmail_send(int64_t author_id, const tr_pmail *m, int64_t *id, int64_t *n)
{
	send_job j = { author_id, m, 0, 0 };
	int rc = tr_db_tx(send_tx, &j);
	if (rc == TR_DB_DUP && m->draft_hash) {
		/* the same form sent twice (a double click): the first one went */
		*n = -1;
		rc = tr_db_int(id, "SELECT id FROM product_mails WHERE draft_token = ?", "s", m->draft_hash);
		return rc < 0 ? rc : rc == 0 ? TR_DB_RETRY : 0;
	}
	if (rc < 0)
		return rc;
	*id = j.id;
	*n = j.n;
	tr_info("product mail %lld queued for %lld recipients", (long long)j.id, (long long)j.n);
	return 0;
}

/* ---- reading ---- */

#define PMAIL_COLUMNS \
	"m.id, m.subject_de, m.body_de, m.subject_en, m.body_en, m.all_products, m.created_at, m.sent_at, " \
	"a.name, m.recipients, (SELECT GROUP_CONCAT(p.name ORDER BY p.sort SEPARATOR ', ') " \
	"FROM product_mail_products pp JOIN products p ON p.id = pp.product_id WHERE pp.mail_id = m.id)"

static void from_row(tr_q *q, tr_pmail *m)
{
	m->id = tr_q_l(q, 0);
	m->subject_de = tr_q_dup(q, 1);
	m->body_de = tr_q_dup(q, 2);
	m->subject_en = tr_q_dup(q, 3);
	m->body_en = tr_q_dup(q, 4);
	m->all_products = (int)tr_q_l(q, 5);
	m->created_at = tr_q_dup(q, 6);
	m->sent_at = tr_q_dup(q, 7);
	m->author = tr_q_dup(q, 8);
	m->recipients = tr_q_l(q, 9);
	m->product_names = tr_q_dup(q, 10);
}

int tr_pmail_list(tr_pmail **out)
{
	*out = tr_zalloc(sizeof(tr_pmail) * 100);
	tr_q *q = tr_q_new("SELECT " PMAIL_COLUMNS " FROM product_mails m LEFT JOIN users a ON a.id = m.author_id "
			   "ORDER BY m.created_at DESC, m.id DESC LIMIT 100");
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int n = 0;
	while (n < 100 && tr_q_next(q) > 0)
		from_row(q, &(*out)[n++]);
	tr_q_end(q);
	return n;
}

int tr_pmail_load(int64_t id, tr_pmail **out)
{
	*out = NULL;
	tr_q *q = tr_q_new("SELECT " PMAIL_COLUMNS " FROM product_mails m LEFT JOIN users a ON a.id = m.author_id "
			   "WHERE m.id = ?");
	tr_q_i64(q, id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	if ((rc = tr_q_next(q)) > 0) {
		*out = tr_zalloc(sizeof(tr_pmail));
		from_row(q, *out);
	}
	tr_q_end(q);
	return rc < 0 ? rc : rc > 0;
}

int tr_pmail_recipients(int64_t id, int max, tr_pmail_recipient **out)
{
	*out = tr_zalloc(sizeof(tr_pmail_recipient) * (size_t)(max > 0 ? max : 1));
	tr_q *q = tr_q_new("SELECT u.name, u.email, o.name, r.lang, r.queued_at, "
			   "(SELECT x.status FROM outbox x WHERE x.event_key = CONCAT('product:', r.mail_id) "
			   " AND x.recipient = u.email) "
			   "FROM product_mail_recipients r JOIN users u ON u.id = r.user_id "
			   "LEFT JOIN organizations o ON o.id = u.org_id WHERE r.mail_id = ? ORDER BY u.name, u.id LIMIT ?");
	tr_q_i64(q, id);
	tr_q_i64(q, max);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int n = 0;
	while (n < max && tr_q_next(q) > 0) {
		tr_pmail_recipient *r = &(*out)[n++];
		r->name = tr_q_dup(q, 0);
		r->email = tr_q_dup(q, 1);
		r->org = tr_q_dup(q, 2);
		r->lang = tr_q_dup(q, 3);
		r->queued_at = tr_q_dup(q, 4);
		r->status = tr_q_dup(q, 5);
	}
	tr_q_end(q);
	return n;
}

int tr_products(tr_product **out)
{
	*out = tr_zalloc(sizeof(tr_product) * 100);
	tr_q *q = tr_q_new("SELECT id, name FROM products ORDER BY sort, id LIMIT 100");
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int n = 0;
	while (n < 100 && tr_q_next(q) > 0) {
		(*out)[n].id = tr_q_l(q, 0);
		(*out)[n].name = tr_q_dup(q, 1);
		n++;
	}
	tr_q_end(q);
	return n;
}
