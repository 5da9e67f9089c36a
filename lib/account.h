/* account.h - self-registration, confirmation and password-reset links (R-ACC 1-6),
 * and the guard for pages that need a completed registration.
 *
 * Every answer that could tell a stranger whether an address is registered is
 * the same for registered and unknown addresses (R-ACC 6): registering a known
 * address sends its owner a "someone tried to register" mail instead, and
 * "forgot password" answers alike. Links are random 256-bit tokens of which
 * only the hash is stored (user_tokens); a link works once and expires.
 *
 * The request-level functions return 0 when done (the page redirects), or an
 * HTTP status: 422/429 with the form's messages set (the page shows the form
 * again), 404/410 for an unknown or spent link, 503 for database trouble. */
#ifndef TR_ACCOUNT_H
#define TR_ACCOUNT_H

#include "request.h"

/* ---- rules (pure) ---- */

/* 1 when the address is a role address (info@, support@, ...; the list is the
 * setting Accounts.role_addresses): compared without case, "+tag", dots,
 * hyphens and underscores, so no-reply@ and No.Reply+x@ match noreply (R-ACC 3). */
int tr_account_role_address(const char *email);
/* The L.* key of the rule a display name breaks (a web or mail address in it:
 * names are repeated in mails, which spammers use), or NULL. */
const char *tr_account_name_problem(const char *name);

/* ---- pages ---- */

typedef struct tr_registration {
	const char *name, *email, *password;
	const char *honeypot;      /* the hidden field: people leave it empty */
} tr_registration;

/* /register (R-ACC 1-3, 6): checks the rules and, when they hold, creates an
 * unconfirmed user of the organization of the e-mail domain (or without one
 * when Accounts.allow_without_org = 1) and queues the confirmation mail, all
 * in one transaction. A known address changes nothing and its owner is told
 * by mail; a filled honeypot does nothing. All three return 0 alike.
 * Throttled per client address and per e-mail address (429). */
int tr_account_register(tr_req *req, const tr_registration *r);

/* /confirm (R-ACC 4): completes the registration of the link's user, signs
 * them in and ends their other sessions. 0, 404 (unknown link), 410 (used or
 * expired; Link.confirmed = 1 when the address is confirmed already), 503. */
int tr_account_confirm(tr_req *req, const char *token);

/* /confirm/resend: a new confirmation link for the signed-in, unconfirmed
 * user (0; nothing when already confirmed), or 429 while throttled (Form.error
 * and Confirm.wait_minutes set). */
int tr_account_resend(tr_req *req);

/* /password/forgot (R-ACC 5, 6): queues a reset link when the address belongs
 * to an active user; the same answer (0) either way. 429 while throttled. */
int tr_account_forgot(tr_req *req, const char *email);

/* /password/reset, GET: 0 when the link can set a password (sets
 * Reset.email for the form), 404 or 410 otherwise. */
int tr_account_reset_check(tr_req *req, const char *token);
/* /password/reset, POST: sets the new password (422 with a field error when
 * it breaks a rule), spends the link, confirms the address (the mail reached
 * its owner), signs the user in, ends all their other sessions and tells them
 * by mail. 0, 422, 404, 410, 503. */
int tr_account_reset(tr_req *req, const char *token, const char *password);

/* ---- the guard for ticket pages (R-ACC 4) ---- */

/* For pages that show or create tickets. Returns 0 when the signed-in user's
 * registration is complete: go on. Otherwise the request has been answered -
 * the "registration not complete" page (403) with a button to send the
 * confirmation mail again, or, without a signed-in user, a redirect to the
 * sign-in page - and the returned status (403 or 303; 500 when rendering
 * failed, with nothing sent) is what the handler returns:
 *
 *     int rc = tr_require_confirmed(req);
 *     if (rc)
 *             return rc;
 */
int tr_require_confirmed(tr_req *req);

#endif
