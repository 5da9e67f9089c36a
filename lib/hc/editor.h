/* editor.h - staff writing the help centre (R-HC 4): saving articles with a revision each time,
 * comments of signed-in users and their moderation, and following sections and articles.
 *
 * Mails to followers are queued in the transaction of the change
 * (mail/outbox.h) with an event key per change and follower, so a follower
 * gets at most one mail per event; nobody gets a mail about their own change
 * or about an article they may not read. */
#ifndef TR_EDITOR_H
#define TR_EDITOR_H

#include <stdint.h>
#include "core/problems.h"

typedef struct tr_hc_edit {
	int64_t id;                   /* 0: a new article */
	int64_t section_id;
	const char *title;
	const char *source;           /* Markdown, or HTML when format is "html" */
	const char *format;           /* "markdown" or "html" */
	const char *labels;
	int everyone, is_notice, promoted, published, position;
	const char *urgent_until;     /* "YYYY-MM-DDTHH:MM" (datetime-local, UTC) or NULL/"" */
	const char *note;             /* what changed, for the history (may be NULL) */
} tr_hc_edit;

/* Creates or updates an article: renders and sanitizes the source, stores a
 * revision, and tells followers (a new published article: the section's; an
 * update of a published one: the article's). Notices are always for
 * everyone. *id gets the article's id. 0, TR_E_INVALID (problems), TR_E_NOT_FOUND or <0. */
int tr_hc_article_save(const tr_hc_edit *e, int64_t editor, int64_t *id, tr_problems *p);

typedef struct tr_hc_revision {
	int64_t id;
	const char *editor_name, *title, *created_at, *note;
	int published;
} tr_hc_revision;
/* An article's revisions, newest first. Count or <0. */
int tr_hc_revisions(int64_t article, int limit, tr_hc_revision **out);

/* ---- comments ---- */

typedef struct tr_hc_comment {
	int64_t id, author_id;
	const char *author_name, *body, *created_at, *updated_at;
	int hidden, official, author_staff;
} tr_hc_comment;
/* An article's comments, oldest first; hidden ones only with_hidden (staff). Count or <0. */
int tr_hc_comments(int64_t article, int with_hidden, tr_hc_comment **out);
/* A new comment (plain text): tells the article's followers. Id or <0. */
int64_t tr_hc_comment_add(int64_t article, int64_t author, const char *body);
/* What may be done to a comment: "edit", "delete" (its author or staff),
 * "hide", "show", "official", "unofficial" (staff). 0, TR_E_FORBIDDEN,
 * TR_E_NOT_FOUND (also for a comment of another article) or <0. */
int tr_hc_comment_act(int64_t article, int64_t comment, int64_t user, int staff, const char *action,
		      const char *body);

/* ---- following ---- */

/* kind "section" or "article". */
int tr_hc_follow(int64_t user, const char *kind, int64_t target);
int tr_hc_unfollow(int64_t user, const char *kind, int64_t target);
/* 1 following, 0 not, <0. */
int tr_hc_following(int64_t user, const char *kind, int64_t target);

/* The signed token of an unfollow link in a mail (pool memory): "<user>.<kind>.<target>.<mac>". */
const char *tr_hc_unfollow_token(int64_t user, const char *kind, int64_t target);
/* Checks a token: 0 and the parts, or TR_E_BAD_INPUT. kind points into a static string. */
int tr_hc_unfollow_check(const char *token, int64_t *user, const char **kind, int64_t *target);

typedef struct tr_hc_follow_row {
	const char *kind, *title;
	int64_t target;
} tr_hc_follow_row;
/* What a user follows (for the profile). Count or <0. */
int tr_hc_follows(int64_t user, tr_hc_follow_row **out);

/* Saves a page's Markdown source (rendered and sanitized here); creates it when new. 0 or <0. */
int tr_hc_page_save(const char *slug, const char *title, const char *source, int64_t editor);

#endif
