/* editor.c - saving articles with revisions, comments and their moderation, follows and the mails to followers. */
#include "hc/editor.h"
#include "hc/article.h"
#include "hc/hc.h"
#include "hc/markup.h"
#include "core/config.h"
#include "core/pool.h"
#include "core/result.h"
#include "core/text.h"
#include "core/url.h"
#include "core/util.h"
#include "db/db.h"
#include "mail/mail.h"
#include "mail/outbox.h"

#include <sodium.h>
#include <string.h>

/* ---- signed unfollow links ---- */

static const char *follow_mac(int64_t user, const char *kind, int64_t target)
{
	unsigned char key[crypto_auth_hmacsha256_KEYBYTES], mac[crypto_auth_hmacsha256_BYTES];
	const char *secret = tr_cfg("Security.secret", "");
	static const char ctx[] = "tresen help centre unfollow";
	crypto_generichash(key, sizeof(key), (const unsigned char *)secret, strlen(secret),
			   (const unsigned char *)ctx, sizeof(ctx) - 1);
	const char *msg = tr_fmt("%lld:%s:%lld", (long long)user, kind, (long long)target);
	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, strlen(msg), key);
	sodium_memzero(key, sizeof(key));
	char *hex = tr_alloc(16 * 2 + 1);
	tr_hex_encode(mac, 16, hex);
	return hex;
}

const char *tr_hc_unfollow_token(int64_t user, const char *kind, int64_t target)
{
	return tr_fmt("%lld-%c%lld-%s", (long long)user, kind[0], (long long)target, follow_mac(user, kind, target));
}

int tr_hc_unfollow_check(const char *token, int64_t *user, const char **kind, int64_t *target)
{
	if (!token || strlen(token) > 100)
		return TR_E_BAD_INPUT;
	const char *d1 = strchr(token, '-');
	const char *d2 = d1 ? strchr(d1 + 1, '-') : NULL;
	if (!d1 || !d2 || (d1[1] != 'a' && d1[1] != 's'))
		return TR_E_BAD_INPUT;
	if (tr_parse_i64(tr_strndup(token, (size_t)(d1 - token)), user) < 0 ||
	    tr_parse_i64(tr_strndup(d1 + 2, (size_t)(d2 - d1 - 2)), target) < 0 || *user <= 0 || *target <= 0)
		return TR_E_BAD_INPUT;
	*kind = d1[1] == 'a' ? "article" : "section";
	const char *want = follow_mac(*user, *kind, *target);
	if (strlen(d2 + 1) != strlen(want) || sodium_memcmp(d2 + 1, want, strlen(want)))
		return TR_E_BAD_INPUT;
	return 0;
}

/* ---- follows ---- */

static int kind_ok(const char *kind)
{
	return kind && (!strcmp(kind, "section") || !strcmp(kind, "article"));
}

int tr_hc_follow(int64_t user, const char *kind, int64_t target)
{
	if (!kind_ok(kind))
		return TR_E_BAD_INPUT;
	int64_t rc = tr_db_run("INSERT IGNORE INTO hc_follows (user_id, kind, target_id) VALUES (?, ?, ?)", "lsl", user,
			       kind, target);
	return rc < 0 ? (int)rc : 0;
}

int tr_hc_unfollow(int64_t user, const char *kind, int64_t target)
{
	if (!kind_ok(kind))
		return TR_E_BAD_INPUT;
	int64_t rc = tr_db_run("DELETE FROM hc_follows WHERE user_id = ? AND kind = ? AND target_id = ?", "lsl", user,
			       kind, target);
	return rc < 0 ? (int)rc : 0;
}

int tr_hc_following(int64_t user, const char *kind, int64_t target)
{
	int64_t one = 0;
	return tr_db_int(&one, "SELECT 1 FROM hc_follows WHERE user_id = ? AND kind = ? AND target_id = ?", "lsl", user,
			 kind, target);
}

int tr_hc_follows(int64_t user, tr_hc_follow_row **out)
{
	*out = NULL;
	tr_q *q = tr_q_new("SELECT f.kind, f.target_id, COALESCE(a.title, s.name, '') FROM hc_follows f "
			   "LEFT JOIN hc_articles a ON f.kind = 'article' AND a.id = f.target_id "
			   "LEFT JOIN hc_sections s ON f.kind = 'section' AND s.id = f.target_id "
			   "WHERE f.user_id = ? ORDER BY f.created_at DESC LIMIT 200");
	tr_q_i64(q, user);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	tr_hc_follow_row *v = tr_zalloc(sizeof(*v) * 200);
	int n = 0;
	while (n < 200 && (rc = tr_q_next(q)) > 0) {
		v[n].kind = tr_q_dup(q, 0);
		v[n].target = tr_q_l(q, 1);
		v[n].title = tr_q_dup(q, 2);
		n++;
	}
	tr_q_end(q);
	*out = v;
	return rc < 0 ? rc : n;
}

/* Mails every follower of kind/target who may read the article (but not actor):
 * the event key makes it one mail per event and follower. In the caller's transaction. */
static int notify(const char *kind, int64_t target, int64_t article, const char *what, const char *event,
		  int64_t actor)
{
	tr_hc_article a;
	int rc = tr_hc_article_load(article, &a);
	if (rc <= 0)
		return rc;
	tr_q *q = tr_q_new("SELECT u.id, u.email, u.name, u.lang, u.is_agent OR u.is_admin, u.confirmed_at IS NOT NULL "
			   "FROM hc_follows f JOIN users u ON u.id = f.user_id "
			   "WHERE f.kind = ? AND f.target_id = ? AND f.user_id <> ? LIMIT 5000");
	tr_q_str(q, kind);
	tr_q_i64(q, target);
	tr_q_i64(q, actor);
	if ((rc = tr_q_exec(q)) < 0)
		return rc;
	typedef struct { int64_t id; const char *email, *name, *lang; int staff, confirmed; } fol;
	int cap = 64, n = 0;
	fol *v = tr_zalloc(sizeof(*v) * (size_t)cap);
	while ((rc = tr_q_next(q)) > 0) {
		v = tr_pool_grow(v, sizeof(*v), n, &cap);
		v[n].id = tr_q_l(q, 0);
		v[n].email = tr_q_dup(q, 1);
		v[n].name = tr_q_dup(q, 2);
		v[n].lang = tr_q_dup(q, 3);
		v[n].staff = (int)tr_q_l(q, 4);
		v[n].confirmed = (int)tr_q_l(q, 5);
		n++;
	}
	tr_q_end(q);
	if (rc < 0)
		return rc;
	for (int i = 0; i < n; i++) {
		enum tr_hc_level level = v[i].staff ? TR_HC_STAFF : v[i].confirmed ? TR_HC_MEMBER : TR_HC_VISITOR;
		if (!tr_hc_may_read(level, &a))
			continue;     /* a follower who may not read it learns nothing of it */
		HDF *d = tr_mail_data();
		tr_mail_put(d, "Mail.what", what);
		tr_mail_put(d, "Mail.title", a.title);
		tr_mail_put(d, "Mail.section", a.section_name);
		tr_mail_put(d, "Mail.link", tr_url(tr_fmt("/hc/articles/%lld", (long long)a.id)));
		tr_mail_put(d, "Mail.unfollow", tr_url(tr_fmt("/hc/unfollow?token=%s",
							       tr_hc_unfollow_token(v[i].id, kind, target))));
		tr_mail_put(d, "Mail.kind", kind);
		tr_mail m = { .kind = "hc_follow", .event_key = event, .user_id = v[i].id, .to = v[i].email,
			      .to_name = v[i].name, .lang = v[i].lang, .data = d };
		rc = tr_mail_queue(&m);
		hdf_destroy(&d);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* ---- articles ---- */

typedef struct save_ctx {
	const tr_hc_edit *e;
	int64_t editor, id;
	const char *body, *text;
} save_ctx;

static int save_tx(void *ctx)
{
	save_ctx *s = ctx;
	const tr_hc_edit *e = s->e;
	int was_published = 0, created = e->id == 0;
	int64_t id = e->id;
	const char *urgent = e->urgent_until && *e->urgent_until ? e->urgent_until : NULL;
	int everyone = e->is_notice ? 1 : e->everyone;
	int64_t rc;
	if (created) {
		tr_q *q = tr_q_new("INSERT INTO hc_articles (section_id, title, body, body_text, source, source_format, "
				   "labels, visibility, is_notice, promoted, published, position, urgent_until, author_id, "
				   "updated_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
				   "STR_TO_DATE(?, '%Y-%m-%dT%H:%i'), NULLIF(?, 0), NULLIF(?, 0), UTC_TIMESTAMP(), UTC_TIMESTAMP())");
		tr_q_i64(q, e->section_id);
		tr_q_str(q, e->title);
		tr_q_str(q, s->body);
		tr_q_str(q, s->text);
		tr_q_str(q, e->source);
		tr_q_str(q, e->format);
		tr_q_str(q, e->labels ? e->labels : "");
		tr_q_str(q, everyone ? "everyone" : "signed_in");
		tr_q_i64(q, e->is_notice);
		tr_q_i64(q, e->promoted);
		tr_q_i64(q, e->published);
		tr_q_i64(q, e->position);
		tr_q_str(q, urgent);
		tr_q_i64(q, s->editor);
		tr_q_i64(q, s->editor);
		id = tr_q_insert(q);
		if (id < 0)
			return (int)id;
	} else {
		int64_t pub = 0;
		int r = tr_db_int(&pub, "SELECT published FROM hc_articles WHERE id = ? FOR UPDATE", "l", id);
		if (r <= 0)
			return r < 0 ? r : TR_E_NOT_FOUND;
		was_published = (int)pub;
		tr_q *q = tr_q_new("UPDATE hc_articles SET section_id = ?, title = ?, body = ?, body_text = ?, source = ?, "
				   "source_format = ?, labels = ?, visibility = ?, is_notice = ?, promoted = ?, published = ?, "
				   "position = ?, urgent_until = STR_TO_DATE(?, '%Y-%m-%dT%H:%i'), updated_by = NULLIF(?, 0), "
				   "updated_at = UTC_TIMESTAMP() WHERE id = ?");
		tr_q_i64(q, e->section_id);
		tr_q_str(q, e->title);
		tr_q_str(q, s->body);
		tr_q_str(q, s->text);
		tr_q_str(q, e->source);
		tr_q_str(q, e->format);
		tr_q_str(q, e->labels ? e->labels : "");
		tr_q_str(q, everyone ? "everyone" : "signed_in");
		tr_q_i64(q, e->is_notice);
		tr_q_i64(q, e->promoted);
		tr_q_i64(q, e->published);
		tr_q_i64(q, e->position);
		tr_q_str(q, urgent);
		tr_q_i64(q, s->editor);
		tr_q_i64(q, id);
		int r2 = tr_q_exec(q);
		tr_q_end(q);
		if (r2 < 0)
			return r2;
	}
	rc = tr_db_run("INSERT INTO hc_article_revisions (article_id, editor_id, title, source, source_format, published, note) "
		       "VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, ?)",
		       "llsssis", id, s->editor, e->title, e->source, e->format, e->published, e->note ? e->note : "");
	if (rc < 0)
		return (int)rc;
	int64_t rev = tr_db_insert_id();
	s->id = id;
	if (!e->published)
		return 0;
	if (created || !was_published) {
		int r = notify("section", e->section_id, id, "new_article", tr_fmt("hc_new_article:%lld", (long long)id),
			       s->editor);
		if (r < 0)
			return r;
	}
	if (!created)
		return notify("article", id, id, "updated", tr_fmt("hc_updated:%lld", (long long)rev), s->editor);
	return 0;
}

int tr_hc_article_save(const tr_hc_edit *e, int64_t editor, int64_t *id, tr_problems *p)
{
	*id = 0;
	if (!e->title || !*e->title)
		tr_problem_add(p, "title", "hc.edit.title_required", NULL);
	if (!e->source || !*e->source)
		tr_problem_add(p, "body", "hc.edit.body_required", NULL);
	if (e->format && strcmp(e->format, "markdown") && strcmp(e->format, "html"))
		return TR_E_BAD_INPUT;
	tr_hc_section sec;
	int rc = tr_hc_section_load(e->section_id, &sec);
	if (rc < 0)
		return rc;
	if (!rc)
		tr_problem_add(p, "section", "hc.edit.section_required", NULL);
	if (p->n)
		return TR_E_INVALID;
	save_ctx s = { .e = e, .editor = editor };
	s.body = tr_markup_render(e->source, e->format ? e->format : "markdown");
	s.text = tr_html_text(s.body);
	tr_hc_edit copy = *e;
	if (!copy.format)
		copy.format = "markdown";
	s.e = &copy;
	rc = tr_db_tx(save_tx, &s);
	if (rc == 0)
		*id = s.id;
	return rc;
}

int tr_hc_revisions(int64_t article, int limit, tr_hc_revision **out)
{
	*out = NULL;
	tr_q *q = tr_q_new("SELECT r.id, COALESCE(u.name, ''), r.title, DATE_FORMAT(r.created_at, '%Y-%m-%d %H:%i:%s'), "
			   "r.note, r.published FROM hc_article_revisions r LEFT JOIN users u ON u.id = r.editor_id "
			   "WHERE r.article_id = ? ORDER BY r.created_at DESC, r.id DESC LIMIT ?");
	tr_q_i64(q, article);
	tr_q_i64(q, limit);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	tr_hc_revision *v = tr_zalloc(sizeof(*v) * (size_t)(limit > 0 ? limit : 1));
	int n = 0;
	while (n < limit && (rc = tr_q_next(q)) > 0) {
		v[n].id = tr_q_l(q, 0);
		v[n].editor_name = tr_q_dup(q, 1);
		v[n].title = tr_q_dup(q, 2);
		v[n].created_at = tr_q_dup(q, 3);
		v[n].note = tr_q_dup(q, 4);
		v[n].published = (int)tr_q_l(q, 5);
		n++;
	}
	tr_q_end(q);
	*out = v;
	return rc < 0 ? rc : n;
}

/* ---- comments ---- */

int tr_hc_comments(int64_t article, int with_hidden, tr_hc_comment **out)
{
	*out = NULL;
	tr_q *q = tr_q_new("SELECT SQL_CACHE c.id, c.author_id, u.name, c.body, DATE_FORMAT(c.created_at, '%Y-%m-%d %H:%i:%s'), "
			   "DATE_FORMAT(c.updated_at, '%Y-%m-%d %H:%i:%s'), c.hidden, c.official, u.is_agent OR u.is_admin "
			   "FROM hc_comments c JOIN users u ON u.id = c.author_id "
			   "WHERE c.article_id = ? AND (? = 1 OR c.hidden = 0) ORDER BY c.created_at, c.id LIMIT 500");
	tr_q_i64(q, article);
	tr_q_i64(q, with_hidden ? 1 : 0);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	tr_hc_comment *v = tr_zalloc(sizeof(*v) * 500);
	int n = 0;
	while (n < 500 && (rc = tr_q_next(q)) > 0) {
		v[n].id = tr_q_l(q, 0);
		v[n].author_id = tr_q_l(q, 1);
		v[n].author_name = tr_q_dup(q, 2);
		v[n].body = tr_q_dup(q, 3);
		v[n].created_at = tr_q_dup(q, 4);
		v[n].updated_at = tr_q_dup(q, 5);
		v[n].hidden = (int)tr_q_l(q, 6);
		v[n].official = (int)tr_q_l(q, 7);
		v[n].author_staff = (int)tr_q_l(q, 8);
		n++;
	}
	tr_q_end(q);
	*out = v;
	return rc < 0 ? rc : n;
}

typedef struct comment_ctx {
	int64_t article, author, id;
	const char *body;
} comment_ctx;

static int comment_tx(void *ctx)
{
	comment_ctx *c = ctx;
	int64_t id = tr_db_run("INSERT INTO hc_comments (article_id, author_id, body) VALUES (?, ?, ?)", "lls", c->article,
			       c->author, c->body);
	if (id < 0)
		return (int)id;
	c->id = tr_db_insert_id();
	return notify("article", c->article, c->article, "new_comment", tr_fmt("hc_comment:%lld", (long long)c->id),
		      c->author);
}

int64_t tr_hc_comment_add(int64_t article, int64_t author, const char *body)
{
	comment_ctx c = { .article = article, .author = author, .body = tr_text_safe(body, 5000) };
	int rc = tr_db_tx(comment_tx, &c);
	return rc < 0 ? rc : c.id;
}

int tr_hc_comment_act(int64_t article, int64_t comment, int64_t user, int staff, const char *action,
		      const char *body)
{
	int64_t author = 0;
	int rc = tr_db_int(&author, "SELECT author_id FROM hc_comments WHERE id = ? AND article_id = ?", "ll", comment,
			   article);
	if (rc <= 0)
		return rc < 0 ? rc : TR_E_NOT_FOUND;
	int own = author == user;
	int64_t r;
	if (!strcmp(action, "edit")) {
		if (!own)
			return TR_E_FORBIDDEN;
		if (!body || !*body)
			return TR_E_BAD_INPUT;
		r = tr_db_run("UPDATE hc_comments SET body = ?, updated_at = CURRENT_TIMESTAMP(6) WHERE id = ?", "sl",
			      tr_text_safe(body, 5000), comment);
	} else if (!strcmp(action, "delete")) {
		if (!own && !staff)
			return TR_E_FORBIDDEN;
		r = tr_db_run("DELETE FROM hc_comments WHERE id = ?", "l", comment);
	} else if (!strcmp(action, "hide") || !strcmp(action, "show")) {
		if (!staff)
			return TR_E_FORBIDDEN;
		r = tr_db_run("UPDATE hc_comments SET hidden = ? WHERE id = ?", "il", !strcmp(action, "hide"), comment);
	} else if (!strcmp(action, "official") || !strcmp(action, "unofficial")) {
		if (!staff)
			return TR_E_FORBIDDEN;
		r = tr_db_run("UPDATE hc_comments SET official = ? WHERE id = ?", "il", !strcmp(action, "official"), comment);
	} else {
		return TR_E_BAD_INPUT;
	}
	return r < 0 ? (int)r : 0;
}

int tr_hc_page_save(const char *slug, const char *title, const char *source, int64_t editor)
{
	if (!tr_hc_slug_ok(slug))
		return TR_E_INVALID;
	const char *body = tr_markdown_html(source);
	int64_t rc = tr_db_run("INSERT INTO hc_pages (slug, title, source, body, placeholder, updated_by) "
			       "VALUES (?, ?, ?, ?, 0, NULLIF(?, 0)) ON DUPLICATE KEY UPDATE title = VALUES(title), "
			       "source = VALUES(source), body = VALUES(body), placeholder = 0, "
			       "updated_by = VALUES(updated_by), updated_at = NOW()",
			       "ssssl", slug, title, source, body, editor);
	tr_hc_footer_forget();
	return rc < 0 ? (int)rc : 0;
}
