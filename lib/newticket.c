/* newticket.c - a ticket from a request form: page data, checks, kept files, one ticket per token, rate limit, creation. */
#include "newticket.h"
#include "article.h"
#include "attach.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "mail.h"
#include "neoerr.h"
#include "notify.h"
#include "pool.h"
#include "render.h"
#include "response.h"
#include "routing.h"
#include "session.h"
#include "throttle.h"
#include "ticket.h"
#include "user.h"
#include "util.h"

#include <string.h>

#define MAX_CC 20
#define MAX_PENDING 200
#define SUGGESTIONS 5

/* ---- page data ---- */

int tr_newticket_chooser(tr_req *req)
{
	tr_form *forms;
	int n = tr_form_list(&forms);
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++) {
		HDF *h = tr_node(req, tr_fmt("Forms.%d", i));
		tr_node_set(h, "id", tr_fmt("%lld", (long long)forms[i].id));
		tr_node_set(h, "slug", forms[i].slug);
		tr_node_set(h, "title", tr_form_title(&forms[i], req->lang));
		tr_node_set(h, "help", tr_form_help(&forms[i], req->lang));
	}
	return 0;
}

static const tr_form_field *field_by_key(const tr_form *f, const char *key)
{
	for (int i = 0; i < f->nfields; i++)
		if (!strcmp(f->fields[i].key, key))
			return &f->fields[i];
	return NULL;
}

/* "Nur nötig bei System: Testsystem" - the condition for readers without JavaScript. */
static const char *cond_text(tr_req *req, const tr_form *f, const tr_form_field *ff)
{
	tr_buf b;
	tr_buf_init(&b);
	for (int c = 0; c < ff->nconds; c++) {
		const tr_form_field *when = field_by_key(f, ff->conds[c].key);
		if (!when)
			continue;
		if (b.len)
			tr_buf_printf(&b, " %s ", tr_L(req, "newreq.or"));
		tr_buf_printf(&b, "„%s", tr_form_label(when, req->lang));
		for (int k = 0; when->kind != TR_FK_CHECKBOX && k < when->noptions; k++)
			if (!strcmp(when->options[k].value, ff->conds[c].value))
				tr_buf_printf(&b, ": %s", tr_form_option_label(&when->options[k], req->lang));
		tr_buf_adds(&b, "“");
	}
	const char *text = tr_L(req, "newreq.only_when");
	const char *at = strstr(text, "%s");
	const char *r = at ? tr_fmt("%.*s%s%s", (int)(at - text), text, b.data ? b.data : "", at + 2) : text;
	tr_buf_free(&b);
	return r;
}

static void put_field(tr_req *req, const tr_form *f, int i)
{
	const tr_form_field *ff = &f->fields[i];
	HDF *h = tr_node(req, tr_fmt("NewForm.fields.%d", i));
	tr_node_set(h, "name", tr_form_param(ff));
	tr_node_set(h, "kind", tr_form_kind_name(ff->kind));
	tr_node_set(h, "label", tr_form_label(ff, req->lang));
	tr_node_set(h, "help", tr_form_field_help(ff, req->lang));
	tr_node_set(h, "required", ff->required ? "1" : "0");
	/* the browser may insist only on fields that are always shown */
	tr_node_set(h, "html_required", ff->required && !ff->nconds ? "1" : "0");
	if (ff->kind == TR_FK_TEXT || ff->kind == TR_FK_TEXTAREA)
		tr_node_set(h, "max", tr_fmt("%ld", ff->max_length ? ff->max_length :
						 ff->kind == TR_FK_TEXT ? 200 : 10000));
	if (ff->kind == TR_FK_NUMBER) {
		tr_node_set(h, "min", tr_fmt("%lld", (long long)ff->min_value));
		if (ff->max_value)
			tr_node_set(h, "max", tr_fmt("%lld", (long long)ff->max_value));
	}
	for (int k = 0; k < ff->noptions; k++) {
		HDF *o = tr_node(req, tr_fmt("NewForm.fields.%d.options.%d", i, k));
		tr_node_set(o, "value", ff->options[k].value);
		tr_node_set(o, "label", tr_form_option_label(&ff->options[k], req->lang));
	}
	if (ff->nconds) {
		/* data-show-when="field_system=test field_x=1" for the script */
		tr_buf b;
		tr_buf_init(&b);
		for (int c = 0; c < ff->nconds; c++)
			tr_buf_printf(&b, "%s" TR_FORM_PARAM_PREFIX "%s=%s", c ? " " : "", ff->conds[c].key,
				      ff->conds[c].value);
		tr_node_set(h, "show_when", b.data);
		tr_buf_free(&b);
		tr_node_set(h, "show_when_text", cond_text(req, f, ff));
	}
}

static int put_colleagues(tr_req *req)
{
	if (!req->user->org_id)
		return 0;
	tr_q *q = tr_q_new("SELECT name, email FROM users WHERE org_id = ? AND id <> ? AND confirmed_at IS NOT NULL "
			   "AND disabled_at IS NULL ORDER BY name LIMIT 200");
	tr_q_i64(q, req->user->org_id);
	tr_q_i64(q, req->user->id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	for (int i = 0; tr_q_next(q) > 0; i++) {
		HDF *h = tr_node(req, tr_fmt("NewRequest.colleagues.%d", i));
		tr_node_set(h, "name", tr_q_s(q, 0));
		tr_node_set(h, "email", tr_q_s(q, 1));
	}
	tr_q_end(q);
	return 0;
}

static const char *human_size(int64_t n)
{
	if (n < 1024)
		return tr_fmt("%lld B", (long long)n);
	if (n < 1024 * 1024)
		return tr_fmt("%.0f KB", n / 1024.0);
	if (n % (1024 * 1024) == 0)
		return tr_fmt("%lld MB", (long long)(n / (1024 * 1024)));
	return tr_fmt("%.1f MB", n / (1024.0 * 1024.0));
}

static int put_pending(tr_req *req, const char *hash)
{
	tr_q *q = tr_q_new("SELECT id, filename, size FROM pending_uploads WHERE token_hash = ? AND user_id = ? "
			   "AND removed = 0 ORDER BY id LIMIT 200");
	tr_q_str(q, hash);
	tr_q_i64(q, req->user->id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	for (int i = 0; tr_q_next(q) > 0; i++) {
		HDF *h = tr_node(req, tr_fmt("NewRequest.pending.%d", i));
		tr_node_set(h, "id", tr_q_s(q, 0));
		tr_node_set(h, "name", tr_q_s(q, 1));
		tr_node_set(h, "size", human_size(tr_q_l(q, 2)));
	}
	tr_q_end(q);
	return 0;
}

int tr_newticket_page(tr_req *req, const tr_form *f)
{
	tr_set_int(req, "NewForm.id", f->id);
	tr_set(req, "NewForm.slug", f->slug);
	tr_set(req, "NewForm.title", tr_form_title(f, req->lang));
	tr_set(req, "NewForm.help", tr_form_help(f, req->lang));
	for (int t = 0, k = 0; t < TR_NTYPE; t++)
		if (tr_form_offers(f, (enum tr_type)t)) {
			tr_set(req, tr_fmt("NewForm.types.%d", k++), tr_type_name((enum tr_type)t));
			/* the rule, shown beside the form: what each type means for the priority */
			tr_set(req, tr_fmt("NewForm.priority.%s", tr_type_name((enum tr_type)t)),
			       tr_priority_name(tr_priority_for((enum tr_type)t, 0)));
		}
	for (int i = 0; i < f->nfields; i++)
		put_field(req, f, i);
	/* one token per filled-in form: kept while the form goes back and forth */
	const char *token = hdf_get_value(req->hdf, "Form.form_token", NULL);
	char hash[65];
	int rc = 0;
	if (token && tr_token_hash(token, hash) == 0) {
		rc = put_pending(req, hash);
	} else {
		char fresh[44];
		tr_token_new(fresh, hash);
		tr_set(req, "Form.form_token", fresh);
	}
	if (rc == 0)
		rc = put_colleagues(req);
	tr_set(req, "NewRequest.max_file", human_size(tr_cfg_int("Limits.upload_bytes", 50L << 20)));
	return rc;
}

/* ---- checks ---- */

int tr_cc_split(const char *text, const char ***out)
{
	int cap = 8, n = 0;
	const char **list = tr_alloc(sizeof(char *) * (size_t)cap);
	for (const char *p = text ? text : ""; *p;) {
		size_t len = strcspn(p, ",;\n\r");
		char *e = tr_trim(tr_strndup(p, len));
		char *lt = strrchr(e, '<'), *gt = lt ? strchr(lt, '>') : NULL;
		if (lt && gt && gt[1] == '\0')        /* "Name <address>" */
			e = tr_trim(tr_strndup(lt + 1, (size_t)(gt - lt - 1)));
		if (*e) {
			if (n == cap) {
				const char **more = tr_alloc(sizeof(char *) * (size_t)(cap *= 2));
				memcpy(more, list, sizeof(char *) * (size_t)n);
				list = more;
			}
			list[n++] = e;
		}
		p += len;
		if (*p)
			p++;
	}
	*out = list;
	return n;
}

/* A colleague: a confirmed, active user of the same organization, by address
 * or by exact name. 1 found, 0 unknown, 2 ambiguous name, <0 error. */
static int colleague(const tr_user *u, const char *entry, int64_t *id)
{
	*id = 0;
	if (!u->org_id)
		return 0;
	if (strchr(entry, '@')) {
		int rc = tr_db_int(id, "SELECT id FROM users WHERE email_norm = ? AND org_id = ? "
				   "AND confirmed_at IS NOT NULL AND disabled_at IS NULL", "sl", tr_email_norm(entry),
				   u->org_id);
		return rc;
	}
	tr_q *q = tr_q_new("SELECT COUNT(*), MIN(id) FROM users WHERE org_id = ? AND name = ? "
			   "AND confirmed_at IS NOT NULL AND disabled_at IS NULL");
	tr_q_i64(q, u->org_id);
	tr_q_str(q, entry);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int64_t count = 0;
	if (tr_q_next(q) > 0) {
		count = tr_q_l(q, 0);
		*id = tr_q_l(q, 1);
	}
	tr_q_end(q);
	return count > 1 ? 2 : count == 1;
}

/* The CC field as user ids; an entry that is no colleague is a field error
 * (the same one for unknown addresses and other organizations' users). */
static int resolve_cc(tr_req *req, int64_t **ids, int *n)
{
	const char **entries;
	int ne = tr_cc_split(tr_arg(req, "cc"), &entries);
	*ids = tr_alloc(sizeof(int64_t) * (size_t)(ne + 1));
	*n = 0;
	if (ne > MAX_CC) {
		tr_form_error(req, "cc", "newreq.cc_too_many");
		return 0;
	}
	for (int i = 0; i < ne; i++) {
		int64_t id;
		int rc = colleague(req->user, entries[i], &id);
		if (rc < 0)
			return rc;
		if (rc != 1) {
			tr_form_error_arg(req, "cc", rc == 2 ? "newreq.cc_ambiguous" : "newreq.cc_unknown", entries[i]);
			return 0;
		}
		int dup = id == req->user->id;
		for (int k = 0; k < *n && !dup; k++)
			dup = (*ids)[k] == id;
		if (!dup)
			(*ids)[(*n)++] = id;
	}
	return 0;
}

/* ---- files kept between attempts ---- */

/* New uploads go into the store at once and are listed with the form until
 * it is sent; unticked ones are dropped. 0, or an HTTP status. */
static int keep_files(tr_req *req, const char *hash)
{
	const char **rm;
	int nrm = tr_arg_list(req, "remove", &rm);
	for (int i = 0; i < nrm; i++) {
		int64_t id;
		if (tr_parse_i64(rm[i], &id) < 0)
			return 400;
		if (tr_db_run("UPDATE pending_uploads SET removed = 1 WHERE id = ? AND token_hash = ? AND user_id = ?",
			      "lsl", id, hash, req->user->id) < 0)
			return 503;
	}
	int64_t kept = 0;
	if (tr_db_int(&kept, "SELECT COUNT(*) FROM pending_uploads WHERE token_hash = ? AND user_id = ? AND removed = 0",
		      "sl", hash, req->user->id) < 0)
		return 503;
	for (tr_upload *u = tr_uploads(req, "attachments"); u; u = u->next) {
		if (++kept > MAX_PENDING)
			return 413;
		if (tr_attach_store(u) < 0)
			return 503;
		if (tr_db_run("INSERT INTO pending_uploads (token_hash, user_id, filename, size, sha256, created_at) "
			      "VALUES (?, ?, ?, ?, ?, NOW())", "slsls", hash, req->user->id, u->filename,
			      (int64_t)u->size, u->sha256) < 0)
			return 503;
	}
	return 0;
}

/* ---- creating ---- */

typedef struct job {
	tr_req *req;
	const tr_form *f;
	char hash[65];
	tr_ticket_new n;
	int route;
	int64_t ticket_id;
} job;

static tr_throttle_rule rate_rule(void)
{
	/* after max_per_hour new tickets within an hour, the next waits an hour from the last */
	return (tr_throttle_rule){ "new_ticket", (int)tr_cfg_int("Tickets.max_per_hour", 30), 3600, 3600 };
}

/* The ticket an earlier submit of this token made: 0 (*ticket_id 0 when
 * none), or 400 when the token is another user's. */
static int earlier_submit(const char *hash, int64_t user_id, int64_t *ticket_id)
{
	*ticket_id = 0;
	tr_q *q = tr_q_new("SELECT user_id, COALESCE(ticket_id, 0) FROM form_submissions WHERE token_hash = ?");
	tr_q_str(q, hash);
	if (tr_q_exec(q) < 0)
		return 503;
	int rc = 0;
	if (tr_q_next(q) > 0) {
		if (tr_q_l(q, 0) != user_id)
			rc = 400;
		else
			*ticket_id = tr_q_l(q, 1);
	}
	tr_q_end(q);
	return rc;
}

static int take_files(job *j, int64_t ticket_id, int64_t comment_id)
{
	int64_t uid = j->req->user->id;
	tr_q *q = tr_q_new("SELECT sha256, filename, size FROM pending_uploads WHERE token_hash = ? AND user_id = ? "
			   "AND removed = 0 ORDER BY id");
	tr_q_str(q, j->hash);
	tr_q_i64(q, uid);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	while (rc == 0 && tr_q_next(q) > 0)
		if (tr_attach_add_stored(ticket_id, comment_id, uid, tr_q_s(q, 0), tr_q_s(q, 1), tr_q_l(q, 2), 0) < 0)
			rc = TR_DB_ERR;
	tr_q_end(q);
	if (rc == 0 && tr_db_run("DELETE FROM pending_uploads WHERE token_hash = ? AND user_id = ? AND removed = 0",
				 "sl", j->hash, uid) < 0)
		rc = TR_DB_ERR;
	return rc;
}

static HDF *mail_data(const tr_ticket *t, const char *description)
{
	HDF *d = NULL;
	tr_neoerr_ignore(hdf_init(&d));
	if (!d)
		return NULL;
	tr_neoerr_ignore(hdf_set_value(d, "Mail.ticket_id", tr_fmt("%lld", (long long)t->id)));
	tr_neoerr_ignore(hdf_set_value(d, "Mail.subject", t->subject));
	tr_neoerr_ignore(hdf_set_value(d, "Mail.requester", t->requester_name));
	tr_neoerr_ignore(hdf_set_value(d, "Mail.type", tr_type_name(t->type)));
	tr_neoerr_ignore(hdf_set_value(d, "Mail.priority", tr_priority_name(t->priority)));
	tr_neoerr_ignore(hdf_set_value(d, "Mail.status", tr_status_name(t->status)));
	if (t->assignee_name)
		tr_neoerr_ignore(hdf_set_value(d, "Mail.assignee", t->assignee_name));
	if (t->urgent_claim)
		tr_neoerr_ignore(hdf_set_value(d, "Mail.urgent", "1"));
	/* a long description is shortened: the ticket page has it whole */
	tr_neoerr_ignore(hdf_set_value(d, "Mail.body", tr_strcut(description, 4000)));
	tr_neoerr_ignore(hdf_set_value(d, "Mail.link", tr_url(tr_fmt("/requests/%lld", (long long)t->id))));
	return d;
}

/* Confirmation to the requester and a note to each CC (R-MAIL 1), each in
 * their language, queued in the ticket's transaction; the event key makes a
 * retried transaction queue nothing twice. */
static int queue_confirmations(const job *j, const tr_ticket *t)
{
	const tr_user *u = j->req->user;
	HDF *d = mail_data(t, j->n.description);
	if (!d)
		return TR_DB_ERR;
	const char *key = tr_fmt("created:%lld", (long long)t->id);
	tr_mail m = { .kind = "ticket_created", .event_key = key, .user_id = u->id, .to = u->email,
		      .to_name = u->name, .lang = u->lang, .data = d };
	int rc = tr_mail_queue(&m);
	tr_q *q = tr_q_new("SELECT u.id, u.email, u.name, u.lang FROM ticket_ccs c JOIN users u ON u.id = c.user_id "
			   "WHERE c.ticket_id = ? AND u.disabled_at IS NULL");
	tr_q_i64(q, t->id);
	if (rc == 0 && (rc = tr_q_exec(q)) == 0) {
		tr_neoerr_ignore(hdf_set_value(d, "Mail.cc", "1"));
		while (rc == 0 && tr_q_next(q) > 0) {
			tr_mail cc = { .kind = "ticket_created", .event_key = key, .user_id = tr_q_l(q, 0),
				       .to = tr_q_s(q, 1), .to_name = tr_q_s(q, 2), .lang = tr_q_s(q, 3), .data = d };
			rc = tr_mail_queue(&cc);
		}
		tr_q_end(q);
	}
	hdf_destroy(&d);
	return rc;
}

static int create(void *ctx)
{
	job *j = ctx;
	tr_req *req = j->req;
	int64_t agent = 0;
	int rc;
	/* the first statement of the transaction: the group's lock (see routing.h) */
	if (j->route && (rc = tr_route_assign(j->f->group_id, &agent)) < 0)
		return rc;
	/* a second submit of the same form waits here for the first, then finds it done */
	int64_t r = tr_db_run("INSERT INTO form_submissions (token_hash, user_id, created_at) VALUES (?, ?, NOW())",
			      "sl", j->hash, req->user->id);
	if (r < 0)
		return (int)r;
	j->n.assignee_id = agent;
	j->n.status = agent ? TR_OPEN : TR_NEW;
	int64_t cid;
	int64_t id = tr_ticket_create(&j->n, &cid);
	if (id < 0)
		return (int)id;
	if ((rc = take_files(j, id, cid)) < 0)
		return rc;
	tr_throttle_rule rule = rate_rule();
	if (tr_db_run("UPDATE form_submissions SET ticket_id = ? WHERE token_hash = ?", "ls", id, j->hash) < 0 ||
	    tr_throttle_hit(&rule, tr_fmt("%lld", (long long)req->user->id)) < 0)
		return TR_DB_ERR;
	tr_ticket *t = tr_ticket_load(id, 0);
	if (!t)
		return TR_DB_ERR;
	if ((rc = queue_confirmations(j, t)) < 0 || (rc = tr_notify_agents(t, "created", cid, j->n.description)) < 0)
		return rc;
	j->ticket_id = id;
	return 0;
}

/* The checks after the field rules: required fields that are shown, the
 * urgency's reason, the CCs. Field errors are counted in req->nerrors. */
static int check(tr_req *req, const tr_form *f, const tr_form_vals *vals, const int *shown, job *j)
{
	for (int i = -1; (i = tr_form_next_missing(f, vals, shown, i)) >= 0;) {
		const char *param = tr_form_param(&f->fields[i]);
		if (!tr_arg_error(req, param))
			tr_form_error(req, param, "err.required");
	}
	if (tr_arg_bool(req, "urgent") && !tr_arg(req, "urgent_reason") && !tr_arg_error(req, "urgent_reason"))
		tr_form_error(req, "urgent_reason", "newreq.urgent_reason_missing");
	int64_t *cc;
	int ncc;
	int rc = resolve_cc(req, &cc, &ncc);
	j->n.cc_ids = cc;
	j->n.ncc = ncc;
	return rc < 0 ? 503 : 0;
}

/* Suggested articles before the ticket is made, unless the user saw them
 * already (live, or in this step before). 1 when the step is shown. */
static int suggestion_step(tr_req *req)
{
	if (tr_arg_bool(req, "suggested"))
		return 0;
	tr_article_hit *hits;
	int n = tr_article_suggest(tr_arg(req, "subject"), 1, SUGGESTIONS, &hits);
	if (n <= 0)
		return 0;         /* nothing to suggest, or trouble: the ticket matters more */
	for (int i = 0; i < n; i++) {
		HDF *h = tr_node(req, tr_fmt("Suggestions.%d", i));
		tr_node_set(h, "title", hits[i].title);
		tr_node_set(h, "snippet", hits[i].snippet);
		tr_node_set(h, "url", tr_fmt("/hc/articles/%lld", (long long)hits[i].id));
	}
	tr_set(req, "NewRequest.suggest_step", "1");
	return 1;
}

int tr_newticket_submit(tr_req *req, const tr_form *f, int64_t *ticket_id)
{
	*ticket_id = 0;
	job *j = tr_zalloc(sizeof(*j));
	j->req = req;
	j->f = f;
	if (!req->user || !req->user->confirmed)
		return 403;
	if (tr_token_hash(tr_arg(req, "form_token"), j->hash) < 0)
		return 400;
	int rc = earlier_submit(j->hash, req->user->id, ticket_id);
	if (rc || *ticket_id)
		return rc;
	/* first what no form sends (nothing is kept then), then the user's mistakes */
	if ((rc = tr_validate_more(req, tr_form_input_fields(f), f->nfields, TR_FORM_PARAM_PREFIX)) != 0)
		return rc;
	int type = tr_type_parse(tr_arg(req, "type"));
	if (type >= 0 && !tr_form_offers(f, (enum tr_type)type))
		return 400;
	if ((rc = keep_files(req, j->hash)) != 0)
		return rc;
	tr_form_vals *vals = tr_form_values(req, f);
	int *shown = tr_alloc(sizeof(int) * (size_t)(f->nfields + 1));
	tr_form_shown(f, vals, shown);
	if ((rc = check(req, f, vals, shown, j)) != 0)
		return rc;
	if (req->nerrors) {
		req->status = 422;
		return 0;
	}
	tr_throttle_rule rule = rate_rule();
	int wait = rule.limit > 0 ? tr_throttle_wait(&rule, tr_fmt("%lld", (long long)req->user->id)) : 0;
	if (wait < 0)
		return 503;
	if (wait > 0) {
		tr_form_error(req, NULL, "newreq.throttled");
		req->status = 429;
		return 0;
	}
	if (suggestion_step(req))
		return 0;

	int urgent = tr_arg_bool(req, "urgent");
	j->n.requester_id = req->user->id;
	j->n.subject = tr_arg(req, "subject");
	j->n.description = tr_arg(req, "description");
	j->n.type = (enum tr_type)type;
	j->n.urgent_claim = urgent;
	j->n.urgent_reason = urgent ? tr_arg(req, "urgent_reason") : NULL;
	j->n.priority = tr_priority_for(j->n.type, urgent);
	j->n.product_id = tr_form_product(f, vals, shown);
	j->n.form_id = f->id;
	j->n.group_id = f->group_id;
	j->n.values = tr_form_snapshot(f, vals, shown, req->lang, tr_L(req, "newreq.yes"), &j->n.nvalues);
	j->route = tr_form_routing_complete(f, vals, shown);

	rc = tr_db_tx(create, j);
	if (rc == TR_DB_DUP)          /* the same form was sent twice at once: the other made it */
		return earlier_submit(j->hash, req->user->id, ticket_id) ? 400 : (*ticket_id ? 0 : 503);
	if (rc < 0)
		return rc == TR_DB_ERR ? 500 : 503;
	*ticket_id = j->ticket_id;
	tr_info("ticket %lld created from form %s (%s)", (long long)j->ticket_id, f->slug,
		j->route ? "routed" : "waits for assignment");
	return 0;
}

/* ---- housekeeping ---- */

int tr_newticket_cleanup(void)
{
	int64_t hours = tr_cfg_int("Tickets.pending_upload_hours", 24);
	int64_t days = tr_cfg_int("Tickets.form_token_days", 7);
	tr_q *q = tr_q_new("SELECT id, sha256 FROM pending_uploads WHERE created_at < NOW() - INTERVAL ? HOUR "
			   "ORDER BY created_at LIMIT 1000");
	tr_q_i64(q, hours);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	int n = 0;
	while (tr_q_next(q) > 0) {
		if (tr_db_run("DELETE FROM pending_uploads WHERE id = ?", "l", tr_q_l(q, 0)) < 0) {
			tr_q_end(q);
			return TR_DB_ERR;
		}
		tr_attach_forget(tr_q_s(q, 1));
		n++;
	}
	tr_q_end(q);
	int64_t tokens = tr_db_run("DELETE FROM form_submissions WHERE created_at < NOW() - INTERVAL ? DAY", "l", days);
	if (tokens < 0)
		return (int)tokens;
	tr_info("removed %d kept uploads, %lld form tokens", n, (long long)tokens);
	return 0;
}
