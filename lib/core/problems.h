/* problems.h - what was wrong with the input, as domain code reports it: field, message key, argument.
 *
 * Domain functions never touch a page's data; they list the problems (each an
 * L.* message key, for a field or for the whole form) and return
 * TR_E_INVALID or TR_E_THROTTLED. The page shows them (tr_form_problems). */
#ifndef TR_PROBLEMS_H
#define TR_PROBLEMS_H

#define TR_PROBLEMS_MAX 16

typedef struct tr_problem {
	const char *field;        /* a declared field, or NULL for the form */
	const char *key;          /* L.* key of the message */
	const char *arg;          /* replaces the message's %s, or NULL */
} tr_problem;

typedef struct tr_problems {
	tr_problem list[TR_PROBLEMS_MAX];
	int n;
	long wait_s;              /* with TR_E_THROTTLED: seconds until the next try */
} tr_problems;

/* Adds a problem (strings must live until the request ends); beyond
 * TR_PROBLEMS_MAX the form problem "err.form" stands for the rest. */
void tr_problem_add(tr_problems *p, const char *field, const char *key, const char *arg);
/* 1 when field (NULL: the form) has a problem. */
int tr_problem_on(const tr_problems *p, const char *field);

#endif
