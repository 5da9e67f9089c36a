/* account.h - self-registration, confirmation and password-reset links (R-ACC 1-6).
 *
 * Every answer that could tell a stranger whether an address is registered is
 * the same for registered and unknown addresses (R-ACC 6): registering a known
 * address sends its owner a "someone tried to register" mail instead, and
 * "forgot password" answers alike. Links are random 256-bit tokens of which
 * only the hash is stored (user_tokens); a link works once and expires.
 *
 * The functions return 0 when done, TR_E_INVALID or TR_E_THROTTLED with the
 * problems listed for the form, TR_E_NOT_FOUND / TR_E_GONE for an unknown or
 * spent link, or the database's code. Signing in after a link is the page's
 * part (web/session.h). */
#ifndef TR_ACCOUNT_H
#define TR_ACCOUNT_H

#include <stdint.h>

#include "accounts/user.h"
#include "core/problems.h"

/* ---- rules (pure) ---- */

/* 1 when the address is a role address (info@, support@, ...; the list is the
 * setting Accounts.role_addresses): compared without case, "+tag", dots,
 * hyphens and underscores, so no-reply@ and No.Reply+x@ match noreply (R-ACC 3). */
int tr_account_role_address(const char *email);
/* The L.* key of the rule a display name breaks (a web or mail address in it:
 * names are repeated in mails, which spammers use), or NULL. */
const char *tr_account_name_problem(const char *name);

/* ---- registration ---- */

typedef struct tr_registration {
	const char *name, *email, *password;
	const char *honeypot;      /* the hidden field: people leave it empty */
	const char *remote_addr;   /* for the throttle */
	const char *lang;          /* the new account's language */
} tr_registration;

/* /register (R-ACC 1-3, 6): checks the rules and, when they hold, creates an
 * unconfirmed user of the organization of the e-mail domain (or without one
 * when Accounts.allow_without_org = 1) and queues the confirmation mail, all
 * in one transaction. A known address changes nothing and its owner is told
 * by mail; a filled honeypot does nothing. All three return 0 alike.
 * Throttled per client address and per e-mail address. */
int tr_account_register(const tr_registration *r, tr_problems *p);

/* /confirm, GET (R-MAIL 4): 0 when the link can complete a registration
 * (*email: whose), changing nothing - a mail scanner opening the link spends
 * nothing; TR_E_NOT_FOUND, or TR_E_GONE with *confirmed as below. */
int tr_account_confirm_check(const char *token, const char **email, int *confirmed);

/* /confirm, POST (R-ACC 4): completes the registration of the link's user
 * (*user_id; the page signs them in alone). TR_E_GONE for a used or expired
 * link, with *confirmed = 1 when the address is confirmed already. */
int tr_account_confirm(const char *token, int64_t *user_id, int *confirmed);

/* /confirm/resend: a new confirmation link for u while unconfirmed (0;
 * nothing when confirmed already), or TR_E_THROTTLED. */
int tr_account_resend(const tr_user *u, tr_problems *p);

/* /password/forgot (R-ACC 5, 6): queues a reset link when the address belongs
 * to an active user; the same answer (0) either way, or TR_E_THROTTLED. */
int tr_account_forgot(const char *email, const char *remote_addr, const char *lang, tr_problems *p);

/* /password/reset, GET: 0 when the link can set a password (*email: whose). */
int tr_account_reset_check(const char *token, const char **email);
/* /password/reset, POST: sets the new password (TR_E_INVALID with a field
 * problem when it breaks a rule), spends the link, confirms the address (the
 * mail reached its owner) and tells them by mail. *user_id: whose (the page
 * signs them in alone); *email as with the check. */
int tr_account_reset(const char *token, const char *password, int64_t *user_id, const char **email,
		     tr_problems *p);

/* ---- housekeeping (tresen-cleanup) ---- */

/* Links that expired more than a day ago (a second click within the day still
 * hears "already used"). Count or <0. */
int64_t tr_account_purge_links(void);
/* Registrations made on /register and not confirmed within
 * Accounts.purge_unconfirmed_days. Count or <0. */
int64_t tr_account_purge_unconfirmed(void);

#endif
