/* csat.c - /agent/reports/csat: the satisfaction report for staff (R-CSAT 4): score (share
 * "satisfied" or better) per agent, group, form or month, with counts, the reasons and comments,
 * a server-rendered SVG chart, and the same table as CSV (?format=csv). */
#include "tresen.h"
#include "tickets/csat.h"

#include <string.h>

static const char *const by_values[] = { "agent", "group", "form", "month", NULL };
static const char *const format_values[] = { "html", "csv", NULL };

static const tr_field fields[] = {
	{ "from", TR_F_DATE, 0, 0, 0, NULL },
	{ "to", TR_F_DATE, 0, 0, 0, NULL },
	{ "by", TR_F_ENUM, 0, 0, 0, by_values },
	{ "format", TR_F_ENUM, 0, 0, 0, format_values },
	{ NULL, 0, 0, 0, 0, NULL },
};

/* Whole percent, rounded half up (the same in the page, the chart and the CSV). */
static int percent(int good, int n)
{
	return n ? (int)((good * 200 + n) / (2 * n)) : 0;
}

/* One CSV cell: quoted, quotes doubled, and a leading = + - @ defused for spreadsheets. */
static void csv_cell(tr_buf *b, const char *s, int last)
{
	s = s ? s : "";
	tr_buf_addc(b, '"');
	if (*s == '=' || *s == '+' || *s == '-' || *s == '@')
		tr_buf_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			tr_buf_addc(b, '"');
		tr_buf_addc(b, *s);
	}
	tr_buf_adds(b, last ? "\"\r\n" : "\",");
}

static const char *row_label(tr_req *req, const char *by, const tr_csat_row *r)
{
	if (!strcmp(by, "month"))
		return r->key;
	return r->label && *r->label ? r->label : tr_L(req, "report.csat.none");
}

static int csv(tr_req *req, const char *by, const tr_csat_row *rows, int n, const tr_csat_row *total)
{
	tr_buf b;
	tr_buf_init(&b);
	csv_cell(&b, tr_L(req, tr_fmt("report.csat.by_%s", by)), 0);
	csv_cell(&b, tr_L(req, "report.csat.count"), 0);
	csv_cell(&b, tr_L(req, "report.csat.good"), 0);
	csv_cell(&b, tr_fmt("%s (%%)", tr_L(req, "report.csat.score")), 0);
	for (int i = 0; tr_csat_levels[i]; i++)
		csv_cell(&b, tr_L(req, tr_fmt("csat.level.%s", tr_csat_levels[i])), !tr_csat_levels[i + 1]);
	for (int k = 0; k <= n; k++) {
		const tr_csat_row *r = k < n ? &rows[k] : total;
		csv_cell(&b, k < n ? row_label(req, by, r) : tr_L(req, "report.csat.total"), 0);
		csv_cell(&b, tr_fmt("%d", r->n), 0);
		csv_cell(&b, tr_fmt("%d", r->good), 0);
		csv_cell(&b, tr_fmt("%d", percent(r->good, r->n)), 0);
		for (int i = 0; i < 5; i++)
			csv_cell(&b, tr_fmt("%d", r->levels[i]), i == 4);
	}
	tr_header(req, "Content-Disposition", tr_fmt("attachment; filename=\"csat-%s.csv\"", by));
	int rc = tr_send(req, "text/csv; charset=utf-8", b.data ? b.data : "", b.len);
	tr_buf_free(&b);
	return rc;
}

static int show(tr_req *req)
{
	const char *by = tr_arg(req, "by") ? tr_arg(req, "by") : "agent";
	const char *from = tr_arg(req, "from"), *to = tr_arg(req, "to");
	tr_csat_row *rows, total;
	int n = tr_csat_report(by, from, to, req->lang, &rows, &total);
	if (n < 0)
		return n;
	const char *format = tr_arg(req, "format");
	if (format && !strcmp(format, "csv"))
		return csv(req, by, rows, n, &total);
	tr_set(req, "Page.title", tr_L(req, "report.csat.title"));
	tr_set(req, "Page.section", "agent");
	tr_set(req, "Report.by", by);
	tr_set(req, "Report.from", from);
	tr_set(req, "Report.to", to);
	tr_set(req, "Report.by_label", tr_L(req, tr_fmt("report.csat.by_%s", by)));
	tr_set(req, "Report.chart_title", tr_subst(tr_L(req, "report.csat.chart"), tr_L(req, tr_fmt("report.csat.by_%s", by))));
	tr_set(req, "Report.csv", tr_self_url(req, "/agent/reports/csat", "format", "csv", NULL));
	/* the chart: one bar per row, its length the score; drawn by the template from these numbers */
	for (int i = 0; i < n; i++) {
		HDF *h = tr_node(req, tr_fmt("Report.rows.%d", i));
		int pct = percent(rows[i].good, rows[i].n);
		tr_node_set(h, "label", row_label(req, by, &rows[i]));
		tr_node_set(h, "n", tr_int_str(rows[i].n));
		tr_node_set(h, "good", tr_int_str(rows[i].good));
		tr_node_set(h, "score", tr_int_str(pct));
		tr_node_set(h, "y", tr_int_str(10 + i * 28));
		tr_node_set(h, "ty", tr_int_str(10 + i * 28 + 15));
		tr_node_set(h, "w", tr_int_str(pct * 3));
		tr_node_set(h, "tx", tr_int_str(200 + pct * 3 + 6));
		for (int l = 0; l < 5; l++)
			tr_node_set(h, tr_fmt("levels.%d", l), tr_int_str(rows[i].levels[l]));
	}
	tr_set_int(req, "Report.n", n);
	tr_set_int(req, "Report.chart_h", 20 + n * 28);
	tr_set(req, "Report.total.n", tr_int_str(total.n));
	tr_set(req, "Report.total.good", tr_int_str(total.good));
	tr_set(req, "Report.total.score", tr_int_str(percent(total.good, total.n)));
	for (int l = 0; l < 5; l++)
		tr_set(req, tr_fmt("Report.total.levels.%d", l), tr_int_str(total.levels[l]));
	for (int l = 0; tr_csat_levels[l]; l++)
		tr_set(req, tr_fmt("Report.levels.%d", l), tr_L(req, tr_fmt("csat.level.%s", tr_csat_levels[l])));
	/* reasons in words: the configured labels */
	const char **keys, **labels, **rkeys;
	int nk = tr_csat_reasons(req->lang, &keys, &labels), *counts;
	int nr = tr_csat_reason_counts(from, to, &rkeys, &counts);
	if (nr < 0)
		return nr;
	for (int i = 0; i < nr; i++) {
		const char *label = rkeys[i];
		for (int k = 0; k < nk; k++)
			if (!strcmp(keys[k], rkeys[i]))
				label = labels[k];
		HDF *h = tr_node(req, tr_fmt("Report.reasons.%d", i));
		tr_node_set(h, "label", label);
		tr_node_set(h, "n", tr_int_str(counts[i]));
	}
	tr_csat_comment *c;
	int nc = tr_csat_comments(from, to, 50, &c);
	if (nc < 0)
		return nc;
	for (int i = 0; i < nc; i++) {
		HDF *h = tr_node(req, tr_fmt("Report.comments.%d", i));
		tr_node_set(h, "ticket", tr_int_str(c[i].ticket_id));
		tr_node_set(h, "rating", tr_L(req, tr_fmt("csat.level.%s", tr_csat_level_name(c[i].rating))));
		const char *label = c[i].reason;
		for (int k = 0; label && k < nk; k++)
			if (!strcmp(keys[k], c[i].reason))
				label = labels[k];
		tr_node_set(h, "reason", label);
		tr_node_set(h, "comment", c[i].comment);
		tr_node_set(h, "agent", c[i].agent);
		tr_node_set(h, "at", tr_time_show(c[i].rated_at, req->lang));
	}
	return tr_render(req, "agent/reports/csat.cs");
}

static const tr_page page = {
	.name = "agent/reports/csat",
	.access = TR_AGENT,
	.fields = fields,
	.get = show,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
