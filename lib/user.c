/* user.c - users, organizations and the effective access level. */
#include "user.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "password.h"
#include "pool.h"
#include "util.h"

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

char *tr_email_norm(const char *email)
{
	return tr_ascii_lower(tr_strdup(email ? email : ""));
}

static int local_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$%&'*+/=?^_`{|}~.-", c));
}

int tr_email_valid(const char *email)
{
	if (!email)
		return 0;
	size_t n = strlen(email);
	const char *at = strchr(email, '@');
	if (n > 254 || !at || strchr(at + 1, '@'))
		return 0;
	size_t local = (size_t)(at - email);
	if (local < 1 || local > 64 || email[0] == '.' || at[-1] == '.')
		return 0;
	for (const char *p = email; p < at; p++)
		if (!local_char(*p) || (*p == '.' && p[1] == '.'))
			return 0;
	/* domain: at least two labels, letters/digits/hyphens, alphabetic TLD */
	const char *d = at + 1;
	int labels = 0;
	const char *label = d, *last = d;
	for (const char *p = d;; p++) {
		if (*p == '.' || *p == '\0') {
			size_t len = (size_t)(p - label);
			if (len < 1 || len > 63 || label[0] == '-' || p[-1] == '-')
				return 0;
			labels++;
			last = label;
			if (!*p)
				break;
			label = p + 1;
			continue;
		}
		char c = *p;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
			return 0;
	}
	if (labels < 2 || strlen(last) < 2)
		return 0;
	for (const char *p = last; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			return 0;
	return 1;
}

const char *tr_email_domain(const char *email)
{
	const char *at = email ? strrchr(email, '@') : NULL;
	return at ? at + 1 : NULL;
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
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int64_t id = tr_q_insert_id(q);
	tr_q_end(q);
	return id;
}

tr_user *tr_user_load(int64_t id)
{
	static const char sql[] =
		"SELECT u.id, u.org_id, u.name, u.email, u.lang, u.is_agent, u.is_admin, "
		"u.confirmed_at IS NOT NULL, u.access_level, o.access_level, o.name, "
		"u.is_main_contact, u.is_customer_admin, u.is_info_recipient "
		"FROM users u LEFT JOIN organizations o ON o.id = u.org_id WHERE u.id = ?";
	tr_q *q = tr_q_new(sql);
	tr_q_i64(q, id);
	if (tr_q_exec(q) < 0)
		return NULL;
	tr_user *u = NULL;
	if (tr_q_next(q) > 0) {
		u = tr_zalloc(sizeof(*u));
		u->id = tr_q_l(q, 0);
		u->org_id = tr_q_l(q, 1);
		u->name = tr_q_dup(q, 2);
		u->email = tr_q_dup(q, 3);
		u->lang = tr_q_dup(q, 4);
		u->is_agent = (int)tr_q_l(q, 5);
		u->is_admin = (int)tr_q_l(q, 6);
		u->confirmed = (int)tr_q_l(q, 7);
		u->user_level = (enum tr_level)tr_q_l(q, 8);
		u->org_level = tr_q_isnull(q, 9) ? TR_LEVEL_OWN : (enum tr_level)tr_q_l(q, 9);
		u->org_name = tr_q_dup(q, 10);
		u->main_contact = (int)tr_q_l(q, 11);
		u->customer_admin = (int)tr_q_l(q, 12);
		u->info_recipient = (int)tr_q_l(q, 13);
		u->level = u->org_id ? tr_effective_level(u->user_level, u->org_level) : TR_LEVEL_OWN;
	}
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
	if (u->settings) {
		size_t n = strlen(name);
		for (const char *p = u->settings; *p;) {
			const char *end = strchr(p, '\n');
			size_t len = end ? (size_t)(end - p) : strlen(p);
			if (len > n && p[n] == '=' && !strncmp(p, name, n))
				return tr_strndup(p + n + 1, len - n - 1);
			p += len + (end ? 1 : 0);
		}
		return NULL;
	}
	tr_q *q = tr_q_new("SELECT value FROM user_settings WHERE user_id = ? AND name = ?");
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
