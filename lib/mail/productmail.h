/* productmail.h - product information mails to the information recipients (R-APPR, R-MAIL 1): written
 * by staff in Markdown, sent through the outbox in one statement per language, with a signed
 * per-recipient unsubscribe link and the record of who got which mail. */
#ifndef TR_PRODUCTMAIL_H
#define TR_PRODUCTMAIL_H

#include <stdint.h>

#include "core/problems.h"

typedef struct tr_pmail {
	int64_t id;
	const char *subject_de, *body_de, *subject_en, *body_en;   /* NULL or "" when not written */
	int all_products;
	const int64_t *products;
	int nproducts;
	const char *draft_hash;       /* SHA-256 hex of the previewed form's one-time token, or NULL */
	/* loaded ones */
	const char *created_at, *sent_at, *author, *product_names;
	int64_t recipients;
} tr_pmail;

/* The rules of a draft: a subject and a text in at least one language, both or neither in each;
 * some products or all. 0, or TR_E_INVALID with the problems (fields subject_de, body_de,
 * subject_en, body_en, product). */
int tr_pmail_check(const tr_pmail *m, tr_problems *p);

/* Markdown (CommonMark with GitHub's tables, strikethrough, autolinks) as HTML, raw HTML and
 * unsafe links left out (pool memory). */
char *tr_pmail_markdown(const char *md);

/* The mail as a recipient of language lang gets it (the other language's text when lang's is
 * missing), with a dummy unsubscribe link: subject, text, HTML (pool memory). 0 or -1. */
int tr_pmail_render(const tr_pmail *m, const char *lang, const char **subject, const char **text,
		    const char **html);

/* The Markdown of the text a recipient of lang gets, as HTML (for the staff's preview page). */
char *tr_pmail_body_html(const tr_pmail *m, const char *lang);

/* How many information recipients it would reach now. 0 or <0. */
int tr_pmail_count(const tr_pmail *m, int64_t *n);

/* Saves and sends it in one transaction: the recipients' record and their outbox rows (bulk) by
 * one INSERT ... SELECT each, per language. The id in *id, the count in *n. 0 or <0. A second
 * send of the same draft (draft_hash) sends nothing: *id is the first one's, *n -1. */
int tr_pmail_send(int64_t author_id, const tr_pmail *m, int64_t *id, int64_t *n);

/* Sent mails, newest first (at most 100). Count or <0. */
int tr_pmail_list(tr_pmail **out);
/* One sent mail: 1 found, 0 not, <0. */
int tr_pmail_load(int64_t id, tr_pmail **out);

typedef struct tr_pmail_recipient {
	const char *name, *email, *org, *lang, *queued_at, *status;   /* status: the outbox row's */
} tr_pmail_recipient;
/* Its recipients (names first, at most max). Count or <0. */
int tr_pmail_recipients(int64_t id, int max, tr_pmail_recipient **out);

typedef struct tr_product {
	int64_t id;
	const char *name;
} tr_product;
/* Every product in display order. Count or <0. */
int tr_products(tr_product **out);

/* The unsubscribe link's token for a user: "<id>x<signature>" (pool memory). */
const char *tr_unsub_token(int64_t user_id);
/* The user a well-formed, correctly signed token names: 0 (*user_id), TR_E_NOT_FOUND. */
int tr_unsub_check(const char *token, int64_t *user_id);
/* Ends the product mails for the user (no more information mails). 1 done now, 0 before, <0. */
int tr_unsub_apply(int64_t user_id);

#endif
