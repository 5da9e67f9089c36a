/* ticketlist.h - the customer's requests list: tabs, filters, keyword search, sorting, pages (R-LIST). */
#ifndef TR_TICKETLIST_H
#define TR_TICKETLIST_H

#include <stdint.h>
#include "tickets/access.h"
#include "tickets/ticket.h"

enum tr_sort { TR_SORT_UPDATED, TR_SORT_CREATED, TR_SORT_RELEVANCE };

/* Columns whose names cost a join. */
#define TR_COL_PRODUCT 1
#define TR_COL_REQUESTER 2
#define TR_COL_ASSIGNEE 4
#define TR_COL_ALL 7

typedef struct tr_list_query {
	enum tr_scope scope;
	const char *q;            /* keywords, or NULL */
	int status;               /* enum tr_status, or -1 for any */
	int type;                 /* enum tr_type, or -1 */
	const char *from, *to;    /* local dates YYYY-MM-DD, or NULL */
	enum tr_sort sort;
	int ascending;
	int page;                 /* 1-based */
	int per_page;
	int columns;              /* TR_COL_* to fill; the others stay NULL */
} tr_list_query;

typedef struct tr_list_row {
	int64_t id;
	const char *subject, *status, *type, *priority, *product, *requester, *assignee;
	const char *created_at, *updated_at;
} tr_list_row;

typedef struct tr_list {
	tr_list_row *rows;
	int n;
	int has_more;             /* another page follows */
	int searched;             /* keywords were usable */
	int64_t found;            /* tickets found by the search (-1: not known, a page past the end) */
	int found_more;           /* more than found (TR_SEARCH_COUNT_BOUND) */
	int64_t counts[3];        /* tab counts, as tr_ticket_tab_counts */
} tr_list;

/* The page of tickets u may see under lq, and the tab counts.
 * 0, TR_E_FORBIDDEN (scope not allowed), or <0. */
int tr_ticket_list(const tr_user *u, const tr_list_query *lq, tr_list *out);

/* Ticket counts of the three tabs (R-ORG 3: counted only within access);
 * counts[TR_SCOPE_ORG] is -1 when the user has no organization list. */
int tr_ticket_tab_counts(const tr_user *u, int64_t counts[3]);

#endif
