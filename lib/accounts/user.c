/* user.c - users, organizations and the effective access level. */
#include "accounts/user.h"
#include "accounts/password.h"
#include "core/config.h"
#include "core/email.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/util.h"

#include <string.h>

enum tr_level tr_effective_level(enum tr_level user_level, enum tr_level org_level)
{
	/* R-ORG 2: on conflict the stricter setting wins (a setting may flip it). */
	if (tr_cfg_int("Access.permissive_wins", 0))
		return user_level > org_level ? user_level : org_level;
	return user_level < org_level ? user_level : org_level;
}

static const char *const level_names[] = { "own", "org_read", "org_comment" };

const char *tr_level_name(enum tr_level level)
{
	return (unsigned)level < TR_ARRAY_LEN(level_names) ? level_names[level] : "own";
}

int tr_level_parse(const char *s)
{
	for (size_t i = 0; s && i < TR_ARRAY_LEN(level_names); i++)
		if (!strcmp(s, level_names[i]))
			return (int)i;
	return -1;
}

const char *tr_user_initials(const char *name)
{
	char out[16];
	size_t o = 0;
	int count = 0;
	if (!name)
		name = "";
	for (const char *p = name; *p && count < 2; p++) {
		if (*p == ' ' || (p != name && p[-1] != ' '))
			continue;
		size_t len = 1;
		while (((unsigned char)p[len] & 0xC0) == 0x80)
			len++;
		if (o + len >= sizeof(out))
			break;
		memcpy(out + o, p, len);
		o += len;
		count++;
	}
	out[o] = '\0';
	return tr_strdup(o ? out : "?");
}

int64_t tr_user_create(const char *name, const char *email, const char *password, int64_t org_id,
		       const char *lang, int confirmed)
{
	char hash[TR_PASSWORD_HASH_MAX] = "";
	if (password && tr_password_hash(password, hash) < 0)
		return TR_DB_ERR;
	tr_q *q = tr_q_new("INSERT INTO users (org_id, name, email, email_norm, password_hash, lang, "
			   "confirmed_at) VALUES (?, ?, ?, ?, ?, ?, IF(?, NOW(), NULL))");
	if (org_id)
		tr_q_i64(q, org_id);
	else
		tr_q_null(q);
	tr_q_str(q, name);
	tr_q_str(q, email);
	tr_q_str(q, tr_email_norm(email));
	tr_q_str(q, password ? hash : NULL);
	tr_q_str(q, lang ? lang : "de");
	tr_q_i64(q, confirmed);
	return tr_q_insert(q);
}

tr_user *tr_user_from_row(tr_q *q, int col)
{
	tr_user *u = tr_zalloc(sizeof(*u));
	u->id = tr_q_l(q, col + 0);
	u->org_id = tr_q_l(q, col + 1);
	u->name = tr_q_dup(q, col + 2);
	u->email = tr_q_dup(q, col + 3);
	u->lang = tr_q_dup(q, col + 4);
	u->is_agent = (int)tr_q_l(q, col + 5);
	u->is_admin = (int)tr_q_l(q, col + 6);
	u->confirmed = (int)tr_q_l(q, col + 7);
	u->user_level = (enum tr_level)tr_q_l(q, col + 8);
	u->org_level = tr_q_isnull(q, col + 9) ? TR_LEVEL_OWN : (enum tr_level)tr_q_l(q, col + 9);
	u->org_name = tr_q_dup(q, col + 10);
	u->main_contact = (int)tr_q_l(q, col + 11);
	u->customer_admin = (int)tr_q_l(q, col + 12);
	u->info_recipient = (int)tr_q_l(q, col + 13);
	u->level = u->org_id ? tr_effective_level(u->user_level, u->org_level) : TR_LEVEL_OWN;
	return u;
}

tr_user *tr_user_load(int64_t id)
{
	/* users and organizations change rarely: the query cache answers until one does */
	tr_q *q = tr_q_new("SELECT SQL_CACHE " TR_USER_COLUMNS " FROM " TR_USER_FROM " WHERE u.id = ?");
	tr_q_i64(q, id);
	if (tr_q_exec(q) < 0)
		return NULL;
	tr_user *u = tr_q_next(q) > 0 ? tr_user_from_row(q, 0) : NULL;
	tr_q_end(q);
	return u;
}

int tr_user_set_lang(int64_t id, const char *lang)
{
	int64_t rc = tr_db_run("UPDATE users SET lang = ? WHERE id = ?", "sl", lang, id);
	return rc < 0 ? (int)rc : 0;
}

int64_t tr_org_create(const char *name, enum tr_level level)
{
	int64_t rc = tr_db_run("INSERT INTO organizations (name, access_level) VALUES (?, ?)", "si", name,
			       (int)level);
	return rc < 0 ? rc : tr_db_insert_id();
}

int tr_org_add_domain(int64_t org_id, const char *domain)
{
	int64_t rc = tr_db_run("INSERT INTO organization_domains (domain, org_id) VALUES (?, ?)", "sl",
			       tr_ascii_lower(tr_strdup(domain)), org_id);
	return rc < 0 ? (int)rc : 0;
}

int64_t tr_org_by_domain(const char *domain)
{
	int64_t id = 0;
	int rc = tr_db_int(&id, "SELECT org_id FROM organization_domains WHERE domain = ?", "s",
			   tr_ascii_lower(tr_strdup(domain)));
	return rc < 0 ? rc : (rc ? id : 0);
}

const char *tr_user_setting(const tr_user *u, const char *name)
{
	tr_q *q = tr_q_new("SELECT SQL_CACHE value FROM user_settings WHERE user_id = ? AND name = ?");
	tr_q_i64(q, u->id);
	tr_q_str(q, name);
	if (tr_q_exec(q) < 0)
		return NULL;
	char *v = tr_q_next(q) > 0 ? tr_q_dup(q, 0) : NULL;
	tr_q_end(q);
	return v;
}

int tr_user_setting_set(int64_t user_id, const char *name, const char *value)
{
	if (strchr(value, '\n') || strchr(name, '='))
		return -1;
	int64_t rc = tr_db_run("INSERT INTO user_settings (user_id, name, value) VALUES (?, ?, ?) "
			       "ON DUPLICATE KEY UPDATE value = VALUES(value)", "lss", user_id, name, value);
	return rc < 0 ? (int)rc : 0;
}

int tr_user_colleagues(const tr_user *u, const char *typed, int limit, tr_colleague **out)
{
	*out = NULL;
	if (!u->org_id)
		return 0;
	/* names first: "Mei" finds Meier before mei@...; a prefix of a word of the name or the address */
	tr_q *q = tr_q_new("SELECT name, email FROM users WHERE org_id = ? AND id <> ? AND confirmed_at IS NOT NULL "
			   "AND disabled_at IS NULL AND (? IS NULL OR name LIKE CONCAT(?, '%') "
			   "OR name LIKE CONCAT('% ', ?, '%') OR email_norm LIKE CONCAT(?, '%')) "
			   "ORDER BY (? IS NOT NULL AND name NOT LIKE CONCAT(?, '%')), name LIMIT ?");
	const char *like = typed ? tr_like_escape(typed) : NULL;
	const char *like_lower = typed ? tr_like_escape(tr_email_norm(typed)) : NULL;
	tr_q_i64(q, u->org_id);
	tr_q_i64(q, u->id);
	tr_q_str(q, like);
	tr_q_str(q, like);
	tr_q_str(q, like);
	tr_q_str(q, like_lower);
	tr_q_str(q, like);
	tr_q_str(q, like);
	tr_q_i64(q, limit);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	tr_colleague *list = tr_alloc(sizeof(*list) * (size_t)(limit > 0 ? limit : 1));
	int n = 0;
	while (n < limit && tr_q_next(q) > 0) {
		list[n].name = tr_q_dup(q, 0);
		list[n].email = tr_q_dup(q, 1);
		n++;
	}
	tr_q_end(q);
	*out = list;
	return n;
}

int tr_user_colleague(const tr_user *u, const char *entry, int64_t *id)
{
	*id = 0;
	if (!u->org_id)
		return 0;
	if (strchr(entry, '@'))
		return tr_db_int(id, "SELECT id FROM users WHERE email_norm = ? AND org_id = ? "
				 "AND confirmed_at IS NOT NULL AND disabled_at IS NULL", "sl", tr_email_norm(entry),
				 u->org_id);
	tr_q *q = tr_q_new("SELECT COUNT(*), MIN(id) FROM users WHERE org_id = ? AND name = ? "
			   "AND confirmed_at IS NOT NULL AND disabled_at IS NULL");
	tr_q_i64(q, u->org_id);
	tr_q_str(q, entry);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int64_t count = 0;
	if (tr_q_next(q) > 0) {
		count = tr_q_l(q, 0);
		*id = tr_q_l(q, 1);
	}
	tr_q_end(q);
	return count > 1 ? 2 : count == 1;
}
