/* health.h - what /healthz reports: the database, the outbox, the cron jobs' last runs (lib/jobs). */
#ifndef TR_HEALTH_H
#define TR_HEALTH_H

#include "core/util.h"

/* Appends the plain-text report to out, one "name: state, details" line per
 * check after a first "status: ok|fail" line. Unhealthy (returns 1): the
 * database cannot be reached, the oldest mail waiting to be sent is older
 * than Health.outbox_max_age_s (default 1800), or a job listed in
 * Health.required (default "mailer") has not finished a good run within
 * Health.max_age.<job> seconds (mailer, intake 300; cleanup 3600; others 3600),
 * never ran included. Other jobs are shown, late or not, without failing.
 * Names no secret: no configuration values, no addresses. Returns 0 when healthy. */
int tr_health_report(tr_buf *out);

#endif
