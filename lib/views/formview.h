/* formview.h - a request form held as data on the page: its fields as declarations, its values, its page data. */
#ifndef TR_FORMVIEW_H
#define TR_FORMVIEW_H

#include "accounts/user.h"
#include "forms/form.h"
#include "hc/article.h"
#include "web/request.h"

/* The form's fields as declarations for tr_validate_more (pool memory):
 * select values must be options, numbers within bounds, dates real dates,
 * text within its length. Never TR_REQUIRED: that depends on tr_form_shown. */
tr_field *tr_view_form_fields(const tr_form *f);
/* The values the request carries for the form (after tr_validate_more),
 * with the fields whose value broke its rule marked invalid. */
tr_form_vals *tr_view_form_values(tr_req *req, const tr_form *f);

/* The chooser: Forms.N.{id,slug,title,help} of the active forms. 0 or <0. */
int tr_view_form_chooser(tr_req *req);
/* Page data for showing form f to u, the first time or again (errors, the
 * suggestion step): NewForm.* (fields in the request's language, their
 * conditions, the request types offered),
 * the one-time form token (Form.form_token, new unless the form carries
 * one), NewRequest.pending (files kept from earlier attempts). 0 or <0. */
int tr_view_form(tr_req *req, const tr_form *f, const tr_user *u);
/* Suggestions.N.{title,snippet,url}. */
void tr_view_suggestions(tr_req *req, const tr_article_hit *hits, int n);

#endif
