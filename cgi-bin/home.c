/* home.c - / : the portal's front page (search, notices, entry points). */
#include "tresen.h"

static int show(tr_req *req)
{
	return tr_render(req, "home.cs");
}

static const tr_page page = {
	.name = "home",
	.access = TR_PUBLIC,
	.get = show,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
