/* notfound.c - the web server's 404 (ErrorDocument, apache-conf/tresen.conf.in): the error page of the
 * portal itself, with header, navigation, search and the reader's language (R-HC: error pages). */
#include "tresen.h"

static int show(tr_req *req)
{
	(void)req;
	return 404;
}

static const tr_page page = {
	.name = "notfound",
	.access = TR_PUBLIC,
	.get = show,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
