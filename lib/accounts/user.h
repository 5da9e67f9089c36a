/* user.h - users (customers and staff), organizations and the effective access level. */
#ifndef TR_USER_H
#define TR_USER_H

#include <stdint.h>

#include "db/db.h"

/* Ticket access of a customer, strictest first (R-ORG 1). */
enum tr_level {
	TR_LEVEL_OWN = 0,          /* own tickets and those the user is CC'd on */
	TR_LEVEL_ORG_READ = 1,     /* also read all tickets of the organization */
	TR_LEVEL_ORG_COMMENT = 2,  /* also comment on them */
};

typedef struct tr_user {
	int64_t id;
	int64_t org_id;            /* 0 when the user has no organization */
	const char *name;
	const char *email;
	const char *lang;
	const char *org_name;
	int is_agent, is_admin;
	int confirmed;
	int main_contact, customer_admin, info_recipient;
	enum tr_level user_level, org_level;
	enum tr_level level;       /* effective: see tr_effective_level */
} tr_user;

/* The effective level of user and organization settings: the stricter wins,
 * unless the setting Access.permissive_wins = 1 (R-ORG 2). */
enum tr_level tr_effective_level(enum tr_level user_level, enum tr_level org_level);
const char *tr_level_name(enum tr_level level);
/* Parses "own", "org_read", "org_comment"; -1 when unknown. */
int tr_level_parse(const char *s);

/* Up to two initials of a name, for the avatar placeholder (pool memory). */
const char *tr_user_initials(const char *name);

/* Creates a user; password may be NULL (no password login until set).
 * Returns the new id, TR_DB_DUP when the address exists, or <0. */
int64_t tr_user_create(const char *name, const char *email, const char *password,
		       int64_t org_id, const char *lang, int confirmed);
/* The columns and tables a tr_user is read from, for queries that read a
 * user with something else (the session): SELECT ..., TR_USER_COLUMNS FROM
 * ... JOIN TR_USER_FROM ...; tr_user_from_row maps them, col being the
 * first of them. Users are u, their organizations o. */
#define TR_USER_COLUMNS "u.id, u.org_id, u.name, u.email, u.lang, u.is_agent, u.is_admin, " \
	"u.confirmed_at IS NOT NULL, u.access_level, o.access_level, o.name, " \
	"u.is_main_contact, u.is_customer_admin, u.is_info_recipient"
#define TR_USER_NCOLUMNS 14
#define TR_USER_FROM "users u LEFT JOIN organizations o ON o.id = u.org_id"
tr_user *tr_user_from_row(tr_q *q, int col);

/* Loads a user by id (pool memory); NULL when not found. */
tr_user *tr_user_load(int64_t id);
int tr_user_set_lang(int64_t id, const char *lang);

/* A per-user setting (pool memory), or NULL when unset; from the query cache while the user's
 * settings are unchanged. */
const char *tr_user_setting(const tr_user *u, const char *name);
/* Saves a setting; values are single lines (-1 otherwise). */
int tr_user_setting_set(int64_t user_id, const char *name, const char *value);

/* Creates an organization; returns its id or <0. */
int64_t tr_org_create(const char *name, enum tr_level level);
int tr_org_add_domain(int64_t org_id, const char *domain);
/* Organization of an e-mail domain (exact match); 0 when none, <0 error. */
int64_t tr_org_by_domain(const char *domain);

/* A colleague to put in CC: a confirmed, active user of u's organization. */
typedef struct tr_colleague {
	const char *name, *email;
} tr_colleague;

/* Up to limit colleagues of u (not u), names first, whose name (or a word
 * of it) or address begins with typed (NULL: all). Count or <0. */
int tr_user_colleagues(const tr_user *u, const char *typed, int limit, tr_colleague **out);
/* The colleague an entry names, by address or exact name: 1 found (*id),
 * 0 unknown (or of another organization), 2 a name several colleagues
 * share, <0 database trouble. */
int tr_user_colleague(const tr_user *u, const char *entry, int64_t *id);

#endif
