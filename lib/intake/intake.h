/* intake.h - a fetched mail threaded into its ticket by the web's own rules, with a trace of why (R-MAIL 3).
 *
 * Threading is deterministic, in this order and nothing else (no subject
 * guessing): the signed reply token in a recipient address (mail/reply.h),
 * then In-Reply-To, then References (newest first) against the Message-IDs
 * our ticket mails went out with (mail_threads). The sender (From) must be
 * the ticket's requester or a person in CC who may comment (tickets/access.h),
 * or an agent; a customer's reply does exactly what a comment on the web
 * does (tickets/customer.h: Pending and Solved reopen, Closed starts a
 * follow-up, attachments through the file store), an agent's is a public
 * reply told to the customers, or an internal note when it starts with
 * "#intern". Automatic mail (intake/rules.h) and our own never do
 * anything and are never answered; everything else that is refused may get
 * one polite answer a day per sender (Intake.bounce: users - only to
 * addresses of active users, the default; all; none).
 *
 * Exactly once: the trace row, keyed by (mailbox, UIDVALIDITY, UID), is
 * inserted first in the same transaction as the comment. A second run - on
 * this host or another, at the same time or after a crash - waits on that
 * key and finds it taken, or, if the first rolled back (crashed), does the
 * work itself. No claim can go stale and no lock lives outside the
 * transaction (named locks do not replicate in Galera; a certification
 * conflict there ends as a deadlock, which tr_db_tx retries). The same mail
 * under a second UID becomes one comment: accepted mails are keyed by
 * Message-ID and sender. */
#ifndef TR_INTAKE_H
#define TR_INTAKE_H

#include <stdint.h>

#include "intake/message.h"

/* Where a fetched mail came from. */
typedef struct tr_intake_src {
	const char *mailbox;        /* tr_imap_mailbox() */
	int64_t uidvalidity, uid;
	int64_t size;               /* RFC822.SIZE */
	int headers_only;           /* over Intake.max_message_bytes: only its header block was fetched */
} tr_intake_src;

typedef struct tr_intake_result {
	int already;                /* another run handled it first: nothing was done */
	int64_t intake_id;
	const char *outcome, *reason;
	int64_t ticket_id, comment_id, new_ticket_id;
	int bounced;
} tr_intake_result;

/* 1 when the mail was handled before (its trace row exists), 0 when not, <0. */
int tr_intake_seen(const tr_intake_src *src);

/* Does what mail m asks, with its trace row, in one transaction (see
 * above). 0 with *out filled (out->already when it was handled by another
 * run), or the database's code: then nothing happened and the mail stays
 * new for the next run. The attachments m brought are moved into the file
 * store when they are kept; the caller discards the rest. */
int tr_intake_handle(const tr_intake_src *src, tr_inmail *m, tr_intake_result *out);

/* ---- the trace, for /admin/mail ---- */

typedef struct tr_intake_row {
	int64_t id, uid, size;
	const char *fetched_at, *message_id, *from_addr, *from_name, *subject;
	const char *outcome, *reason, *matched_by, *sender_role;
	int64_t sender_id, ticket_id, comment_id, new_ticket_id;
	int attachments, bounced;
	const char *note, *headers;     /* headers only from tr_intake_get */
} tr_intake_row;

/* Up to limit rows, newest first, older than before_id (0: the newest),
 * with outcome (NULL: any). Count or <0. */
int tr_intake_list(int64_t before_id, const char *outcome, int limit, tr_intake_row **rows);
/* One row with its raw headers; NULL with *err TR_E_NOT_FOUND or the database's code. */
tr_intake_row *tr_intake_get(int64_t id, int *err);

/* tresen-cleanup: trace rows older than Intake.keep_days (180), and the
 * Message-IDs of sent mails older than Intake.thread_days (730). Count or <0. */
int64_t tr_intake_purge(void);

#endif
