/* rules.c - the ticket rules every page and job shares: names, priority, the status machine. */
#include "tickets/rules.h"

#include <string.h>

const char *const tr_status_names[] = { "new", "open", "pending", "solved", "closed", NULL };
const char *const tr_type_names[] = { "question", "incident", "requirement", "change", NULL };
const char *const tr_priority_names[] = { "low", "normal", "high", "urgent", NULL };

static int parse_name(const char *const *names, const char *s)
{
	for (int i = 0; s && names[i]; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

const char *tr_status_name(enum tr_status s)
{
	return (unsigned)s < TR_NSTATUS ? tr_status_names[s] : "new";
}

const char *tr_type_name(enum tr_type t)
{
	return (unsigned)t < TR_NTYPE ? tr_type_names[t] : "question";
}

const char *tr_priority_name(enum tr_priority p)
{
	return (unsigned)p < TR_NPRIORITY ? tr_priority_names[p] : "normal";
}

int tr_status_parse(const char *s) { return parse_name(tr_status_names, s); }
int tr_type_parse(const char *s) { return parse_name(tr_type_names, s); }
int tr_priority_parse(const char *s) { return parse_name(tr_priority_names, s); }

enum tr_priority tr_priority_for(enum tr_type type, int urgent)
{
	if (urgent)
		return TR_HIGH;
	return type == TR_QUESTION ? TR_LOW : TR_NORMAL;
}

tr_transition tr_status_transition(enum tr_status from, enum tr_event ev, int agent_replied)
{
	tr_transition t = { 1, from, 0 };
	switch (ev) {
	case TR_EV_CUSTOMER_COMMENT:
		if (from == TR_CLOSED)
			t.follow_up = 1;                  /* closed is read-only: a new ticket follows */
		else if (from == TR_PENDING || from == TR_SOLVED)
			t.to = TR_OPEN;                   /* answered, or the solution was not accepted */
		break;
	case TR_EV_CUSTOMER_SOLVE:
		if (!agent_replied || from == TR_SOLVED || from == TR_CLOSED)
			t.allowed = 0;
		else
			t.to = TR_SOLVED;
		break;
	case TR_EV_AGENT_OPEN:
		if (from == TR_CLOSED)
			t.allowed = 0;
		else
			t.to = TR_OPEN;
		break;
	case TR_EV_AGENT_PENDING:
		if (from == TR_CLOSED)
			t.allowed = 0;
		else
			t.to = TR_PENDING;
		break;
	case TR_EV_AGENT_SOLVE:
		if (from == TR_CLOSED)
			t.allowed = 0;
		else
			t.to = TR_SOLVED;
		break;
	case TR_EV_CLOSE:
		if (from != TR_SOLVED && from != TR_PENDING)
			t.allowed = 0;
		else
			t.to = TR_CLOSED;
		break;
	}
	return t;
}
