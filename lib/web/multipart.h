/* multipart.h - a streaming, bounded multipart/form-data parser.
 *
 * ClearSilver's own parser keeps only the last file of a repeated field,
 * crashes on a missing boundary and holds text parts in memory without a
 * bound, so uploads are parsed here: file parts stream to temporary files
 * (hashed on the way), text parts are kept up to a limit, and every limit is
 * checked while reading. */
#ifndef TR_MULTIPART_H
#define TR_MULTIPART_H

#include <stdint.h>
#include <stddef.h>

typedef struct tr_part {
	struct tr_part *next;
	const char *name;
	const char *filename;      /* NULL for text parts */
	const char *content_type;  /* file parts: as sent, or application/octet-stream */
	const char *value;         /* text parts (NUL-terminated, may contain NUL) */
	size_t len;
	const char *path;          /* file parts: temporary file */
	int64_t size;
	char sha256[65];
	int taken;                 /* the file was moved away (tr_upload_taken): leave it */
} tr_part;

typedef struct tr_mp {
	/* input */
	int (*read)(void *ctx, char *buf, int n);   /* >0 bytes, 0 end, <0 error */
	void *ctx;
	/* Asked before each part's body, with the parts kept so far: 1 to keep
	 * it (file parts of kept names go to disk), 0 to skip it, or -status
	 * to stop reading with that HTTP status (a file before its CSRF token). */
	int (*want)(void *ctx, const char *name, int is_file, tr_part *done);
	int64_t content_length;
	int64_t field_bytes;       /* largest text part */
	int64_t text_bytes;        /* all text parts together (0: no bound) */
	int64_t file_bytes;        /* largest file part */
	int max_parts;
	const char *tmpdir;
	/* output (pool memory); temporary files are listed even on failure */
	tr_part *parts;
	const char *error;         /* what was wrong, for the log */
} tr_mp;

/* Extracts the boundary from a Content-Type header; NULL when missing or invalid. */
const char *tr_mp_boundary(const char *content_type);

/* Parses the whole body. Returns 0, 400 (malformed), 413 (a limit) or
 * 500 (temporary file trouble). */
int tr_mp_parse(tr_mp *mp, const char *boundary);

/* Removes the temporary files of parts not taken. */
void tr_mp_cleanup(tr_part *parts);

#endif
