/* automation.h - the automatic actions of the status lifecycle (R-LIFE): reminders of Pending
 * tickets, closing unanswered Pending and old Solved ones; when they will happen (the countdown
 * both ticket pages show); the business-day calendar with the staff's days from the database.
 *
 * Exactly once, on any number of hosts: every action is one transaction that first locks the
 * ticket's row (SELECT ... FOR UPDATE) and decides again on what it reads there. Mail (outbox),
 * stage, status and audit event commit together: a crash loses or duplicates nothing. A second
 * run - concurrent, on another host, late or after a crash - waits for the lock, then finds the
 * stage moved on and does nothing; on Galera the loser of two nodes gets a certification
 * conflict, which tr_db_tx retries like a deadlock, and then finds the same. No named lock:
 * Galera does not replicate GET_LOCK, and a claim could go stale; the row's own state is the
 * claim. */
#ifndef TR_AUTOMATION_H
#define TR_AUTOMATION_H

#include <stdint.h>

#include "core/calendar.h"
#include "tickets/bizcal.h"
#include "tickets/rules.h"
#include "tickets/ticket.h"

typedef struct tr_auto_rules {
	int remind_days;          /* business days of Pending without answer before each reminder */
	int close_days;           /* calendar days from Solved to Closed */
} tr_auto_rules;

/* The settings: Automation.pending_reminder_days (5), Automation.solved_close_days (14). */
tr_auto_rules tr_auto_settings(void);


typedef struct tr_auto_plan {
	int remind_day;           /* local day of the next reminder, -1: none */
	int remind_stage;         /* which reminder that is (1 or 2) */
	int close_day;            /* local day of the automatic closing, -1: none */
} tr_auto_plan;

/* What will happen to a ticket and when (pure): Pending, no reminder yet: the first reminder
 * remind_days business days after the day it became Pending, closing (with the second
 * reminder) remind_days business days after that; Pending, reminded once: closing remind_days
 * business days after the reminder; Solved: closing close_days days after. Each is due from
 * the local midnight that starts its day. */
tr_auto_plan tr_auto_plan_for(const tr_calendar *c, tr_auto_rules r, enum tr_status status, int stage,
			      int64_t status_at, int64_t reminded_at);

/* The plan of a loaded ticket (its row's clock; reads the calendar). 0 or <0. */
int tr_auto_plan_ticket(const tr_ticket *t, tr_auto_plan *out);

/* "Mo., 14.12.2026" / "Mon, 14 Dec 2026" (pool memory). */
const char *tr_auto_day_text(int day, const char *lang);

typedef struct tr_auto_stats {
	int reminded;             /* first reminders sent */
	int closed_pending;       /* second reminders sent and closed */
	int closed_solved;        /* solved tickets closed */
	int sla_breached;         /* service-level targets passed (marked, audit event) */
	int failed;               /* actions that failed (logged; tried again next run) */
} tr_auto_stats;

/* Does everything due at now (UTC seconds), at most batch tickets per query: reminders,
 * closing, and marking service-level targets that passed (tickets/sla.h). 0 or <0. */
int tr_auto_run(int64_t now, int batch, tr_auto_stats *st);

#endif
