/* formedit.h - the form editor of staff administration (R-NEW 2, R-ORG admin): forms, their fields,
 * options and show-conditions changed as data, so a new product form needs no code, no SQL and no
 * restart (the request pages read forms from the database on every request).
 *
 * Every change is one transaction that ends with the whole form checked
 * (tr_form_check): a change that would leave a broken condition, a choice
 * without options or a form without a receiving group is rolled back and
 * reported, and the form stays as it was. Each change is audited. */
#ifndef TR_FORMEDIT_H
#define TR_FORMEDIT_H

#include <stdint.h>

#include "accounts/staff.h"
#include "accounts/user.h"
#include "core/problems.h"
#include "forms/form.h"

/* Every form, active or not, without fields, in the chooser's order. Count or <0. */
int tr_formedit_list(tr_form **out);
/* The products a form or option may name, by name. Count or <0. */
int tr_formedit_products(tr_staff_item **out);

/* The rules a form keeps (pure): a receiving group; at least one request
 * type; titles in both languages; field keys plain and unique; labels in
 * both languages; a choice field has options; number bounds in order; every
 * condition names an earlier choice or checkbox field of the form and one of
 * its values ('1' for a checkbox). Problems name the editor's fields
 * ("group", "types", "key", "options", "conditions" ...) with the field key
 * as argument. 0, or TR_E_INVALID. */
int tr_form_check(const tr_form *f, tr_problems *p);

/* The editor's text forms (pure). Options: one a line, "value | label de |
 * label en | product" (the English label defaults to the German one; the
 * product, a product's name, is optional: choosing the option sets the
 * ticket's product). Conditions: "key=value", one a line or comma-
 * separated. A bad entry is a problem on "options" / "conditions" with the
 * line as argument. Count, or -1 with problems. */
int tr_form_parse_options(const char *text, tr_form_option **out, tr_problems *p);
int tr_form_parse_conds(const char *text, tr_form_cond **out, tr_problems *p);
/* The same lists as the editor shows them again (pool memory). */
const char *tr_form_options_text(const tr_form_field *ff);
const char *tr_form_conds_text(const tr_form_field *ff);

/* Creates (f->id 0; set on success) or changes a form's own settings: slug
 * (plain, unique), titles, help, group, product, types, sort, active. 0,
 * TR_E_INVALID with problems, TR_E_NOT_FOUND, or <0. */
int tr_formedit_save(const tr_user *admin, tr_form *f, tr_problems *p);
/* Which group receives the form's new tickets. Same results. */
int tr_formedit_route(const tr_user *admin, int64_t form_id, int64_t group_id, tr_problems *p);
/* Creates (ff->id 0; set on success) or changes a field of form_id with its
 * options (kept by value: an option's product stays) and conditions. */
int tr_formedit_save_field(const tr_user *admin, int64_t form_id, tr_form_field *ff, tr_problems *p);
/* Removes a field (refused while another field's condition needs it). */
int tr_formedit_delete_field(const tr_user *admin, int64_t form_id, int64_t field_id, tr_problems *p);

#endif
