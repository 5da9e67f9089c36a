/* password.c - argon2id password hashes (libsodium). */
#include "accounts/password.h"
#include "core/config.h"
#include "core/log.h"

#include "core/pool.h"
#include "core/util.h"

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

/* Common passwords long enough to pass the length rule (lists of leaked
 * passwords, German and English), compared without regard to case. */
static const char *const common[] = {
	"0000000000", "0123456789", "1111111111", "1234567890", "12345678910", "123456789a",
	"1234567890a", "9876543210", "a123456789", "abc1234567", "abcdefg123", "abcdefghij",
	"1q2w3e4r5t", "1qaz2wsx3edc", "q1w2e3r4t5", "qwertyuiop", "qwertzuiop", "asdfghjkl1",
	"qwerty1234", "qwerty12345", "qwertz1234", "qwertz12345", "password12", "password123",
	"password1234", "password!!", "passwordpassword", "passwort12", "passwort123",
	"passwort1234", "passwort!!", "kennwort12", "kennwort123", "kennwort1234", "geheim1234",
	"geheim12345", "zugang1234", "hallo12345", "hallo123456", "willkommen", "willkommen1",
	"willkommen123", "welcome123", "welcome1234", "iloveyou12", "ichliebedich", "princess12",
	"sunshine12", "football12", "fussball12", "baseball12", "starwars12", "superman12",
	"master1234", "dragon1234", "monkey1234", "letmein123", "changeme123", "trustno1234",
	"administrator", "admin12345", "admin123456", "sommer2024", "sommer2025", "sommer2026",
	"winter2024", "winter2025", "winter2026", "herbst2025", "fruehling2025", "januar2026",
	"passwort2025", "passwort2026", "password2025", "password2026",
};

static int all_same(const char *s)
{
	for (const char *p = s; *p; p++)
		if (*p != s[0])
			return 0;
	return 1;
}

const char *tr_password_problem(const char *password, const char *email, const char *name)
{
	if (!password || tr_utf8_len(password, strlen(password)) < TR_PASSWORD_MIN)
		return "password.too_short";
	char *pw = tr_ascii_lower(tr_strdup(password));
	if (email && *email) {
		char *e = tr_ascii_lower(tr_strdup(email));
		char *at = strchr(e, '@');
		if (strstr(pw, e) || (at && (size_t)(at - e) == strlen(pw) && !strncmp(pw, e, strlen(pw))))
			return "password.is_email";
	}
	if (name && *name) {
		/* the name, with or without its spaces */
		char *n = tr_ascii_lower(tr_strdup(name)), *o = n;
		if (!strcmp(pw, n))
			return "password.is_name";
		for (char *p = n; *p; p++)
			if (*p != ' ')
				*o++ = *p;
		*o = '\0';
		if (!strcmp(pw, n))
			return "password.is_name";
	}
	if (all_same(pw))
		return "password.common";
	for (size_t i = 0; i < TR_ARRAY_LEN(common); i++)
		if (!strcmp(pw, common[i]))
			return "password.common";
	return NULL;
}
