/* tresen.h - everything a page or cron program includes. */
#ifndef TRESEN_H
#define TRESEN_H

#include "util.h"
#include "pool.h"
#include "log.h"
#include "config.h"
#include "neoerr.h"
#include "db.h"
#include "user.h"
#include "request.h"
#include "response.h"
#include "render.h"
#include "session.h"
#include "password.h"
#include "throttle.h"
#include "auth.h"
#include "job.h"
#include "timefmt.h"
#include "ticket.h"
#include "access.h"
#include "attach.h"
#include "ticketlist.h"
#include "notify.h"
#include "mail.h"
#include "account.h"

#endif
