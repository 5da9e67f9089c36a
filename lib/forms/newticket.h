/* newticket.h - a ticket from a request form (R-NEW 1-9, R-PRIO, R-MAIL 1): the form's rules, files kept
 * between attempts, one ticket per form token, the rate limit, suggestions first, and the creating transaction.
 *
 * The page validates every field by its declaration first (views/formview.h
 * for the form's own fields); what this module checks is what needs the
 * form, the user or the database. */
#ifndef TR_NEWTICKET_H
#define TR_NEWTICKET_H

#include <stdint.h>

#include "accounts/user.h"
#include "core/problems.h"
#include "core/upload.h"
#include "forms/form.h"
#include "hc/article.h"

typedef struct tr_newticket {
	const tr_form *form;
	const tr_form_vals *vals;     /* the form's field values, one list per field */
	const char *token;            /* the form's one-time token */
	const char *subject, *description;
	int type;                     /* enum tr_type, or -1 when none was chosen */
	int urgent;
	const char *urgent_reason;
	const char *cc;               /* the CC field as typed */
	const int64_t *remove;        /* kept files the user unticked */
	int nremove;
	const tr_upload *files;       /* files sent with this attempt */
	int suggested;                /* the suggestions were seen already (live, or in the step) */
	int page_errors;              /* field errors the page found: keep the files, list the rest, make nothing */
	const char *lang;             /* language of the values' snapshot */
	const char *yes;              /* how a ticked checkbox reads in it */
} tr_newticket;

typedef struct tr_newticket_result {
	int64_t ticket_id;            /* > 0: made now, or by an earlier submit of the same token */
	tr_article_hit *suggestions;  /* > 0 of them: the suggestion step - nothing was made */
	int nsuggestions;
	tr_problems problems;         /* with TR_E_INVALID / TR_E_THROTTLED */
} tr_newticket_result;

/* Makes the ticket for u, who is signed in and confirmed: 0 with a
 * ticket_id, or 0 with suggestions to show first; TR_E_INVALID with the
 * problems (required fields that are shown, the urgency's reason, CCs that
 * are no colleagues); TR_E_THROTTLED over Tickets.max_per_hour;
 * TR_E_BAD_INPUT for what no form sends (a malformed or another user's
 * token, a type the form does not offer); TR_E_TOO_LARGE for too many kept
 * files; or the database's code. */
int tr_newticket_submit(const tr_user *u, const tr_newticket *in, tr_newticket_result *out);

/* The entries of a CC field: separated by commas, semicolons or line
 * breaks, trimmed; "Name <address>" gives the address. Count, entries in
 * *out (pool memory). */
int tr_cc_split(const char *text, const char ***out);

/* Removes form tokens and kept files older than the settings allow
 * (tresen-cleanup). 0 or <0. */
int tr_newticket_cleanup(void);

#endif
