/* user.h - users (customers and staff), organizations and the effective access level. */
#ifndef TR_USER_H
#define TR_USER_H

#include <stdint.h>

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
	const char *settings;      /* "name=value\n..." when loaded with the session, else NULL */
} tr_user;

/* The effective level of user and organization settings: the stricter wins,
 * unless the setting Access.permissive_wins = 1 (R-ORG 2). */
enum tr_level tr_effective_level(enum tr_level user_level, enum tr_level org_level);
const char *tr_level_name(enum tr_level level);
/* Parses "own", "org_read", "org_comment"; -1 when unknown. */
int tr_level_parse(const char *s);

/* Lower-cased address used for uniqueness and lookups (R-ACC 3). */
char *tr_email_norm(const char *email);
/* 1 when the address has the shape local@domain.tld we accept. */
int tr_email_valid(const char *email);
/* The domain part of a valid address (pointer into email). */
const char *tr_email_domain(const char *email);

/* Up to two initials of a name, for the avatar placeholder (pool memory). */
const char *tr_user_initials(const char *name);

/* Creates a user; password may be NULL (no password login until set).
 * Returns the new id, TR_DB_DUP when the address exists, or <0. */
int64_t tr_user_create(const char *name, const char *email, const char *password,
		       int64_t org_id, const char *lang, int confirmed);
/* Loads a user by id (pool memory); NULL when not found. */
tr_user *tr_user_load(int64_t id);
int tr_user_set_lang(int64_t id, const char *lang);

/* A per-user setting (pool memory), or NULL when unset; read from the
 * settings loaded with the session when there, else from the database. */
const char *tr_user_setting(const tr_user *u, const char *name);
/* Saves a setting; values are single lines (-1 otherwise). */
int tr_user_setting_set(int64_t user_id, const char *name, const char *value);

/* Creates an organization; returns its id or <0. */
int64_t tr_org_create(const char *name, enum tr_level level);
int tr_org_add_domain(int64_t org_id, const char *domain);
/* Organization of an e-mail domain (exact match); 0 when none, <0 error. */
int64_t tr_org_by_domain(const char *domain);

#endif
