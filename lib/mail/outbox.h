/* outbox.h - the outbox table: mails queued in the caller's transaction (R-MAIL 1), and the claims the mailer delivers by. */
#ifndef TR_OUTBOX_H
#define TR_OUTBOX_H

#include <stdint.h>

#include "mail/mail.h"

/* Renders subject, text and HTML in the recipient's language and inserts the
 * outbox row (in the caller's open transaction). 0, or <0 (TR_DB_*). A
 * duplicate (event_key, recipient) is not an error: returns 0, queues nothing. */
int tr_mail_queue(const tr_mail *m);

/* ---- for tresen-mailer (see outbox.c on claims) ---- */

typedef struct tr_outbox_row {
	int64_t id;
	int attempts;
	const char *kind;
	tr_mail_msg msg;          /* everything but the sender */
} tr_outbox_row;

/* Returns claims of crashed runs: unbegun ones to the queue, begun ones to
 * 'failed' (they may have been delivered). 0 or <0. */
int tr_outbox_recover(void);
/* Claims up to batch due rows for the run me. Count or <0. */
int64_t tr_outbox_claim(const char *me, int batch);
/* The next claimed row not yet begun: 1 found, 0 none, <0 error. */
int tr_outbox_next(const char *me, tr_outbox_row *r);
/* Marks the row as begun (from here on it counts as possibly delivered):
 * 1 begun, 0 taken back meanwhile (not ours), <0 error. */
int tr_outbox_begin(const char *me, const tr_outbox_row *r);
/* The outcome: status "sent", "queued" (again after wait_s) or "failed";
 * counts 0 takes back the attempt tr_outbox_begin counted (the server could
 * not be reached: no fault of this mail's). A sent or failed row keeps its
 * text with the links' tokens blanked (tr_mail_redact_links). */
void tr_outbox_record(const char *me, const tr_outbox_row *r, const char *status, long wait_s, const char *error,
		      int counts);
/* Gives back what the run claimed but did not begin. */
void tr_outbox_release(const char *me);
/* Removes delivered mail older than Mail.keep_sent_days. Count or <0. */
int64_t tr_outbox_purge(void);

#endif
