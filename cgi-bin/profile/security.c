/* security.c - /profile/security : password change, two-factor sign-in (enrol, recovery codes,
 * turn off) and the signed-in devices (sign out one or all others) (R-PROF, §15). */
#include "tresen.h"
#include "accounts/profile.h"
#include "accounts/sessions.h"
#include "accounts/totp.h"

#include <string.h>

static const char *const actions[] = { "password", "totp_start", "totp_enable", "totp_disable", "totp_codes",
				       "session_end", "sessions_end", NULL };

static const tr_field fields[] = {
	{ "action", TR_F_ENUM, 0, 0, 0, actions },
	{ "current", TR_F_PASSWORD, 0, 1024, 0, NULL },
	{ "confirm_password", TR_F_PASSWORD, 0, 1024, 0, NULL },
	{ "password", TR_F_PASSWORD, 0, 1024, 0, NULL },
	{ "code", TR_F_TEXT, 0, 20, 0, NULL },
	{ "session", TR_F_INT, 0, INT64_MAX, 1, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static int enrolment(tr_req *req, const char *b32)
{
	tr_set(req, "Totp.secret", b32);
	const char *issuer = tr_cfg("Site.name", "Tresen");
	tr_set(req, "Totp.qr", tr_qr_data_uri(tr_totp_uri(issuer, req->user->email, b32)));
	return 0;
}

static int show_with(tr_req *req, const char **codes)
{
	int64_t uid = req->user->id;
	tr_set(req, "Page.title", tr_L(req, "profile.security_title"));
	tr_set(req, "Page.section", "profile");
	tr_set(req, "Profile.tab", "security");
	int enabled, left;
	int rc = tr_totp_status(uid, &enabled, &left);
	if (rc < 0)
		return rc;
	tr_set_int(req, "Totp.enabled", enabled);
	tr_set_int(req, "Totp.left", left);
	if (tr_session_totp_missing(uid, req->user->is_agent || req->user->is_admin))
		tr_set(req, "Totp.required", "1");
	if (!enabled) {
		const char *b32;
		if ((rc = tr_totp_pending(uid, &b32)) < 0)
			return rc;
		if (b32)
			enrolment(req, b32);
	}
	for (int i = 0; codes && i < TR_RECOVERY_CODES; i++)
		tr_set(req, tr_fmt("Totp.codes.%d", i), codes[i]);
	tr_device *d;
	int n = tr_profile_devices(uid, req->session_id, &d);
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++) {
		HDF *row = tr_node(req, tr_fmt("Devices.%d", i));
		tr_node_set(row, "id", tr_int_str(d[i].id));
		tr_node_set(row, "name", tr_profile_device_name(d[i].user_agent));
		tr_node_set(row, "agent", d[i].user_agent);
		tr_node_set(row, "addr", d[i].remote_addr);
		tr_node_set(row, "since", tr_time_show(d[i].created_at, req->lang));
		tr_node_set(row, "last", tr_time_show(d[i].last_seen_at, req->lang));
		if (d[i].current)
			tr_node_set(row, "current", "1");
	}
	tr_set_int(req, "Devices.count", n);
	return tr_render(req, "profile/security.cs");
}

static int show(tr_req *req)
{
	return show_with(req, NULL);
}

static int submit(tr_req *req)
{
	const char *action = tr_arg(req, "action");
	if (!action)
		return 400;
	if (req->nerrors) {
		req->status = 422;
		return show(req);
	}
	int64_t uid = req->user->id;
	tr_problems p = { .n = 0 };
	int rc;
	if (!strcmp(action, "password")) {
		if (!tr_arg(req, "current"))
			tr_problem_add(&p, "current", "err.required", NULL);
		if (!tr_arg(req, "password"))
			tr_problem_add(&p, "password", "err.required", NULL);
		rc = p.n ? TR_E_INVALID :
		     tr_profile_password(uid, tr_arg(req, "current"), tr_arg(req, "password"), req->session_id,
					 req->remote_addr, &p);
		if (tr_form_again(req, rc, &p))
			return show(req);
		return rc ? rc : tr_redirect(req, "/profile/security?notice=password_changed");
	}
	if (!strcmp(action, "totp_start")) {
		const char *b32;
		rc = tr_totp_begin(uid, &b32);
		if (rc == TR_E_CONFLICT)   /* on already: nothing to set up */
			return tr_redirect(req, "/profile/security#totp");
		return rc ? rc : tr_redirect(req, "/profile/security#totp");
	}
	if (!strcmp(action, "totp_enable")) {
		const char *codes[TR_RECOVERY_CODES];
		rc = tr_totp_enable(uid, tr_arg(req, "code"), codes, &p);
		if (tr_form_again(req, rc, &p))
			return show(req);
		if (rc)
			return rc;
		/* the codes are shown this once, never again */
		tr_set(req, "Page.notice", tr_L(req, "notice.totp_enabled"));
		return show_with(req, codes);
	}
	if (!strcmp(action, "totp_codes") || !strcmp(action, "totp_disable")) {
		/* both need the password: a borrowed session must not weaken the account */
		rc = tr_profile_check_password(uid, tr_arg(req, "confirm_password"), "confirm_password",
					       req->remote_addr, &p);
		if (rc != 1)
			return tr_form_again(req, rc, &p) ? show(req) : rc;
		if (!strcmp(action, "totp_disable")) {
			rc = tr_totp_disable(uid, uid);
			return rc ? rc : tr_redirect(req, "/profile/security?notice=totp_disabled");
		}
		const char *codes[TR_RECOVERY_CODES];
		if ((rc = tr_totp_new_codes(uid, codes)) != 0)
			return rc;
		tr_set(req, "Page.notice", tr_L(req, "notice.recovery_codes"));
		return show_with(req, codes);
	}
	if (!strcmp(action, "session_end")) {
		int64_t sid = tr_arg_int(req, "session", 0);
		if (!sid)
			return 400;
		if (sid == req->session_id) {
			tr_session_end(req);
			return tr_redirect(req, "/?notice=signed_out");
		}
		rc = tr_profile_end_sessions(uid, sid, req->session_id);
		return rc ? rc : tr_redirect(req, "/profile/security?notice=session_ended");
	}
	rc = tr_profile_end_sessions(uid, 0, req->session_id);
	return rc ? rc : tr_redirect(req, "/profile/security?notice=sessions_ended");
}

static const tr_page page = {
	.name = "profile_security",
	.access = TR_SIGNED_IN,
	.fields = fields,
	.get = show,
	.post = submit,
};

int main(int argc, char **argv)
{
	return tr_serve(&page, argc, argv);
}
