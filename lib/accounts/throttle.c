/* throttle.c - counting attempts per key with exponential back-off (table throttle_events). */
#include "accounts/throttle.h"
#include "db/db.h"
#include "core/pool.h"
#include "core/util.h"

#include <sodium.h>
#include <string.h>

/* Keys (addresses, IPs) are stored only as hashes. */
static const char *key_hash(const char *bucket, const char *key)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	const char *s = tr_fmt("%s\n%s", bucket, key ? key : "");
	crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
	char *hex = tr_alloc(65);
	tr_hex_encode(h, sizeof(h), hex);
	return hex;
}

int tr_throttle_backoff(const tr_throttle_rule *r, long count, long age_s)
{
	if (count < r->limit)
		return 0;
	long wait = r->base_s;
	for (long i = r->limit; i < count && wait < r->window_s; i++)
		wait *= 2;
	if (wait > r->window_s)
		wait = r->window_s;
	wait -= age_s;
	return wait > 0 ? (int)wait : 0;
}

int tr_throttle_wait(const tr_throttle_rule *r, const char *key)
{
	static const char sql[] =
		"SELECT COUNT(*), TIMESTAMPDIFF(SECOND, MAX(at), NOW(3)) FROM throttle_events "
		"WHERE bucket = ? AND key_hash = ? AND at > NOW(3) - INTERVAL ? SECOND";
	tr_q *q = tr_q_new(sql);
	tr_q_str(q, r->bucket);
	tr_q_str(q, key_hash(r->bucket, key));
	tr_q_i64(q, r->window_s);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	long count = 0, age = 0;
	if (tr_q_next(q) > 0) {
		count = (long)tr_q_l(q, 0);
		age = (long)tr_q_l(q, 1);
	}
	tr_q_end(q);
	return tr_throttle_backoff(r, count, age);
}

int tr_throttle_hit(const tr_throttle_rule *r, const char *key)
{
	int64_t rc = tr_db_run("INSERT INTO throttle_events (bucket, key_hash, at) VALUES (?, ?, NOW(3))",
			       "ss", r->bucket, key_hash(r->bucket, key));
	return rc < 0 ? (int)rc : 0;
}

int tr_throttle_clear(const tr_throttle_rule *r, const char *key)
{
	int64_t rc = tr_db_run("DELETE FROM throttle_events WHERE bucket = ? AND key_hash = ?", "ss",
			       r->bucket, key_hash(r->bucket, key));
	return rc < 0 ? (int)rc : 0;
}

int64_t tr_throttle_purge(void)
{
	/* the longest window of any rule is an hour; a day keeps them for a look */
	return tr_db_run("DELETE FROM throttle_events WHERE at < NOW() - INTERVAL 1 DAY", "");
}
