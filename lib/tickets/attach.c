/* attach.c - attachments: files stored once by content hash, metadata in the database, safe serving. */
#include "tickets/attach.h"
#include "core/config.h"
#include "db/db.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

const char *tr_attach_path(const char *sha256)
{
	return tr_fmt("%s/%.2s/%s", tr_cfg("Paths.files", "files"), sha256, sha256);
}

static const char *extension(const char *filename)
{
	const char *dot = filename ? strrchr(filename, '.') : NULL;
	return dot ? dot + 1 : "";
}

/* Files.store = database: the files live in file_blobs / file_chunks, so that
 * every web host sees them without a shared folder (issue 18). */
int tr_attach_in_db(void)
{
	return !strcmp(tr_cfg("Files.store", "folder"), "database");
}

static size_t chunk_bytes(void)
{
	long n = tr_cfg_int("Files.chunk_bytes", 262144);
	return (size_t)(n < 4096 ? 4096 : n > 4194304 ? 4194304 : n);
}

static const char *type_of_head(const unsigned char *head, ssize_t n, const char *filename, int *inline_ok);

const char *tr_attach_type(const char *path, const char *filename, int *inline_ok)
{
	unsigned char head[16] = { 0 };
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd >= 0 ? read(fd, head, sizeof(head)) : -1;
	if (fd >= 0)
		close(fd);
	return type_of_head(head, n, filename, inline_ok);
}

/* The type of a stored file, from its first bytes wherever they are kept. */
static const char *stored_type(const char *sha256, const char *filename, int *inline_ok)
{
	if (!tr_attach_in_db())
		return tr_attach_type(tr_attach_path(sha256), filename, inline_ok);
	unsigned char head[16] = { 0 };
	ssize_t n = -1;
	tr_q *q = tr_q_new("SELECT SUBSTRING(data, 1, 16) FROM file_chunks WHERE sha256 = ? AND seq = 0");
	tr_q_str(q, sha256);
	if (tr_q_exec(q) == 0 && tr_q_next(q) > 0) {
		size_t len = tr_q_len(q, 0);
		n = (ssize_t)(len > sizeof(head) ? sizeof(head) : len);
		memcpy(head, tr_q_s(q, 0), (size_t)n);
	}
	tr_q_end(q);
	return type_of_head(head, n, filename, inline_ok);
}

static const char *type_of_head(const unsigned char *head, ssize_t n, const char *filename, int *inline_ok)
{
	static const struct { const char *ext, *type; } by_ext[] = {
		{ "txt", "text/plain; charset=utf-8" }, { "log", "text/plain; charset=utf-8" },
		{ "csv", "text/csv; charset=utf-8" }, { "zip", "application/zip" },
		{ "gz", "application/gzip" }, { "json", "application/json" },
		{ "doc", "application/msword" }, { "xls", "application/vnd.ms-excel" },
		{ "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
		{ "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
		{ "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
		{ "odt", "application/vnd.oasis.opendocument.text" },
		{ "ods", "application/vnd.oasis.opendocument.spreadsheet" },
		{ "eml", "message/rfc822" }, { "msg", "application/vnd.ms-outlook" },
	};
	*inline_ok = 0;
	if (n >= 8 && !memcmp(head, "\x89PNG\r\n\x1a\n", 8)) {
		*inline_ok = 1;
		return "image/png";
	}
	if (n >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) {
		*inline_ok = 1;
		return "image/jpeg";
	}
	if (n >= 6 && (!memcmp(head, "GIF87a", 6) || !memcmp(head, "GIF89a", 6))) {
		*inline_ok = 1;
		return "image/gif";
	}
	if (n >= 12 && !memcmp(head, "RIFF", 4) && !memcmp(head + 8, "WEBP", 4)) {
		*inline_ok = 1;
		return "image/webp";
	}
	if (n >= 5 && !memcmp(head, "%PDF-", 5))
		return "application/pdf";
	const char *ext = extension(filename);
	for (size_t i = 0; i < TR_ARRAY_LEN(by_ext); i++)
		if (!strcasecmp(ext, by_ext[i].ext))
			return by_ext[i].type;
	/* HTML, SVG, XML, scripts and everything unknown: bytes to download */
	return "application/octet-stream";
}

static int ensure_dir(const char *path)
{
	if (mkdir(path, 0750) == 0 || errno == EEXIST)
		return 0;
	tr_error("cannot create %s: %s", path, strerror(errno));
	return -1;
}

static ssize_t read_full(int fd, char *buf, size_t cap)
{
	size_t got = 0;
	while (got < cap) {
		ssize_t n = read(fd, buf + got, cap - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

/* Copies the temporary file into the database, one chunk per row (never the
 * whole file in memory); the blob row, written last, says it is complete.
 * The temporary file stays (its owner removes it), so a retried transaction
 * can store it again. 0 or <0. */
static int store_db(const char *tmp, const char *sha256)
{
	int64_t have = 0;
	int rc = tr_db_int(&have, "SELECT 1 FROM file_blobs WHERE sha256 = ?", "s", sha256);
	if (rc < 0)
		return rc;
	if (rc > 0)      /* fresh again: tr_attach_forget leaves recently stored files alone */
		return tr_db_run("UPDATE file_blobs SET stored_at = NOW() WHERE sha256 = ?", "s", sha256) < 0 ? TR_DB_ERR : 0;
	int fd = open(tmp, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		tr_error("cannot read upload %s: %s", tmp, strerror(errno));
		return TR_DB_ERR;
	}
	size_t cap = chunk_bytes();
	char *buf = tr_xmalloc(cap);
	int64_t size = 0;
	int seq = 0;
	ssize_t n;
	rc = 0;
	do {
		if ((n = read_full(fd, buf, cap)) < 0) {
			rc = TR_DB_ERR;
			break;
		}
		tr_q *q = tr_q_new("INSERT INTO file_chunks (sha256, seq, data) VALUES (?, ?, ?) "
				   "ON DUPLICATE KEY UPDATE data = VALUES(data)");
		tr_q_str(q, sha256);
		tr_q_i64(q, seq);
		tr_q_blob(q, buf, (size_t)n);
		rc = tr_q_exec(q);
		tr_q_end(q);
		seq++;
		size += n;
	} while (rc == 0 && (size_t)n == cap);
	close(fd);
	free(buf);
	if (rc < 0)
		return rc;
	if (tr_db_run("INSERT INTO file_blobs (sha256, size, chunks, stored_at) VALUES (?, ?, ?, NOW()) "
		      "ON DUPLICATE KEY UPDATE stored_at = NOW()", "sli", sha256, size, seq) < 0)
		return TR_DB_ERR;
	return 0;
}

/* Puts the temporary file at its content address; the temporary name is gone afterwards. */
static int store(const char *tmp, const char *sha256)
{
	const char *dir = tr_fmt("%s/%.2s", tr_cfg("Paths.files", "files"), sha256);
	if (ensure_dir(tr_cfg("Paths.files", "files")) < 0 || ensure_dir(dir) < 0)
		return -1;
	const char *dest = tr_attach_path(sha256);
	if (access(dest, F_OK) == 0) {
		unlink(tmp);          /* the same content is stored already */
		/* fresh again: tr_attach_forget leaves recently stored files alone */
		utimensat(AT_FDCWD, dest, NULL, 0);
		return 0;
	}
	if (rename(tmp, dest) == 0)
		return 0;
	tr_error("cannot store attachment %s: %s", sha256, strerror(errno));
	return -1;
}

static int64_t record(int64_t ticket_id, int64_t comment_id, int64_t uploader_id, const char *filename,
		      const char *type, int64_t size, const char *sha256, int is_inline)
{
	tr_q *q = tr_q_new("INSERT INTO attachments (ticket_id, comment_id, uploader_id, filename, content_type, "
			   "size, sha256, is_inline, created_at) VALUES (?, NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?, ?, ?, NOW())");
	tr_q_i64(q, ticket_id);
	tr_q_i64(q, comment_id);
	tr_q_i64(q, uploader_id);
	tr_q_str(q, filename);
	tr_q_str(q, type);
	tr_q_i64(q, size);
	tr_q_str(q, sha256);
	tr_q_i64(q, is_inline);
	return tr_q_insert(q);
}

int64_t tr_attach_add(int64_t ticket_id, int64_t comment_id, int64_t uploader_id, const tr_upload *u,
		      int is_inline)
{
	/* stored first, then typed from the stored bytes: a retried transaction
	 * finds the temporary file gone but the content in the store */
	int inline_ok;
	if (tr_attach_in_db()) {
		int rc = store_db(u->path, u->sha256);
		if (rc < 0)
			return rc;
		const char *type = tr_attach_type(u->path, u->filename, &inline_ok);
		return record(ticket_id, comment_id, uploader_id, u->filename, type, u->size, u->sha256,
			      is_inline && inline_ok);
	}
	if (store(u->path, u->sha256) < 0)
		return TR_DB_ERR;
	tr_upload_taken(u);
	const char *type = tr_attach_type(tr_attach_path(u->sha256), u->filename, &inline_ok);
	/* a "screenshot" that is no image is kept as an ordinary attachment */
	return record(ticket_id, comment_id, uploader_id, u->filename, type, u->size, u->sha256,
		      is_inline && inline_ok);
}

int tr_attach_store(const tr_upload *u)
{
	if (tr_attach_in_db())
		return store_db(u->path, u->sha256);
	if (store(u->path, u->sha256) < 0)
		return TR_DB_ERR;
	tr_upload_taken(u);
	return 0;
}

int64_t tr_attach_add_stored(int64_t ticket_id, int64_t comment_id, int64_t uploader_id, const char *sha256,
			     const char *filename, int64_t size, int is_inline)
{
	int inline_ok;
	const char *type = stored_type(sha256, filename, &inline_ok);
	return record(ticket_id, comment_id, uploader_id, filename, type, size, sha256, is_inline && inline_ok);
}

void tr_attach_forget(const char *sha256)
{
	int64_t refs = 0;
	/* help-centre images (hc_images) share the store */
	if (tr_db_int(&refs, "SELECT (SELECT COUNT(*) FROM attachments WHERE sha256 = ?) + "
		      "(SELECT COUNT(*) FROM pending_uploads WHERE sha256 = ?) + "
		      "(SELECT COUNT(*) FROM hc_images WHERE sha256 = ?)", "sss", sha256, sha256, sha256) <= 0 || refs)
		return;
	if (tr_attach_in_db()) {
		/* chunks first: a blob row without all its chunks is never left behind */
		int64_t old = 0;
		if (tr_db_int(&old, "SELECT 1 FROM file_blobs WHERE sha256 = ? AND stored_at < NOW() - INTERVAL 1 HOUR",
			      "s", sha256) > 0 &&
		    tr_db_run("DELETE FROM file_blobs WHERE sha256 = ?", "s", sha256) > 0) {
			tr_db_run("DELETE FROM file_chunks WHERE sha256 = ?", "s", sha256);
			tr_info("removed unreferenced file %s", sha256);
		}
		return;
	}
	const char *path = tr_attach_path(sha256);
	struct stat st;
	/* the same content may be on its way into a ticket right now */
	if (stat(path, &st) == 0 && st.st_mtime < time(NULL) - 3600 && unlink(path) == 0)
		tr_info("removed unreferenced file %s", sha256);
}

int64_t tr_attach_add_file(int64_t ticket_id, int64_t comment_id, int64_t uploader_id, const char *path,
			   const char *filename, int is_inline)
{
	int in = open(path, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return TR_DB_ERR;
	char *tmp = tr_fmt("%s/import-XXXXXX", tr_cfg("Paths.tmp", "/tmp"));
	int out = mkostemp(tmp, O_CLOEXEC);
	if (out < 0) {
		close(in);
		return TR_DB_ERR;
	}
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	char buf[65536];
	ssize_t n;
	int64_t size = 0;
	int ok = 1;
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		crypto_hash_sha256_update(&st, (unsigned char *)buf, (size_t)n);
		if (write(out, buf, (size_t)n) != n)
			ok = 0;
		size += n;
	}
	close(in);
	close(out);
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&st, h);
	char sha[65];
	tr_hex_encode(h, sizeof(h), sha);
	int inline_ok;
	const char *type = tr_attach_type(tmp, filename, &inline_ok);
	if (ok && n >= 0 && tr_attach_in_db()) {
		int rc = store_db(tmp, sha);
		unlink(tmp);
		if (rc < 0)
			return rc;
	} else if (!ok || n < 0 || store(tmp, sha) < 0) {
		unlink(tmp);
		return TR_DB_ERR;
	}
	return record(ticket_id, comment_id, uploader_id, filename, type, size, sha, is_inline && inline_ok);
}

tr_attachment *tr_attach_find(int64_t id, int *err)
{
	tr_q *q = tr_q_new("SELECT a.ticket_id, a.filename, a.content_type, a.size, a.sha256, "
			   "COALESCE(c.is_public, 1) FROM attachments a LEFT JOIN comments c ON c.id = a.comment_id "
			   "WHERE a.id = ?");
	tr_q_i64(q, id);
	int rc = tr_q_exec(q);
	*err = rc < 0 ? rc : TR_E_NOT_FOUND;
	if (rc < 0)
		return NULL;
	tr_attachment *a = NULL;
	if (tr_q_next(q) > 0) {
		a = tr_zalloc(sizeof(*a));
		a->id = id;
		a->ticket_id = tr_q_l(q, 0);
		a->filename = tr_q_dup(q, 1);
		a->content_type = tr_q_dup(q, 2);
		a->size = tr_q_l(q, 3);
		a->sha256 = tr_q_dup(q, 4);
		a->is_public = (int)tr_q_l(q, 5);
		*err = 0;
	}
	tr_q_end(q);
	return a;
}

/* ---- reading a stored file, chunk by chunk, wherever it is kept ---- */

struct tr_attach_reader {
	int fd;                  /* folder: the file; -1 for the database */
	const char *sha256;
	int seq, chunks;
};

tr_attach_reader *tr_attach_open(const char *sha256)
{
	tr_attach_reader *r = tr_zalloc(sizeof(*r));
	r->sha256 = tr_strdup(sha256);
	r->fd = -1;
	if (!tr_attach_in_db()) {
		const char *path = tr_attach_path(sha256);
		r->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (r->fd < 0) {
			tr_error("file %s missing: %s", path, strerror(errno));
			return NULL;
		}
		return r;
	}
	int64_t chunks = 0;
	if (tr_db_int(&chunks, "SELECT chunks FROM file_blobs WHERE sha256 = ?", "s", sha256) <= 0) {
		tr_error("file %s missing in the database", sha256);
		return NULL;
	}
	r->chunks = (int)chunks;
	return r;
}

long tr_attach_read(void *ctx, tr_buf *out)
{
	tr_attach_reader *r = ctx;
	tr_buf_reset(out);
	if (r->fd >= 0) {
		char buf[65536];
		ssize_t n = read(r->fd, buf, sizeof(buf));
		if (n <= 0) {
			close(r->fd);
			r->fd = -2;
			return n < 0 ? -1 : 0;
		}
		tr_buf_add(out, buf, (size_t)n);
		return (long)n;
	}
	if (r->fd == -2 || r->seq >= r->chunks)
		return 0;
	/* straight into out: a chunk never lands in the request's pool */
	int rc = tr_db_blob(out, "SELECT data FROM file_chunks WHERE sha256 = ? AND seq = ?", r->sha256, r->seq);
	r->seq++;
	if (rc <= 0) {
		tr_error("file %s: chunk %d missing", r->sha256, r->seq - 1);
		return -1;
	}
	return (long)out->len;
}

void tr_attach_close(tr_attach_reader *r)
{
	if (r && r->fd >= 0)
		close(r->fd);
}
