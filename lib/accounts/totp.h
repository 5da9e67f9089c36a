/* totp.h - two-factor sign-in (R-PROF, §15): RFC 6238 codes through liboath, the sealed shared
 * secret, recovery codes (shown once, stored hashed), the sign-in's second step and the QR code. */
#ifndef TR_TOTP_H
#define TR_TOTP_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/problems.h"

#define TR_TOTP_KEY_BYTES 20       /* 160 bits, as RFC 4226 recommends */
#define TR_TOTP_STEP 30            /* seconds */
#define TR_TOTP_DIGITS 6
#define TR_RECOVERY_CODES 10

enum tr_totp_alg { TR_TOTP_SHA1 = 0, TR_TOTP_SHA256 = 1, TR_TOTP_SHA512 = 2 };

/* ---- pure ---- */

/* The code of key at time t (digits 6..8) into out (NUL-terminated). 0 or -1. */
int tr_totp_code(const unsigned char *key, size_t keylen, time_t t, int digits, enum tr_totp_alg alg,
		 char out[12]);
/* The 30-second step (>= 1) whose 6-digit code is `code`, looked for at now and one step either
 * side (clocks drift), and newer than last_step (a code works once); 0 when none. */
int64_t tr_totp_match(const unsigned char *key, size_t keylen, time_t now, const char *code, int64_t last_step);
/* Base32 of a key, without padding (pool memory), and back (-1 when malformed). */
const char *tr_totp_base32(const unsigned char *key, size_t keylen);
int tr_totp_unbase32(const char *b32, unsigned char key[TR_TOTP_KEY_BYTES]);
/* The otpauth:// URI an authenticator app reads from the QR code (pool memory). */
const char *tr_totp_uri(const char *issuer, const char *account, const char *b32);
/* A QR code of text as a PNG data: URI (pool memory), or NULL. */
const char *tr_qr_data_uri(const char *text);
/* A recovery code as typed, normalised (lower case, no spaces or hyphens; pool memory). */
const char *tr_recovery_norm(const char *typed);

/* ---- an account's two-factor state ---- */

/* *enabled, and *left: unused recovery codes. 0 or <0. */
int tr_totp_status(int64_t user_id, int *enabled, int *left);
/* Enrolment, step one: a fresh pending secret (base32 in *b32) replaces any pending one;
 * TR_E_CONFLICT while two-factor sign-in is on. */
int tr_totp_begin(int64_t user_id, const char **b32);
/* The pending secret's base32, or NULL (0 either way, <0 trouble). */
int tr_totp_pending(int64_t user_id, const char **b32);
/* Enrolment, step two: the code proves the app has the pending secret; two-factor sign-in is then
 * on and codes[TR_RECOVERY_CODES] are the new recovery codes (pool memory, shown once).
 * TR_E_INVALID with the problem for the field "code". */
int tr_totp_enable(int64_t user_id, const char *code, const char **codes, tr_problems *p);
/* New recovery codes replace the old ones (codes as above). 0 or <0. */
int tr_totp_new_codes(int64_t user_id, const char **codes);
/* Turns two-factor sign-in off (the page checked the password). 0 or <0. */
int tr_totp_disable(int64_t user_id, int64_t actor_id);

/* Sign-in, step two: 0 when code is the account's current TOTP code (not used before) or an
 * unused recovery code (spent now); TR_E_INVALID for anything else; TR_E_THROTTLED (*wait_s)
 * after as many failures as passwords are allowed (Security.login_account_limit). */
int tr_totp_verify(int64_t user_id, const char *code, const char *remote_addr, int *wait_s);

/* A challenge for the second step: a random token (form field) for user_id, valid
 * Security.totp_challenge_minutes (5). 0 or <0. */
int tr_login_challenge_new(int64_t user_id, char token[44]);
/* The user of a live challenge: 1 (*user_id), 0 unknown or expired, <0 trouble. */
int tr_login_challenge_user(const char *token, int64_t *user_id);
/* Spends it. */
int tr_login_challenge_end(const char *token);

#endif
