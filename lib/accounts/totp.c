/* totp.c - two-factor sign-in: RFC 6238 codes (liboath), sealed secrets (libsodium), recovery
 * codes, the sign-in challenge (the enrolment's QR code: accounts/qrcode.c). */
#include "accounts/totp.h"
#include "accounts/profile.h"
#include "accounts/throttle.h"
#include "core/config.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/result.h"
#include "core/token.h"
#include "core/text.h"
#include "db/db.h"

#include <liboath/oath.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static void oath_ready(void)
{
	static int ready;
	if (!ready && oath_init() == OATH_OK)
		ready = 1;
}

/* ---- pure ---- */

int tr_totp_code(const unsigned char *key, size_t keylen, time_t t, int digits, enum tr_totp_alg alg, char out[12])
{
	oath_ready();
	int flags = alg == TR_TOTP_SHA256 ? OATH_TOTP_HMAC_SHA256 : alg == TR_TOTP_SHA512 ? OATH_TOTP_HMAC_SHA512 : 0;
	if (digits < 6 || digits > 8)
		return -1;
	out[0] = '\0';
	return oath_totp_generate2((const char *)key, keylen, t, TR_TOTP_STEP, 0, (unsigned)digits, flags, out) ==
			       OATH_OK ? 0 : -1;
}

int64_t tr_totp_match(const unsigned char *key, size_t keylen, time_t now, const char *code, int64_t last_step)
{
	if (!code || strlen(code) != TR_TOTP_DIGITS || strspn(code, "0123456789") != TR_TOTP_DIGITS)
		return 0;
	int64_t step = (int64_t)now / TR_TOTP_STEP, found = 0;
	/* every candidate is computed and compared, found or not: the time tells nothing */
	for (int d = -1; d <= 1; d++) {
		char c[12];
		if (tr_totp_code(key, keylen, (time_t)((step + d) * TR_TOTP_STEP), TR_TOTP_DIGITS, TR_TOTP_SHA1, c) < 0)
			return 0;
		if (sodium_memcmp(c, code, TR_TOTP_DIGITS) == 0 && step + d > last_step && !found)
			found = step + d;
	}
	return found;
}

const char *tr_totp_base32(const unsigned char *key, size_t keylen)
{
	oath_ready();
	char *b32 = NULL;
	size_t n = 0;
	if (oath_base32_encode((const char *)key, keylen, &b32, &n) != OATH_OK)
		return NULL;
	while (n && b32[n - 1] == '=')
		n--;
	char *out = tr_strndup(b32, n);
	free(b32);
	return out;
}

int tr_totp_unbase32(const char *b32, unsigned char key[TR_TOTP_KEY_BYTES])
{
	oath_ready();
	char *raw = NULL;
	size_t n = 0;
	if (!b32 || oath_base32_decode(b32, strlen(b32), &raw, &n) != OATH_OK)
		return -1;
	int ok = n == TR_TOTP_KEY_BYTES;
	if (ok)
		memcpy(key, raw, n);
	sodium_memzero(raw, n);
	free(raw);
	return ok ? 0 : -1;
}

const char *tr_totp_uri(const char *issuer, const char *account, const char *b32)
{
	/* otpauth://totp/Issuer:account?secret=...&issuer=... (Key Uri Format) */
	return tr_fmt("otpauth://totp/%s:%s?secret=%s&issuer=%s&algorithm=SHA1&digits=%d&period=%d",
		      tr_pct(issuer, ""), tr_pct(account, "@"), b32, tr_pct(issuer, ""), TR_TOTP_DIGITS,
		      TR_TOTP_STEP);
}

const char *tr_recovery_norm(const char *typed)
{
	char *out = tr_alloc(strlen(typed ? typed : "") + 1), *o = out;
	for (const char *p = typed ? typed : ""; *p; p++) {
		char c = *p;
		if (c == '-' || c == ' ')
			continue;
		*o++ = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
	*o = '\0';
	return out;
}

/* ---- sealed secrets: nonce and secretbox under a key derived from Security.secret ---- */

static const unsigned char *seal_key(void)
{
	static unsigned char key[crypto_secretbox_KEYBYTES];
	static int ready;
	if (!ready) {
		const char *s = tr_cfg("Security.secret", "");
		static const unsigned char ctx[] = "tresen-totp-secret";
		crypto_generichash(key, sizeof(key), (const unsigned char *)s, strlen(s), ctx, sizeof(ctx) - 1);
		ready = 1;
	}
	return key;
}

static const char *seal(const unsigned char key[TR_TOTP_KEY_BYTES])
{
	unsigned char box[crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + TR_TOTP_KEY_BYTES];
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, key, TR_TOTP_KEY_BYTES, box, seal_key());
	size_t n = sodium_base64_encoded_len(sizeof(box), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *out = tr_alloc(n);
	sodium_bin2base64(out, n, box, sizeof(box), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return out;
}

static int unseal(const char *sealed, unsigned char key[TR_TOTP_KEY_BYTES])
{
	unsigned char box[crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + TR_TOTP_KEY_BYTES];
	size_t n = 0;
	if (!sealed || sodium_base642bin(box, sizeof(box), sealed, strlen(sealed), NULL, &n, NULL,
					 sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 || n != sizeof(box))
		return -1;
	return crypto_secretbox_open_easy(key, box + crypto_secretbox_NONCEBYTES, n - crypto_secretbox_NONCEBYTES,
					  box, seal_key());
}

/* ---- an account's state ---- */

int tr_totp_status(int64_t user_id, int *enabled, int *left)
{
	*enabled = 0;
	*left = 0;
	tr_q *q = tr_q_new("SELECT u.totp_enabled_at IS NOT NULL, (SELECT COUNT(*) FROM recovery_codes r "
			   "WHERE r.user_id = u.id AND r.used_at IS NULL) FROM users u WHERE u.id = ?");
	tr_q_i64(q, user_id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	if (tr_q_next(q) > 0) {
		*enabled = (int)tr_q_l(q, 0);
		*left = (int)tr_q_l(q, 1);
	}
	tr_q_end(q);
	return 0;
}

int tr_totp_begin(int64_t user_id, const char **b32)
{
	unsigned char key[TR_TOTP_KEY_BYTES];
	randombytes_buf(key, sizeof(key));
	*b32 = tr_totp_base32(key, sizeof(key));
	const char *sealed = seal(key);
	sodium_memzero(key, sizeof(key));
	if (!*b32)
		return TR_DB_ERR;
	/* once it is on, a session alone cannot swap the secret: turning it off needs the password */
	int64_t rc = tr_db_run("UPDATE users SET totp_pending = ? WHERE id = ? AND totp_enabled_at IS NULL", "sl",
			       sealed, user_id);
	return rc < 0 ? (int)rc : rc == 0 ? TR_E_CONFLICT : 0;
}

static int read_secret(int64_t user_id, const char *column, unsigned char key[TR_TOTP_KEY_BYTES], int64_t *last,
		       int lock)
{
	tr_q *q = tr_q_new(!strcmp(column, "pending") ?
			   "SELECT totp_pending, totp_last_step FROM users WHERE id = ?" :
			   lock ? "SELECT totp_secret, totp_last_step FROM users WHERE id = ? AND totp_enabled_at IS NOT NULL FOR UPDATE" :
			   "SELECT totp_secret, totp_last_step FROM users WHERE id = ? AND totp_enabled_at IS NOT NULL");
	tr_q_i64(q, user_id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	const char *sealed = NULL;
	if (tr_q_next(q) > 0) {
		sealed = tr_q_dup(q, 0);
		if (last)
			*last = tr_q_l(q, 1);
	}
	tr_q_end(q);
	if (!sealed)
		return 0;
	return unseal(sealed, key) == 0 ? 1 : 0;
}

int tr_totp_pending(int64_t user_id, const char **b32)
{
	unsigned char key[TR_TOTP_KEY_BYTES];
	*b32 = NULL;
	int rc = read_secret(user_id, "pending", key, NULL, 0);
	if (rc <= 0)
		return rc;
	*b32 = tr_totp_base32(key, sizeof(key));
	sodium_memzero(key, sizeof(key));
	return 0;
}

/* Replaces the recovery codes: ten random codes of ten characters from an alphabet without
 * look-alikes, shown as xxxxx-xxxxx; the table keeps their SHA-256 only. */
static int make_codes(int64_t user_id, const char **codes)
{
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
	int64_t rc = tr_db_run("DELETE FROM recovery_codes WHERE user_id = ?", "l", user_id);
	if (rc < 0)
		return (int)rc;
	for (int i = 0; i < TR_RECOVERY_CODES; i++) {
		char c[12];
		for (int k = 0; k < 10; k++)
			c[k] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
		c[10] = '\0';
		unsigned char h[crypto_hash_sha256_BYTES];
		crypto_hash_sha256(h, (const unsigned char *)c, 10);
		char hex[65];
		sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
		rc = tr_db_run("INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES (?, ?, NOW())", "ls",
			       user_id, hex);
		if (rc < 0)
			return (int)rc;
		codes[i] = tr_fmt("%.5s-%.5s", c, c + 5);
	}
	return 0;
}

typedef struct enable_ctx {
	int64_t user_id;
	int64_t step;
	const char *sealed;
	const char **codes;
} enable_ctx;

static int enable_tx(void *ctx)
{
	enable_ctx *c = ctx;
	int64_t rc = tr_db_run("UPDATE users SET totp_secret = totp_pending, totp_pending = NULL, "
			       "totp_enabled_at = NOW(), totp_last_step = ? WHERE id = ? AND totp_pending = ? "
			       "AND totp_enabled_at IS NULL", "lls",
			       c->step, c->user_id, c->sealed);
	if (rc < 0)
		return (int)rc;
	if (rc == 0)
		return TR_E_CONFLICT;   /* another enrolment replaced the pending secret meanwhile */
	int r = make_codes(c->user_id, c->codes);
	if (r)
		return r;
	return tr_account_event(c->user_id, c->user_id, "totp_on", NULL);
}

int tr_totp_enable(int64_t user_id, const char *code, const char **codes, tr_problems *p)
{
	unsigned char key[TR_TOTP_KEY_BYTES];
	tr_q *q = tr_q_new("SELECT totp_pending FROM users WHERE id = ?");
	tr_q_i64(q, user_id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	const char *sealed = tr_q_next(q) > 0 ? tr_q_dup(q, 0) : NULL;
	tr_q_end(q);
	if (!sealed || unseal(sealed, key) != 0) {
		tr_problem_add(p, "code", "profile.totp_no_pending", NULL);
		return TR_E_INVALID;
	}
	int64_t step = tr_totp_match(key, sizeof(key), time(NULL), code, 0);
	sodium_memzero(key, sizeof(key));
	if (!step) {
		tr_problem_add(p, "code", "profile.totp_wrong", NULL);
		return TR_E_INVALID;
	}
	enable_ctx c = { user_id, step, sealed, codes };
	rc = tr_db_tx(enable_tx, &c);
	if (rc == TR_E_CONFLICT) {
		tr_problem_add(p, "code", "profile.totp_no_pending", NULL);
		return TR_E_INVALID;
	}
	if (rc == 0)
		tr_info("two-factor sign-in on user=%lld", (long long)user_id);
	return rc;
}

typedef struct codes_ctx {
	int64_t user_id;
	const char **codes;
} codes_ctx;

static int codes_tx(void *ctx)
{
	codes_ctx *c = ctx;
	int rc = make_codes(c->user_id, c->codes);
	return rc ? rc : tr_account_event(c->user_id, c->user_id, "recovery_codes", NULL);
}

int tr_totp_new_codes(int64_t user_id, const char **codes)
{
	codes_ctx c = { user_id, codes };
	return tr_db_tx(codes_tx, &c);
}

typedef struct disable_ctx {
	int64_t user_id, actor_id;
} disable_ctx;

static int disable_tx(void *ctx)
{
	disable_ctx *c = ctx;
	int64_t rc = tr_db_run("UPDATE users SET totp_secret = NULL, totp_pending = NULL, totp_enabled_at = NULL, "
			       "totp_last_step = 0 WHERE id = ?", "l", c->user_id);
	if (rc >= 0)
		rc = tr_db_run("DELETE FROM recovery_codes WHERE user_id = ?", "l", c->user_id);
	if (rc < 0)
		return (int)rc;
	return tr_account_event(c->user_id, c->actor_id, "totp_off", NULL);
}

int tr_totp_disable(int64_t user_id, int64_t actor_id)
{
	disable_ctx c = { user_id, actor_id };
	return tr_db_tx(disable_tx, &c);
}

/* ---- sign-in ---- */

static tr_throttle_rule code_rule(void)
{
	return (tr_throttle_rule){ "totp_account", (int)tr_cfg_int("Security.login_account_limit", 5), 900,
				   (int)tr_cfg_int("Security.login_backoff_s", 30) };
}

static tr_throttle_rule addr_rule(void)
{
	return (tr_throttle_rule){ "login_addr", (int)tr_cfg_int("Security.login_addr_limit", 30), 900,
				   (int)tr_cfg_int("Security.login_backoff_s", 30) };
}

typedef struct verify_ctx {
	int64_t user_id;
	const char *code;
	int ok;
} verify_ctx;

static int verify_tx(void *ctx)
{
	verify_ctx *c = ctx;
	c->ok = 0;
	unsigned char key[TR_TOTP_KEY_BYTES];
	int64_t last = 0;
	/* the row is locked: two requests with one code cannot both pass */
	int rc = read_secret(c->user_id, "secret", key, &last, 1);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return 0;
	int64_t step = tr_totp_match(key, sizeof(key), time(NULL), c->code, last);
	sodium_memzero(key, sizeof(key));
	if (step) {
		int64_t n = tr_db_run("UPDATE users SET totp_last_step = ? WHERE id = ?", "ll", step, c->user_id);
		if (n < 0)
			return (int)n;
		c->ok = 1;
		return 0;
	}
	const char *norm = tr_recovery_norm(c->code);
	if (strlen(norm) != 10)
		return 0;
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)norm, 10);
	char hex[65];
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	int64_t n = tr_db_run("UPDATE recovery_codes SET used_at = NOW() WHERE user_id = ? AND code_hash = ? "
			      "AND used_at IS NULL", "ls", c->user_id, hex);
	if (n < 0)
		return (int)n;
	if (n == 1) {
		c->ok = 1;
		return tr_account_event(c->user_id, c->user_id, "recovery_used", NULL);
	}
	return 0;
}

int tr_totp_verify(int64_t user_id, const char *code, const char *remote_addr, int *wait_s)
{
	tr_throttle_rule acc = code_rule(), addr = addr_rule();
	const char *key = tr_fmt("%lld", (long long)user_id);
	const char *ip = remote_addr ? remote_addr : "";
	*wait_s = 0;
	int w1 = tr_throttle_wait(&acc, key), w2 = tr_throttle_wait(&addr, ip);
	if (w1 < 0 || w2 < 0)
		return w1 < 0 ? w1 : w2;
	if (w1 > 0 || w2 > 0) {
		*wait_s = w1 > w2 ? w1 : w2;
		return TR_E_THROTTLED;
	}
	verify_ctx c = { user_id, code ? code : "", 0 };
	int rc = tr_db_tx(verify_tx, &c);
	if (rc < 0)
		return rc;
	if (!c.ok) {
		tr_throttle_hit(&acc, key);
		tr_throttle_hit(&addr, ip);
		tr_info("second sign-in step failed user=%lld", (long long)user_id);
		return TR_E_INVALID;
	}
	tr_throttle_clear(&acc, key);
	return 0;
}

int tr_login_challenge_new(int64_t user_id, char token[44])
{
	char hash[65];
	tr_token_new(token, hash);
	int64_t rc = tr_db_run("INSERT INTO login_challenges (token_hash, user_id, created_at, expires_at) "
			       "VALUES (?, ?, NOW(), NOW() + INTERVAL ? MINUTE)", "sll", hash, user_id,
			       (int64_t)tr_cfg_int("Security.totp_challenge_minutes", 5));
	return rc < 0 ? (int)rc : 0;
}

int tr_login_challenge_user(const char *token, int64_t *user_id)
{
	char hash[65];
	*user_id = 0;
	if (!token || tr_token_hash(token, hash) < 0)
		return 0;
	return tr_db_int(user_id, "SELECT c.user_id FROM login_challenges c JOIN users u ON u.id = c.user_id "
			 "WHERE c.token_hash = ? AND c.expires_at > NOW() AND u.disabled_at IS NULL", "s", hash);
}

int tr_login_challenge_end(const char *token)
{
	char hash[65];
	if (!token || tr_token_hash(token, hash) < 0)
		return 0;
	int64_t rc = tr_db_run("DELETE FROM login_challenges WHERE token_hash = ? OR expires_at < NOW()", "s", hash);
	return rc < 0 ? (int)rc : 0;
}
