/* password.c - argon2id password hashes (libsodium). */
#include "password.h"
#include "config.h"
#include "log.h"

#include <sodium.h>
#include <string.h>

/* OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. A worker returns the
 * memory right after (glibc maps blocks this large and unmaps them on free). */
static unsigned long long ops(void)
{
	return (unsigned long long)tr_cfg_int("Security.argon2_ops", 2);
}

static size_t mem(void)
{
	return (size_t)tr_cfg_int("Security.argon2_kib", 19456) * 1024;
}

int tr_password_hash(const char *password, char out[TR_PASSWORD_HASH_MAX])
{
	if (crypto_pwhash_str_alg(out, password, strlen(password), ops(), mem(),
				  crypto_pwhash_ALG_ARGON2ID13) != 0) {
		tr_error("password hashing failed (out of memory?)");
		return -1;
	}
	return 0;
}

int tr_password_verify(const char *hash, const char *password)
{
	if (!hash || !*hash)
		return 0;
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void tr_password_dummy(const char *password)
{
	static char dummy[TR_PASSWORD_HASH_MAX];
	if (!dummy[0] && tr_password_hash("tresen-dummy-password", dummy) < 0)
		return;
	(void)tr_password_verify(dummy, password);
}

int tr_password_needs_rehash(const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash, ops(), mem()) != 0;
}
