/* adminview.c - the staff administration pages' shared parts: section, navigation, audit trail. */
#include "views/adminview.h"
#include "core/pool.h"
#include "core/timefmt.h"
#include "web/response.h"

const char *const tr_admin_level_names[] = { "own", "org_read", "org_comment", NULL };

void tr_view_admin(tr_req *req, const char *current)
{
	tr_set(req, "Page.section", "admin");
	tr_set(req, "AdminNav.current", current ? current : "");
}

void tr_view_audit(tr_req *req, const tr_audit_row *rows, int n)
{
	for (int i = 0; i < n; i++) {
		HDF *h = tr_node(req, tr_fmt("Audit.%d", i));
		tr_node_set(h, "id", tr_int_str(rows[i].id));
		tr_node_set(h, "at", tr_time_show(rows[i].at, req->lang));
		tr_node_set(h, "at_iso", tr_time_iso(rows[i].at));
		tr_node_set(h, "actor", rows[i].actor_name);
		tr_node_set(h, "action", rows[i].action);
		tr_node_set(h, "kind", rows[i].kind);
		tr_node_set(h, "object_id", tr_int_str(rows[i].object_id));
		tr_node_set(h, "object", rows[i].object_name);
		tr_node_set(h, "before", rows[i].before);
		tr_node_set(h, "after", rows[i].after);
	}
}

int tr_view_audit_of(tr_req *req, const char *kind, int64_t object_id, int limit)
{
	tr_audit_row *rows;
	int n = tr_audit_list(kind, object_id, limit, &rows);
	if (n < 0)
		return n;
	tr_view_audit(req, rows, n);
	return 0;
}
