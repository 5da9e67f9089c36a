/* message.h - an incoming mail as the intake sees it, read from a raw message file with GMime.
 *
 * GMime (a maintained MIME library, not a parser of our own) reads the
 * message from the file without loading it: part contents stay on the
 * stream until they are decoded, each straight into a temporary file under
 * Paths.tmp. Whatever the input - broken boundaries, 8-bit headers,
 * nesting past GMime's limit, a truncated message - the result is a
 * tr_inmail with what could be read and a note of what could not; nothing
 * in it is trusted: the text is valid UTF-8 without control characters,
 * names are cleaned like upload names, and the attachments carry their real
 * size and SHA-256. */
#ifndef TR_INTAKE_MESSAGE_H
#define TR_INTAKE_MESSAGE_H

#include <stddef.h>
#include <stdint.h>

#include "core/upload.h"

#define TR_INMAIL_MAX_RCPT 64

typedef struct tr_inmail {
	const char *message_id;          /* "<left@right>" or NULL */
	const char *in_reply_to;         /* "<...>" or NULL */
	const char **references;         /* "<...>", oldest first */
	int nrefs;
	const char *from_addr;           /* lower-cased address of From (the first mailbox), or NULL */
	const char *from_name;
	const char *return_path;         /* the envelope sender as the server recorded it, "" for <>, or NULL */
	const char *recipients[TR_INMAIL_MAX_RCPT];   /* addresses of Delivered-To, X-Original-To, To, Cc */
	int nrcpt;
	const char *subject;
	/* what says a mail was sent by a program (RFC 3834 and the usual others), NULL when absent */
	const char *auto_submitted, *precedence, *x_autoreply, *x_autorespond, *list_id, *auto_response_suppress;
	const char *content_type;        /* of the top part, e.g. "multipart/report" */
	const char *text;                /* the body as plain text (HTML turned into text), "" when none */
	int html_only;                   /* the text came from an HTML part */
	tr_upload *files;                /* attachments */
	tr_upload *inline_images;        /* images shown inside the mail (screenshots) */
	int nfiles;
	int64_t files_bytes;
	int nparts;                      /* MIME parts seen */
	const char *headers;             /* the raw header block (at most 64 KB, valid UTF-8) */
	const char *note;                /* what went wrong while reading, "" when nothing */
	int unreadable;                  /* nothing of it could be read as a message */
} tr_inmail;

typedef struct tr_inmail_limits {
	int64_t file_bytes;              /* per attachment (Limits.upload_bytes) */
	int64_t total_bytes;             /* all attachments together */
	int max_files;
	size_t text_chars;               /* of the body text */
} tr_inmail_limits;

/* The limits from the configuration: Limits.upload_bytes, Intake.max_files_bytes, Intake.max_files,
 * and 65000 characters of text (as the web's comment field). */
tr_inmail_limits tr_inmail_limits_cfg(void);

/* Initializes GMime once per process. */
void tr_inmail_init(void);

/* Reads the message in file path. Attachments over the limits are left out
 * (named in note); their temporary files are created under tmpdir and
 * belong to the caller (tr_inmail_discard). 0, or -1 when the file cannot
 * be read at all (m->unreadable, logged). Pool memory. */
int tr_inmail_parse(const char *path, const char *tmpdir, const tr_inmail_limits *lim, tr_inmail *m);

/* Removes the temporary files of attachments nobody took. */
void tr_inmail_discard(tr_inmail *m);

/* HTML (a mail's HTML part) as plain text: blocks on their own lines, links
 * as their text, scripts, styles and heads left out; what a mail program
 * marks as the quoted earlier mail (a cite blockquote, Gmail's, Outlook's,
 * Thunderbird's quote containers) ends the text. Pool memory. */
char *tr_inmail_html_text(const char *html, size_t len);

#endif
