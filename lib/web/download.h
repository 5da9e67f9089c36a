/* download.h - sending a stored file as the response: streamed in chunks, with safe headers. */
#ifndef TR_DOWNLOAD_H
#define TR_DOWNLOAD_H

#include <stdint.h>

#include "core/util.h"
#include "web/request.h"

/* Sends the file at path (constant memory) as filename. Only raster images
 * (an image content type, never SVG) are shown inline; everything else is an
 * attachment; a sandboxing CSP keeps any file from running in our origin.
 * 0, or 404 when the file is missing (logged). */
int tr_send_file(tr_req *req, const char *path, const char *filename, const char *content_type, int64_t size);
/* The same with the body from next(ctx, piece), which puts the next piece
 * into piece and returns its length, 0 at the end, <0 on error (the
 * response is cut short then, logged). Never holds more than one piece. */
int tr_send_stream(tr_req *req, long (*next)(void *ctx, tr_buf *piece), void *ctx, const char *filename,
		   const char *content_type, int64_t size);

#endif
