/* viewers.h - who has a ticket open (R-AGT collision hint): agents' pages say they are there, now and then. */
#ifndef TR_VIEWERS_H
#define TR_VIEWERS_H

#include <stdint.h>

#define TR_VIEWER_SECONDS 60     /* a page that did not say so for this long is gone */
#define TR_VIEWER_REFRESH 15     /* a viewer's row is renewed at most this often */

/* Notes that user_id has ticket_id open now, and answers the names of the others who had it open
 * within TR_VIEWER_SECONDS (at most max). One read; the write only when user_id's own row is
 * missing or older than TR_VIEWER_REFRESH (a reload or poll moments later writes nothing). Count or <0. */
int tr_viewers_visit(int64_t ticket_id, int64_t user_id, const char **names, int max);

/* Forgets the rows of pages closed long ago (tresen-cleanup). Rows removed or <0. */
int64_t tr_viewers_purge(void);

#endif
