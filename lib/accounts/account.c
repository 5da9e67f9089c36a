/* account.c - self-registration, confirmation and password-reset links (R-ACC 1-6). */
#include "accounts/account.h"
#include "accounts/password.h"
#include "accounts/throttle.h"
#include "accounts/user.h"
#include "core/config.h"
#include "core/email.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/url.h"
#include "core/util.h"
#include "db/db.h"
#include "mail/outbox.h"
#include "core/text.h"
#include "core/token.h"

#include <string.h>

#define DEFAULT_ROLES "info, support, office, noreply, admin, administrator, kontakt, contact, " \
	"mail, post, postmaster, hostmaster, webmaster, abuse, service, sales, vertrieb, team, " \
	"hello, hallo, buchhaltung, accounting, billing, rechnung, invoice, marketing, hr, " \
	"personal, jobs, karriere, presse, press, empfang, zentrale, verwaltung, it, edv, " \
	"security, root, help, hilfe, datenschutz, privacy"

/* ---- rules ---- */

/* Lower case without '.', '-' and '_': no-reply, No.Reply and noreply are one. */
static char *squash(const char *s, size_t n)
{
	char *out = tr_alloc(n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '.' || c == '-' || c == '_')
			continue;
		*o++ = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
	*o = '\0';
	return out;
}

int tr_account_role_address(const char *email)
{
	const char *at = email ? strchr(email, '@') : NULL;
	if (!at)
		return 0;
	size_t n = (size_t)(at - email);
	const char *plus = memchr(email, '+', n);
	if (plus)
		n = (size_t)(plus - email);
	const char *local = squash(email, n);
	const char *list = tr_cfg("Accounts.role_addresses", DEFAULT_ROLES);
	for (const char *p = list; *p;) {
		p += strspn(p, ", \t\n");
		size_t len = strcspn(p, ", \t\n");
		if (len && !strcmp(squash(p, len), local))
			return 1;
		p += len;
	}
	return 0;
}

const char *tr_account_name_problem(const char *name)
{
	char *n = tr_ascii_lower(tr_strdup(name ? name : ""));
	if (strstr(n, "://") || strstr(n, "www.") || strchr(n, '@'))
		return "register.name_link";
	return NULL;
}

/* ---- throttling (R-ACC 6: keyed by what was typed, known or not) ---- */

static tr_throttle_rule register_addr_rule(void)
{
	return (tr_throttle_rule){ "register_addr", (int)tr_cfg_int("Accounts.register_addr_limit", 20), 3600, 60 };
}

static tr_throttle_rule forgot_addr_rule(void)
{
	return (tr_throttle_rule){ "forgot_addr", (int)tr_cfg_int("Accounts.forgot_addr_limit", 10), 3600, 60 };
}

/* Mails about one address (registration, confirmation again, reset): keeps
 * the portal from being used to flood a mailbox. */
static tr_throttle_rule mail_rule(void)
{
	return (tr_throttle_rule){ "account_mail", (int)tr_cfg_int("Accounts.mail_limit", 3), 3600,
				   (int)tr_cfg_int("Accounts.mail_backoff_s", 300) };
}

/* 0 when allowed; otherwise the form problem msg and TR_E_THROTTLED. */
static int throttled(const tr_throttle_rule *rule, const char *key, const char *msg, tr_problems *p)
{
	int wait = tr_throttle_wait(rule, key);
	if (wait <= 0)
		return wait;
	tr_problem_add(p, NULL, msg, NULL);
	p->wait_s = wait;
	return TR_E_THROTTLED;
}

/* ---- links and their mails ---- */

typedef struct link_token {
	char token[44];
	int64_t id;
} link_token;

/* A new link for user_id; name/hash/lang travel with a repeated registration. */
static int token_create(link_token *t, int64_t user_id, const char *purpose, long minutes,
			const char *name, const char *hash, const char *lang)
{
	char h[65];
	tr_token_new(t->token, h);
	int64_t rc = tr_db_run("INSERT INTO user_tokens (token_hash, user_id, purpose, expires_at, name, "
			       "password_hash, lang) VALUES (?, ?, ?, NOW() + INTERVAL ? MINUTE, ?, ?, ?)",
			       "slslsss", h, user_id, purpose, (int64_t)minutes, name, hash, lang);
	if (rc < 0)
		return (int)rc;
	t->id = tr_db_insert_id();
	return 0;
}

static long confirm_minutes(void)
{
	return tr_cfg_int("Accounts.confirm_hours", 48) * 60;
}

static long reset_minutes(void)
{
	return tr_cfg_int("Accounts.reset_minutes", 60);
}

/* Queues a mail with data d (destroyed here). */
static int send_mail(const char *kind, const char *event_key, int64_t user_id, const char *to,
		     const char *to_name, const char *lang, HDF *d)
{
	if (!d)
		return TR_DB_ERR;
	tr_mail m = { .kind = kind, .event_key = event_key, .user_id = user_id, .to = to,
		      .to_name = to_name, .lang = lang, .data = d };
	int rc = tr_mail_queue(&m);
	hdf_destroy(&d);
	return rc;
}

static int confirm_mail(int64_t user_id, const char *email, const char *name, const char *lang,
			const char *org, const char *name_new, const char *hash_new)
{
	link_token t;
	int rc = token_create(&t, user_id, "confirm", confirm_minutes(), name_new, hash_new,
			      name_new ? lang : NULL);
	if (rc < 0)
		return rc;
	HDF *d = tr_mail_data();
	tr_mail_put(d, "Mail.name", name);
	tr_mail_put(d, "Mail.org", org);
	tr_mail_put(d, "Mail.link", tr_url(tr_fmt("/confirm?token=%s", t.token)));
	tr_mail_put(d, "Mail.hours", tr_fmt("%ld", confirm_minutes() / 60));
	return send_mail("confirm", tr_fmt("confirm:%lld", (long long)t.id), user_id, email, name, lang, d);
}

/* ---- registration ---- */

typedef struct reg_ctx {
	const tr_registration *r;
	const char *email_norm, *hash, *org_name;
	int64_t org_id;
	int existing;
} reg_ctx;

static int org_of(const char *domain, int64_t *id, const char **name)
{
	tr_q *q = tr_q_new("SELECT o.id, o.name FROM organization_domains d "
			   "JOIN organizations o ON o.id = d.org_id WHERE d.domain = ?");
	tr_q_str(q, tr_ascii_lower(tr_strdup(domain)));
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	*id = 0;
	*name = NULL;
	if (tr_q_next(q) > 0) {
		*id = tr_q_l(q, 0);
		*name = tr_q_dup(q, 1);
	}
	tr_q_end(q);
	return 0;
}

/* The address is known: its owner hears of the attempt (a confirmed
 * account), or gets a fresh confirmation link that carries this attempt's
 * name and password (a pending one) - they replace the pending ones only if
 * the owner follows it, so a stranger cannot take the registration over. */
static int register_existing(reg_ctx *c)
{
	tr_q *q = tr_q_new("SELECT u.id, u.name, u.lang, u.confirmed_at IS NOT NULL, o.name, u.email "
			   "FROM users u LEFT JOIN organizations o ON o.id = u.org_id "
			   "WHERE u.email_norm = ? AND u.disabled_at IS NULL");
	tr_q_str(q, c->email_norm);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	if (tr_q_next(q) <= 0) {
		tr_q_end(q);
		return 0;   /* a disabled account: nothing to tell */
	}
	int64_t id = tr_q_l(q, 0);
	const char *name = tr_q_dup(q, 1), *lang = tr_q_dup(q, 2), *org = tr_q_dup(q, 4);
	const char *email = tr_q_dup(q, 5);
	int confirmed = (int)tr_q_l(q, 3);
	tr_q_end(q);
	if (!confirmed)
		return confirm_mail(id, email, c->r->name, c->r->lang, org, c->r->name, c->hash);
	HDF *d = tr_mail_data();
	tr_mail_put(d, "Mail.name", name);
	tr_mail_put(d, "Mail.email", email);
	tr_mail_put(d, "Mail.login", tr_url("/login"));
	tr_mail_put(d, "Mail.forgot", tr_url("/password/forgot"));
	return send_mail("register_existing", NULL, id, email, name, lang, d);
}

static int register_tx(void *ctx)
{
	reg_ctx *c = ctx;
	tr_q *q = tr_q_new("INSERT INTO users (org_id, name, email, email_norm, password_hash, lang, "
			   "self_registered) VALUES (?, ?, ?, ?, ?, ?, 1)");
	if (c->org_id)
		tr_q_i64(q, c->org_id);
	else
		tr_q_null(q);
	tr_q_str(q, c->r->name);
	tr_q_str(q, c->r->email);
	tr_q_str(q, c->email_norm);
	tr_q_str(q, c->hash);
	tr_q_str(q, c->r->lang);
	int rc = tr_q_exec(q);
	if (rc == TR_DB_DUP) {
		c->existing = 1;
		return register_existing(c);
	}
	if (rc < 0)
		return rc;
	int64_t id = tr_q_insert_id(q);
	tr_q_end(q);
	return confirm_mail(id, c->r->email, c->r->name, c->r->lang, c->org_name, NULL, NULL);
}

/* Field rules that depend only on what was typed (never on whether the
 * address is registered). 0, or the database's code. */
static int check_fields(const tr_registration *r, reg_ctx *c, tr_problems *p)
{
	const char *key = tr_account_name_problem(r->name);
	if (key)
		tr_problem_add(p, "name", key, NULL);
	if (tr_account_role_address(r->email)) {
		tr_problem_add(p, "email", "register.role_address", NULL);
	} else {
		int rc = org_of(tr_email_domain(r->email), &c->org_id, &c->org_name);
		if (rc < 0)
			return rc;
		if (!c->org_id && !tr_cfg_int("Accounts.allow_without_org", 0))
			tr_problem_add(p, "email", "register.unknown_domain", tr_email_domain(r->email));
	}
	key = tr_password_problem(r->password, r->email, r->name);
	if (key)
		tr_problem_add(p, "password", key, NULL);
	return 0;
}

int tr_account_register(const tr_registration *r, tr_problems *p)
{
	tr_throttle_rule addr = register_addr_rule(), mail = mail_rule();
	const char *ip = r->remote_addr ? r->remote_addr : "";
	int rc = throttled(&addr, ip, "register.throttled", p);
	if (rc)
		return rc;
	if (r->honeypot && *r->honeypot) {
		tr_info("registration with the hidden field filled in: ignored");
		return tr_throttle_hit(&addr, ip);
	}
	reg_ctx c = { .r = r, .email_norm = tr_email_norm(r->email) };
	if ((rc = check_fields(r, &c, p)) < 0)
		return rc;
	if (p->n)
		return TR_E_INVALID;   /* typing mistakes do not count against the client address */
	if ((rc = tr_throttle_hit(&addr, ip)) < 0)
		return rc;
	if ((rc = throttled(&mail, c.email_norm, "register.mail_throttled", p)) != 0)
		return rc;
	/* Hashed before we know whether the address exists: both answers take as long. */
	char hash[TR_PASSWORD_HASH_MAX];
	if (tr_password_hash(r->password, hash) < 0)
		return TR_DB_ERR;
	c.hash = hash;
	if ((rc = tr_db_tx(register_tx, &c)) < 0)
		return rc;
	tr_throttle_hit(&mail, c.email_norm);
	tr_info("registration %s", c.existing ? "of a known address: owner told" : "created");
	return 0;
}

/* ---- links ---- */

typedef struct link_ctx {
	const char *hash;
	const char *purpose;
	int64_t token_id, user_id;
	const char *email, *name, *lang, *new_name, *new_hash, *new_lang;
	int confirmed;
	const char *password_hash;   /* reset: the new hash */
} link_ctx;

/* Loads the link; 0 usable, TR_E_NOT_FOUND, TR_E_GONE (used or expired), <0. */
static int load_link(link_ctx *c, int lock)
{
	tr_q *q = tr_q_new(lock ?
		"SELECT t.id, t.user_id, t.used_at IS NULL AND t.expires_at > NOW(), t.name, t.password_hash, "
		"t.lang, u.email, u.name, u.lang, u.confirmed_at IS NOT NULL FROM user_tokens t "
		"JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND t.purpose = ? "
		"AND u.disabled_at IS NULL FOR UPDATE" :
		"SELECT t.id, t.user_id, t.used_at IS NULL AND t.expires_at > NOW(), t.name, t.password_hash, "
		"t.lang, u.email, u.name, u.lang, u.confirmed_at IS NOT NULL FROM user_tokens t "
		"JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND t.purpose = ? "
		"AND u.disabled_at IS NULL");
	tr_q_str(q, c->hash);
	tr_q_str(q, c->purpose);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	rc = TR_E_NOT_FOUND;
	if (tr_q_next(q) > 0) {
		c->token_id = tr_q_l(q, 0);
		c->user_id = tr_q_l(q, 1);
		rc = tr_q_l(q, 2) ? 0 : TR_E_GONE;
		c->new_name = tr_q_dup(q, 3);
		c->new_hash = tr_q_dup(q, 4);
		c->new_lang = tr_q_dup(q, 5);
		c->email = tr_q_dup(q, 6);
		c->name = tr_q_dup(q, 7);
		c->lang = tr_q_dup(q, 8);
		c->confirmed = (int)tr_q_l(q, 9);
	}
	tr_q_end(q);
	return rc;
}

/* Spends the link and every other open link of the same purpose of its user. */
static int spend_links(link_ctx *c)
{
	int64_t rc = tr_db_run("UPDATE user_tokens SET used_at = NOW() WHERE user_id = ? AND purpose = ? "
			       "AND used_at IS NULL", "ls", c->user_id, c->purpose);
	return rc < 0 ? (int)rc : 0;
}

static int link_hash(const char *token, char hash[65])
{
	return token && tr_token_hash(token, hash) == 0 ? 0 : TR_E_NOT_FOUND;
}

/* ---- confirmation ---- */

static int confirm_tx(void *ctx)
{
	link_ctx *c = ctx;
	int rc = load_link(c, 1);
	if (rc == 0)
		rc = spend_links(c);
	if (rc)
		return rc;
	int64_t n = tr_db_run("UPDATE users SET confirmed_at = COALESCE(confirmed_at, NOW()), "
			      "name = COALESCE(?, name), password_hash = COALESCE(?, password_hash), "
			      "lang = COALESCE(?, lang) WHERE id = ?", "sssl",
			      c->new_name, c->new_hash, c->new_lang, c->user_id);
	return n < 0 ? (int)n : 0;
}

int tr_account_confirm(const char *token, int64_t *user_id, int *confirmed)
{
	char hash[65];
	*user_id = 0;
	*confirmed = 0;
	int rc = link_hash(token, hash);
	if (rc)
		return rc;
	link_ctx c = { .hash = hash, .purpose = "confirm" };
	rc = tr_db_tx(confirm_tx, &c);
	if (rc == TR_E_GONE)
		*confirmed = c.confirmed;
	if (rc)
		return rc;
	*user_id = c.user_id;
	tr_info("registration confirmed user=%lld", (long long)c.user_id);
	return 0;
}

int tr_account_confirm_check(const char *token, const char **email, int *confirmed)
{
	char hash[65];
	*email = NULL;
	*confirmed = 0;
	int rc = link_hash(token, hash);
	if (rc)
		return rc;
	link_ctx c = { .hash = hash, .purpose = "confirm" };
	rc = load_link(&c, 0);
	if (rc == 0 || rc == TR_E_GONE) {
		*email = c.email;
		*confirmed = c.confirmed;
	}
	return rc;
}

static const char *org_name_of(int64_t user_id)
{
	tr_q *q = tr_q_new("SELECT o.name FROM users u JOIN organizations o ON o.id = u.org_id WHERE u.id = ?");
	tr_q_i64(q, user_id);
	const char *name = NULL;
	if (tr_q_exec(q) == 0 && tr_q_next(q) > 0)
		name = tr_q_dup(q, 0);
	tr_q_end(q);
	return name;
}

static int resend_tx(void *ctx)
{
	const tr_user *u = ctx;
	return confirm_mail(u->id, u->email, u->name, u->lang, org_name_of(u->id), NULL, NULL);
}

int tr_account_resend(const tr_user *u, tr_problems *p)
{
	if (!u || u->confirmed)
		return 0;
	tr_throttle_rule mail = mail_rule();
	const char *key = tr_email_norm(u->email);
	int rc = throttled(&mail, key, "unconfirmed.throttled", p);
	if (rc)
		return rc;
	if ((rc = tr_db_tx(resend_tx, TR_UNCONST(u))) < 0)
		return rc;
	tr_throttle_hit(&mail, key);
	tr_info("confirmation mail again for user=%lld", (long long)u->id);
	return 0;
}

/* ---- password reset ---- */

typedef struct forgot_ctx {
	int64_t user_id;
	const char *email, *name, *lang;
} forgot_ctx;

static HDF *reset_data(const char *name, const char *token)
{
	HDF *d = tr_mail_data();
	tr_mail_put(d, "Mail.name", name);
	tr_mail_put(d, "Mail.link", tr_url(tr_fmt("/password/reset?token=%s", token)));
	tr_mail_put(d, "Mail.minutes", tr_fmt("%ld", reset_minutes()));
	return d;
}

static int forgot_tx(void *ctx)
{
	forgot_ctx *c = ctx;
	link_token t;
	int rc = token_create(&t, c->user_id, "reset", reset_minutes(), NULL, NULL, NULL);
	if (rc < 0)
		return rc;
	return send_mail("reset", tr_fmt("reset:%lld", (long long)t.id), c->user_id, c->email, c->name,
			 c->lang, reset_data(c->name, t.token));
}

int tr_account_forgot(const char *email, const char *remote_addr, const char *lang, tr_problems *p)
{
	tr_throttle_rule addr = forgot_addr_rule(), mail = mail_rule();
	const char *ip = remote_addr ? remote_addr : "";
	const char *key = tr_email_norm(email);
	int rc = throttled(&addr, ip, "forgot.throttled", p);
	if (!rc)
		rc = throttled(&mail, key, "forgot.throttled", p);
	if (rc)
		return rc;
	if ((rc = tr_throttle_hit(&addr, ip)) < 0 || (rc = tr_throttle_hit(&mail, key)) < 0)
		return rc;
	forgot_ctx c = { 0 };
	tr_q *q = tr_q_new("SELECT id, email, name, lang FROM users WHERE email_norm = ? AND disabled_at IS NULL");
	tr_q_str(q, key);
	if ((rc = tr_q_exec(q)) < 0)
		return rc;
	if (tr_q_next(q) > 0) {
		c.user_id = tr_q_l(q, 0);
		c.email = tr_q_dup(q, 1);
		c.name = tr_q_dup(q, 2);
		c.lang = tr_q_dup(q, 3);
	}
	tr_q_end(q);
	if (!c.user_id) {
		/* Render the mail all the same, so an unknown address answers as fast. */
		char token[44], hash[65];
		tr_token_new(token, hash);
		HDF *d = reset_data("", token);
		tr_mail m = { .kind = "reset", .to = email, .lang = lang, .data = d };
		tr_mail_rendered unused;
		tr_mail_render(&m, &unused);
		if (d)
			hdf_destroy(&d);
		return 0;
	}
	if ((rc = tr_db_tx(forgot_tx, &c)) < 0)
		return rc;
	tr_info("reset link sent for user=%lld", (long long)c.user_id);
	return 0;
}

int tr_account_reset_check(const char *token, const char **email)
{
	char hash[65];
	*email = NULL;
	int rc = link_hash(token, hash);
	if (rc)
		return rc;
	link_ctx c = { .hash = hash, .purpose = "reset" };
	rc = load_link(&c, 0);
	if (rc == 0)
		*email = c.email;
	return rc;
}

static int reset_tx(void *ctx)
{
	link_ctx *c = ctx;
	int rc = load_link(c, 1);
	if (rc == 0)
		rc = spend_links(c);
	if (rc)
		return rc;
	/* The mail reached its owner: that completes a pending registration too. */
	int64_t n = tr_db_run("UPDATE users SET password_hash = ?, confirmed_at = COALESCE(confirmed_at, NOW()) "
			      "WHERE id = ?", "sl", c->password_hash, c->user_id);
	if (n < 0)
		return (int)n;
	HDF *d = tr_mail_data();
	tr_mail_put(d, "Mail.name", c->name);
	tr_mail_put(d, "Mail.email", c->email);
	tr_mail_put(d, "Mail.forgot", tr_url("/password/forgot"));
	return send_mail("password_changed", tr_fmt("password_changed:%lld", (long long)c->token_id),
			 c->user_id, c->email, c->name, c->lang, d);
}

int tr_account_reset(const char *token, const char *password, int64_t *user_id, const char **email,
		     tr_problems *p)
{
	char hash[65];
	*user_id = 0;
	*email = NULL;
	int rc = link_hash(token, hash);
	if (rc)
		return rc;
	link_ctx c = { .hash = hash, .purpose = "reset" };
	if ((rc = load_link(&c, 0)) != 0)
		return rc;
	*email = c.email;
	const char *key = tr_password_problem(password, c.email, c.name);
	if (key) {
		tr_problem_add(p, "password", key, NULL);
		return TR_E_INVALID;
	}
	char pw[TR_PASSWORD_HASH_MAX];
	if (tr_password_hash(password, pw) < 0)
		return TR_DB_ERR;
	c.password_hash = pw;
	if ((rc = tr_db_tx(reset_tx, &c)) != 0)
		return rc;
	/* failed sign-ins counted against the account no longer matter */
	tr_throttle_rule acc = { "login_account", 0, 900, 0 };
	tr_throttle_clear(&acc, tr_email_norm(c.email));
	*user_id = c.user_id;
	tr_info("password reset user=%lld", (long long)c.user_id);
	return 0;
}

/* ---- housekeeping ---- */

int64_t tr_account_purge_links(void)
{
	return tr_db_run("DELETE FROM user_tokens WHERE expires_at < NOW() - INTERVAL 1 DAY", "");
}

int64_t tr_account_purge_unconfirmed(void)
{
	int64_t days = tr_cfg_int("Accounts.purge_unconfirmed_days", 7);
	int64_t purged = 0, after = 0;
	for (;;) {
		tr_q *q = tr_q_new("SELECT id FROM users WHERE confirmed_at IS NULL AND self_registered = 1 "
				   "AND created_at < NOW() - INTERVAL ? DAY AND id > ? ORDER BY id LIMIT 200");
		tr_q_i64(q, days);
		tr_q_i64(q, after);
		int rc = tr_q_exec(q);
		if (rc < 0)
			return rc;
		int64_t ids[200];
		int n = 0;
		while (n < 200 && tr_q_next(q) > 0)
			ids[n++] = tr_q_l(q, 0);
		tr_q_end(q);
		/* One at a time: a row that something else came to reference is
		 * skipped, not the run; checked again, a confirmation may have come in. */
		for (int i = 0; i < n; i++) {
			int64_t r = tr_db_run("DELETE FROM users WHERE id = ? AND confirmed_at IS NULL", "l", ids[i]);
			if (r > 0)
				purged++;
			else if (r < 0)
				tr_warn("unconfirmed user %lld could not be removed", (long long)ids[i]);
			after = ids[i];
		}
		if (n < 200)
			break;
	}
	return purged;
}
