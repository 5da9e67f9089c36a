/* serve.c - the serve loop: accept, read and check input, session, access, CSRF, fields, handler, clean up. */
#include "web/serve.h"
#include "web/csrf.h"
#include "web/gzip.h"
#include "accounts/sessions.h"
#include "accounts/user.h"
#include "core/config.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "core/url.h"
#include "core/util.h"
#include "db/db.h"
#include "render/render.h"
#include "web/input.h"
#include "web/io.h"
#include "web/page.h"
#include "web/response.h"
#include "web/session.h"

#include <fcgiapp.h>
#include <malloc.h>
#include <signal.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void new_request_id(char id[16])
{
	unsigned char raw[6];
	randombytes_buf(raw, sizeof(raw));
	tr_hex_encode(raw, sizeof(raw), id);
}

/* ?lang= > the user's setting > cookie > default (German; R: the UI is German by default).
 * A ?lang= choice is remembered: on the user, or in a cookie. */
static void choose_language(tr_req *req)
{
	const char *want = hdf_get_value(req->hdf, "Query.lang", NULL);
	if (want && tr_lang_supported(want)) {
		if (req->user && strcmp(req->user->lang, want)) {
			tr_user_set_lang(req->user->id, want);
			req->user->lang = tr_strdup(want);
		} else if (!req->user) {
			tr_cookie(req, TR_LANG_COOKIE, want, 365L * 86400);
		}
		req->lang = tr_strdup(want);
		return;
	}
	if (req->user && tr_lang_supported(req->user->lang)) {
		req->lang = req->user->lang;
		return;
	}
	const char *c = tr_cookie_get(req, TR_LANG_COOKIE);
	if (c && tr_lang_supported(c)) {
		req->lang = c;
		return;
	}
	req->lang = tr_lang_default();
}

/* ?notice=key shows L.notice.key (only keys that exist) after a redirect. */
static void notice(tr_req *req)
{
	const char *key = hdf_get_value(req->hdf, "Query.notice", NULL);
	if (!key || strlen(key) > 32 || strspn(key, "abcdefghijklmnopqrstuvwxyz_") != strlen(key))
		return;
	const char *k = tr_fmt("notice.%s", key);
	const char *text = tr_L(req, k);
	if (strcmp(text, k))
		tr_set(req, "Page.notice", text);
}

/* The page for a signed-in customer whose registration is not complete
 * (R-ACC 4): why, and a button for the confirmation mail once more. */
static int unconfirmed(tr_req *req)
{
	req->status = 403;
	tr_set(req, "Page.title", tr_L(req, "unconfirmed.title"));
	/* where to come back to after the resend: this page, when it was a GET */
	tr_set(req, "Confirm.next", strcmp(req->method, "GET") ? "/" : tr_safe_next(tr_portal_uri(req)));
	int rc = tr_render(req, "unconfirmed.cs");
	return rc ? rc : -1;
}

/* 0 to go on; an HTTP status for the error page; -1 when answered here. */
static int check_access(tr_req *req)
{
	enum tr_access need = req->page->access;
	if (need == TR_PUBLIC)
		return 0;
	tr_user *u = req->user;
	if (!u) {
		if (strcmp(req->method, "GET"))
			return 403;
		tr_redirect(req, tr_fmt("/login?next=%s", tr_pct(tr_portal_uri(req), "/")));
		return -1;
	}
	int staff = u->is_agent || u->is_admin;
	switch (need) {
	case TR_CONFIRMED:
		return u->confirmed || staff ? 0 : unconfirmed(req);
	case TR_AGENT:
	case TR_ADMIN:
		if (need == TR_AGENT ? !staff : !u->is_admin)
			return 403;
		/* Security.staff_2fa: staff work only once two-factor sign-in is on (R-PROF) */
		if (tr_session_totp_missing(u->id, 1)) {
			if (strcmp(req->method, "GET"))
				return 403;
			tr_redirect(req, "/profile/security?notice=totp_required");
			return -1;
		}
		return 0;
	default:
		return 0;
	}
}

static int dispatch(tr_req *req)
{
	const tr_page *page = req->page;
	tr_handler handler = NULL;
	if (!strcmp(req->method, "GET"))
		handler = page->get;
	else if (!strcmp(req->method, "POST"))
		handler = page->post;
	else
		return 405;

	int rc = tr_input_head(req);
	if (rc)
		return rc;
	if ((rc = tr_session_load(req)) < 0)
		return tr_http_status(rc);
	choose_language(req);
	notice(req);
	rc = check_access(req);
	if (rc)
		return rc > 0 ? rc : 0;
	/* after the access check: whoever may not enter learns nothing about the page */
	if (!handler)
		return 405;
	/* the body only now: a visitor's POST to a signed-in page is never read */
	if ((rc = tr_input_body(req)) != 0)
		return rc;
	if (!strcmp(req->method, "POST")) {
		const char *token = hdf_get_value(req->hdf, "Query.csrf", NULL);
		if (!tr_csrf_ok(req, token)) {
			tr_info("CSRF token missing or wrong");
			return 403;
		}
	}
	rc = tr_input_validate(req);
	if (rc)
		return rc;
	rc = handler(req);
	if (rc == TR_DB_SLOW)
		req->error_key = "error.slow";   /* not "unavailable": a narrower search will do */
	rc = tr_http_status(rc);
	if (rc == 0 && !req->responded) {
		tr_error("page %s answered nothing", page->name);
		rc = 500;
	}
	return rc;
}

static void handle(const tr_page *page, FCGX_Request *fcgx)
{
	tr_req req;
	memset(&req, 0, sizeof(req));
	tr_io_begin(fcgx);
	req.page = page;
	new_request_id(req.id);
	tr_log_set_request(req.id);
	double t0 = tr_now_ms();

	const char *m = tr_io_getenv("REQUEST_METHOD");
	req.method = m ? m : "GET";
	if (!strcmp(req.method, "HEAD")) {
		req.head = 1;
		req.method = "GET";
	}
	const char *pi = tr_io_getenv("PATH_INFO");
	req.path_info = pi ? pi : "";
	const char *ra = tr_io_getenv("REMOTE_ADDR");
	req.remote_addr = ra ? ra : "";
	req.user_agent = tr_io_getenv("HTTP_USER_AGENT");
	req.accept_gzip = tr_accepts_gzip(tr_io_getenv("HTTP_ACCEPT_ENCODING"));
	const char *https = tr_io_getenv("HTTPS");
	req.https = (https && !strcasecmp(https, "on")) ||
		    !strncmp(tr_cfg("Site.url", ""), "https:", 6);
	req.lang = tr_lang_default();

	int status = dispatch(&req);
	if (status == 503 || status == 500)
		tr_db_request_done();   /* roll back before rendering the error */
	if (status)
		tr_fail(&req, status);
	tr_debug("%s %s %d %.1fms", req.method, tr_io_getenv("REQUEST_URI") ? tr_io_getenv("REQUEST_URI") : "",
		 req.status, tr_now_ms() - t0);

	tr_db_request_done();
	tr_input_end(&req);
	tr_pool_reset();
	tr_log_set_request(NULL);
}

int tr_serve(const tr_page *page, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	tr_log_init(page->name);
	signal(SIGPIPE, SIG_IGN);
	/* For a build with glibc's malloc (the release build links mimalloc, Makefile ALLOC_LIBS):
	 * no fastbins. ClearSilver frees thousands of small nodes per request, and the first larger
	 * allocation after them made glibc consolidate the lot (~50,000 instructions a request);
	 * the per-thread cache still serves small sizes. */
	mallopt(M_MXFAST, 0);
	int config_ok = tr_config_load(NULL) == 0;
	if (config_ok && strlen(tr_cfg("Security.secret", "")) < 32) {
		/* sessions' CSRF tokens and signed links would be forgeable */
		tr_error("Security.secret is missing or shorter than 32 characters");
		config_ok = 0;
	}
	const char *level = tr_cfg("Log.level", "info");
	tr_log_set_level(!strcmp(level, "debug") ? TR_LOG_DEBUG :
			 !strcmp(level, "warn") ? TR_LOG_WARN : TR_LOG_INFO);
	if (sodium_init() < 0) {
		tr_error("libsodium failed to initialize");
		return 1;
	}
	tr_time_init();
	tr_db_limit_statements(tr_cfg_int("Database.statement_seconds", 10));
	if (config_ok && tr_render_init() < 0)
		config_ok = 0;
	if (!config_ok)
		tr_error("not configured: every request gets 503");

	if (FCGX_IsCGI()) {
		/* plain CGI: one request on stdin/stdout (tests, debugging) */
		if (!config_ok) {
			fputs("Status: 503 Service Unavailable\r\nContent-Type: text/plain\r\n\r\n"
			      "Service unavailable\n", stdout);
			return 1;
		}
		handle(page, NULL);
		fflush(stdout);
		tr_db_disconnect();
		return 0;
	}
	if (FCGX_Init() != 0) {
		tr_error("FCGX_Init failed");
		return 1;
	}
	FCGX_Request fcgx;
	FCGX_InitRequest(&fcgx, 0, 0);
	while (FCGX_Accept_r(&fcgx) >= 0) {
		if (config_ok) {
			handle(page, &fcgx);
		} else {
			static const char msg[] = "Status: 503 Service Unavailable\r\n"
						  "Content-Type: text/plain\r\n\r\nService unavailable\n";
			FCGX_PutStr(msg, sizeof(msg) - 1, fcgx.out);
		}
		FCGX_Finish_r(&fcgx);
	}
	tr_db_disconnect();
	return 0;
}
