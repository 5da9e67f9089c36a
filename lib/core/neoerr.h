/* neoerr.h - ClearSilver's NEOERR chains: log them once and free them. */
#ifndef TR_NEOERR_H
#define TR_NEOERR_H

#include <ClearSilver.h>

/* Logs err (with what was being done) and frees it; returns -1, or 0 when err is NULL. */
int tr_neoerr_log(NEOERR *err, const char *doing);
/* Frees err without a word, for failures that change nothing. */
void tr_neoerr_ignore(NEOERR *err);

#endif
