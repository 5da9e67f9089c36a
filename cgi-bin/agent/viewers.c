/* viewers.c - /agent/tickets/ID/viewers: "I still have it open", answered with who else has (JSON), for the ticket page's poll. */
#include "tresen.h"
#include "core/json.h"
#include "tickets/access.h"
#include "tickets/viewers.h"


#define MAX_OTHERS 8

static const tr_field fields[] = {
	{ NULL, 0, 0, 0, 0, NULL },
};

static int show(tr_req *req)
{
	int64_t id = tr_path_id(req);
	if (!id)
		return 404;
	enum tr_right right;
	int rc;
	if (!tr_access_ticket(req->user, id, &right, &rc))
		return rc;
	const char *names[MAX_OTHERS];
	int n;
	if ((n = rc = tr_viewers_visit(id, req->user->id, names, MAX_OTHERS)) < 0)
		return rc;
	tr_buf b;
	tr_buf_init(&b);
	tr_buf_adds(&b, "{");
	tr_json_key(&b, "others");
	tr_buf_adds(&b, "[");
	for (int i = 0; i < n; i++) {
		if (i)
			tr_buf_adds(&b, ",");
		tr_json_str(&b, names[i]);
	}
	tr_buf_adds(&b, "]}");
	tr_send(req, "application/json; charset=utf-8", b.data, b.len);
	tr_buf_free(&b);
	return 0;
}

static const tr_page page = {
	.name = "agent-viewers",
	.access = TR_AGENT,
	.fields = fields,
	.get = show,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
