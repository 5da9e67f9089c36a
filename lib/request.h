/* request.h - a page's declaration (methods, access, fields) and the request context.
 *
 * A page program declares one tr_page and calls tr_serve(). The library reads
 * and checks the input, loads the session, checks CSRF and the declared
 * fields, and only then calls the page's handler with a tr_req. */
#ifndef TR_REQUEST_H
#define TR_REQUEST_H

#include <stddef.h>
#include <stdint.h>
#include <ClearSilver.h>

#include "user.h"

enum tr_access {
	TR_PUBLIC = 0,     /* anyone */
	TR_SIGNED_IN,      /* any signed-in user (confirmed or not) */
	TR_AGENT,          /* staff: agents and admins */
	TR_ADMIN,          /* staff admins */
};

enum tr_ftype {
	TR_F_TEXT,         /* one line of text */
	TR_F_LINES,        /* multi-line text (CR/LF allowed) */
	TR_F_PASSWORD,     /* like TEXT, never echoed into the page */
	TR_F_EMAIL,        /* an e-mail address, lower-cased for lookups */
	TR_F_INT,          /* whole number in [min, max] */
	TR_F_DATE,         /* YYYY-MM-DD */
	TR_F_ENUM,         /* one of values[] */
	TR_F_BOOL,         /* checkbox: "1" when set */
	TR_F_TOKEN,        /* base64url token from a link */
	TR_F_FILE,         /* uploaded file(s), multipart only */
};

#define TR_REQUIRED 1u     /* missing or empty is a field error (on POST; a GET shows the form) */
#define TR_MULTI 2u        /* may occur several times */

typedef struct tr_field {
	const char *name;            /* "field_*": a prefix the page checks itself (tr_validate_more) */
	enum tr_ftype type;
	unsigned flags;
	long max;                    /* characters (text), largest value (int), bytes per file (file; 0 = setting) */
	long min;                    /* smallest value (int) */
	const char *const *values;   /* allowed values (enum), NULL-terminated */
} tr_field;

typedef struct tr_req tr_req;
typedef int (*tr_handler)(tr_req *req);

typedef struct tr_page {
	const char *name;            /* for logs and Page.name in templates */
	enum tr_access access;
	const tr_field *fields;      /* terminated by an entry with name NULL */
	tr_handler get;              /* GET and HEAD */
	tr_handler post;             /* POST (CSRF-checked before the call) */
	int uploads;                 /* accepts multipart/form-data bodies */
} tr_page;

/* An uploaded file, streamed to a temporary file while its hash was computed. */
typedef struct tr_upload {
	struct tr_upload *next;
	const char *field;
	const char *filename;        /* as sent by the browser, valid UTF-8, no path */
	const char *content_type;
	const char *path;            /* temporary file, removed after the request unless taken */
	int64_t size;
	char sha256[65];             /* hex */
} tr_upload;

typedef struct tr_value {
	const tr_field *field;
	const char **v;              /* validated values */
	int n;
} tr_value;

struct tr_req {
	const tr_page *page;
	HDF *hdf;                    /* request data, then what the template shows */
	const char *method;          /* "GET" or "POST" (HEAD is served as GET) */
	int head;
	const char *path_info;       /* e.g. "/123" for /requests/123 */
	const char *remote_addr;
	const char *user_agent;
	char id[16];                 /* request id for logs */
	const char *lang;            /* "de" or "en" */
	int https;

	tr_user *user;               /* signed-in user, or NULL */
	int64_t session_id;
	const char *session_hash;    /* hex hash of the session token */
	const char *csrf;            /* token every form of this response carries */

	tr_value *values;            /* one per declared field */
	int nvalues;
	int nerrors;                 /* field errors (values kept for the form) */
	tr_upload *uploads;

	/* response */
	int status;
	char **headers;              /* extra header lines */
	int nheaders;
	int responded;
};

/* Serves requests until the web server stops the process: FastCGI, or one
 * request when started as plain CGI. Returns the exit status for main(). */
int tr_serve(const tr_page *page, int argc, char **argv);

/* Input, after validation. tr_arg returns NULL when absent or in error. */
const char *tr_arg(tr_req *req, const char *name);
int64_t tr_arg_int(tr_req *req, const char *name, int64_t def);
int tr_arg_bool(tr_req *req, const char *name);
int tr_arg_list(tr_req *req, const char *name, const char ***vals);
/* 1 when the field has an error message. */
int tr_arg_error(tr_req *req, const char *name);
/* Uploads of a field, in the order sent. */
tr_upload *tr_uploads(tr_req *req, const char *field);
/* Marks the upload as taken: it will not be removed after the request. */
void tr_upload_keep(tr_upload *u);

/* Marks a field (or the form, with name NULL) as in error with the message
 * L.<key> of the request's language; the form is shown again with it. */
void tr_form_error(tr_req *req, const char *name, const char *key);

/* The same with the message's %s replaced by arg (e.g. the entry in error). */
void tr_form_error_arg(tr_req *req, const char *name, const char *key, const char *arg);

/* Validates fields known only at run time (a form held as data) by the same
 * rules as declared ones; their values join the request's (tr_arg works for
 * them) and show in Form.*. The page declares "<prefix>*" so the parameters
 * are read at all; one with that prefix that none of the fields names is
 * input no form sends. fields must live until the request ends (pool).
 * Returns 0 (soft errors counted in req->nerrors) or 400/413. */
int tr_validate_more(tr_req *req, const tr_field *fields, int n, const char *prefix);

/* A portal path (templates put Site.base in front) carrying the page's current field values as query string,
 * with changes given as name, value pairs (value NULL drops the field),
 * ended by NULL: tr_self_url(req, "/requests", "page", "2", NULL). */
const char *tr_self_url(tr_req *req, const char *path, ...);

/* Environment of the current request. */
const char *tr_env(tr_req *req, const char *name);

#endif
