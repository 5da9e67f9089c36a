/* admin.c - staff administration of accounts: organizations, users, agent groups; each change one
 * transaction with its audit event. */
#include "accounts/admin.h"
#include "accounts/audit.h"
#include "accounts/sessions.h"
#include "core/email.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/util.h"
#include "db/db.h"

#include <string.h>

#define MAX_LIST 200
#define MAX_DOMAINS 50

/* ---- organizations ---- */

static void read_org(tr_q *q, tr_org *o)
{
	o->id = tr_q_l(q, 0);
	o->name = tr_q_dup(q, 1);
	o->level = (enum tr_level)tr_q_l(q, 2);
	o->domains = tr_q_dup(q, 3);
	o->nusers = tr_q_l(q, 4);
	o->ntickets = tr_q_l(q, 5);
	if (!o->domains)
		o->domains = "";
}

#define ORG_COLUMNS "o.id, o.name, o.access_level, " \
	"(SELECT GROUP_CONCAT(d.domain ORDER BY d.domain SEPARATOR '\\n') FROM organization_domains d WHERE d.org_id = o.id), " \
	"(SELECT COUNT(*) FROM users u WHERE u.org_id = o.id), " \
	"(SELECT COALESCE(SUM(c.n), 0) FROM ticket_counts c WHERE c.scope = 'org' AND c.scope_id = o.id)"

int tr_org_search(const char *q_text, int limit, int offset, tr_org **out)
{
	if (limit <= 0 || limit > MAX_LIST)
		limit = MAX_LIST;
	tr_q *q = tr_q_new("SELECT " ORG_COLUMNS " FROM organizations o WHERE ? IS NULL OR o.name LIKE CONCAT('%', ?, '%') "
			   "OR o.id = (SELECT org_id FROM organization_domains WHERE domain = ?) ORDER BY o.name LIMIT ? OFFSET ?");
	const char *like = q_text ? tr_like_escape(q_text) : NULL;
	tr_q_str(q, q_text);
	tr_q_str(q, like);
	tr_q_str(q, q_text ? tr_ascii_lower(tr_strdup(q_text)) : NULL);
	tr_q_i64(q, limit);
	tr_q_i64(q, offset < 0 ? 0 : offset);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	tr_org *list = tr_zalloc(sizeof(*list) * (size_t)limit);
	int n = 0;
	while (n < limit && tr_q_next(q) > 0)
		read_org(q, &list[n++]);
	tr_q_end(q);
	*out = list;
	return n;
}

int tr_org_get(int64_t id, tr_org *out)
{
	tr_q *q = tr_q_new("SELECT " ORG_COLUMNS " FROM organizations o WHERE o.id = ?");
	tr_q_i64(q, id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	rc = tr_q_next(q);
	if (rc > 0)
		read_org(q, out);
	tr_q_end(q);
	return rc < 0 ? rc : rc > 0;
}

/* A mail domain as organization_domains holds it: labels of letters, digits and hyphens, a dot between. */
static int domain_ok(const char *d)
{
	size_t n = strlen(d), label = 0;
	int dots = 0;
	if (n < 3 || n > 253)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = d[i];
		if (c == '.') {
			if (!label || d[i - 1] == '-')
				return 0;
			label = 0;
			dots++;
		} else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && label)) {
			if (++label > 63)
				return 0;
		} else {
			return 0;
		}
	}
	return dots > 0 && label > 0 && d[n - 1] != '-';
}

const char *tr_org_parse_domains(const char *text, tr_problems *p)
{
	const char *list[MAX_DOMAINS];
	int n = 0;
	for (const char *s = text ? text : ""; *s;) {
		size_t len = strcspn(s, " ,;\t\r\n");
		if (len) {
			char *d = tr_ascii_lower(tr_strndup(s, len));
			if (d[0] == '@')
				d++;
			if (!domain_ok(d)) {
				tr_problem_add(p, "domains", "admin.err.domain", d);
			} else if (n == MAX_DOMAINS) {
				tr_problem_add(p, "domains", "admin.err.domains_many", NULL);
				break;
			} else {
				int dup = 0;
				for (int i = 0; i < n && !dup; i++)
					dup = !strcmp(list[i], d);
				if (!dup) {
					/* sorted, so before/after summaries compare */
					int at = n;
					while (at > 0 && strcmp(list[at - 1], d) > 0) {
						list[at] = list[at - 1];
						at--;
					}
					list[at] = d;
					n++;
				}
			}
		}
		s += len;
		if (*s)
			s++;
	}
	tr_buf b;
	tr_buf_init(&b);
	for (int i = 0; i < n; i++) {
		if (i)
			tr_buf_addc(&b, '\n');
		tr_buf_adds(&b, list[i]);
	}
	const char *r = tr_strdup(b.data ? b.data : "");
	tr_buf_free(&b);
	return r;
}

static const char *org_summary(const tr_org *o)
{
	char *d = tr_strdup(o->domains ? o->domains : "");
	for (char *c = d; *c; c++)
		if (*c == '\n')
			*c = ' ';
	return tr_fmt("name=%s; access=%s; domains=%s", o->name, tr_level_name(o->level), d);
}

typedef struct org_job {
	const tr_user *admin;
	tr_org *o;
	tr_problems *p;
} org_job;

static int org_tx(void *ctx)
{
	org_job *j = ctx;
	tr_org was = { 0 };
	int rc;
	int64_t r;
	if (j->o->id) {
		if ((rc = tr_db_int(&was.id, "SELECT id FROM organizations WHERE id = ? FOR UPDATE", "l", j->o->id)) <= 0)
			return rc < 0 ? rc : TR_E_NOT_FOUND;
		if ((rc = tr_org_get(j->o->id, &was)) <= 0)
			return rc < 0 ? rc : TR_E_NOT_FOUND;
	}
	int64_t other = 0;
	if ((rc = tr_db_int(&other, "SELECT id FROM organizations WHERE name = ? AND id <> ?", "sl", j->o->name,
			    j->o->id)) < 0)
		return rc;
	if (rc > 0) {
		tr_problem_add(j->p, "name", "admin.err.org_exists", NULL);
		return TR_E_INVALID;
	}
	/* a domain names one organization: another's is refused, with its name */
	for (const char *s = j->o->domains; *s;) {
		size_t len = strcspn(s, "\n");
		const char *d = tr_strndup(s, len);
		tr_q *q = tr_q_new("SELECT o.name FROM organization_domains d JOIN organizations o ON o.id = d.org_id "
				   "WHERE d.domain = ? AND d.org_id <> ?");
		tr_q_str(q, d);
		tr_q_i64(q, j->o->id);
		if ((rc = tr_q_exec(q)) < 0)
			return rc;
		if (tr_q_next(q) > 0)
			tr_problem_add(j->p, "domains", "admin.err.domain_taken", tr_fmt("%s (%s)", d, tr_q_s(q, 0)));
		tr_q_end(q);
		s += len + (s[len] == '\n');
	}
	if (j->p->n)
		return TR_E_INVALID;
	if (j->o->id) {
		r = tr_db_run("UPDATE organizations SET name = ?, access_level = ? WHERE id = ?", "sil", j->o->name,
			      (int)j->o->level, j->o->id);
	} else {
		r = tr_db_run("INSERT INTO organizations (name, access_level) VALUES (?, ?)", "si", j->o->name,
			      (int)j->o->level);
		if (r >= 0)
			j->o->id = tr_db_insert_id();
	}
	if (r < 0)
		return (int)r;
	if ((r = tr_db_run("DELETE FROM organization_domains WHERE org_id = ?", "l", j->o->id)) < 0)
		return (int)r;
	for (const char *s = j->o->domains; *s;) {
		size_t len = strcspn(s, "\n");
		if ((rc = tr_org_add_domain(j->o->id, tr_strndup(s, len))) < 0)
			return rc;
		s += len + (s[len] == '\n');
	}
	return tr_audit(j->admin->id, was.id ? "org.update" : "org.create", "org", j->o->id, j->o->name,
			was.id ? org_summary(&was) : "", org_summary(j->o));
}

int tr_org_save(const tr_user *admin, tr_org *o, tr_problems *p)
{
	if (!o->name || !*o->name)
		tr_problem_add(p, "name", "err.required", NULL);
	if ((unsigned)o->level > TR_LEVEL_ORG_COMMENT)
		tr_problem_add(p, "access_level", "admin.err.level", NULL);
	if (!o->domains)
		o->domains = "";
	if (p->n)
		return TR_E_INVALID;
	org_job j = { admin, o, p };
	int64_t id = o->id;
	int rc = tr_db_tx(org_tx, &j);
	if (rc)
		o->id = id;
	else
		tr_info("admin %lld saved organization %lld", (long long)admin->id, (long long)o->id);
	return rc;
}

/* ---- users ---- */

#define USER_COLUMNS "u.id, COALESCE(u.org_id, 0), u.name, u.email, o.name, u.created_at, u.access_level, " \
	"u.is_main_contact, u.is_customer_admin, u.is_info_recipient, u.is_agent, u.is_admin, " \
	"u.confirmed_at IS NOT NULL, u.disabled_at IS NOT NULL"

static void read_user(tr_q *q, tr_admin_user *u)
{
	u->id = tr_q_l(q, 0);
	u->org_id = tr_q_l(q, 1);
	u->name = tr_q_dup(q, 2);
	u->email = tr_q_dup(q, 3);
	u->org_name = tr_q_dup(q, 4);
	u->created = tr_q_dup(q, 5);
	u->level = (enum tr_level)tr_q_l(q, 6);
	u->main_contact = (int)tr_q_l(q, 7);
	u->customer_admin = (int)tr_q_l(q, 8);
	u->info_recipient = (int)tr_q_l(q, 9);
	u->is_agent = (int)tr_q_l(q, 10);
	u->is_admin = (int)tr_q_l(q, 11);
	u->confirmed = (int)tr_q_l(q, 12);
	u->blocked = (int)tr_q_l(q, 13);
}

int tr_admin_users(const char *q_text, int64_t org_id, int agents_only, int limit, int offset, tr_admin_user **out)
{
	if (limit <= 0 || limit > MAX_LIST)
		limit = MAX_LIST;
	tr_q *q = tr_q_new("SELECT " USER_COLUMNS " FROM users u LEFT JOIN organizations o ON o.id = u.org_id "
			   "WHERE (? IS NULL OR u.name LIKE CONCAT('%', ?, '%') OR u.email_norm LIKE CONCAT('%', ?, '%')) "
			   "AND (? = 0 OR u.org_id = ?) AND (? = 0 OR u.is_staff = 1) ORDER BY u.name, u.id LIMIT ? OFFSET ?");
	const char *like = q_text ? tr_like_escape(q_text) : NULL;
	tr_q_str(q, q_text);
	tr_q_str(q, like);
	tr_q_str(q, like ? tr_ascii_lower(tr_strdup(like)) : NULL);
	tr_q_i64(q, org_id);
	tr_q_i64(q, org_id);
	tr_q_i64(q, agents_only);
	tr_q_i64(q, limit);
	tr_q_i64(q, offset < 0 ? 0 : offset);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	tr_admin_user *list = tr_zalloc(sizeof(*list) * (size_t)limit);
	int n = 0;
	while (n < limit && tr_q_next(q) > 0)
		read_user(q, &list[n++]);
	tr_q_end(q);
	*out = list;
	return n;
}

int tr_admin_user_get(int64_t id, tr_admin_user *out)
{
	tr_q *q = tr_q_new("SELECT " USER_COLUMNS " FROM users u LEFT JOIN organizations o ON o.id = u.org_id WHERE u.id = ?");
	tr_q_i64(q, id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	rc = tr_q_next(q);
	if (rc > 0)
		read_user(q, out);
	tr_q_end(q);
	return rc < 0 ? rc : rc > 0;
}

static const char *user_summary(const tr_admin_user *u)
{
	return tr_fmt("organization=%s; access=%s; main_contact=%d; customer_admin=%d; info_recipient=%d; agent=%d; "
		      "confirmed=%d; blocked=%d", u->org_name ? u->org_name : "-", tr_level_name(u->level),
		      u->main_contact, u->customer_admin, u->info_recipient, u->is_agent, u->confirmed, u->blocked);
}

typedef struct user_job {
	const tr_user *admin;
	const tr_admin_user *u;
	int what;                     /* 0 save, 1 confirm, 2 block, 3 unblock */
	tr_problems *p;
} user_job;

static int user_tx(void *ctx)
{
	user_job *j = ctx;
	tr_admin_user was, now;
	int64_t lock = 0, r = 0;
	int rc = tr_db_int(&lock, "SELECT id FROM users WHERE id = ? FOR UPDATE", "l", j->u->id);
	if (rc <= 0)
		return rc < 0 ? rc : TR_E_NOT_FOUND;
	if ((rc = tr_admin_user_get(j->u->id, &was)) <= 0)
		return rc < 0 ? rc : TR_E_NOT_FOUND;
	const char *action = "user.update";
	switch (j->what) {
	case 0:
		if (j->u->org_id) {
			int64_t n = 0;
			if ((rc = tr_db_int(&n, "SELECT COUNT(*) FROM organizations WHERE id = ?", "l", j->u->org_id)) < 0)
				return rc;
			if (!n) {
				tr_problem_add(j->p, "org_id", "admin.err.org_unknown", NULL);
				return TR_E_INVALID;
			}
		}
		r = tr_db_run("UPDATE users SET org_id = NULLIF(?, 0), access_level = ?, is_main_contact = ?, "
			      "is_customer_admin = ?, is_info_recipient = ?, is_agent = ? WHERE id = ?", "liiiiil",
			      j->u->org_id, (int)j->u->level, j->u->main_contact, j->u->customer_admin,
			      j->u->info_recipient, j->u->is_agent, j->u->id);
		if (r >= 0 && !j->u->is_agent && !was.is_admin)
			/* no longer staff: out of every group, so no ticket is routed to them */
			r = tr_db_run("DELETE FROM staff_group_members WHERE user_id = ?", "l", j->u->id);
		if (r >= 0 && was.org_id != j->u->org_id)
			action = "user.move";
		break;
	case 1:
		r = tr_db_run("UPDATE users SET confirmed_at = COALESCE(confirmed_at, NOW()) WHERE id = ?", "l", j->u->id);
		action = "user.confirm";
		break;
	case 2:
		if (j->u->id == j->admin->id) {
			tr_problem_add(j->p, NULL, "admin.err.self", NULL);
			return TR_E_INVALID;
		}
		r = tr_db_run("UPDATE users SET disabled_at = COALESCE(disabled_at, NOW()) WHERE id = ?", "l", j->u->id);
		/* mails queued for them before are not sent any more */
		if (r >= 0)
			r = tr_db_run("UPDATE outbox SET status = 'failed', last_error = 'recipient blocked' "
				      "WHERE user_id = ? AND status = 'queued'", "l", j->u->id);
		if (r >= 0)
			r = tr_session_end_user(j->u->id, 0);
		action = "user.block";
		break;
	default:
		r = tr_db_run("UPDATE users SET disabled_at = NULL WHERE id = ?", "l", j->u->id);
		action = "user.unblock";
		break;
	}
	if (r < 0)
		return (int)r;
	if ((rc = tr_admin_user_get(j->u->id, &now)) <= 0)
		return rc < 0 ? rc : TR_E_NOT_FOUND;
	return tr_audit(j->admin->id, action, "user", now.id, tr_fmt("%s <%s>", now.name, now.email),
			user_summary(&was), user_summary(&now));
}

static int user_change(const tr_user *admin, const tr_admin_user *u, int what, tr_problems *p)
{
	user_job j = { admin, u, what, p };
	int rc = tr_db_tx(user_tx, &j);
	if (!rc)
		tr_info("admin %lld changed user %lld (%d)", (long long)admin->id, (long long)u->id, what);
	return rc;
}

int tr_admin_user_save(const tr_user *admin, const tr_admin_user *u, tr_problems *p)
{
	if ((unsigned)u->level > TR_LEVEL_ORG_COMMENT) {
		tr_problem_add(p, "access_level", "admin.err.level", NULL);
		return TR_E_INVALID;
	}
	return user_change(admin, u, 0, p);
}

int tr_admin_user_confirm(const tr_user *admin, int64_t id)
{
	tr_admin_user u = { .id = id };
	tr_problems p = { .n = 0 };
	return user_change(admin, &u, 1, &p);
}

int tr_admin_user_block(const tr_user *admin, int64_t id, int block, tr_problems *p)
{
	tr_admin_user u = { .id = id };
	return user_change(admin, &u, block ? 2 : 3, p);
}

/* ---- agent groups ---- */

int tr_admin_groups(const char *lang, tr_admin_group **out)
{
	int en = lang && !strcmp(lang, "en");
	tr_q *q = tr_q_new(en ?
		"SELECT g.id, g.name, COALESCE(g.email, ''), (SELECT GROUP_CONCAT(f.title_en ORDER BY f.sort SEPARATOR '; ') "
		"FROM forms f WHERE f.group_id = g.id) FROM staff_groups g ORDER BY g.name LIMIT 200" :
		"SELECT g.id, g.name, COALESCE(g.email, ''), (SELECT GROUP_CONCAT(f.title_de ORDER BY f.sort SEPARATOR '; ') "
		"FROM forms f WHERE f.group_id = g.id) FROM staff_groups g ORDER BY g.name LIMIT 200");
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	tr_admin_group *list = tr_zalloc(sizeof(*list) * 200);
	int n = 0;
	while (n < 200 && tr_q_next(q) > 0) {
		list[n].id = tr_q_l(q, 0);
		list[n].name = tr_q_dup(q, 1);
		list[n].email = tr_q_dup(q, 2);
		list[n].forms = tr_q_dup(q, 3);
		n++;
	}
	tr_q_end(q);
	for (int i = 0; i < n; i++) {
		q = tr_q_new("SELECT u.id, u.name FROM staff_group_members m JOIN users u ON u.id = m.user_id "
			     "WHERE m.group_id = ? ORDER BY u.name LIMIT 500");
		tr_q_i64(q, list[i].id);
		if ((rc = tr_q_exec(q)) < 0)
			return rc;
		list[i].member_ids = tr_zalloc(sizeof(int64_t) * 500);
		list[i].member_names = tr_zalloc(sizeof(char *) * 500);
		while (list[i].nmembers < 500 && tr_q_next(q) > 0) {
			list[i].member_ids[list[i].nmembers] = tr_q_l(q, 0);
			list[i].member_names[list[i].nmembers++] = tr_q_dup(q, 1);
		}
		tr_q_end(q);
	}
	*out = list;
	return n;
}

typedef struct group_job {
	const tr_user *admin;
	int64_t *id, user_id;
	const char *name, *email;
	int add;
	tr_problems *p;
} group_job;

static int group_save_tx(void *ctx)
{
	group_job *j = ctx;
	int64_t other = 0, r;
	int rc = tr_db_int(&other, "SELECT id FROM staff_groups WHERE name = ? AND id <> ?", "sl", j->name, *j->id);
	if (rc < 0)
		return rc;
	if (rc > 0) {
		tr_problem_add(j->p, "name", "admin.err.group_exists", NULL);
		return TR_E_INVALID;
	}
	const char *before = "";
	if (*j->id) {
		tr_q *q = tr_q_new("SELECT name, COALESCE(email, '') FROM staff_groups WHERE id = ? FOR UPDATE");
		tr_q_i64(q, *j->id);
		if ((rc = tr_q_exec(q)) < 0)
			return rc;
		if (tr_q_next(q) > 0)
			before = tr_fmt("name=%s; email=%s", tr_q_s(q, 0), tr_q_s(q, 1));
		else
			rc = TR_E_NOT_FOUND;
		tr_q_end(q);
		if (rc)
			return rc;
		r = tr_db_run("UPDATE staff_groups SET name = ?, email = NULLIF(?, '') WHERE id = ?", "ssl", j->name,
			      j->email, *j->id);
	} else {
		r = tr_db_run("INSERT INTO staff_groups (name, email) VALUES (?, NULLIF(?, ''))", "ss", j->name, j->email);
		if (r >= 0)
			*j->id = tr_db_insert_id();
	}
	if (r < 0)
		return (int)r;
	return tr_audit(j->admin->id, *before ? "group.update" : "group.create", "group", *j->id, j->name, before,
			tr_fmt("name=%s; email=%s", j->name, j->email));
}

int tr_admin_group_save(const tr_user *admin, int64_t *id, const char *name, const char *email, tr_problems *p)
{
	if (!name || !*name)
		tr_problem_add(p, "name", "err.required", NULL);
	if (email && *email && !tr_email_valid(email))
		tr_problem_add(p, "email", "err.email", NULL);
	if (p->n)
		return TR_E_INVALID;
	int64_t was = *id;
	group_job j = { admin, id, 0, name, email ? email : "", 0, p };
	int rc = tr_db_tx(group_save_tx, &j);
	if (rc)
		*id = was;
	return rc;
}

static int member_tx(void *ctx)
{
	group_job *j = ctx;
	const char *group = NULL, *who = NULL;
	tr_q *q = tr_q_new("SELECT name FROM staff_groups WHERE id = ? FOR UPDATE");
	tr_q_i64(q, *j->id);
	int rc = tr_q_exec(q);
	if (rc < 0)
		return rc;
	if (tr_q_next(q) > 0)
		group = tr_q_dup(q, 0);
	tr_q_end(q);
	if (!group)
		return TR_E_NOT_FOUND;
	q = tr_q_new("SELECT name FROM users WHERE id = ? AND is_staff = 1 AND disabled_at IS NULL");
	tr_q_i64(q, j->user_id);
	if ((rc = tr_q_exec(q)) < 0)
		return rc;
	if (tr_q_next(q) > 0)
		who = tr_q_dup(q, 0);
	tr_q_end(q);
	if (!who && j->add) {
		tr_problem_add(j->p, "user", "admin.err.no_agent", NULL);
		return TR_E_INVALID;
	}
	int64_t r = j->add ?
		tr_db_run("INSERT IGNORE INTO staff_group_members (group_id, user_id) VALUES (?, ?)", "ll", *j->id, j->user_id) :
		tr_db_run("DELETE FROM staff_group_members WHERE group_id = ? AND user_id = ?", "ll", *j->id, j->user_id);
	if (r < 0)
		return (int)r;
	if (r == 0)
		return 0;         /* nothing changed: nothing to audit */
	const char *member = tr_fmt("%s (#%lld)", who ? who : "?", (long long)j->user_id);
	return tr_audit(j->admin->id, j->add ? "group.member_add" : "group.member_remove", "group", *j->id, group,
			j->add ? "" : member, j->add ? member : "");
}

int tr_admin_group_member(const tr_user *admin, int64_t group_id, int64_t user_id, int add, tr_problems *p)
{
	group_job j = { admin, &group_id, user_id, NULL, NULL, add, p };
	return tr_db_tx(member_tx, &j);
}

/* ---- the dashboard ---- */

int tr_admin_counts(int64_t out[TR_AC_N])
{
	static const char *const sql[TR_AC_N] = {
		"SELECT COUNT(*) FROM organizations",
		"SELECT COUNT(*) FROM users WHERE is_staff = 0",
		"SELECT COUNT(*) FROM users WHERE is_staff = 0 AND confirmed_at IS NULL",
		"SELECT COUNT(*) FROM users WHERE disabled_at IS NOT NULL",
		"SELECT COUNT(*) FROM users WHERE is_staff = 1 AND disabled_at IS NULL",
		"SELECT COUNT(*) FROM staff_groups",
		"SELECT COUNT(*) FROM forms",
	};
	for (int i = 0; i < TR_AC_N; i++) {
		out[i] = 0;
		int rc = tr_db_int(&out[i], sql[i], "");
		if (rc < 0)
			return rc;
	}
	return 0;
}
