/* profile.c - a person's own account (R-PROF): details, notifications, password, e-mail change,
 * signed-in devices, and the audit trail of every change. */
#include "accounts/profile.h"
#include "accounts/account.h"
#include "accounts/password.h"
#include "accounts/sessions.h"
#include "accounts/throttle.h"
#include "accounts/user.h"
#include "core/config.h"
#include "core/email.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/result.h"
#include "core/text.h"
#include "core/token.h"
#include "core/url.h"
#include "core/util.h"
#include "db/db.h"
#include "mail/outbox.h"

#include <string.h>

int tr_account_event(int64_t user_id, int64_t actor_id, const char *kind, const char *note)
{
	tr_q *q = tr_q_new("INSERT INTO account_events (user_id, actor_id, at, kind, note) VALUES (?, ?, NOW(), ?, ?)");
	tr_q_i64(q, user_id);
	if (actor_id)
		tr_q_i64(q, actor_id);
	else
		tr_q_null(q);
	tr_q_str(q, kind);
	tr_q_str(q, note ? tr_strndup(note, strnlen(note, 240)) : NULL);
	int64_t rc = tr_q_insert(q);
	return rc < 0 ? (int)rc : 0;
}

tr_profile *tr_profile_load(int64_t user_id)
{
	tr_q *q = tr_q_new("SELECT u.id, u.name, u.email, u.phone, u.mobile, u.position, u.lang, u.notify_updates, "
			   "u.notify_follows, u.notify_product, u.is_info_recipient, u.picture_version, "
			   "(SELECT t.new_email FROM user_tokens t WHERE t.user_id = u.id AND t.purpose = 'email' "
			   "AND t.used_at IS NULL AND t.expires_at > NOW() ORDER BY t.id DESC LIMIT 1) "
			   "FROM users u WHERE u.id = ?");
	tr_q_i64(q, user_id);
	if (tr_q_exec(q) < 0)
		return NULL;
	tr_profile *p = NULL;
	if (tr_q_next(q) > 0) {
		p = tr_zalloc(sizeof(*p));
		p->id = tr_q_l(q, 0);
		p->name = tr_q_dup(q, 1);
		p->email = tr_q_dup(q, 2);
		p->phone = tr_q_dup(q, 3);
		p->mobile = tr_q_dup(q, 4);
		p->position = tr_q_dup(q, 5);
		p->lang = tr_q_dup(q, 6);
		p->notify_updates = (int)tr_q_l(q, 7);
		p->notify_follows = (int)tr_q_l(q, 8);
		p->notify_product = (int)tr_q_l(q, 9);
		p->info_recipient = (int)tr_q_l(q, 10);
		p->picture_version = (int)tr_q_l(q, 11);
		p->pending_email = tr_q_dup(q, 12);
	}
	tr_q_end(q);
	return p;
}

int tr_profile_phone_ok(const char *s)
{
	if (!s || !*s)
		return 1;
	if (strlen(s) > 50 || strspn(s, "0123456789 +-/().") != strlen(s))
		return 0;
	int digits = 0;
	for (const char *p = s; *p; p++)
		digits += *p >= '0' && *p <= '9';
	return digits >= 3;
}

static const char *blank_null(const char *s)
{
	return s && *s ? s : NULL;
}

typedef struct save_ctx {
	int64_t user_id;
	const char *name, *phone, *mobile, *position, *lang;
} save_ctx;

static int save_tx(void *ctx)
{
	save_ctx *c = ctx;
	/* the columns a person may change, and no other (no mass assignment) */
	int64_t rc = tr_db_run("UPDATE users SET name = ?, phone = ?, mobile = ?, position = ?, lang = ? WHERE id = ?",
			       "sssssl", c->name, blank_null(c->phone), blank_null(c->mobile),
			       blank_null(c->position), c->lang, c->user_id);
	if (rc < 0)
		return (int)rc;
	return tr_account_event(c->user_id, c->user_id, "profile", NULL);
}

int tr_profile_save(int64_t user_id, const char *name, const char *phone, const char *mobile,
		    const char *position, const char *lang, tr_problems *p)
{
	if (!name || !*name)
		tr_problem_add(p, "name", "err.required", NULL);
	else if (tr_account_name_problem(name))
		tr_problem_add(p, "name", tr_account_name_problem(name), NULL);
	if (!tr_profile_phone_ok(phone))
		tr_problem_add(p, "phone", "profile.phone_invalid", NULL);
	if (!tr_profile_phone_ok(mobile))
		tr_problem_add(p, "mobile", "profile.phone_invalid", NULL);
	if (position && strlen(position) > 100)
		tr_problem_add(p, "position", "profile.too_long", NULL);
	if (!lang || (strcmp(lang, "de") && strcmp(lang, "en")))
		tr_problem_add(p, "lang", "profile.lang_invalid", NULL);
	if (p->n)
		return TR_E_INVALID;
	save_ctx c = { user_id, name, phone, mobile, position, lang };
	return tr_db_tx(save_tx, &c);
}

typedef struct notify_ctx {
	int64_t user_id;
	int updates, follows, product;
} notify_ctx;

static int notify_tx(void *ctx)
{
	notify_ctx *c = ctx;
	int64_t rc = tr_db_run("UPDATE users SET notify_updates = ?, notify_follows = ?, notify_product = ? WHERE id = ?",
			       "iiil", c->updates, c->follows, c->product, c->user_id);
	if (rc < 0)
		return (int)rc;
	return tr_account_event(c->user_id, c->user_id, "notifications",
				tr_fmt("updates=%d follows=%d product=%d", c->updates, c->follows, c->product));
}

int tr_profile_notify(int64_t user_id, int updates, int follows, int product)
{
	notify_ctx c = { user_id, !!updates, !!follows, !!product };
	return tr_db_tx(notify_tx, &c);
}

/* ---- the password ---- */

static tr_throttle_rule account_rule(void)
{
	return (tr_throttle_rule){ "login_account", (int)tr_cfg_int("Security.login_account_limit", 5), 900,
				   (int)tr_cfg_int("Security.login_backoff_s", 30) };
}

int tr_profile_check_password(int64_t user_id, const char *password, const char *field, const char *remote_addr,
			      tr_problems *p)
{
	(void)remote_addr;
	tr_q *q = tr_q_new("SELECT email_norm, password_hash FROM users WHERE id = ?");
	tr_q_i64(q, user_id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	const char *key = NULL, *hash = NULL;
	if (tr_q_next(q) > 0) {
		key = tr_q_dup(q, 0);
		hash = tr_q_dup(q, 1);
	}
	tr_q_end(q);
	if (!key)
		return TR_E_NOT_FOUND;
	/* the same counter as the sign-in: a stolen session cannot guess the password here either */
	tr_throttle_rule acc = account_rule();
	int wait = tr_throttle_wait(&acc, key);
	if (wait < 0)
		return wait;
	if (wait > 0) {
		tr_problem_add(p, NULL, "login.throttled", NULL);
		p->wait_s = wait;
		return TR_E_THROTTLED;
	}
	int ok = hash && password && tr_password_verify(hash, password);
	if (!hash)
		tr_password_dummy(password ? password : "");
	if (!ok) {
		tr_throttle_hit(&acc, key);
		tr_problem_add(p, field, "profile.current_wrong", NULL);
		return TR_E_INVALID;
	}
	return 1;
}

typedef struct pw_ctx {
	int64_t user_id, keep;
	const char *hash, *email, *name, *lang;
} pw_ctx;

static int pw_tx(void *ctx)
{
	pw_ctx *c = ctx;
	int64_t rc = tr_db_run("UPDATE users SET password_hash = ? WHERE id = ?", "sl", c->hash, c->user_id);
	if (rc < 0)
		return (int)rc;
	int r = tr_session_end_user(c->user_id, c->keep);
	if (r < 0)
		return r;
	if ((r = tr_account_event(c->user_id, c->user_id, "password", NULL)) < 0)
		return r;
	HDF *d = tr_mail_data();
	if (!d)
		return TR_DB_ERR;
	tr_mail_put(d, "Mail.name", c->name);
	tr_mail_put(d, "Mail.email", c->email);
	tr_mail_put(d, "Mail.forgot", tr_url("/password/forgot"));
	tr_mail m = { .kind = "password_changed", .event_key = tr_fmt("password_profile:%lld:%s", (long long)c->user_id,
								     tr_strndup(c->hash + strlen(c->hash) - 16, 16)),
		      .user_id = c->user_id, .to = c->email, .to_name = c->name, .lang = c->lang, .data = d };
	r = tr_mail_queue(&m);
	hdf_destroy(&d);
	return r;
}

int tr_profile_password(int64_t user_id, const char *current, const char *password, int64_t keep_session,
			const char *remote_addr, tr_problems *p)
{
	int rc = tr_profile_check_password(user_id, current, "current", remote_addr, p);
	if (rc != 1)
		return rc;
	tr_user *u = tr_user_load(user_id);
	if (!u)
		return TR_E_NOT_FOUND;
	const char *key = tr_password_problem(password ? password : "", u->email, u->name);
	if (key) {
		tr_problem_add(p, "password", key, NULL);
		return TR_E_INVALID;
	}
	char hash[TR_PASSWORD_HASH_MAX];
	if (tr_password_hash(password, hash) < 0)
		return TR_DB_ERR;
	pw_ctx c = { user_id, keep_session, hash, u->email, u->name, u->lang };
	if ((rc = tr_db_tx(pw_tx, &c)) != 0)
		return rc;
	tr_info("password changed user=%lld", (long long)user_id);
	return 0;
}

/* ---- the e-mail address ---- */

static long email_minutes(void)
{
	return tr_cfg_int("Accounts.confirm_hours", 48) * 60;
}

static long undo_minutes(void)
{
	return tr_cfg_int("Accounts.email_undo_hours", 72) * 60;
}

static int queue_link_mail(const char *kind, int64_t token_id, int64_t user_id, const char *to, const char *name,
			   const char *lang, const char *token, const char *old_email, const char *new_email, long minutes)
{
	HDF *d = tr_mail_data();
	if (!d)
		return TR_DB_ERR;
	tr_mail_put(d, "Mail.name", name);
	tr_mail_put(d, "Mail.link", tr_url(tr_fmt("/profile/email?token=%s", token)));
	tr_mail_put(d, "Mail.old_email", old_email);
	tr_mail_put(d, "Mail.new_email", new_email);
	tr_mail_put(d, "Mail.hours", tr_fmt("%ld", minutes / 60));
	tr_mail m = { .kind = kind, .event_key = tr_fmt("%s:%lld", kind, (long long)token_id), .user_id = user_id,
		      .to = to, .to_name = name, .lang = lang, .data = d };
	int rc = tr_mail_queue(&m);
	hdf_destroy(&d);
	return rc;
}

static int new_link(int64_t user_id, const char *purpose, const char *new_email, long minutes, char token[44],
		    int64_t *id)
{
	char hash[65];
	tr_token_new(token, hash);
	int64_t rc = tr_db_run("INSERT INTO user_tokens (token_hash, user_id, purpose, expires_at, new_email) "
			       "VALUES (?, ?, ?, NOW() + INTERVAL ? MINUTE, ?)", "slsls", hash, user_id, purpose,
			       (int64_t)minutes, new_email);
	if (rc < 0)
		return (int)rc;
	*id = tr_db_insert_id();
	return 0;
}

typedef struct email_ctx {
	int64_t user_id;
	const char *new_email, *name, *lang, *old_email;
} email_ctx;

static int email_request_tx(void *ctx)
{
	email_ctx *c = ctx;
	/* a newer request replaces an older one */
	int64_t rc = tr_db_run("UPDATE user_tokens SET used_at = NOW() WHERE user_id = ? AND purpose = 'email' "
			       "AND used_at IS NULL", "l", c->user_id);
	if (rc < 0)
		return (int)rc;
	char token[44];
	int64_t id = 0;
	int r = new_link(c->user_id, "email", c->new_email, email_minutes(), token, &id);
	if (r)
		return r;
	if ((r = tr_account_event(c->user_id, c->user_id, "email_requested", c->new_email)) < 0)
		return r;
	return queue_link_mail("email_change", id, c->user_id, c->new_email, c->name, c->lang, token, c->old_email,
			       c->new_email, email_minutes());
}

static tr_throttle_rule email_mail_rule(void)
{
	return (tr_throttle_rule){ "account_mail", (int)tr_cfg_int("Accounts.mail_limit", 3), 3600,
				   (int)tr_cfg_int("Accounts.mail_backoff_s", 300) };
}

int tr_profile_email_request(int64_t user_id, const char *new_email, const char *password,
			     const char *remote_addr, tr_problems *p)
{
	tr_user *u = tr_user_load(user_id);
	if (!u)
		return TR_E_NOT_FOUND;
	if (!new_email || !tr_email_valid(new_email)) {
		tr_problem_add(p, "email", "err.email", NULL);
		return TR_E_INVALID;
	}
	const char *norm = tr_email_norm(new_email);
	if (!strcmp(norm, tr_email_norm(u->email))) {
		tr_problem_add(p, "email", "profile.email_same", NULL);
		return TR_E_INVALID;
	}
	if (tr_account_role_address(new_email)) {
		tr_problem_add(p, "email", "register.role_address", NULL);
		return TR_E_INVALID;
	}
	if (u->org_id) {
		/* the organization follows from the address: a customer cannot move to another one */
		int64_t org = tr_org_by_domain(tr_email_domain(new_email));
		if (org < 0)
			return (int)org;
		if (org != u->org_id) {
			tr_problem_add(p, "email", "profile.email_other_org", NULL);
			return TR_E_INVALID;
		}
	}
	int rc = tr_profile_check_password(user_id, password, "email_password", remote_addr, p);
	if (rc != 1)
		return rc;
	tr_throttle_rule mail = email_mail_rule();
	int wait = tr_throttle_wait(&mail, norm);
	if (wait < 0)
		return wait;
	if (wait > 0) {
		tr_problem_add(p, NULL, "profile.email_throttled", NULL);
		p->wait_s = wait;
		return TR_E_THROTTLED;
	}
	tr_throttle_hit(&mail, norm);
	/* an address in use gets no link; the form says so only to its signed-in owner-to-be
	 * after the link, so nobody learns here whether an address is registered (R-ACC 6) */
	int64_t taken = 0;
	if ((rc = tr_db_int(&taken, "SELECT id FROM users WHERE email_norm = ?", "s", norm)) < 0)
		return rc;
	if (rc > 0) {
		tr_info("e-mail change to a taken address refused silently user=%lld", (long long)user_id);
		return 0;
	}
	email_ctx c = { user_id, new_email, u->name, u->lang, u->email };
	return tr_db_tx(email_request_tx, &c);
}

typedef struct elink_ctx {
	const char *hash;
	int64_t user_id;
	int64_t token_id;
	const char *purpose, *new_email, *email, *name, *lang;
	int usable;
} elink_ctx;

static int load_elink(elink_ctx *c, int lock)
{
	tr_q *q = tr_q_new(lock ?
		"SELECT t.id, t.user_id, t.purpose, t.new_email, t.used_at IS NULL AND t.expires_at > NOW(), u.email, "
		"u.name, u.lang FROM user_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? "
		"AND t.purpose IN ('email', 'email_undo') AND u.disabled_at IS NULL FOR UPDATE" :
		"SELECT t.id, t.user_id, t.purpose, t.new_email, t.used_at IS NULL AND t.expires_at > NOW(), u.email, "
		"u.name, u.lang FROM user_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? "
		"AND t.purpose IN ('email', 'email_undo') AND u.disabled_at IS NULL");
	tr_q_str(q, c->hash);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int64_t owner = 0;
	if (tr_q_next(q) > 0) {
		c->token_id = tr_q_l(q, 0);
		owner = tr_q_l(q, 1);
		c->purpose = tr_q_dup(q, 2);
		c->new_email = tr_q_dup(q, 3);
		c->usable = (int)tr_q_l(q, 4);
		c->email = tr_q_dup(q, 5);
		c->name = tr_q_dup(q, 6);
		c->lang = tr_q_dup(q, 7);
	}
	tr_q_end(q);
	/* another person's link does nothing for this one: it is not found */
	if (!owner || owner != c->user_id)
		return TR_E_NOT_FOUND;
	return c->usable && c->new_email ? 0 : TR_E_GONE;
}

int tr_profile_email_check(const char *token, int64_t user_id, const char **purpose, const char **email)
{
	char hash[65];
	*purpose = *email = NULL;
	if (!token || tr_token_hash(token, hash) < 0)
		return TR_E_NOT_FOUND;
	elink_ctx c = { .hash = hash, .user_id = user_id };
	int rc = load_elink(&c, 0);
	*purpose = c.purpose;
	*email = c.new_email;
	return rc;
}

static int email_apply_tx(void *ctx)
{
	elink_ctx *c = ctx;
	int rc = load_elink(c, 1);
	if (rc)
		return rc;
	int64_t n = tr_db_run("UPDATE user_tokens SET used_at = NOW() WHERE id = ?", "l", c->token_id);
	if (n < 0)
		return (int)n;
	int64_t other = 0;
	if ((rc = tr_db_int(&other, "SELECT id FROM users WHERE email_norm = ? AND id <> ?", "sl",
			    tr_email_norm(c->new_email), c->user_id)) < 0)
		return rc;
	if (rc > 0)
		return TR_E_GONE;   /* taken meanwhile */
	/* the link reached the address's owner: that completes a pending registration, and the
	 * confirmation links sent to the address before no longer speak for the account */
	n = tr_db_run("UPDATE users SET email = ?, email_norm = ?, confirmed_at = COALESCE(confirmed_at, NOW()) "
		      "WHERE id = ?", "ssl", c->new_email, tr_email_norm(c->new_email), c->user_id);
	if (n >= 0)
		n = tr_db_run("UPDATE user_tokens SET used_at = NOW() WHERE user_id = ? AND purpose = 'confirm' "
			      "AND used_at IS NULL", "l", c->user_id);
	if (n < 0)
		return (int)n;
	if (!strcmp(c->purpose, "email")) {
		/* the old address is told and may take it back while the undo link lives */
		char token[44];
		int64_t id = 0;
		if ((rc = new_link(c->user_id, "email_undo", c->email, undo_minutes(), token, &id)) < 0)
			return rc;
		if ((rc = tr_account_event(c->user_id, c->user_id, "email_changed",
					   tr_fmt("%s -> %s", c->email, c->new_email))) < 0)
			return rc;
		return queue_link_mail("email_changed", id, c->user_id, c->email, c->name, c->lang, token, c->email,
				       c->new_email, undo_minutes());
	}
	/* undone: whoever changed it is signed out everywhere, open changes are void */
	if ((n = tr_db_run("UPDATE user_tokens SET used_at = NOW() WHERE user_id = ? AND purpose IN ('email', "
			   "'email_undo') AND used_at IS NULL", "l", c->user_id)) < 0)
		return (int)n;
	if ((rc = tr_session_end_user(c->user_id, 0)) < 0)
		return rc;
	return tr_account_event(c->user_id, c->user_id, "email_undone", tr_fmt("%s -> %s", c->email, c->new_email));
}

int tr_profile_email_apply(const char *token, int64_t user_id, const char **purpose)
{
	char hash[65];
	*purpose = NULL;
	if (!token || tr_token_hash(token, hash) < 0)
		return TR_E_NOT_FOUND;
	elink_ctx c = { .hash = hash, .user_id = user_id };
	int rc = tr_db_tx(email_apply_tx, &c);
	*purpose = c.purpose;
	if (rc == 0)
		tr_info("e-mail %s user=%lld", c.purpose, (long long)user_id);
	return rc;
}

/* ---- devices ---- */

int tr_profile_devices(int64_t user_id, int64_t current_session, tr_device **out)
{
	*out = NULL;
	tr_q *q = tr_q_new("SELECT id, user_agent, remote_addr, created_at, last_seen_at FROM sessions "
			   "WHERE user_id = ? AND expires_at > NOW() AND last_seen_at > NOW() - INTERVAL ? MINUTE "
			   "ORDER BY last_seen_at DESC, id DESC LIMIT 100");
	tr_q_i64(q, user_id);
	tr_q_i64(q, tr_session_idle_minutes());
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	tr_device *list = tr_alloc(sizeof(*list) * 100);
	int n = 0;
	while (n < 100 && tr_q_next(q) > 0) {
		list[n].id = tr_q_l(q, 0);
		list[n].user_agent = tr_q_dup(q, 1);
		list[n].remote_addr = tr_q_dup(q, 2);
		list[n].created_at = tr_q_dup(q, 3);
		list[n].last_seen_at = tr_q_dup(q, 4);
		list[n].current = list[n].id == current_session;
		n++;
	}
	tr_q_end(q);
	*out = list;
	return n;
}

typedef struct end_ctx {
	int64_t user_id, session_id, keep;
} end_ctx;

static int end_tx(void *ctx)
{
	end_ctx *c = ctx;
	int64_t n;
	if (c->session_id)
		n = tr_db_run("DELETE FROM sessions WHERE id = ? AND user_id = ?", "ll", c->session_id, c->user_id);
	else
		n = tr_db_run("DELETE FROM sessions WHERE user_id = ? AND id <> ?", "ll", c->user_id, c->keep);
	if (n < 0)
		return (int)n;
	if (c->session_id && n == 0)
		return TR_E_NOT_FOUND;
	return tr_account_event(c->user_id, c->user_id, c->session_id ? "session_ended" : "sessions_ended",
				tr_int_str(n));
}

int tr_profile_end_sessions(int64_t user_id, int64_t session_id, int64_t keep_session)
{
	end_ctx c = { user_id, session_id, keep_session };
	return tr_db_tx(end_tx, &c);
}

const char *tr_profile_device_name(const char *ua)
{
	if (!ua || !*ua)
		return "?";
	const char *browser = strstr(ua, "Edg/") ? "Edge" : strstr(ua, "OPR/") ? "Opera" :
			      strstr(ua, "Firefox/") ? "Firefox" : strstr(ua, "Chrome/") || strstr(ua, "Chromium/") ? "Chrome" :
			      strstr(ua, "Safari/") ? "Safari" : NULL;
	const char *os = strstr(ua, "Android") ? "Android" : strstr(ua, "iPhone") || strstr(ua, "iPad") ? "iOS" :
			 strstr(ua, "Windows") ? "Windows" : strstr(ua, "Mac OS X") ? "macOS" :
			 strstr(ua, "Linux") ? "Linux" : NULL;
	if (browser && os)
		return tr_fmt("%s · %s", browser, os);
	if (browser || os)
		return browser ? browser : os;
	/* something else (a script, a tool): its first word */
	size_t n = strcspn(ua, " /;(");
	return tr_strndup(ua, n > 40 ? 40 : (n ? n : strnlen(ua, 40)));
}
