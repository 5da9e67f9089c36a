/* neoerr.c - ClearSilver's NEOERR chains: log them once and free them. */
#include "core/neoerr.h"
#include "core/log.h"

int tr_neoerr_log(NEOERR *err, const char *doing)
{
	if (!err)
		return 0;
	STRING str;
	string_init(&str);
	nerr_error_string(err, &str);
	tr_error("%s: %s", doing, str.buf ? str.buf : "(no detail)");
	string_clear(&str);
	nerr_ignore(&err);
	return -1;
}

void tr_neoerr_ignore(NEOERR *err)
{
	if (err)
		nerr_ignore(&err);
}
