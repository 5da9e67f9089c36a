/* customer.h - what a customer does on a ticket's page (R-TKT 2-5): comment with files, mark solved - one transaction. */
#ifndef TR_CUSTOMER_H
#define TR_CUSTOMER_H

#include <stdint.h>

#include "accounts/user.h"
#include "core/upload.h"
#include "tickets/ticket.h"

typedef struct tr_customer_input {
	const char *body;             /* the comment, or NULL */
	const tr_upload *files;       /* attachments (a list), or NULL */
	const tr_upload *screenshots; /* pasted images, shown inline in the comment */
	int solve;                    /* mark the ticket solved as well */
	const char *lang;             /* language of texts the action writes (a follow-up's subject) */
	const char *via;              /* "web" (NULL) or "mail" (a reply by mail, lib/intake) */
} tr_customer_input;

typedef struct tr_customer_result {
	int64_t ticket_id;            /* where the comment went: the ticket, or its new follow-up */
	int64_t comment_id;           /* the comment (a follow-up's description), or 0 */
	int commented, solved;
} tr_customer_result;

/* Does what the customer sent, for u, who may comment on t (the caller
 * checked tr_access_right), in one transaction that starts by locking the
 * ticket, so the status rule applies to the status as it is now, not as the
 * page showed it:
 *  - a comment (with its files) on Pending or Solved reopens the ticket, on
 *    Closed it starts a linked follow-up instead (R-TKT 4, 5);
 *  - "solved" is honoured when the rule allows it (R-TKT 3): sent with a
 *    comment it is dropped silently when not allowed - the comment counts;
 *    sent alone it is TR_E_CONFLICT;
 *  - the responsible agents are told (tickets/notify.h).
 * 0, TR_E_CONFLICT, or a database code. */
int tr_customer_act(const tr_user *u, tr_ticket *t, const tr_customer_input *in, tr_customer_result *out);
/* The same in the caller's open transaction (the mail intake records its
 * trace in the same one): locks the ticket first, like tr_customer_act. */
int tr_customer_apply(const tr_user *u, tr_ticket *t, const tr_customer_input *in, tr_customer_result *out);

#endif
