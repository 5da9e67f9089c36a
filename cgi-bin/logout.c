/* logout.c - /logout : signs out (POST only, with CSRF token). */
#include "tresen.h"

static int submit(tr_req *req)
{
	tr_session_end(req);
	return tr_redirect(req, "/?notice=signed_out");
}

static const tr_page page = {
	.name = "logout",
	.access = TR_PUBLIC,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
