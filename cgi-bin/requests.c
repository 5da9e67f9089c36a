/* requests.c - /requests ("Anfragen"): tabs, keyword search, filters, sorting, pages, columns (R-LIST). */
#include "tresen.h"
#include "tickets/ticketlist.h"

#include <string.h>

static const char *const scopes[] = { "mine", "cc", "org", NULL };
static const char *const sorts[] = { "updated", "created", "relevance", "updated_asc", "created_asc", NULL };
/* the columns of the three-dot menu, in table order */
static const char *const columns[] = { "id", "subject", "status", "type", "product", "priority", "requester",
				       "assignee", "created", "updated", NULL };
static const char default_columns[] = "id,subject,status,updated";

static const tr_field fields[] = {
	{ "q", TR_F_TEXT, 0, 200, 0, NULL },
	{ "status", TR_F_ENUM, 0, 0, 0, tr_status_names },
	{ "type", TR_F_ENUM, 0, 0, 0, tr_type_names },
	{ "from", TR_F_DATE, 0, 0, 0, NULL },
	{ "to", TR_F_DATE, 0, 0, 0, NULL },
	{ "scope", TR_F_ENUM, 0, 0, 0, scopes },
	{ "sort", TR_F_ENUM, 0, 0, 0, sorts },
	{ "page", TR_F_INT, 0, 1000000, 1, NULL },
	{ "cols", TR_F_ENUM, TR_MULTI, 0, 0, columns },
	{ NULL, 0, 0, 0, 0, NULL },
};

static int scope_of(const char *s)
{
	return s && !strcmp(s, "cc") ? TR_SCOPE_CC : s && !strcmp(s, "org") ? TR_SCOPE_ORG : TR_SCOPE_MINE;
}

#define SHOW_TYPE 8
#define SHOW_PRIORITY 16
#define SHOW_CREATED 32
#define SHOW_UPDATED 64

/* Returns what the list must fill: TR_COL_* joins and SHOW_* fields. */
static int put_columns(tr_req *req)
{
	int joins = 0;
	const char *chosen = tr_user_setting(req->user, "request_columns");
	if (!chosen)
		chosen = default_columns;
	for (int i = 0; columns[i]; i++) {
		char *key = tr_fmt(",%s,", columns[i]);
		int on = strstr(tr_fmt(",%s,", chosen), key) != NULL || !strcmp(columns[i], "subject");
		if (on)
			tr_set(req, tr_fmt("Columns.%s", columns[i]), "1");
		tr_set(req, tr_fmt("ColumnList.%d", i), columns[i]);
		if (on && !strcmp(columns[i], "product"))
			joins |= TR_COL_PRODUCT;
		if (on && !strcmp(columns[i], "requester"))
			joins |= TR_COL_REQUESTER;
		if (on && !strcmp(columns[i], "assignee"))
			joins |= TR_COL_ASSIGNEE;
		if (on && !strcmp(columns[i], "type"))
			joins |= SHOW_TYPE;
		if (on && !strcmp(columns[i], "priority"))
			joins |= SHOW_PRIORITY;
		if (on && !strcmp(columns[i], "created"))
			joins |= SHOW_CREATED;
		if (on && !strcmp(columns[i], "updated"))
			joins |= SHOW_UPDATED;
	}
	return joins;
}

/* Only what the chosen columns show goes into the page data. */
static void put_rows(tr_req *req, const tr_list *list, int shown)
{
	for (int i = 0; i < list->n; i++) {
		const tr_list_row *r = &list->rows[i];
		HDF *row = tr_node(req, tr_fmt("Tickets.%d", i));
		tr_node_set(row, "id", tr_int_str(r->id));
		tr_node_set(row, "subject", r->subject);
		tr_node_set(row, "status", r->status);
		if (shown & SHOW_TYPE)
			tr_node_set(row, "type", r->type);
		if (shown & SHOW_PRIORITY)
			tr_node_set(row, "priority", r->priority);
		if (r->product)
			tr_node_set(row, "product", r->product);
		if (r->requester)
			tr_node_set(row, "requester", r->requester);
		if (r->assignee)
			tr_node_set(row, "assignee", r->assignee);
		tr_time t;
		if ((shown & SHOW_CREATED) && tr_time_parse(r->created_at, &t) == 0) {
			tr_node_set(row, "created", tr_time_date(&t, req->lang));
			tr_node_set(row, "created_iso", tr_time_iso8601(&t));
		}
		if ((shown & SHOW_UPDATED) && tr_time_parse(r->updated_at, &t) == 0) {
			tr_node_set(row, "updated", tr_time_text(&t, req->lang));
			tr_node_set(row, "updated_iso", tr_time_iso8601(&t));
		}
	}
}

/* The sortable column headers: a header sorts by its column, newest first,
 * and once more oldest first; filters stay, the page starts again at 1. */
static void put_sort_links(tr_req *req, const tr_list_query *lq)
{
	static const struct { const char *column, *sort; enum tr_sort by; } sortable[] = {
		{ "id", "created", TR_SORT_CREATED },          /* ids grow with creation */
		{ "created", "created", TR_SORT_CREATED },
		{ "updated", "updated", TR_SORT_UPDATED },
	};
	for (size_t i = 0; i < TR_ARRAY_LEN(sortable); i++) {
		int current = lq->sort == sortable[i].by && strcmp(sortable[i].column, "id");
		const char *next = current && !lq->ascending ? tr_fmt("%s_asc", sortable[i].sort) : sortable[i].sort;
		tr_set(req, tr_fmt("Sort.%s.url", sortable[i].column),
		       tr_self_url(req, "/requests", "sort", next, "page", NULL, NULL));
		if (current)
			tr_set(req, tr_fmt("Sort.%s.dir", sortable[i].column), lq->ascending ? "ascending" : "descending");
	}
}

static void put_navigation(tr_req *req, const tr_list_query *lq, const tr_list *list, const int64_t counts[3])
{
	for (int s = 0; s < 3; s++) {
		tr_set(req, tr_fmt("Tabs.%s.url", scopes[s]),
		       tr_self_url(req, "/requests", "scope", s ? scopes[s] : NULL, "page", NULL, NULL));
		tr_set_int(req, tr_fmt("Tabs.%s.count", scopes[s]), counts[s]);
	}
	tr_set(req, "List.scope", scopes[lq->scope]);
	tr_set_int(req, "List.page", lq->page);
	if (lq->page > 1)
		tr_set(req, "List.prev", tr_self_url(req, "/requests", "page",
						     lq->page > 2 ? tr_fmt("%d", lq->page - 1) : NULL, NULL));
	if (list->has_more)
		tr_set(req, "List.next", tr_self_url(req, "/requests", "page", tr_fmt("%d", lq->page + 1), NULL));
	tr_set_int(req, "List.paged", lq->page > 1 || list->has_more);
	if (lq->page > 1 && list->n == 0)
		tr_set(req, "List.first", tr_self_url(req, "/requests", "page", NULL, NULL));
	put_sort_links(req, lq);
	tr_set(req, "List.reset", tr_self_url(req, "/requests", "q", NULL, "status", NULL, "type", NULL, "from", NULL,
					      "to", NULL, "sort", NULL, "page", NULL, NULL));
	int filtered = lq->q || lq->status >= 0 || lq->type >= 0 || lq->from || lq->to;
	tr_set_int(req, "List.filtered", filtered);
	tr_set_int(req, "List.searched", list->searched);
	tr_set_int(req, "List.found", (int)list->found);
	tr_set_int(req, "List.found_more", list->found_more);
	tr_set_int(req, "List.count", list->n);
}

static int show(tr_req *req)
{
	tr_set(req, "Page.title", tr_L(req, "requests.title"));
	tr_set(req, "Page.section", "requests");
	const char *sort = tr_arg(req, "sort");
	tr_list_query lq = {
		.scope = scope_of(tr_arg(req, "scope")),
		.q = tr_arg(req, "q"),
		.status = tr_status_parse(tr_arg(req, "status")),
		.type = tr_type_parse(tr_arg(req, "type")),
		.from = tr_arg(req, "from"),
		.to = tr_arg(req, "to"),
		.sort = !sort ? (tr_arg(req, "q") ? TR_SORT_RELEVANCE : TR_SORT_UPDATED) :
			!strncmp(sort, "created", 7) ? TR_SORT_CREATED :
			!strcmp(sort, "relevance") ? TR_SORT_RELEVANCE : TR_SORT_UPDATED,
		.ascending = sort && strstr(sort, "_asc") != NULL,
		.page = (int)tr_arg_int(req, "page", 1),
		.per_page = 25,
	};
	int shown = put_columns(req);
	lq.columns = shown & TR_COL_ALL;
	tr_list list;
	int rc = tr_ticket_list(req->user, &lq, &list);
	if (rc)
		return rc;
	put_rows(req, &list, shown);
	put_navigation(req, &lq, &list, list.counts);
	return tr_render(req, "requests.cs");
}

/* The column menu's form (works without JavaScript): save the choice, back to the list. */
static int save_columns(tr_req *req)
{
	const char **cols;
	int n = tr_arg_list(req, "cols", &cols);
	tr_buf b;
	tr_buf_init(&b);
	tr_buf_adds(&b, "subject");
	for (int i = 0; i < n; i++)
		if (strcmp(cols[i], "subject"))
			tr_buf_printf(&b, ",%s", cols[i]);
	int rc = tr_user_setting_set(req->user->id, "request_columns", b.data);
	tr_buf_free(&b);
	if (rc < 0)
		return rc;
	return tr_redirect(req, tr_self_url(req, "/requests", "cols", NULL, NULL));
}

static const tr_page page = {
	.name = "requests",
	.access = TR_CONFIRMED,
	.fields = fields,
	.get = show,
	.post = save_columns,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
