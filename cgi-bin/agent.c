/* agent.c - /agent: the agent's queues (R-AGT) - counts, filters, search over all organizations, pages. */
#include "tresen.h"
#include "accounts/staff.h"
#include "tickets/queue.h"
#include "views/agentview.h"
#include "views/autoview.h"

#include <string.h>

static const tr_field fields[] = {
	{ "queue", TR_F_ENUM, 0, 0, 0, tr_queue_names },
	{ "q", TR_F_TEXT, 0, 200, 0, NULL },
	{ "status", TR_F_ENUM, 0, 0, 0, tr_status_names },
	{ "type", TR_F_ENUM, 0, 0, 0, tr_type_names },
	{ "priority", TR_F_ENUM, 0, 0, 0, tr_priority_names },
	{ "group", TR_F_INT, 0, 1000000000, 1, NULL },
	{ "assignee", TR_F_INT, 0, 1000000000, -1, NULL },
	{ "org", TR_F_TEXT, 0, 100, 0, NULL },
	{ "from", TR_F_DATE, 0, 0, 0, NULL },
	{ "to", TR_F_DATE, 0, 0, 0, NULL },
	{ "sort", TR_F_ENUM, 0, 0, 0, tr_queue_sort_names },
	{ "page", TR_F_INT, 0, 1000000, 1, NULL },
	{ "next", TR_F_INT, 0, 0, 1, NULL },         /* after this ticket: open the next of the queue */
	{ NULL, 0, 0, 0, 0, NULL },
};

static int parse_or(const char *s, int (*parse)(const char *), int def)
{
	int v = s ? parse(s) : -1;
	return v >= 0 ? v : def;
}

static int show(tr_req *req)
{
	const char *queue = tr_arg(req, "queue");
	tr_queue_query q = {
		.queue = (enum tr_queue)parse_or(queue, tr_queue_parse, TR_Q_UNASSIGNED),
		.q = tr_arg(req, "q"),
		.status = parse_or(tr_arg(req, "status"), tr_status_parse, -1),
		.type = parse_or(tr_arg(req, "type"), tr_type_parse, -1),
		.priority = parse_or(tr_arg(req, "priority"), tr_priority_parse, -1),
		.group_id = tr_arg_int(req, "group", 0),
		.assignee_id = tr_arg_int(req, "assignee", 0),
		.org = tr_arg(req, "org"),
		.from = tr_arg(req, "from"),
		.to = tr_arg(req, "to"),
		.sort = TR_QS_WAITING,
		.page = (int)tr_arg_int(req, "page", 1),
		.per_page = 25,
	};
	const char *sort = tr_arg(req, "sort");
	for (int i = 0; sort && tr_queue_sort_names[i]; i++)
		if (!strcmp(sort, tr_queue_sort_names[i]))
			q.sort = (enum tr_queue_sort)i;
	/* a search without a queue looks through every ticket */
	if (!queue && (q.q || q.status >= 0 || q.org || q.from || q.to || q.group_id || q.assignee_id))
		q.queue = TR_Q_ALL;
	int64_t after = tr_arg_int(req, "next", 0);
	if (after)
		q.per_page = 2;                      /* the top of the queue, and one more if it is this one */
	tr_queue_list list;
	int rc = tr_agent_queue(req->user, &q, &list);
	if (rc < 0)
		return rc;
	if (after) {
		for (int i = 0; i < list.n; i++)
			if (list.rows[i].id != after)
				return tr_redirect(req, tr_fmt("/agent/tickets/%lld?queue=%s", (long long)list.rows[i].id,
								tr_queue_names[q.queue]));
		return tr_redirect(req, tr_fmt("/agent?queue=%s&notice=queue_done", tr_queue_names[q.queue]));
	}
	if (list.jump_to)
		return tr_redirect(req, tr_fmt("/agent/tickets/%lld", (long long)list.jump_to));
	tr_staff_item *groups, *agents;
	int ng, na;
	if ((rc = tr_staff_groups_agents(req->user->id, &groups, &ng, &agents, &na)) < 0)
		return rc;
	tr_set(req, "Page.title", tr_L(req, tr_fmt("agent.queue.%s", tr_queue_names[q.queue])));
	tr_set(req, "Page.section", "agent");
	tr_view_queues(req, list.counts, q.queue);
	tr_view_staff(req, groups, ng, agents, na);
	tr_view_queue_rows(req, &list);
	if ((rc = tr_view_queue_sla(req, &list)) < 0)
		return rc;
	tr_set_int(req, "List.page", q.page);
	tr_set_int(req, "List.paged", q.page > 1 || list.has_more);
	tr_set_int(req, "List.searched", list.searched);
	tr_set_int(req, "List.found", (int)list.found);
	tr_set_int(req, "List.found_more", list.found_more);
	tr_set_int(req, "List.filtered", q.q || q.status >= 0 || q.type >= 0 || q.priority >= 0 || q.group_id ||
		    q.assignee_id || q.org || q.from || q.to);
	if (q.page > 1)
		tr_set(req, "List.prev", tr_self_url(req, "/agent", "page", q.page > 2 ? tr_fmt("%d", q.page - 1) : NULL, NULL));
	if (list.has_more)
		tr_set(req, "List.next", tr_self_url(req, "/agent", "page", tr_fmt("%d", q.page + 1), NULL));
	tr_set(req, "List.reset", tr_fmt("/agent?queue=%s", tr_queue_names[q.queue]));
	tr_set(req, "List.queue", tr_queue_names[q.queue]);
	return tr_render(req, "agent.cs");
}

static const tr_page page = {
	.name = "agent",
	.access = TR_AGENT,
	.fields = fields,
	.get = show,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
