/* pending.c - files uploaded with a request form that came back, kept until it is sent. */
#include "forms/pending.h"
#include "core/config.h"
#include "core/pool.h"
#include "db/db.h"
#include "tickets/attach.h"

int tr_pending_add(const char *token_hash, int64_t user_id, const tr_upload *u)
{
	if (tr_attach_store(u) < 0)
		return TR_DB_ERR;
	int64_t rc = tr_db_run("INSERT INTO pending_uploads (token_hash, user_id, filename, size, sha256, created_at) "
			       "VALUES (?, ?, ?, ?, ?, NOW())", "slsls", token_hash, user_id, u->filename,
			       (int64_t)u->size, u->sha256);
	return rc < 0 ? (int)rc : 0;
}

int tr_pending_remove(const char *token_hash, int64_t user_id, int64_t id)
{
	int64_t rc = tr_db_run("UPDATE pending_uploads SET removed = 1 WHERE id = ? AND token_hash = ? AND user_id = ?",
			       "lsl", id, token_hash, user_id);
	return rc < 0 ? (int)rc : 0;
}

int tr_pending_list(const char *token_hash, int64_t user_id, int max, tr_pending_file **out)
{
	*out = NULL;
	tr_q *q = tr_q_new("SELECT id, filename, size, sha256 FROM pending_uploads WHERE token_hash = ? AND user_id = ? "
			   "AND removed = 0 ORDER BY id LIMIT ?");
	tr_q_str(q, token_hash);
	tr_q_i64(q, user_id);
	tr_q_i64(q, max);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	tr_pending_file *list = tr_alloc(sizeof(*list) * (size_t)(max > 0 ? max : 1));
	int n = 0;
	while (n < max && tr_q_next(q) > 0) {
		list[n].id = tr_q_l(q, 0);
		list[n].filename = tr_q_dup(q, 1);
		list[n].size = tr_q_l(q, 2);
		list[n].sha256 = tr_q_dup(q, 3);
		n++;
	}
	tr_q_end(q);
	*out = list;
	return n;
}

int tr_pending_take(const char *token_hash, int64_t user_id, int64_t ticket_id, int64_t comment_id)
{
	tr_q *q = tr_q_new("SELECT sha256, filename, size FROM pending_uploads WHERE token_hash = ? AND user_id = ? "
			   "AND removed = 0 ORDER BY id");
	tr_q_str(q, token_hash);
	tr_q_i64(q, user_id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	while (rc == 0 && tr_q_next(q) > 0) {
		int64_t id = tr_attach_add_stored(ticket_id, comment_id, user_id, tr_q_s(q, 0), tr_q_s(q, 1),
						  tr_q_l(q, 2), 0);
		if (id < 0)
			rc = (int)id;
	}
	tr_q_end(q);
	if (rc == 0) {
		int64_t r = tr_db_run("DELETE FROM pending_uploads WHERE token_hash = ? AND user_id = ? AND removed = 0",
				      "sl", token_hash, user_id);
		rc = r < 0 ? (int)r : 0;
	}
	return rc;
}

int tr_pending_purge(void)
{
	int64_t hours = tr_cfg_int("Tickets.pending_upload_hours", 24);
	tr_q *q = tr_q_new("SELECT id, sha256 FROM pending_uploads WHERE created_at < NOW() - INTERVAL ? HOUR "
			   "ORDER BY created_at LIMIT 1000");
	tr_q_i64(q, hours);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int n = 0;
	while (tr_q_next(q) > 0) {
		int64_t r = tr_db_run("DELETE FROM pending_uploads WHERE id = ?", "l", tr_q_l(q, 0));
		if (r < 0) {
			tr_q_end(q);
			return (int)r;
		}
		tr_attach_forget(tr_q_s(q, 1));
		n++;
	}
	tr_q_end(q);
	return n;
}
