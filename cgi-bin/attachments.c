/* attachments.c - /attachments/ID/NAME: a file, after the same access check as its ticket. */
#include "tresen.h"
#include "tickets/access.h"
#include "web/download.h"

#include <string.h>

/* The name part of the raw request URI, percent-decoded ("/attachments/7/a%20b.pdf" -> "a b.pdf"). */
static const char *requested_name(tr_req *req)
{
	const char *uri = tr_env(req, "REQUEST_URI");
	const char *q = uri ? strchr(uri, '?') : NULL;
	const char *slash = uri ? memrchr(uri, '/', q ? (size_t)(q - uri) : strlen(uri)) : NULL;
	if (!slash)
		return NULL;
	size_t n = q ? (size_t)(q - slash - 1) : strlen(slash + 1);
	char *out = tr_alloc(n + 1), *o = out;
	for (const char *p = slash + 1; p < slash + 1 + n; p++) {
		if (*p == '%' && p + 2 < slash + 1 + n + 1 && p[1] && p[2]) {
			char hex[3] = { p[1], p[2], 0 };
			char *end;
			long c = strtol(hex, &end, 16);
			if (*end)
				return NULL;
			*o++ = (char)c;
			p += 2;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return out;
}

static int show(tr_req *req)
{
	int64_t id = tr_path_id(req);
	if (!id)
		return 404;
	int rc;
	tr_attachment *a = tr_access_attachment(req->user, id, &rc);
	if (!a)
		return rc;
	const char *name = requested_name(req);
	if (!name || strcmp(name, a->filename))
		return 404;
	/* from the folder or, with Files.store = database, chunk by chunk from the database */
	tr_attach_reader *r = tr_attach_open(a->sha256);
	if (!r)
		return 404;
	rc = tr_send_stream(req, tr_attach_read, r, a->filename, a->content_type, a->size);
	tr_attach_close(r);
	return rc;
}

static const tr_page page = {
	.name = "attachment",
	.access = TR_CONFIRMED,
	.get = show,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
