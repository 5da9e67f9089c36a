/* imap.h - the intake mailbox over IMAP (libcurl): list what is new, fetch one mail, mark it handled.
 *
 * Settings: Intake.url (imap://host:port/INBOX, or imaps:// for TLS from the
 * first byte), Intake.tls (none, starttls, tls), Intake.username,
 * Intake.password, Intake.ca_file (a CA bundle or the server's own
 * certificate, instead of the system's), Intake.timeout_s.
 *
 * Handled mail is marked with the keyword TresenDone (and \Seen) and stays
 * in the mailbox; "new" is every undeleted mail without that keyword. The
 * mark is a shortcut only: whether a mail was handled is decided by the
 * trace in the database (intake/intake.h), so a mark lost in a crash costs
 * one look-up, never a second comment. */
#ifndef TR_INTAKE_IMAP_H
#define TR_INTAKE_IMAP_H

#include <stdint.h>

typedef struct tr_imap tr_imap;

/* A session for the configured mailbox (connects on first use); NULL when
 * the settings are unusable (logged). Initializes libcurl on first use. */
tr_imap *tr_imap_open(void);
void tr_imap_close(tr_imap *im);

/* What names this mailbox in the trace: "user@host:port/INBOX" (pool memory). */
const char *tr_imap_mailbox(const tr_imap *im);
/* The last failure, for logs (pool memory). */
const char *tr_imap_error(const tr_imap *im);

/* The mailbox's UIDVALIDITY: UIDs are only meaningful with it. 0 or -1. */
int tr_imap_uidvalidity(tr_imap *im, int64_t *uidvalidity);
/* UIDs of mail not yet marked handled, ascending, at most max. Count or -1. */
int tr_imap_search(tr_imap *im, int64_t *uids, int max);
/* The size of mail uid (RFC822.SIZE): 0 with *size, 1 when the mail is gone, -1. */
int tr_imap_size(tr_imap *im, int64_t uidvalidity, int64_t uid, int64_t *size);
/* Fetches mail uid (only its header block when headers_only) into the file
 * path, at most max bytes (more: 1, the file is cut). 0, 1, or -1. The
 * fetch is pinned to uidvalidity: a mailbox recreated meanwhile fails it. */
int tr_imap_fetch(tr_imap *im, int64_t uidvalidity, int64_t uid, int headers_only, const char *path, int64_t max);
/* Marks mail uid handled (keyword TresenDone and \Seen). 0 or -1. */
int tr_imap_mark(tr_imap *im, int64_t uidvalidity, int64_t uid);

#endif
