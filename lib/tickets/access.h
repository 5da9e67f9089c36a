/* access.h - what a user may see and do with tickets (R-ORG 1-3). The one place the rule lives:
 * every page, list, count, search and download goes through these functions. */
#ifndef TR_ACCESS_H
#define TR_ACCESS_H

#include <stdint.h>

#include "accounts/user.h"
#include "tickets/attach.h"
#include "tickets/ticket.h"

enum tr_right { TR_RIGHT_NONE = 0, TR_RIGHT_READ = 1, TR_RIGHT_COMMENT = 2 };

/* The lists a customer has: own requests, those CC'd on, the organization's. */
enum tr_scope { TR_SCOPE_MINE, TR_SCOPE_CC, TR_SCOPE_ORG };

/* A user's right on a ticket (pure rule): the requester and CC'd users may
 * comment; colleagues of the ticket's organization may read with org_read
 * and comment with org_comment (the effective level, R-ORG 2); staff read;
 * an unconfirmed user has no ticket at all (R-ACC 4). */
enum tr_right tr_access_right(const tr_user *u, const tr_ticket *t, int is_cc);

/* Loads ticket id for u with u's right. NULL when u may not see it - *err
 * is then TR_E_NOT_FOUND, exactly as for a missing ticket - or on database
 * trouble (*err its code). */
tr_ticket *tr_access_ticket(const tr_user *u, int64_t id, enum tr_right *right, int *err);

/* 1 when u sees internal content - internal notes and the files attached to
 * them: staff only. The ticket page, downloads, lists, search and every mail
 * decide by this rule (search documents hold public comments only). */
int tr_access_sees_internal(const tr_user *u);

/* Loads attachment id when u may download it: u may see its ticket, and a
 * file of an internal note only when u sees internal content. NULL
 * otherwise, with *err as for tr_access_ticket. */
tr_attachment *tr_access_attachment(const tr_user *u, int64_t id, int *err);

/* 1 when u may open the list of that scope (the organization's needs org_read). */
int tr_access_scope_ok(const tr_user *u, enum tr_scope s);

/* How a list of that scope is restricted in SQL over tickets t: a join (or
 * "") and a condition, each with at most one id parameter (0: none). The
 * caller checked tr_access_scope_ok. */
typedef struct tr_scope_sql {
	const char *join;
	int64_t join_arg;
	const char *where;
	int64_t where_arg;
} tr_scope_sql;
tr_scope_sql tr_access_scope_sql(const tr_user *u, enum tr_scope s);

/* The posting scope a list's search reads (sql/012_search.sql): the organization's own lists
 * for its tab; 0 (every ticket's, looked up per ticket of the list, which the scope's SQL
 * restricts) for the own and CC tabs. */
int64_t tr_access_search_scope(const tr_user *u, enum tr_scope s);

#endif
