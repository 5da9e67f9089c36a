/* problems.c - the list of input problems domain code reports. */
#include "core/problems.h"

#include <string.h>

void tr_problem_add(tr_problems *p, const char *field, const char *key, const char *arg)
{
	if (p->n == TR_PROBLEMS_MAX)
		return;
	p->list[p->n++] = (tr_problem){ field, key, arg };
}

int tr_problem_on(const tr_problems *p, const char *field)
{
	for (int i = 0; i < p->n; i++) {
		const char *f = p->list[i].field;
		if (field ? f && !strcmp(f, field) : !f)
			return 1;
	}
	return 0;
}
