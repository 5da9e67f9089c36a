/* admin.h - staff administration of accounts (R-ORG, §1 customer roles): organizations with their
 * domains and access level, users with their roles, level, confirmation, block and organization,
 * agent groups and their members. Every change is one transaction with its audit event (audit.h).
 *
 * Access levels take effect at once: a signed-in user's effective level is read
 * with the session on every request (the stricter of user and organization,
 * tr_effective_level), so nothing here caches it. */
#ifndef TR_ADMIN_H
#define TR_ADMIN_H

#include <stdint.h>

#include "accounts/user.h"
#include "core/problems.h"

/* ---- organizations ---- */

typedef struct tr_org {
	int64_t id;
	const char *name;
	enum tr_level level;
	const char *domains;          /* one per line, sorted */
	int64_t nusers, ntickets;
} tr_org;

/* Organizations whose name contains q or that own the domain q (NULL: all), by name. Count or <0. */
int tr_org_search(const char *q, int limit, int offset, tr_org **out);
/* 1 found (*out filled), 0 not, <0. */
int tr_org_get(int64_t id, tr_org *out);
/* Parses a domain list (lines, commas or spaces) into lower-cased, checked,
 * unique names joined by "\n" (pool memory); a bad entry is a problem on
 * field "domains" with the entry as argument. Pure. */
const char *tr_org_parse_domains(const char *text, tr_problems *p);
/* Creates (o->id 0; set on success) or changes an organization: name
 * required and unique, domains not owned by another organization. 0,
 * TR_E_INVALID with problems, TR_E_NOT_FOUND, or <0. */
int tr_org_save(const tr_user *admin, tr_org *o, tr_problems *p);

/* ---- users ---- */

typedef struct tr_admin_user {
	int64_t id, org_id;
	const char *name, *email, *org_name, *created;
	enum tr_level level;
	int main_contact, customer_admin, info_recipient, is_agent, is_admin, confirmed, blocked;
} tr_admin_user;

/* Users whose name or address contains q (NULL: any) and, with org_id, of
 * that organization; staff (agents_only) only. Count or <0. */
int tr_admin_users(const char *q, int64_t org_id, int agents_only, int limit, int offset, tr_admin_user **out);
int tr_admin_user_get(int64_t id, tr_admin_user *out);
/* Saves roles, access level, the agent flag and the organization (move) of
 * u->id. 0, TR_E_INVALID, TR_E_NOT_FOUND, or <0. */
int tr_admin_user_save(const tr_user *admin, const tr_admin_user *u, tr_problems *p);
/* Completes a registration by hand. 0, TR_E_NOT_FOUND or <0. */
int tr_admin_user_confirm(const tr_user *admin, int64_t id);
/* Blocks (block 1) or unblocks a user. A blocked user cannot sign in (their
 * sessions end now) and gets no mail (their queued mails are dropped, and
 * the outbox queues none for them). Nobody blocks themselves. 0,
 * TR_E_INVALID, TR_E_NOT_FOUND or <0. */
int tr_admin_user_block(const tr_user *admin, int64_t id, int block, tr_problems *p);

/* ---- agent groups ---- */

typedef struct tr_admin_group {
	int64_t id;
	const char *name, *email;
	int64_t *member_ids;
	const char **member_names;
	int nmembers;
	const char *forms;            /* titles of the forms it receives, "; "-joined */
} tr_admin_group;

/* Every group with its members and forms, by name. Count or <0. */
int tr_admin_groups(const char *lang, tr_admin_group **out);
/* Creates (*id 0) or renames a group. 0, TR_E_INVALID, or <0. */
int tr_admin_group_save(const tr_user *admin, int64_t *id, const char *name, const char *email, tr_problems *p);
/* Adds (add 1) or removes an agent. 0, TR_E_INVALID (no active agent), TR_E_NOT_FOUND or <0. */
int tr_admin_group_member(const tr_user *admin, int64_t group_id, int64_t user_id, int add, tr_problems *p);

/* ---- the dashboard ---- */

enum tr_admin_count { TR_AC_ORGS, TR_AC_USERS, TR_AC_UNCONFIRMED, TR_AC_BLOCKED, TR_AC_AGENTS, TR_AC_GROUPS,
		      TR_AC_FORMS, TR_AC_N };
/* How many of each there are. 0 or <0. */
int tr_admin_counts(int64_t out[TR_AC_N]);

#endif
