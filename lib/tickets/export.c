/* export.c - a customer's own data as a ZIP of JSON and files: one consistent read (a
 * transaction's snapshot), nothing of other people's tickets and no internal notes. */
#include "tickets/export.h"
#include "accounts/picture.h"
#include "accounts/profile.h"
#include "core/config.h"
#include "core/json.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/result.h"
#include "db/db.h"
#include "tickets/attach.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void kv(tr_buf *b, const char *key, const char *value, int comma)
{
	tr_json_key(b, key);
	tr_json_str(b, value);
	if (comma)
		tr_buf_addc(b, ',');
}

static int profile_json(int64_t user_id, tr_buf *b)
{
	tr_q *q = tr_q_new("SELECT u.name, u.email, u.phone, u.mobile, u.position, u.lang, u.notify_updates, "
			   "u.notify_follows, u.notify_product, o.name, u.created_at, u.confirmed_at, "
			   "u.totp_enabled_at IS NOT NULL FROM users u LEFT JOIN organizations o ON o.id = u.org_id "
			   "WHERE u.id = ?");
	tr_q_i64(q, user_id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	if (tr_q_next(q) <= 0) {
		tr_q_end(q);
		return TR_E_NOT_FOUND;
	}
	tr_buf_adds(b, "{");
	kv(b, "name", tr_q_s(q, 0), 1);
	kv(b, "email", tr_q_s(q, 1), 1);
	kv(b, "phone", tr_q_s(q, 2), 1);
	kv(b, "mobile", tr_q_s(q, 3), 1);
	kv(b, "position", tr_q_s(q, 4), 1);
	kv(b, "language", tr_q_s(q, 5), 1);
	tr_json_key(b, "notifications");
	tr_buf_printf(b, "{\"ticket_updates\":%s,\"follows\":%s,\"product_information\":%s},",
		      tr_q_l(q, 6) ? "true" : "false", tr_q_l(q, 7) ? "true" : "false", tr_q_l(q, 8) ? "true" : "false");
	kv(b, "organization", tr_q_s(q, 9), 1);
	kv(b, "created_at", tr_q_s(q, 10), 1);
	kv(b, "confirmed_at", tr_q_s(q, 11), 1);
	tr_json_key(b, "two_factor");
	tr_buf_adds(b, tr_q_l(q, 12) ? "true" : "false");
	tr_q_end(q);

	tr_buf_adds(b, ",");
	tr_json_key(b, "events");
	tr_buf_adds(b, "[");
	q = tr_q_new("SELECT at, kind, note FROM account_events WHERE user_id = ? ORDER BY at, id LIMIT 10000");
	tr_q_i64(q, user_id);
	if ((rc = tr_q_exec(q)) < 0)
		return rc;
	for (int n = 0; tr_q_next(q) > 0; n++) {
		if (n)
			tr_buf_addc(b, ',');
		tr_buf_adds(b, "{");
		kv(b, "at", tr_q_s(q, 0), 1);
		kv(b, "kind", tr_q_s(q, 1), 0);
		tr_buf_adds(b, "}");
	}
	tr_q_end(q);
	tr_buf_adds(b, "]}\n");
	return 0;
}

typedef struct file_ref {
	int64_t ticket_id, id, size;
	const char *name, *sha256;
} file_ref;

static int tickets_json(int64_t user_id, tr_buf *b, file_ref **files, int *nfiles)
{
	tr_buf_adds(b, "[");
	tr_q *q = tr_q_new("SELECT id, subject, status, type, priority, created_at, updated_at FROM tickets "
			   "WHERE requester_id = ? ORDER BY id LIMIT 100000");
	tr_q_i64(q, user_id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int64_t *ids = NULL;
	int n = 0, cap = 0;
	tr_buf head;
	tr_buf_init(&head);
	const char **heads = NULL;
	while (tr_q_next(q) > 0) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			int64_t *ni = tr_alloc(sizeof(*ni) * (size_t)cap);
			const char **nh = tr_alloc(sizeof(*nh) * (size_t)cap);
			if (n) {
				memcpy(ni, ids, sizeof(*ni) * (size_t)n);
				memcpy(nh, heads, sizeof(*nh) * (size_t)n);
			}
			ids = ni;
			heads = nh;
		}
		ids[n] = tr_q_l(q, 0);
		tr_buf_reset(&head);
		tr_json_key(&head, "id");
		tr_json_int(&head, ids[n]);
		tr_buf_addc(&head, ',');
		kv(&head, "subject", tr_q_s(q, 1), 1);
		kv(&head, "status", tr_q_s(q, 2), 1);
		kv(&head, "type", tr_q_s(q, 3), 1);
		kv(&head, "priority", tr_q_s(q, 4), 1);
		kv(&head, "created_at", tr_q_s(q, 5), 1);
		kv(&head, "updated_at", tr_q_s(q, 6), 0);
		heads[n] = tr_strdup(head.data ? head.data : "");
		n++;
	}
	tr_q_end(q);
	tr_buf_free(&head);

	int fcap = 0;
	*files = NULL;
	*nfiles = 0;
	for (int i = 0; i < n; i++) {
		if (i)
			tr_buf_addc(b, ',');
		tr_buf_adds(b, "{");
		tr_buf_adds(b, heads[i]);
		tr_buf_adds(b, ",");
		tr_json_key(b, "comments");
		tr_buf_adds(b, "[");
		/* the public conversation only: internal notes are the staff's */
		q = tr_q_new("SELECT c.id, c.created_at, u.name, c.author_id = ?, c.body FROM comments c "
			     "LEFT JOIN users u ON u.id = c.author_id WHERE c.ticket_id = ? AND c.is_public = 1 "
			     "ORDER BY c.created_at, c.id");
		tr_q_i64(q, user_id);
		tr_q_i64(q, ids[i]);
		if ((rc = tr_q_exec(q)) < 0)
			return rc;
		for (int k = 0; tr_q_next(q) > 0; k++) {
			if (k)
				tr_buf_addc(b, ',');
			tr_buf_adds(b, "{");
			kv(b, "at", tr_q_s(q, 1), 1);
			kv(b, "author", tr_q_s(q, 2), 1);
			tr_json_key(b, "mine");
			tr_buf_adds(b, tr_q_l(q, 3) ? "true," : "false,");
			kv(b, "body", tr_q_s(q, 4), 0);
			tr_buf_adds(b, "}");
		}
		tr_q_end(q);
		tr_buf_adds(b, "],");
		tr_json_key(b, "attachments");
		tr_buf_adds(b, "[");
		q = tr_q_new("SELECT a.id, a.filename, a.size, a.sha256 FROM attachments a "
			     "LEFT JOIN comments c ON c.id = a.comment_id WHERE a.ticket_id = ? "
			     "AND (a.comment_id IS NULL OR c.is_public = 1) ORDER BY a.id");
		tr_q_i64(q, ids[i]);
		if ((rc = tr_q_exec(q)) < 0)
			return rc;
		for (int k = 0; tr_q_next(q) > 0; k++) {
			if (*nfiles == fcap) {
				fcap = fcap ? fcap * 2 : 32;
				file_ref *nf = tr_alloc(sizeof(*nf) * (size_t)fcap);
				if (*nfiles)
					memcpy(nf, *files, sizeof(*nf) * (size_t)*nfiles);
				*files = nf;
			}
			file_ref *f = &(*files)[(*nfiles)++];
			f->ticket_id = ids[i];
			f->id = tr_q_l(q, 0);
			f->name = tr_q_dup(q, 1);
			f->size = tr_q_l(q, 2);
			f->sha256 = tr_q_dup(q, 3);
			if (k)
				tr_buf_addc(b, ',');
			tr_buf_adds(b, "{");
			kv(b, "name", f->name, 1);
			tr_json_key(b, "size");
			tr_json_int(b, f->size);
			tr_buf_adds(b, "}");
		}
		tr_q_end(q);
		tr_buf_adds(b, "]}");
	}
	tr_buf_adds(b, "]\n");
	return 0;
}

/* A name for a file inside the archive: no folders of its own, nothing hidden. */
static const char *safe_name(const char *name)
{
	char *out = tr_strdup(name && *name ? name : "file");
	for (char *p = out; *p; p++)
		if (*p == '/' || *p == '\\' || (unsigned char)*p < 0x20)
			*p = '_';
	if (out[0] == '.')
		out[0] = '_';
	return out;
}

static int add_file(tr_zip *z, const file_ref *f)
{
	FILE *fp = fopen(tr_attach_path(f->sha256), "rb");
	if (!fp)
		return 0;   /* a file missing from the store: its name is in tickets.json all the same */
	char *data = tr_xmalloc((size_t)f->size + 1);
	size_t got = fread(data, 1, (size_t)f->size, fp);
	fclose(fp);
	if (got == (size_t)f->size)
		tr_zip_add(z, tr_fmt("files/%lld/%lld-%s", (long long)f->ticket_id, (long long)f->id, safe_name(f->name)),
			   data, got);
	free(data);
	return 0;
}

typedef struct export_ctx {
	int64_t user_id;
	tr_zip *z;
} export_ctx;

static int export_tx(void *ctx)
{
	export_ctx *c = ctx;
	/* a retried transaction starts the archive anew */
	tr_zip_free(c->z);
	tr_zip_init(c->z);
	tr_buf b;
	tr_buf_init(&b);
	int rc = profile_json(c->user_id, &b);
	if (rc) {
		tr_buf_free(&b);
		return rc;
	}
	tr_zip_add(c->z, "profile.json", b.data, b.len);
	tr_buf_reset(&b);
	file_ref *files;
	int nfiles;
	if ((rc = tickets_json(c->user_id, &b, &files, &nfiles)) < 0) {
		tr_buf_free(&b);
		return rc;
	}
	tr_zip_add(c->z, "tickets.json", b.data, b.len);
	tr_buf_free(&b);
	int64_t budget = tr_cfg_int("Profile.export_file_bytes", 50L * 1024 * 1024);
	for (int i = 0; i < nfiles; i++) {
		if (files[i].size > budget)
			continue;
		budget -= files[i].size;
		add_file(c->z, &files[i]);
	}
	const char *pic;
	size_t len;
	if ((rc = tr_picture_get(c->user_id, 1, &pic, &len)) < 0)
		return rc;
	if (rc > 0)
		tr_zip_add(c->z, "picture.jpg", pic, len);
	return tr_account_event(c->user_id, c->user_id, "export", NULL);
}

int tr_export_user(int64_t user_id, tr_zip *z)
{
	export_ctx c = { user_id, z };
	int rc = tr_db_tx(export_tx, &c);
	if (rc == 0)
		tr_info("data export user=%lld", (long long)user_id);
	return rc;
}
