/* newticket.h - a ticket from a request form (R-NEW 1-9, R-PRIO, R-MAIL 1): the page data, the checks,
 * files kept between attempts, one ticket per form token, the rate limit, and the creating transaction. */
#ifndef TR_NEWTICKET_H
#define TR_NEWTICKET_H

#include <stdint.h>
#include "form.h"
#include "request.h"

/* The chooser: Forms.N.{id,title,help} of the active forms. 0 or <0. */
int tr_newticket_chooser(tr_req *req);

/* Page data for showing form f, the first time or again (errors, the
 * suggestion step): NewForm.* (fields in the request's language, their
 * conditions, the request types offered), NewRequest.colleagues for CC,
 * the one-time form token (Form.form_token, new unless the form carries
 * one), NewRequest.pending (files kept from earlier attempts). 0 or <0. */
int tr_newticket_page(tr_req *req, const tr_form *f);

/* Handles a submitted form f for the signed-in, confirmed req->user.
 * Returns an HTTP status for input no form sends (400), a missing
 * form-level right (403) or trouble (503); otherwise 0 and either
 * *ticket_id > 0 - created now, or by an earlier submit of the same form
 * token - or *ticket_id = 0 when the form must be shown again: with field
 * errors (req->status 422), over the rate limit (429), or to show
 * suggested articles first (200; NewRequest.suggest_step, Suggestions.N). */
int tr_newticket_submit(tr_req *req, const tr_form *f, int64_t *ticket_id);

/* The entries of a CC field: separated by commas, semicolons or line
 * breaks, trimmed; "Name <address>" gives the address. Count, entries in
 * *out (pool memory). */
int tr_cc_split(const char *text, const char ***out);

/* Removes form tokens and kept files older than the settings allow
 * (tresen-cleanup). 0 or <0. */
int tr_newticket_cleanup(void);

#endif
