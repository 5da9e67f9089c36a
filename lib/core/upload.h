/* upload.h - a file received with a request: streamed to a temporary file, hashed on the way.
 *
 * The request pipeline makes these (web/multipart.c) and removes their
 * temporary files after the response unless something took them; the file
 * store (tickets/attach.c) takes them by moving the file away. */
#ifndef TR_UPLOAD_H
#define TR_UPLOAD_H

#include <stdint.h>

typedef struct tr_upload {
	struct tr_upload *next;      /* the next upload of the same field (tr_uploads) */
	const char *field;
	const char *filename;        /* as sent by the browser: valid UTF-8, no path, nothing invisible */
	const char *content_type;    /* as claimed; never trusted */
	const char *path;            /* temporary file */
	int64_t size;
	char sha256[65];             /* hex */
	int *taken;                  /* set by tr_upload_taken; shared by every copy */
} tr_upload;

/* The temporary file now belongs to whoever moved it: it is not removed after the request. */
static inline void tr_upload_taken(const tr_upload *u)
{
	if (u->taken)
		*u->taken = 1;
}

#endif
