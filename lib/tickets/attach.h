/* attach.h - attachments: files stored once by content hash, metadata in the database, safe serving. */
#ifndef TR_ATTACH_H
#define TR_ATTACH_H

#include <stdint.h>

#include "core/upload.h"
#include "core/util.h"

/* Moves an upload into the store (Paths.files/ab/<sha256>) and records it for
 * the ticket/comment (caller's transaction). Returns the attachment id or <0. */
int64_t tr_attach_add(int64_t ticket_id, int64_t comment_id, int64_t uploader_id, const tr_upload *u,
		      int is_inline);
/* The same from a file on disk (demo data, imports): the file is copied. */
int64_t tr_attach_add_file(int64_t ticket_id, int64_t comment_id, int64_t uploader_id, const char *path,
			   const char *filename, int is_inline);

/* Moves an upload into the store (it is then kept after the request), for
 * a file recorded later (a form shown again keeps its files). 0 or <0. */
int tr_attach_store(const tr_upload *u);
/* Records a file that is already in the store (caller's transaction). Id or <0. */
int64_t tr_attach_add_stored(int64_t ticket_id, int64_t comment_id, int64_t uploader_id, const char *sha256,
			     const char *filename, int64_t size, int is_inline);
/* Removes a stored file when nothing refers to it any more (no attachment,
 * no pending upload) and it was not stored again within the last hour. */
void tr_attach_forget(const char *sha256);

/* The type we serve a file as, decided from its first bytes and name - never
 * from what the browser claimed. *inline_ok is 1 only for raster images
 * verified by their signature (PNG, JPEG, GIF, WebP); HTML, SVG and anything
 * scriptable is always a download. */
const char *tr_attach_type(const char *path, const char *filename, int *inline_ok);

typedef struct tr_attachment {
	int64_t id, ticket_id;
	const char *filename, *content_type, *sha256;
	int64_t size;
	int is_public;            /* 0: it belongs to an internal note */
} tr_attachment;

/* Loads an attachment's metadata (no access check: see access.h); NULL when
 * missing (*err TR_E_NOT_FOUND) or on error (*err the database's code). */
tr_attachment *tr_attach_find(int64_t id, int *err);

/* Path of a stored file (Files.store = folder). */
const char *tr_attach_path(const char *sha256);

/* 1 when Files.store = database: files in file_blobs/file_chunks, chunked, for
 * several web hosts without a shared folder (default folder: Paths.files,
 * which may be a shared mount). */
int tr_attach_in_db(void);

/* Reading a stored file in pieces, never whole in memory: open (NULL when
 * missing, logged), then tr_attach_read until it returns 0 (end) or <0
 * (error): each call replaces out's contents with the next piece and returns
 * its length. tr_attach_read fits tr_send_stream's reader. */
typedef struct tr_attach_reader tr_attach_reader;
tr_attach_reader *tr_attach_open(const char *sha256);
long tr_attach_read(void *reader, tr_buf *out);
void tr_attach_close(tr_attach_reader *r);

#endif
