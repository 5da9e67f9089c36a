/* rules.h - the intake's rules as pure functions: what an automatic mail is, what of a reply is new,
 * the agent's note marker. Unit-tested without a mailbox (tests/unit/test_intake.c). */
#ifndef TR_INTAKE_RULES_H
#define TR_INTAKE_RULES_H

#include <stddef.h>

#include "intake/message.h"

/* Why m was sent by a program and must neither become a comment nor be
 * answered (RFC 3834 and the usual others), or NULL for a person's mail:
 *  "auto_submitted"  Auto-Submitted other than "no";
 *  "precedence"      Precedence bulk, junk, list or auto_reply;
 *  "x_autoreply"     X-Autoreply or X-Autorespond present;
 *  "auto_response"   X-Auto-Response-Suppress naming all or oof (Exchange's own auto mail);
 *  "mailing_list"    a List-Id;
 *  "delivery_report" a multipart/report (bounces, read receipts), or the null sender <>;
 *  "mailer_daemon"   from MAILER-DAEMON@ or postmaster@. */
const char *tr_intake_loop_reason(const tr_inmail *m);

/* What is new in a reply (pool memory): the text above our reply marker
 * ("##- ... -##", in any language, also when quoted), else above the usual
 * starts of quoted history - "On ... wrote:" / "Am ... schrieb ...:" (also
 * over two lines), "-----Original Message-----", "-----Ursprüngliche
 * Nachricht-----", Outlook's "From:/Von:" header block, a closing block of
 * "> " lines - and without the signature ("-- " line) or a "Sent from my
 * ..." line at its end; trailing and leading blank lines removed. */
char *tr_intake_cut_reply(const char *text);

/* An agent's reply that starts with "#intern" or "#internal" (a line of
 * its own, or followed by text) is an internal note: returns 1 and the text
 * without the marker in *rest; 0 (and *rest = text) otherwise. */
int tr_intake_note_marker(const char *text, const char **rest);

#endif
