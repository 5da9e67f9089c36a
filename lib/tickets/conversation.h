/* conversation.h - what a ticket's page shows of it, as data: comments, files, form values - as its viewer may see them. */
#ifndef TR_CONVERSATION_H
#define TR_CONVERSATION_H

#include <stdint.h>

#include "accounts/user.h"
#include "tickets/ticket.h"

typedef struct tr_comment_row {
	int64_t id;
	const char *created_at;       /* UTC */
	const char *body;
	const char *author;           /* NULL: the system */
	int is_public, by_staff;
	int64_t author_id;            /* 0: the system */
	int picture;                  /* the author's picture version, 0: none (initials) */
} tr_comment_row;

typedef struct tr_file_row {
	int64_t id, comment_id;       /* comment_id 0: attached to the ticket */
	const char *filename, *content_type;
	int64_t size;
	int is_inline;
} tr_file_row;

typedef struct tr_value_row {
	const char *label_de, *label_en, *value;
} tr_value_row;

typedef struct tr_conversation {
	tr_comment_row *comments;     /* oldest first */
	int ncomments;
	tr_file_row *files;
	int nfiles;
	tr_value_row *values;         /* the form's fields, in form order */
	int nvalues;
} tr_conversation;

/* Loads t's conversation for viewer: internal notes and their files only
 * when tr_access_sees_internal(viewer). One query per kind, none when the
 * ticket says it has none. 0 or <0 (pool memory). */
int tr_conversation_load(const tr_user *viewer, const tr_ticket *t, tr_conversation *out);

#endif
