/* colleagues.c - /requests/colleagues?q=...: colleagues to put in CC, as JSON, for the request form's CC field.
 * Only after two letters, names first; only the signed-in user's own organization, never anyone else. */
#include "tresen.h"
#include "core/json.h"

#include <string.h>

#define MATCHES 8

static const tr_field fields[] = {
	{ "q", TR_F_TEXT, 0, 100, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static int show(tr_req *req)
{
	const char *q = tr_arg(req, "q");
	tr_colleague *list = NULL;
	int n = 0;
	/* two letters at least: no one gets the whole address book by typing one */
	if (q && tr_utf8_len(q, strlen(q)) >= 2 && (n = tr_user_colleagues(req->user, q, MATCHES, &list)) < 0)
		return n;
	tr_buf b;
	tr_buf_init(&b);
	tr_buf_adds(&b, "{");
	tr_json_key(&b, "colleagues");
	tr_buf_adds(&b, "[");
	for (int i = 0; i < n; i++) {
		tr_buf_adds(&b, i ? ",{" : "{");
		tr_json_key(&b, "name");
		tr_json_str(&b, list[i].name);
		tr_buf_adds(&b, ",");
		tr_json_key(&b, "email");
		tr_json_str(&b, list[i].email);
		tr_buf_adds(&b, "}");
	}
	tr_buf_adds(&b, "]}");
	tr_send(req, "application/json; charset=utf-8", b.data, b.len);
	tr_buf_free(&b);
	return 0;
}

static const tr_page page = {
	.name = "colleagues",
	.access = TR_CONFIRMED,
	.fields = fields,
	.get = show,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
