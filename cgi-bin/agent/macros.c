/* macros.c - /agent/macros: an agent's own macros beside the shared ones (R-AGT macros). */
#include "tresen.h"
#include "views/macroview.h"

static int show(tr_req *req)
{
	return tr_macro_page_show(req, 0, "agent/macros.cs");
}

static int submit(tr_req *req)
{
	return tr_macro_page_submit(req, 0, "agent/macros.cs");
}

static const tr_page page = {
	.name = "agent-macros",
	.access = TR_AGENT,
	.fields = tr_macro_fields,
	.get = show,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
