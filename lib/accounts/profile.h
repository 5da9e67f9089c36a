/* profile.h - what a person changes about their own account (R-PROF): details, language,
 * notifications, password, e-mail address (effective only after the new address confirms),
 * the signed-in devices, and the account's audit trail.
 *
 * Only the fields named here can change: nothing a profile form sends reaches the access level,
 * the roles or the organization (no mass assignment). */
#ifndef TR_PROFILE_H
#define TR_PROFILE_H

#include <stdint.h>

#include "core/problems.h"

typedef struct tr_profile {
	int64_t id;
	const char *name, *email, *phone, *mobile, *position, *lang;
	int notify_updates, notify_follows, notify_product;
	int info_recipient;          /* product information is offered to information recipients only */
	int picture_version;         /* 0: no picture */
	const char *pending_email;   /* an e-mail change waiting for its link, or NULL */
} tr_profile;

/* Writes an audit event of the account (in the caller's transaction, if any). 0 or <0. */
int tr_account_event(int64_t user_id, int64_t actor_id, const char *kind, const char *note);

/* The profile of user_id (pool memory); NULL when not found. */
tr_profile *tr_profile_load(int64_t user_id);

/* Contact details and language: name required (<= 200, no link in it), phone and mobile
 * (digits, spaces, + - / ( ) .; <= 50), position (<= 100), lang "de"/"en". Audited.
 * TR_E_INVALID with the problems. */
int tr_profile_save(int64_t user_id, const char *name, const char *phone, const char *mobile,
		    const char *position, const char *lang, tr_problems *p);
/* 1 when a phone number is of the allowed characters (pure). */
int tr_profile_phone_ok(const char *s);

/* Notification settings. Audited. */
int tr_profile_notify(int64_t user_id, int updates, int follows, int product);

/* Changes the password after checking the current one (throttled like sign-in: TR_E_THROTTLED,
 * p->wait_s) and the rules for the new; ends every session but keep_session and tells the owner
 * by mail. TR_E_INVALID with the problem for "current" or "password". */
int tr_profile_password(int64_t user_id, const char *current, const char *password, int64_t keep_session,
			const char *remote_addr, tr_problems *p);
/* 1 when password is the account's (throttled like sign-in: TR_E_THROTTLED with p), else
 * TR_E_INVALID with the problem for field. */
int tr_profile_check_password(int64_t user_id, const char *password, const char *field, const char *remote_addr,
			      tr_problems *p);

/* E-mail change, step one: after the password, a link to the new address (which must be free,
 * personal and of the same organization's domains when the account has an organization).
 * Nothing changes until it is followed. TR_E_INVALID with the problems. */
int tr_profile_email_request(int64_t user_id, const char *new_email, const char *password,
			     const char *remote_addr, tr_problems *p);
/* The link: purpose "email" (confirm the new address) or "email_undo" (the old address takes it
 * back). GET: 0 when it works for user_id (*email: the address it sets). */
int tr_profile_email_check(const char *token, int64_t user_id, const char **purpose, const char **email);
/* POST: sets the address; the old one is told, with an undo link (lifetime Accounts.email_undo_hours,
 * 72). An undo restores it and ends every session. TR_E_NOT_FOUND (unknown, or another user's),
 * TR_E_GONE (used, expired, or the address was taken meanwhile). */
int tr_profile_email_apply(const char *token, int64_t user_id, const char **purpose);

/* ---- signed-in devices ---- */

typedef struct tr_device {
	int64_t id;
	const char *user_agent, *remote_addr, *created_at, *last_seen_at;   /* UTC */
	int current;
} tr_device;

/* The user's live sessions, newest use first (pool memory). Count or <0. */
int tr_profile_devices(int64_t user_id, int64_t current_session, tr_device **out);
/* Ends one of the user's sessions (TR_E_NOT_FOUND when it is not theirs), or with id 0 all
 * but keep_session. Audited. */
int tr_profile_end_sessions(int64_t user_id, int64_t session_id, int64_t keep_session);

/* A short name for a browser from its User-Agent ("Firefox on Linux"; pool memory, pure). */
const char *tr_profile_device_name(const char *user_agent);

#endif
