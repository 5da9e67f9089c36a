/* image.c - /hc/images/ID/NAME: an image uploaded in the article editor (R-HC 4), from the file store.
 * Only verified raster images were accepted, and tr_send_stream serves nothing else inline. */
#include "tresen.h"
#include "tickets/attach.h"
#include "web/download.h"

static int show(tr_req *req)
{
	tr_q *q = tr_q_new("SELECT sha256, filename, content_type, size FROM hc_images WHERE id = ?");
	tr_q_i64(q, tr_path_id(req));
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	if ((rc = tr_q_next(q)) <= 0) {
		tr_q_end(q);
		return rc < 0 ? rc : 404;
	}
	const char *sha = tr_q_dup(q, 0), *name = tr_q_dup(q, 1), *type = tr_q_dup(q, 2);
	int64_t size = tr_q_l(q, 3);
	tr_q_end(q);
	/* from the folder or, with Files.store = database, chunk by chunk from the database (issue 18) */
	tr_attach_reader *r = tr_attach_open(sha);
	if (!r)
		return 404;
	rc = tr_send_stream(req, tr_attach_read, r, name, type, size);
	tr_attach_close(r);
	return rc;
}

static const tr_page page = {
	.name = "hc-image",
	.access = TR_PUBLIC,
	.get = show,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
