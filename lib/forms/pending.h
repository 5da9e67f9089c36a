/* pending.h - files uploaded with a request form that came back (errors, the suggestion step), kept until it is sent.
 *
 * Rows of pending_uploads belong to one user and one form token; the files
 * are in the content store already (tickets/attach.h). */
#ifndef TR_PENDING_H
#define TR_PENDING_H

#include <stdint.h>

#include "core/upload.h"

typedef struct tr_pending_file {
	int64_t id, size;
	const char *filename, *sha256;
} tr_pending_file;

/* Moves the upload into the store and lists it with the form. 0 or <0. */
int tr_pending_add(const char *token_hash, int64_t user_id, const tr_upload *u);
/* Drops a kept file the user unticked (only theirs, of this form). 0 or <0. */
int tr_pending_remove(const char *token_hash, int64_t user_id, int64_t id);
/* The files kept for the form, oldest first (at most max). Count or <0. */
int tr_pending_list(const char *token_hash, int64_t user_id, int max, tr_pending_file **out);
/* Attaches the kept files to a new ticket's first comment and forgets the
 * list (caller's transaction). 0 or <0. */
int tr_pending_take(const char *token_hash, int64_t user_id, int64_t ticket_id, int64_t comment_id);
/* Forgets lists older than Tickets.pending_upload_hours and their files
 * (when nothing else refers to them). Count or <0. */
int tr_pending_purge(void);

#endif
