/* mail.h - mail: rendered in the recipient's language (R-MAIL 2) for the outbox (mail/outbox.h),
 * and the rules for writing a queued mail as an Internet message (RFC 5322, 2045, 2047).
 *
 * A mail kind is one template, templates/mail/<kind>.cs, that defines the
 * macros subject(), text() and html() and includes mail/layout.cs; its strings
 * live under L.mail.<kind> in templates/lang/<code>.hdf. The template sees the
 * caller's data (by convention under Mail.*) plus Mail.to_name, Mail.to,
 * Mail.lang, Mail.site_url (the portal's address) and Mail.part. Subject and text are rendered without escaping (they are not
 * HTML), the HTML part with the usual HTML escaping. tresen-mailer
 * (cron/mailer.c) delivers the rows. */
#ifndef TR_MAIL_H
#define TR_MAIL_H

#include <stddef.h>
#include <stdint.h>
#include <ClearSilver.h>

#include "core/util.h"

typedef struct tr_mail {
	const char *kind;        /* mail template: templates/mail/<kind>.cs ([a-z0-9_]) */
	const char *event_key;   /* unique per event together with the recipient, or NULL */
	int64_t user_id;         /* recipient user id, or 0 */
	const char *to, *to_name, *lang;   /* lang "de"/"en" (other values: the default language) */
	HDF *data;               /* template data, owned by the caller (may be NULL) */
	const char *in_reply_to; /* Message-ID this mail answers ("<...>"), or NULL */
	const char *reply_to;    /* or NULL */
	int64_t ticket_id;       /* a ticket mail: replies to it come back to the ticket (mail/reply.h):
	                          * Reply-To and In-Reply-To default to the ticket's reply address and
	                          * thread, the text carries the reply marker (Mail.reply_marker), and
	                          * the Message-ID is kept in mail_threads */
} tr_mail;

/* A fresh data set for tr_mail.data (the caller destroys it), and a value
 * for it (NULL values are left out). */
HDF *tr_mail_data(void);
void tr_mail_put(HDF *d, const char *name, const char *value);

typedef struct tr_mail_rendered {
	const char *subject;     /* one line, no control characters */
	const char *text;        /* LF line ends, ends with one LF */
	const char *html;
} tr_mail_rendered;

/* Only the rendering step of tr_mail_queue (pool memory). 0 or -1 (logged). */
int tr_mail_render(const tr_mail *m, tr_mail_rendered *out);

/* A queued mail as it goes out. */
typedef struct tr_mail_msg {
	const char *from, *from_name;
	const char *to, *to_name;
	const char *reply_to;        /* or NULL */
	const char *subject;
	const char *text, *html;     /* any line ends */
	const char *message_id;      /* "<...@...>" */
	const char *in_reply_to;     /* or NULL */
	int64_t date;                /* seconds since the epoch */
} tr_mail_msg;

/* Writes the complete message: headers, then a multipart/alternative body
 * (text/plain and text/html, UTF-8, quoted-printable), every line ending in
 * CRLF. Names and subjects can add no header: CR/LF never reach the output
 * unencoded. boundary must be a string that cannot occur in quoted-printable
 * output (tr_mail_boundary makes one). */
void tr_mail_build(const tr_mail_msg *msg, const char *boundary, tr_buf *out);
/* A fresh random boundary beginning with "=_" (pool memory). */
char *tr_mail_boundary(void);

/* A header value with CR, LF and every other control character replaced by a
 * space (pool memory). */
char *tr_mail_header_clean(const char *s);
/* A header value ready to follow "Name: " (used = the characters before it on
 * the line): cleaned, then printable ASCII as it is (folded at spaces when
 * long), anything else as RFC 2047 "B" encoded-words on lines of at most 76
 * characters, never splitting a UTF-8 character (pool memory). */
char *tr_mail_encode_header(const char *value, size_t used);
/* "Display Name <addr>" with the name quoted or encoded as needed, or just
 * addr when name is NULL or blank (pool memory). */
char *tr_mail_address(const char *name, const char *addr, size_t used);
/* Appends s[0..n) as quoted-printable (RFC 2045): lines of at most 76
 * characters, hard line breaks (LF, CRLF or CR) as CRLF. */
void tr_mail_qp(const char *s, size_t n, tr_buf *out);
/* RFC 5322 date of t in UTC, e.g. "Thu, 27 Nov 2025 05:21:00 +0000" (pool memory). */
char *tr_mail_date(int64_t t);
/* A new globally unique "<random@domain>" for the domain of Mail.from (pool memory). */
char *tr_mail_message_id(void);
/* 1 when s is a well-formed "<left@right>" message id without spaces or controls. */
int tr_mail_msgid_valid(const char *s);

/* text with the token of every signed link in it (token=... or /csat/..., 20 or more
 * base64url characters) replaced by "token=-": what stays in the outbox
 * after delivery opens nothing (pool memory). */
char *tr_mail_redact_links(const char *text);

/* Seconds to wait before attempt number attempts + 1, after `attempts` temporary
 * failures: Mail.retry_base_s doubled per failure, at most Mail.retry_max_s. */
long tr_mail_backoff(int attempts);

#endif
