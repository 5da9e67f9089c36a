/* fuzz_input.c - libFuzzer harness: the input layer whole - query, cookies, urlencoded and multipart
 * bodies, then the declared fields' validation - through stub streams (io_stub.c).
 *
 * Input: QUERY_STRING NUL HTTP_COOKIE NUL CONTENT_TYPE NUL body. An empty
 * content type makes a GET. The page declares fields of every type and a
 * run-time prefix, as the new-request page does. */
#include "tresen.h"
#include "io_stub.h"
#include "web/io.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const colours[] = { "rot", "gruen", NULL };

static const tr_field fields[] = {
	{ "q", TR_F_TEXT, 0, 200, 0, NULL },
	{ "name", TR_F_NAME, TR_REQUIRED, 100, 0, NULL },
	{ "body", TR_F_LINES, 0, 5000, 0, NULL },
	{ "email", TR_F_EMAIL, 0, 254, 0, NULL },
	{ "n", TR_F_INT, TR_MULTI, 1000, 1, NULL },
	{ "d", TR_F_DATE, 0, 0, 0, NULL },
	{ "c", TR_F_ENUM, TR_MULTI, 0, 0, colours },
	{ "ok", TR_F_BOOL, 0, 0, 0, NULL },
	{ "token", TR_F_TOKEN, 0, 43, 0, NULL },
	{ "attachments", TR_F_FILE, TR_MULTI, 1000, 0, NULL },
	{ "field_*", TR_F_TEXT, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const tr_page page = { .name = "fuzz", .access = TR_PUBLIC, .fields = fields, .uploads = 1 };

static const tr_field more[] = {
	{ "field_system", TR_F_ENUM, 0, 0, 0, colours },
	{ "field_count", TR_F_INT, 0, 99, 0, NULL },
};

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (sodium_init() < 0)
		abort();
	const char *templates = getenv("TRESEN_FUZZ_TEMPLATES");
	tr_cfg_set("Paths.templates", templates ? templates : "templates");
	mkdir("/tmp/tresen-fuzz", 0700);
	tr_cfg_set("Paths.tmp", "/tmp/tresen-fuzz");
	tr_cfg_set("Limits.form_bytes", "20000");
	tr_cfg_set("Limits.field_bytes", "4000");
	tr_cfg_set("Limits.query_bytes", "2000");
	tr_log_set_level(TR_LOG_ERROR);
	if (tr_render_init() < 0)
		abort();
	return 0;
}

/* The next NUL-ended piece of data, copied; NULL when none is left. */
static char *piece(const uint8_t **p, const uint8_t *end)
{
	if (*p >= end)
		return NULL;
	const uint8_t *z = memchr(*p, 0, (size_t)(end - *p));
	size_t n = z ? (size_t)(z - *p) : (size_t)(end - *p);
	char *s = tr_strndup((const char *)*p, n);
	*p += n + (z ? 1 : 0);
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	char *query = piece(&p, end), *cookie = piece(&p, end), *ctype = piece(&p, end);
	const char *body = (const char *)p;
	size_t blen = (size_t)(end - p);
	int post = ctype && *ctype;
	char *env[8];
	int ne = 0;
	env[ne++] = tr_fmt("REQUEST_METHOD=%s", post ? "POST" : "GET");
	if (query)
		env[ne++] = tr_fmt("QUERY_STRING=%s", query);
	if (cookie && *cookie)
		env[ne++] = tr_fmt("HTTP_COOKIE=%s", cookie);
	if (post) {
		env[ne++] = tr_fmt("CONTENT_TYPE=%s", ctype);
		env[ne++] = tr_fmt("CONTENT_LENGTH=%zu", blen);
	}
	env[ne] = NULL;
	stub_set(env, body, blen);

	tr_req req;
	memset(&req, 0, sizeof(req));
	req.page = &page;
	req.method = post ? "POST" : "GET";
	req.lang = "de";
	req.csrf = "the-token";
	tr_io_begin(NULL);
	int rc = tr_input_head(&req);
	if (!rc)
		rc = tr_input_body(&req);
	if (!rc)
		rc = tr_input_validate(&req);
	if (!rc)
		rc = tr_validate_more(&req, more, 2, "field_");
	if (!rc) {
		const char **vals;
		(void)tr_arg(&req, "q");
		(void)tr_arg_list(&req, "n", &vals);
		for (tr_upload *u = tr_uploads(&req, "attachments"); u; u = u->next)
			if (!u->filename || strlen(u->sha256) != 64)
				abort();
		(void)tr_self_url(&req, "/x", "q", "y", NULL);
	}
	tr_input_end(&req);
	tr_pool_reset();
	return 0;
}
