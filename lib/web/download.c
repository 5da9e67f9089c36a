/* download.c - sending a stored file as the response: streamed in chunks, with safe headers. */
#include "web/download.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/util.h"
#include "web/response.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* RFC 6266: an ASCII fallback name and the exact UTF-8 name percent-encoded. */
static const char *disposition(const char *kind, const char *filename)
{
	tr_buf b;
	tr_buf_init(&b);
	tr_buf_printf(&b, "%s; filename=\"", kind);
	for (const unsigned char *p = (const unsigned char *)filename; *p; p++)
		tr_buf_addc(&b, (*p < 0x20 || *p >= 0x7F || *p == '"' || *p == '\\' || *p == ';') ? '_' : (char)*p);
	tr_buf_adds(&b, "\"; filename*=UTF-8''");
	tr_buf_add_pct(&b, filename, "", 0);
	const char *r = tr_strdup(b.data);
	tr_buf_free(&b);
	return r;
}

static void download_head(tr_req *req, const char *filename, const char *content_type, int64_t size)
{
	int inline_ok = !strncmp(content_type, "image/", 6) && strcmp(content_type, "image/svg+xml");
	tr_header(req, "Content-Disposition", disposition(inline_ok ? "inline" : "attachment", filename));
	/* a downloaded file never runs anything in our origin */
	tr_header(req, "Content-Security-Policy", "default-src 'none'; sandbox");
	tr_send_head(req, content_type, size);
}

int tr_send_stream(tr_req *req, long (*next)(void *ctx, tr_buf *piece), void *ctx, const char *filename,
		   const char *content_type, int64_t size)
{
	download_head(req, filename, content_type, size);
	tr_buf piece;
	tr_buf_init(&piece);
	int64_t sent = 0;
	long n;
	while (!req->head && (n = next(ctx, &piece)) > 0) {
		if (tr_write(req, piece.data, (size_t)n) < 0)
			break;     /* the client went away */
		sent += n;
	}
	if (!req->head && sent != size)
		tr_error("download of %s ended after %lld of %lld bytes", filename, (long long)sent, (long long)size);
	tr_buf_free(&piece);
	return 0;
}

int tr_send_file(tr_req *req, const char *path, const char *filename, const char *content_type, int64_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		tr_error("file %s missing: %s", path, strerror(errno));
		return 404;
	}
	download_head(req, filename, content_type, size);
	char *buf = tr_alloc(65536);
	ssize_t n;
	while (!req->head && (n = read(fd, buf, 65536)) > 0)
		if (tr_write(req, buf, (size_t)n) < 0)
			break;     /* the client went away */
	close(fd);
	return 0;
}

