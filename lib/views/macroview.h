/* macroview.h - the macro pages (/agent/macros: an agent's own, /admin/macros: the shared ones): list, form, saving. */
#ifndef TR_MACROVIEW_H
#define TR_MACROVIEW_H

#include "web/request.h"

/* The fields both macro pages declare. */
extern const tr_field tr_macro_fields[];

/* GET: the macros (the shared ones, or the agent's own besides them) and the
 * form, filled with ?edit=ID when given. */
int tr_macro_page_show(tr_req *req, int shared, const char *tmpl);
/* POST: saves (action=save, id 0 creates) or deletes (action=delete) a
 * macro, then back to the list with a notice; a form with problems again. */
int tr_macro_page_submit(tr_req *req, int shared, const char *tmpl);

#endif
