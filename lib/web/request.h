/* request.h - the types of the request pipeline: a page's declaration and the request context.
 *
 * A leaf header: it includes no other module of ours but the upload type, so
 * every part of the pipeline (input, response, session, the templates'
 * common data) can use the request without depending on the loop that
 * calls them (web/serve.h). A page program declares one tr_page and calls
 * tr_serve(); the library reads and checks the input, loads the session,
 * checks access, CSRF and the declared fields, and only then calls the
 * page's handler with a tr_req. */
#ifndef TR_REQUEST_H
#define TR_REQUEST_H

#include <stddef.h>
#include <stdint.h>
#include <ClearSilver.h>

#include "core/upload.h"

struct tr_user;

/* Who may open a page; the loop checks it before the handler runs. */
enum tr_access {
	TR_PUBLIC = 0,     /* anyone */
	TR_SIGNED_IN,      /* any signed-in user (confirmed or not) */
	TR_CONFIRMED,      /* a signed-in user whose registration is complete (R-ACC 4), or staff;
	                    * others get the "registration not complete" page (403) */
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
	TR_F_NAME,         /* like TEXT, for names shown to others: no invisible or direction-changing characters */
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
/* A handler returns 0 when it answered, an HTTP status (the loop renders
 * that error page), or a negative result code (core/result.h), which the
 * loop maps with tr_http_status. */
typedef int (*tr_handler)(tr_req *req);

typedef struct tr_page {
	const char *name;            /* for logs and Page.name in templates */
	enum tr_access access;
	const tr_field *fields;      /* terminated by an entry with name NULL */
	tr_handler get;              /* GET and HEAD */
	tr_handler post;             /* POST (CSRF-checked before the call) */
	int uploads;                 /* accepts multipart/form-data bodies */
} tr_page;

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
	int accept_gzip;             /* the client takes gzip-compressed bodies */

	struct tr_user *user;        /* signed-in user, or NULL */
	int64_t session_id;
	const char *session_hash;    /* hex hash of the session token */
	const char *csrf;            /* token every form of this response carries */

	long nparams;                /* parameters read (query and body), against Limits.fields */
	tr_value *values;            /* one per declared field */
	int nvalues;
	int nerrors;                 /* field errors (values kept for the form) */
	tr_upload *uploads;          /* every upload, in the order sent */

	/* response */
	int status;
	char **headers;              /* extra header lines */
	int nheaders;
	int responded;
	const char *error_key;       /* the error page's text when its status alone does not say it */
};

#endif
