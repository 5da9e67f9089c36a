/* session.c - sign-in sessions and CSRF tokens.
 *
 * The cookie holds 32 random bytes; the database only their SHA-256, so a
 * leaked sessions table signs nobody in. CSRF tokens are an HMAC of the
 * session (or, before sign-in, of a random per-browser cookie) under the
 * server secret: nothing to store, and a token fits only its own session.
 * Pages carry it masked afresh for each response (web/csrf.h). */
#include "web/session.h"
#include "accounts/sessions.h"
#include "core/token.h"
#include "core/config.h"
#include "db/db.h"
#include "core/log.h"
#include "core/pool.h"
#include "web/response.h"
#include "accounts/user.h"
#include "core/util.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define TOKEN_BYTES 32

/* The serve loop refuses to run without a secret of 32 characters or more. */
static const unsigned char *secret_key(void)
{
	static unsigned char key[crypto_auth_hmacsha256_KEYBYTES];
	static int ready;
	if (!ready) {
		const char *s = tr_cfg("Security.secret", "");
		crypto_generichash(key, sizeof(key), (const unsigned char *)s, strlen(s), NULL, 0);
		ready = 1;
	}
	return key;
}

static const char *csrf_for(const char *kind, const char *value)
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	const char *msg = tr_fmt("%s:%s", kind, value);
	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, strlen(msg), secret_key());
	char *out = tr_alloc(48);
	tr_b64url_encode(mac, sizeof(mac), out);
	return out;
}

static void anonymous(tr_req *req)
{
	const char *anon = tr_cookie_get(req, TR_ANON_COOKIE);
	unsigned char raw[TOKEN_BYTES];
	if (!anon || tr_b64url_decode(anon, raw, sizeof(raw)) < 0) {
		char token[44], hash[65];
		tr_token_new(token, hash);
		anon = tr_strdup(token);
		tr_cookie(req, TR_ANON_COOKIE, anon, -1);
	}
	req->csrf = csrf_for("a", anon);
}

/* The session statement: the session and its user in one row. The user's settings are not in
 * it: one page reads one of them, and as a subquery they cost every page (README, MariaDB). */
#define SESSION_SQL                                                                                    \
	"SELECT s.id, s.last_seen_at < NOW() - INTERVAL 60 SECOND, "                                   \
	TR_USER_COLUMNS " FROM sessions s JOIN " TR_USER_FROM " ON u.id = s.user_id "                   \
	"WHERE s.token_hash = ? AND s.expires_at > NOW() "                                              \
	"AND s.last_seen_at > NOW() - INTERVAL ? MINUTE AND u.disabled_at IS NULL"

static int load_user(tr_req *req, const char *hash)
{
	tr_q *q = tr_q_new(SESSION_SQL);
	tr_q_str(q, hash);
	tr_q_i64(q, tr_session_idle_minutes());
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int stale = 0;
	if (tr_q_next(q) > 0) {
		req->session_id = tr_q_l(q, 0);
		stale = (int)tr_q_l(q, 1);
		req->user = tr_user_from_row(q, 2);
		req->session_hash = tr_strdup(hash);
	}
	tr_q_end(q);
	/* One write a minute per session at most, not one per request. */
	if (req->user && stale)
		tr_db_run("UPDATE sessions SET last_seen_at = NOW() WHERE id = ?", "l", req->session_id);
	return 0;
}

int tr_session_load(tr_req *req)
{
	const char *token = tr_cookie_get(req, TR_SESSION_COOKIE);
	char hash[65];
	if (token) {
		if (tr_token_hash(token, hash) == 0) {
			int rc = load_user(req, hash);
			if (rc < 0)
				return rc;
		}
		if (!req->user)
			tr_cookie(req, TR_SESSION_COOKIE, "", 0);   /* expired or forged: forget it */
	}
	if (req->user)
		req->csrf = csrf_for("s", req->session_hash);
	else
		anonymous(req);
	return 0;
}

int tr_session_start(tr_req *req, int64_t user_id)
{
	char token[44], hash[65];
	tr_token_new(token, hash);
	if (req->session_id)
		tr_db_run("DELETE FROM sessions WHERE id = ?", "l", req->session_id);
	const char *ua = req->user_agent ? req->user_agent : "";
	const char *ua_short = tr_strndup(ua, strnlen(ua, 200));
	/* do not cut a UTF-8 sequence in half */
	if (!tr_utf8_valid(ua_short, strlen(ua_short)))
		ua_short = "";
	int64_t rc = tr_db_run(
		"INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, "
		"remote_addr, user_agent) VALUES (?, ?, NOW(), NOW(), NOW() + INTERVAL ? HOUR, ?, ?)",
		"sllss", hash, user_id, (int64_t)tr_cfg_int("Security.session_max_hours", 168),
		req->remote_addr ? req->remote_addr : "", ua_short);
	if (rc < 0)
		return (int)rc;
	req->session_id = tr_db_insert_id();
	req->session_hash = tr_strdup(hash);
	req->csrf = csrf_for("s", req->session_hash);
	tr_cookie(req, TR_SESSION_COOKIE, token, -1);
	tr_cookie(req, TR_ANON_COOKIE, "", 0);
	return 0;
}

void tr_session_end(tr_req *req)
{
	if (req->session_id)
		tr_db_run("DELETE FROM sessions WHERE id = ?", "l", req->session_id);
	req->session_id = 0;
	req->user = NULL;
	tr_cookie(req, TR_SESSION_COOKIE, "", 0);
}
