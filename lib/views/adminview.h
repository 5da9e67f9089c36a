/* adminview.h - what the staff administration pages share: the section and its navigation, the
 * audit trail as page data, the access levels and agents as pickers. */
#ifndef TR_ADMINVIEW_H
#define TR_ADMINVIEW_H

#include "accounts/audit.h"
#include "web/request.h"

/* The levels' names, for the pages' enum fields. */
extern const char *const tr_admin_level_names[];

/* Page.section "admin", AdminNav.current (organizations, users, groups, forms, macros, mail, or "" for /admin). */
void tr_view_admin(tr_req *req, const char *current);
/* The audit rows as Audit.N.* (time, who, action, object, before, after). */
void tr_view_audit(tr_req *req, const tr_audit_row *rows, int n);
/* The newest audit events of kind (and object; 0: all) as Audit.*. 0 or <0. */
int tr_view_audit_of(tr_req *req, const char *kind, int64_t object_id, int limit);

#endif
