/* tresen.h - what every page program includes: the core, the database and the request pipeline.
 * Pages add the domain and view headers they use; nothing in lib/ includes this file. */
#ifndef TRESEN_H
#define TRESEN_H

#include "core/config.h"
#include "core/email.h"
#include "core/log.h"
#include "core/neoerr.h"
#include "core/pool.h"
#include "core/result.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "core/url.h"
#include "core/util.h"
#include "db/db.h"
#include "render/render.h"
#include "accounts/user.h"
#include "web/input.h"
#include "web/page.h"
#include "web/request.h"
#include "web/response.h"
#include "web/serve.h"
#include "web/session.h"
#include "views/hcview.h"

/* Every page's frame shows the help centre's urgent notice and footer pages
 * (views/frameview.c); the pipeline knows no domain, so each program registers it. */
__attribute__((constructor)) static void tr_frame_register(void)
{
	tr_frame_set(tr_view_hc_page_frame);
}

#endif
