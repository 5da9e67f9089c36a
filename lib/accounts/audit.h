/* audit.h - the audit of staff administration: every change made in /admin, who made it, when,
 * and a short summary of the object before and after (table admin_events). */
#ifndef TR_AUDIT_H
#define TR_AUDIT_H

#include <stdint.h>

typedef struct tr_audit_row {
	int64_t id, actor_id, object_id;
	const char *actor_name, *action, *kind, *object_name, *before, *after, *at;
} tr_audit_row;

/* Records one change (inside the caller's transaction, so it is kept exactly
 * when the change is). action: "<kind>.<verb>" (org.create, user.block ...);
 * before/after: summaries ("" for none). 0 or <0. */
int tr_audit(int64_t actor_id, const char *action, const char *kind, int64_t object_id, const char *name,
	     const char *before, const char *after);

/* The newest events (kind NULL: of every kind; object_id 0: of every object
 * of the kind), at most limit. Count or <0. */
int tr_audit_list(const char *kind, int64_t object_id, int limit, tr_audit_row **out);

#endif
