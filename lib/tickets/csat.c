/* csat.c - the satisfaction survey: links, ratings (recorded only by tr_csat_rate), the report. */
#include "tickets/csat.h"
#include "core/config.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/timefmt.h"
#include "core/token.h"
#include "core/util.h"
#include "db/db.h"
#include "render/render.h"

#include <string.h>

const char *const tr_csat_levels[] = { "very_satisfied", "satisfied", "neutral", "dissatisfied", "very_dissatisfied",
				       NULL };

int tr_csat_level_parse(const char *s)
{
	if (!s)
		return -1;
	for (int i = 0; tr_csat_levels[i]; i++)
		if (!strcmp(s, tr_csat_levels[i]))
			return 5 - i;
	if (s[0] >= '1' && s[0] <= '5' && !s[1])
		return s[0] - '0';
	return -1;
}

const char *tr_csat_level_name(int rating)
{
	return rating >= 1 && rating <= 5 ? tr_csat_levels[5 - rating] : NULL;
}

int tr_csat_token_new(int64_t ticket_id, char token[44])
{
	char hash[65];
	tr_token_new(token, hash);
	long days = tr_cfg_int("Survey.token_days", 30);
	if (days < 1)
		days = 1;
	int64_t n = tr_db_run("INSERT INTO csat_tokens (token_hash, ticket_id, created_at, expires_at) "
			      "VALUES (?, ?, NOW(), NOW() + INTERVAL ? DAY)", "sll", hash, ticket_id, (int64_t)days);
	return n < 0 ? (int)n : 0;
}

/* The token's ticket and survey; lock: the ticket row FOR UPDATE (tr_csat_rate). */
static int lookup(const char *token, tr_csat_survey *s, int lock)
{
	memset(s, 0, sizeof(*s));
	char hash[65];
	if (!token || tr_token_hash(token, hash) < 0)
		return TR_E_NOT_FOUND;
	tr_q *q = tr_q_new("SELECT k.ticket_id, k.expires_at < NOW() FROM csat_tokens k WHERE k.token_hash = ?");
	tr_q_str(q, hash);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int expired = 0;
	if ((rc = tr_q_next(q)) > 0) {
		s->ticket_id = tr_q_l(q, 0);
		expired = (int)tr_q_l(q, 1);
	}
	tr_q_end(q);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return TR_E_NOT_FOUND;
	if (expired)
		return TR_E_GONE;
	q = tr_q_new(lock ? "SELECT t.subject, t.status, u.lang FROM tickets t JOIN users u ON u.id = t.requester_id "
			    "WHERE t.id = ? FOR UPDATE"
			  : "SELECT t.subject, t.status, u.lang FROM tickets t JOIN users u ON u.id = t.requester_id "
			    "WHERE t.id = ?");
	tr_q_i64(q, s->ticket_id);
	if ((rc = tr_q_exec(q)) < 0)
		return rc;
	if ((rc = tr_q_next(q)) > 0) {
		s->subject = tr_q_dup(q, 0);
		s->status = (enum tr_status)tr_status_parse(tr_q_s(q, 1));
		s->lang = tr_q_dup(q, 2);
	}
	tr_q_end(q);
	if (rc <= 0)
		return rc < 0 ? rc : TR_E_NOT_FOUND;
	q = tr_q_new("SELECT rating, reason, comment, rated_at FROM csat_ratings WHERE ticket_id = ?");
	tr_q_i64(q, s->ticket_id);
	if ((rc = tr_q_exec(q)) < 0)
		return rc;
	if ((rc = tr_q_next(q)) > 0) {
		s->rating = (int)tr_q_l(q, 0);
		s->reason = tr_q_dup(q, 1);
		s->comment = tr_q_dup(q, 2);
		s->rated_at = tr_q_dup(q, 3);
	}
	tr_q_end(q);
	return rc < 0 ? rc : 0;
}

int tr_csat_open(const char *token, tr_csat_survey *s)
{
	return lookup(token, s, 0);
}

typedef struct rate_job {
	const char *token, *reason, *comment;
	int rating;
	tr_csat_survey *s;
} rate_job;

static int rate(void *ctx)
{
	rate_job *j = ctx;
	int rc = lookup(j->token, j->s, 1);
	if (rc)
		return rc;
	if (j->s->status == TR_CLOSED)
		return TR_E_CONFLICT;         /* changeable until the ticket closes (R-CSAT 3) */
	/* who worked it, as it is now: the report groups by it */
	tr_q *q = tr_q_new("INSERT INTO csat_ratings (ticket_id, rating, reason, comment, agent_id, group_id, form_id, "
			   "rated_at) SELECT id, ?, ?, ?, assignee_id, group_id, form_id, NOW() FROM tickets WHERE id = ? "
			   "ON DUPLICATE KEY UPDATE rating = VALUES(rating), reason = VALUES(reason), "
			   "comment = VALUES(comment), agent_id = VALUES(agent_id), group_id = VALUES(group_id), "
			   "form_id = VALUES(form_id), changed_at = NOW(), changes = changes + 1");
	tr_q_i64(q, j->rating);
	tr_q_str(q, j->reason);
	tr_q_str(q, j->comment);
	tr_q_i64(q, j->s->ticket_id);
	rc = tr_q_exec(q);
	tr_q_end(q);
	if (rc < 0)
		return rc;
	j->s->rating = j->rating;
	j->s->reason = j->reason;
	j->s->comment = j->comment;
	return 0;
}

int tr_csat_rate(const char *token, int rating, const char *reason, const char *comment, tr_csat_survey *s)
{
	if (rating < 1 || rating > 5)
		return TR_E_BAD_INPUT;
	if (rating >= TR_CSAT_SATISFIED) {
		reason = NULL;                /* a reason is asked for below satisfied only */
	} else if (reason && *reason) {
		const char **keys, **labels;
		int n = tr_csat_reasons(NULL, &keys, &labels), ok = 0;
		for (int i = 0; i < n; i++)
			ok |= !strcmp(keys[i], reason);
		if (!ok)
			return TR_E_BAD_INPUT;
	} else {
		reason = NULL;
	}
	if (comment && !*comment)
		comment = NULL;
	if (comment && tr_utf8_len(comment, strlen(comment)) > 2000)
		return TR_E_TOO_LARGE;
	rate_job j = { token, reason, comment, rating, s };
	return tr_db_tx(rate, &j);
}

int tr_csat_reasons(const char *lang, const char ***keys, const char ***labels)
{
	const char *list = tr_cfg("Survey.reasons", "slow,not_solved,unclear,unfriendly,other");
	const char **k = tr_alloc(sizeof(char *) * 32), **l = tr_alloc(sizeof(char *) * 32);
	int n = 0;
	const char *p = list;
	while (*p && n < 32) {
		while (*p == ',' || *p == ' ')
			p++;
		size_t len = strcspn(p, ", ");
		if (len > 0 && len <= 40) {
			char *key = tr_strndup(p, len);
			int ok = 1;
			for (size_t i = 0; i < len; i++)
				ok &= (key[i] >= 'a' && key[i] <= 'z') || (key[i] >= '0' && key[i] <= '9') || key[i] == '_';
			if (ok) {
				k[n] = key;
				const char *lg = lang ? lang : tr_lang_default();
				const char *own = tr_cfg(tr_fmt("Survey.reason_label.%s.%s", key, lg), NULL);
				l[n] = own ? own : lang ? tr_lang_text(lang, tr_fmt("csat.reason.%s", key)) : key;
				n++;
			}
		}
		p += len;
	}
	*keys = k;
	*labels = l;
	return n;
}

/* ---- the report ---- */

/* WHERE on rated_at for local dates [from, to]; binds follow in bind_range. */
static const char *range_sql(const char *from, const char *to)
{
	return tr_fmt("%s%s", from ? " AND r.rated_at >= ?" : "", to ? " AND r.rated_at < ?" : "");
}

static void bind_range(tr_q *q, const char *from, const char *to)
{
	if (from)
		tr_q_str(q, tr_day_start_utc(from, 0));
	if (to)
		tr_q_str(q, tr_day_start_utc(to, 1));
}

int tr_csat_report(const char *by, const char *from, const char *to, const char *lang, tr_csat_row **rows,
		   tr_csat_row *total)
{
	const char *key, *label, *join;
	if (!strcmp(by, "group")) {
		key = "r.group_id";
		label = "g.name";
		join = "LEFT JOIN staff_groups g ON g.id = r.group_id";
	} else if (!strcmp(by, "form")) {
		key = "r.form_id";
		label = lang && !strcmp(lang, "en") ? "f.title_en" : "f.title_de";
		join = "LEFT JOIN forms f ON f.id = r.form_id";
	} else if (!strcmp(by, "month")) {
		key = "DATE_FORMAT(r.rated_at, '%Y-%m')";
		label = "NULL";
		join = "";
	} else {
		key = "r.agent_id";
		label = "u.name";
		join = "LEFT JOIN users u ON u.id = r.agent_id";
	}
	const char *sql = tr_fmt("SELECT %s, MAX(%s), COUNT(*), SUM(r.rating >= %d), SUM(r.rating = 5), "
				 "SUM(r.rating = 4), SUM(r.rating = 3), SUM(r.rating = 2), SUM(r.rating = 1) "
				 "FROM csat_ratings r %s WHERE 1 = 1%s GROUP BY %s ORDER BY %s",
				 key, label, TR_CSAT_SATISFIED, join, range_sql(from, to), key,
				 !strcmp(by, "month") ? key : tr_fmt("COUNT(*) DESC, %s", key));
	tr_q *q = tr_q_new(sql);
	bind_range(q, from, to);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int cap = 16, n = 0;
	tr_csat_row *r = tr_zalloc(sizeof(*r) * (size_t)cap);
	memset(total, 0, sizeof(*total));
	while (tr_q_next(q) > 0) {
		r = tr_pool_grow(r, sizeof(*r), n, &cap);
		tr_csat_row *x = &r[n++];
		x->key = tr_q_s(q, 0) ? tr_q_dup(q, 0) : "";
		x->label = tr_q_dup(q, 1);
		x->n = (int)tr_q_l(q, 2);
		x->good = (int)tr_q_l(q, 3);
		for (int i = 0; i < 5; i++)
			x->levels[i] = (int)tr_q_l(q, 4 + i);
		total->n += x->n;
		total->good += x->good;
		for (int i = 0; i < 5; i++)
			total->levels[i] += x->levels[i];
	}
	tr_q_end(q);
	*rows = r;
	return n;
}

int tr_csat_reason_counts(const char *from, const char *to, const char ***keys, int **counts)
{
	tr_q *q = tr_q_new(tr_fmt("SELECT r.reason, COUNT(*) FROM csat_ratings r WHERE r.reason IS NOT NULL%s "
				  "GROUP BY r.reason ORDER BY COUNT(*) DESC, r.reason LIMIT 32", range_sql(from, to)));
	bind_range(q, from, to);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	const char **k = tr_alloc(sizeof(char *) * 32);
	int *c = tr_alloc(sizeof(int) * 32), n = 0;
	while (n < 32 && tr_q_next(q) > 0) {
		k[n] = tr_q_dup(q, 0);
		c[n++] = (int)tr_q_l(q, 1);
	}
	tr_q_end(q);
	*keys = k;
	*counts = c;
	return n;
}

int tr_csat_comments(const char *from, const char *to, int max, tr_csat_comment **out)
{
	tr_q *q = tr_q_new(tr_fmt("SELECT r.ticket_id, r.rating, r.reason, r.comment, r.rated_at, u.name "
				  "FROM csat_ratings r LEFT JOIN users u ON u.id = r.agent_id "
				  "WHERE (r.comment IS NOT NULL OR r.reason IS NOT NULL)%s ORDER BY r.rated_at DESC LIMIT ?",
				  range_sql(from, to)));
	bind_range(q, from, to);
	tr_q_i64(q, max);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	tr_csat_comment *c = tr_zalloc(sizeof(*c) * (size_t)(max > 0 ? max : 1));
	int n = 0;
	while (n < max && tr_q_next(q) > 0) {
		c[n].ticket_id = tr_q_l(q, 0);
		c[n].rating = (int)tr_q_l(q, 1);
		c[n].reason = tr_q_dup(q, 2);
		c[n].comment = tr_q_dup(q, 3);
		c[n].rated_at = tr_q_dup(q, 4);
		c[n].agent = tr_q_dup(q, 5);
		n++;
	}
	tr_q_end(q);
	*out = c;
	return n;
}
