/* csat.h - the satisfaction survey (R-CSAT): the link of the solution mail, ratings, the report.
 *
 * A survey link carries a random 256-bit token (only its SHA-256 is stored, core/token.h) for
 * one ticket, expiring after Survey.token_days. Opening it records nothing - mail scanners
 * open links -; only tr_csat_rate (the page's POST) does. One rating per ticket, changeable
 * until the ticket is closed. The token grants nothing but that ticket's survey. */
#ifndef TR_CSAT_H
#define TR_CSAT_H

#include <stdint.h>

#include "tickets/rules.h"

/* The five levels, best first: "very_satisfied" (rating 5) ... "very_dissatisfied" (1). */
extern const char *const tr_csat_levels[];
/* Rating 1..5 for a level name (or "1".."5"), -1 when unknown. */
int tr_csat_level_parse(const char *s);
/* The name of rating 1..5 (NULL otherwise). */
const char *tr_csat_level_name(int rating);
/* Ratings below this ("satisfied") offer a reason; it and better count as satisfied. */
#define TR_CSAT_SATISFIED 4

/* A new survey link's token for the ticket, stored in the caller's transaction. 0 or <0. */
int tr_csat_token_new(int64_t ticket_id, char token[44]);

typedef struct tr_csat_survey {
	int64_t ticket_id;
	const char *subject;
	const char *lang;             /* the requester's */
	enum tr_status status;
	int rating;                   /* 0: not rated yet */
	const char *reason, *comment; /* or NULL */
	const char *rated_at;         /* UTC, or NULL */
} tr_csat_survey;

/* The survey behind a token: 0; TR_E_NOT_FOUND for a malformed, unknown or tampered token;
 * TR_E_GONE when it expired. Nothing is written. */
int tr_csat_open(const char *token, tr_csat_survey *s);

/* Records (or changes) the rating: reason only below satisfied (a key of tr_csat_reasons, else
 * TR_E_BAD_INPUT), comment at most 2000 characters. TR_E_NOT_FOUND / TR_E_GONE as above;
 * TR_E_CONFLICT when the ticket is closed (s filled then). One transaction on the locked
 * ticket row. */
int tr_csat_rate(const char *token, int rating, const char *reason, const char *comment, tr_csat_survey *s);

/* The reasons offered (Survey.reasons, comma-separated keys; labels Survey.reason_label.<key>.<lang>
 * or L.csat.reason.<key>). Count; keys and labels in pool memory. */
int tr_csat_reasons(const char *lang, const char ***keys, const char ***labels);

/* ---- the report ---- */

typedef struct tr_csat_row {
	const char *key;              /* agent/group/form id or "YYYY-MM"; "" for none */
	const char *label;            /* name, or NULL */
	int n, good;                  /* ratings, and those satisfied or better */
	int levels[5];                /* count per rating 5..1 */
} tr_csat_row;

/* Ratings made in [from, to] (local dates "YYYY-MM-DD", either may be NULL) grouped by "agent",
 * "group", "form" or "month" (lang picks form titles), and their total in *total.
 * Count or <0 (pool memory). */
int tr_csat_report(const char *by, const char *from, const char *to, const char *lang, tr_csat_row **rows,
		   tr_csat_row *total);

typedef struct tr_csat_comment {
	int64_t ticket_id;
	int rating;
	const char *reason, *comment, *rated_at, *agent;
} tr_csat_comment;
/* The reasons counted (keys and counts, most frequent first) and the newest comments (at most
 * max) in the same range. Counts or <0. */
int tr_csat_reason_counts(const char *from, const char *to, const char ***keys, int **counts);
int tr_csat_comments(const char *from, const char *to, int max, tr_csat_comment **out);

#endif
