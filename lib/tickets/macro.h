/* macro.h - saved replies with changes (R-AGT): a text with placeholders, and optionally a status,
 * priority and group to set - shared by all agents, or an agent's own. */
#ifndef TR_MACRO_H
#define TR_MACRO_H

#include <stdint.h>

#include "accounts/user.h"
#include "core/problems.h"
#include "tickets/ticket.h"

typedef struct tr_macro {
	int64_t id, owner_id;         /* owner 0: shared */
	const char *title, *body;
	int is_public;                /* the text is a public reply (1) or an internal note (0) */
	int set_status;               /* TR_OPEN, TR_PENDING, TR_SOLVED, or -1 */
	int set_priority;             /* enum tr_priority, or -1 */
	int64_t set_group_id;         /* 0: none */
	int sort;
} tr_macro;

/* The macros agent a may use: shared ones and a's own, in order. Count or <0. */
int tr_macro_list(const tr_user *a, int shared_only, tr_macro **out);
/* Loads macro id if a may use it: 1 found, 0 not (or another agent's own), <0. */
int tr_macro_load(const tr_user *a, int64_t id, tr_macro *out);

/* The text with its placeholders filled for ticket t: {{requester}} (the
 * requester's name), {{ticket}} (#id), {{subject}}, {{agent}} (a's name).
 * Unknown placeholders stay as they are (pool memory). */
const char *tr_macro_text(const char *body, const tr_ticket *t, const tr_user *a);

/* Creates (id 0) or saves a macro: title and text required; a shared macro
 * needs a staff admin, an own one belongs to a. 0 (*id set), TR_E_INVALID
 * with problems, TR_E_FORBIDDEN, or <0. */
int tr_macro_save(const tr_user *a, tr_macro *m, int shared, tr_problems *p);
/* Deletes a macro a may change. 0, TR_E_NOT_FOUND, TR_E_FORBIDDEN, or <0. */
int tr_macro_delete(const tr_user *a, int64_t id);

#endif
