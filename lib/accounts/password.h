/* password.h - argon2id password hashes (libsodium) and the password rules. */
#ifndef TR_PASSWORD_H
#define TR_PASSWORD_H

#define TR_PASSWORD_HASH_MAX 128   /* crypto_pwhash_STRBYTES */

/* Hashes password into out (NUL-terminated). 0 or -1. */
int tr_password_hash(const char *password, char out[TR_PASSWORD_HASH_MAX]);
/* 1 when password matches hash, else 0. */
int tr_password_verify(const char *hash, const char *password);
/* Spends the time of one verification, for unknown accounts. */
void tr_password_dummy(const char *password);
/* 1 when the hash was made with other parameters than today's. */
int tr_password_needs_rehash(const char *hash);

#define TR_PASSWORD_MIN 10         /* characters */

/* The rule a new password breaks, as the L.* key of its message, or NULL when
 * it is acceptable: at least TR_PASSWORD_MIN characters, not the e-mail
 * address (nor its local part, nor containing it), not the name, not one
 * character repeated, not on a small list of common passwords. email and name
 * may be NULL. */
const char *tr_password_problem(const char *password, const char *email, const char *name);

#endif
