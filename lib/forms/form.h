/* form.h - request forms held as data (R-NEW 2, 3, 9): definitions, show-conditions, checks, routing completeness.
 *
 * A form (table forms) has fields (form_fields) of seven kinds with options
 * and conditions. The page knows them only at run time: views/formview.h
 * turns them into field declarations that the request pipeline validates
 * like any other; the rules about which fields are shown, required and
 * complete are the pure functions below, shared by page and tests. */
#ifndef TR_FORM_H
#define TR_FORM_H

#include <stddef.h>
#include <stdint.h>

#include "tickets/ticket.h"

#define TR_FORM_PARAM_PREFIX "field_"

enum tr_fkind { TR_FK_TEXT, TR_FK_TEXTAREA, TR_FK_SELECT, TR_FK_MULTI, TR_FK_CHECKBOX, TR_FK_DATE, TR_FK_NUMBER };

typedef struct tr_form_option {
	const char *value, *label_de, *label_en;
	int64_t product_id;           /* 0: choosing it says nothing about the product */
	const char *product_name;
} tr_form_option;

typedef struct tr_form_cond {
	const char *key, *value;      /* shown when field `key` is shown and has `value` */
} tr_form_cond;

typedef struct tr_form_field {
	int64_t id;
	const char *key;              /* [a-z0-9_]; the parameter is field_<key> */
	enum tr_fkind kind;
	const char *label_de, *label_en, *help_de, *help_en;
	int required, routing;
	int needs_approval;           /* shown, it makes the request need the customer administrator (R-APPR) */
	long max_length;              /* text, textarea (0: 200 / 10000) */
	int64_t min_value, max_value; /* number (both 0: any whole number >= 0) */
	tr_form_option *options;
	int noptions;
	tr_form_cond *conds;          /* none: always shown; several: any one suffices */
	int nconds;
	int sort;                     /* display order (the editor's) */
} tr_form_field;

typedef struct tr_form {
	int64_t id, group_id, product_id;
	const char *slug, *title_de, *title_en, *help_de, *help_en;
	unsigned types;               /* bit 1 << tr_type for each request type offered */
	tr_form_field *fields;        /* in display order */
	int nfields;
	int sort, active;             /* the chooser's order; offered to customers (the editor's) */
} tr_form;

/* The submitted values of a form: one list per field, in field order. */
typedef struct tr_form_vals {
	const char **v;
	int n;
	int invalid;                  /* the value sent broke the field's rule (its message is shown already) */
} tr_form_vals;

/* Active forms for the chooser, without fields (pool memory). n or <0. */
int tr_form_list(tr_form **out);
/* An active form with its fields, options and conditions: 1 found, 0 not
 * (missing, inactive), <0 database trouble. */
int tr_form_load(int64_t id, tr_form **out);
/* The same for the form editor: active or not (sort and active set). */
int tr_form_load_any(int64_t id, tr_form **out);

/* A form's title, help, field label and help in a language ("de", "en"). */
/* 1 when s (1..max bytes) is of a-z, 0-9, '_' and the characters of extra: keys and option values
 * become parameter names, HDF paths and CSS selectors, and the schema's checks allow no other. */
int tr_form_plain(const char *s, const char *extra, size_t max);
const char *tr_form_title(const tr_form *f, const char *lang);
const char *tr_form_help(const tr_form *f, const char *lang);
const char *tr_form_label(const tr_form_field *ff, const char *lang);
const char *tr_form_field_help(const tr_form_field *ff, const char *lang);
const char *tr_form_option_label(const tr_form_option *o, const char *lang);
/* "text", "textarea", "select", "multiselect", "checkbox", "date", "number". */
const char *tr_form_kind_name(enum tr_fkind kind);
/* The request parameter of a field: "field_<key>" (pool memory). */
const char *tr_form_param(const tr_form_field *ff);

/* Which fields are shown for these values (shown[i] for fields[i]): a field
 * with conditions is shown when one holds; a condition on a field that is not
 * an earlier one of the form never holds, so conditions cannot loop. */
void tr_form_shown(const tr_form *f, const tr_form_vals *vals, int *shown);
/* 1 when a shown field is marked "needs approval" (system access, dumps: R-APPR). */
int tr_form_needs_approval(const tr_form *f, const int *shown);
/* 1 when every shown field marked "needed for routing" has a value (R-NEW 9). */
int tr_form_routing_complete(const tr_form *f, const tr_form_vals *vals, const int *shown);
/* Index of the first shown required field without a value after `from`, or -1. */
int tr_form_next_missing(const tr_form *f, const tr_form_vals *vals, const int *shown, int from);
/* 1 when the form offers the request type. */
int tr_form_offers(const tr_form *f, enum tr_type type);
/* The ticket's product: a chosen option's, else the form's (0: none). */
int64_t tr_form_product(const tr_form *f, const tr_form_vals *vals, const int *shown);

/* The shown, filled values as the ticket keeps them: labels in both
 * languages, option labels (and yes for a checkbox) in lang. A choice that
 * only names the ticket's product (label = product name) is left out: the
 * ticket shows its product anyway. n in *n. */
tr_ticket_value *tr_form_snapshot(const tr_form *f, const tr_form_vals *vals, const int *shown, const char *lang,
				  const char *yes, int *n);

#endif
