/* access.h - what a user may see and do with tickets (R-ORG 1-3). The one place the rule lives:
 * every page, list, count, search and download goes through these functions. */
#ifndef TR_ACCESS_H
#define TR_ACCESS_H

#include <stdint.h>
#include "ticket.h"
#include "user.h"

enum tr_right { TR_RIGHT_NONE = 0, TR_RIGHT_READ = 1, TR_RIGHT_COMMENT = 2 };

/* The lists a customer has: own requests, those CC'd on, the organization's. */
enum tr_scope { TR_SCOPE_MINE, TR_SCOPE_CC, TR_SCOPE_ORG };

/* A user's right on a ticket (pure rule): the requester and CC'd users may
 * comment; colleagues of the ticket's organization may read with org_read
 * and comment with org_comment (the effective level, R-ORG 2); staff read;
 * an unconfirmed user has no ticket at all (R-ACC 4). */
enum tr_right tr_access_right(const tr_user *u, const tr_ticket *t, int is_cc);

/* Loads ticket id for u with u's right. NULL when u may not see it - the
 * caller answers 404, exactly as for a missing ticket. */
tr_ticket *tr_access_ticket(const tr_user *u, int64_t id, enum tr_right *right);

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

/* The word prefix of the scope's search documents (see search.h): "o3_", "r6_", "c6_". */
const char *tr_access_search_prefix(const tr_user *u, enum tr_scope s);

#endif
