/* reply.h - where answers to our ticket mails go (R-MAIL 3): a signed per-ticket reply address, the
 * thread's root Message-ID, and the reply marker above which a person writes.
 *
 * A ticket mail (tr_mail.ticket_id) goes out with Reply-To: the intake
 * address with a plus part naming the ticket and signed with the server
 * secret - support+t123-<20 hex>@tresen.example - and In-Reply-To/References
 * naming the ticket's thread, so mail programs keep a ticket's mails
 * together. The intake (lib/intake) trusts a plus part only when its
 * signature holds: a stranger cannot write a valid token for a ticket. The
 * address is Intake.address (default Mail.from); Intake.delimiter (default
 * "+") is the MTA's sub-address delimiter. */
#ifndef TR_MAIL_REPLY_H
#define TR_MAIL_REPLY_H

#include <stdint.h>

/* The intake's base address: Intake.address, else Mail.from. */
const char *tr_mail_intake_address(void);

/* The reply address of ticket ticket_id (pool memory), or NULL when the
 * intake address is not a valid address. */
const char *tr_mail_reply_address(int64_t ticket_id);

enum tr_reply_token {
	TR_TOKEN_NONE = 0,     /* not the intake address, or the intake address without a plus part */
	TR_TOKEN_OK,           /* a valid token: *ticket_id names the ticket */
	TR_TOKEN_FORGED,       /* the intake address with a plus part whose signature does not hold */
};
/* What an address (as found in To, Cc, Delivered-To ...) says about the
 * ticket; compared without case. */
enum tr_reply_token tr_mail_reply_token(const char *addr, int64_t *ticket_id);

/* 1 when addr is the intake address or one of its plus forms (our own
 * address: a mail from it is one of ours). */
int tr_mail_is_intake_address(const char *addr);

/* The ticket's thread root, "<tresen-ticket-123.<8 hex>@domain>" (pool
 * memory): every mail of the ticket names it in In-Reply-To/References. It
 * is no mail we sent, and the intake does not match replies by it. */
const char *tr_mail_thread_id(int64_t ticket_id);

#endif
