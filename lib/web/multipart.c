/* multipart.c - a streaming, bounded multipart/form-data parser (RFC 7578). */
#include "web/multipart.h"
#include "core/text.h"
#include "core/pool.h"
#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define WINDOW (64 * 1024)
#define MAX_HEADER_BYTES (16 * 1024)
#define MAX_NAME 100
#define MAX_FILENAME 255

typedef struct parser {
	tr_mp *mp;
	char *buf;
	size_t start, end;        /* unconsumed bytes are buf[start..end) */
	int64_t remaining;        /* body bytes not yet read */
	int eof;
	const char *delim;        /* "\r\n--" boundary */
	size_t dlen;
	int nparts;
	int64_t text_bytes;       /* text kept so far */
	tr_part **tail;
} parser;

/* The parameters of a header value (RFC 2045/7578): after the first item,
 * ";"-separated name=token or name="quoted-string", quotes respected (a ';'
 * inside quotes ends nothing). Returns param's value (pool memory), NULL
 * when it is absent, *bad = 1 when the value is malformed. */
static char *param_value(const char *value, const char *param, int *bad)
{
	size_t plen = strlen(param);
	const char *p = value;
	char *found = NULL;
	*bad = 0;
	/* skip the first item (the media type, or "form-data") */
	while (*p && *p != ';') {
		if (*p == '"')
			return *bad = 1, NULL;
		p++;
	}
	while (*p == ';') {
		p++;
		p += strspn(p, " \t");
		const char *name = p;
		while (*p && *p != '=' && *p != ';' && *p != ' ' && *p != '\t')
			p++;
		size_t nlen = (size_t)(p - name);
		p += strspn(p, " \t");
		if (*p != '=')
			return *bad = 1, NULL;
		p++;
		p += strspn(p, " \t");
		tr_buf out;
		tr_buf_init(&out);
		if (*p == '"') {
			for (p++; *p && *p != '"'; p++) {
				if (*p == '\\' && p[1])
					p++;
				tr_buf_addc(&out, *p);
			}
			if (*p != '"') {
				tr_buf_free(&out);
				return *bad = 1, NULL;
			}
			p++;
		} else {
			size_t n = strcspn(p, "; \t\"");
			tr_buf_add(&out, p, n);
			p += n;
		}
		p += strspn(p, " \t");
		if (*p && *p != ';') {
			tr_buf_free(&out);
			return *bad = 1, NULL;
		}
		int match = nlen == plen && !strncasecmp(name, param, plen);
		if (match && found) {
			tr_buf_free(&out);
			return *bad = 1, NULL;      /* the same parameter twice: which one counts? */
		}
		if (match)
			found = tr_strndup(out.data ? out.data : "", out.len);
		tr_buf_free(&out);
	}
	return found;
}

const char *tr_mp_boundary(const char *ct)
{
	if (!ct)
		return NULL;
	int bad;
	const char *b = param_value(ct, "boundary", &bad);
	if (!b || bad)
		return NULL;
	/* RFC 2046: 1 to 70 characters from a restricted set, not ending in a space. */
	size_t n = strlen(b);
	if (n < 1 || n > 70 || b[n - 1] == ' ')
		return NULL;
	for (size_t i = 0; i < n; i++) {
		char c = b[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      strchr("'()+_,-./:=? ", c)))
			return NULL;
	}
	return b;
}

static int fail(parser *ps, int status, const char *why)
{
	ps->mp->error = why;
	return status;
}

/* Reads more input behind the unconsumed bytes; returns bytes read, 0 at end. */
static int fill(parser *ps)
{
	if (ps->start > 0) {
		memmove(ps->buf, ps->buf + ps->start, ps->end - ps->start);
		ps->end -= ps->start;
		ps->start = 0;
	}
	if (ps->eof || ps->end == WINDOW)
		return 0;
	size_t room = WINDOW - ps->end;
	if ((int64_t)room > ps->remaining)
		room = (size_t)ps->remaining;
	if (room == 0) {
		ps->eof = 1;
		return 0;
	}
	int n = ps->mp->read(ps->mp->ctx, ps->buf + ps->end, (int)room);
	if (n <= 0) {
		ps->eof = 1;
		return n < 0 ? -1 : 0;
	}
	ps->end += (size_t)n;
	ps->remaining -= n;
	return n;
}

static char *find(parser *ps, const char *needle, size_t nlen)
{
	return memmem(ps->buf + ps->start, ps->end - ps->start, needle, nlen);
}

/* The HTML form encoding escapes only " CR LF in file names (as %22 %0D %0A). */
static void unescape_filename(char *s)
{
	char *o = s;
	for (char *p = s; *p; p++) {
		if (p[0] == '%' && p[1] == '2' && p[2] == '2') {
			*o++ = '"';
			p += 2;
		} else if (p[0] == '%' && p[1] == '0' && (p[2] == 'A' || p[2] == 'D')) {
			p += 2;   /* a line break has no place in a file name */
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* RFC 5987 filename*=UTF-8''percent-encoded: two hex digits after each '%',
 * no NUL; NULL when malformed. */
static char *decode_ext_filename(const char *v)
{
	if (strncasecmp(v, "utf-8''", 7))
		return NULL;
	v += 7;
	char *out = tr_alloc(strlen(v) + 1), *o = out;
	for (; *v; v++) {
		if (*v == '%') {
			int hi = hexval(v[1]), lo = hi < 0 ? -1 : hexval(v[2]);
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				return NULL;
			*o++ = (char)(hi << 4 | lo);
			v += 2;
		} else {
			*o++ = *v;
		}
	}
	*o = '\0';
	return out;
}


static int parse_headers(parser *ps, char *h, tr_part *part)
{
	char *line = h;
	while (line && *line) {
		char *next = strstr(line, "\r\n");
		if (next) {
			*next = '\0';
			next += 2;
		}
		char *colon = strchr(line, ':');
		if (colon) {
			*colon = '\0';
			char *value = colon + 1;
			while (*value == ' ' || *value == '\t')
				value++;
			if (!strcasecmp(line, "Content-Disposition")) {
				if (strncasecmp(value, "form-data", 9))
					return fail(ps, 400, "part is not form-data");
				int bad1, bad2, bad3;
				part->name = param_value(value, "name", &bad1);
				char *ext = param_value(value, "filename*", &bad2);
				char *fn = param_value(value, "filename", &bad3);
				if (bad1 || bad2 || bad3 || (value[9] && value[9] != ';' && value[9] != ' '))
					return fail(ps, 400, "malformed Content-Disposition");
				if (ext) {
					fn = decode_ext_filename(ext);
					if (!fn)
						return fail(ps, 400, "malformed filename*");
				} else if (fn) {
					unescape_filename(fn);
				}
				if (fn) {
					if (!tr_utf8_valid(fn, strlen(fn)))
						return fail(ps, 400, "file name is not UTF-8");
					part->filename = tr_filename_clean(fn, MAX_FILENAME);
				}
			} else if (!strcasecmp(line, "Content-Type")) {
				size_t n = strcspn(value, "; \t");
				if (n > 0 && n < 128)
					part->content_type = tr_strndup(value, n);
			}
		}
		line = next;
	}
	if (!part->name || !*part->name || strlen(part->name) > MAX_NAME)
		return fail(ps, 400, "part without a usable name");
	return 0;
}

/* Reads up to the blank line that ends a part's headers. */
static int read_headers(parser *ps, tr_part *part)
{
	for (;;) {
		char *p = find(ps, "\r\n\r\n", 4);
		if (p) {
			size_t n = (size_t)(p - (ps->buf + ps->start));
			char *h = tr_strndup(ps->buf + ps->start, n + 2);
			ps->start += n + 4;
			return parse_headers(ps, h, part);
		}
		if (ps->end - ps->start > MAX_HEADER_BYTES)
			return fail(ps, 400, "part headers too long");
		int r = fill(ps);
		if (r < 0)
			return fail(ps, 400, "read error");
		if (r == 0)
			return fail(ps, 400, "body ends inside part headers");
	}
}

typedef struct sink {
	int fd;
	crypto_hash_sha256_state sha;
	tr_buf text;
	int64_t size, limit;
	int keep, is_file;
} sink;

static int sink_write(parser *ps, sink *s, const char *p, size_t n)
{
	if (n == 0)
		return 0;
	s->size += (int64_t)n;
	if (s->size > s->limit)
		return fail(ps, 413, s->is_file ? "file too large" : "field too large");
	if (!s->keep)
		return 0;
	if (s->is_file) {
		crypto_hash_sha256_update(&s->sha, (const unsigned char *)p, n);
		while (n > 0) {
			ssize_t w = write(s->fd, p, n);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				return fail(ps, 500, "cannot write temporary file");
			p += w;
			n -= (size_t)w;
		}
	} else {
		tr_buf_add(&s->text, p, n);
	}
	return 0;
}

/* Streams the part body to the sink up to the next delimiter. */
static int read_body(parser *ps, sink *s)
{
	for (;;) {
		char *d = find(ps, ps->delim, ps->dlen);
		if (d) {
			size_t n = (size_t)(d - (ps->buf + ps->start));
			int rc = sink_write(ps, s, ps->buf + ps->start, n);
			ps->start += n + ps->dlen;
			return rc;
		}
		/* Everything but a possible delimiter prefix at the end is data. */
		size_t avail = ps->end - ps->start;
		if (avail >= ps->dlen) {
			size_t n = avail - (ps->dlen - 1);
			int rc = sink_write(ps, s, ps->buf + ps->start, n);
			if (rc)
				return rc;
			ps->start += n;
		}
		int r = fill(ps);
		if (r < 0)
			return fail(ps, 400, "read error");
		if (r == 0)
			return fail(ps, 400, "body ends inside a part");
	}
}

/* After a delimiter: "--" ends the body, CRLF starts the next part. */
static int after_delimiter(parser *ps, int *done)
{
	while (ps->end - ps->start < 2) {
		int r = fill(ps);
		if (r <= 0)
			return fail(ps, 400, "body ends after a delimiter");
	}
	char *p = ps->buf + ps->start;
	if (p[0] == '-' && p[1] == '-') {
		*done = 1;
		return 0;
	}
	/* transport padding (RFC 2046) before the line break */
	for (;;) {
		while (ps->start < ps->end && (ps->buf[ps->start] == ' ' || ps->buf[ps->start] == '\t'))
			ps->start++;
		if (ps->end - ps->start >= 2)
			break;
		if (fill(ps) <= 0)
			return fail(ps, 400, "body ends after a delimiter");
	}
	if (ps->buf[ps->start] != '\r' || ps->buf[ps->start + 1] != '\n')
		return fail(ps, 400, "garbage after a delimiter");
	ps->start += 2;
	return 0;
}

static int open_temp(parser *ps, tr_part *part, sink *s)
{
	char *path = tr_fmt("%s/upload-XXXXXX", ps->mp->tmpdir);
	s->fd = mkostemp(path, O_CLOEXEC);
	if (s->fd < 0)
		return fail(ps, 500, "cannot create temporary file");
	part->path = path;
	crypto_hash_sha256_init(&s->sha);
	return 0;
}

static int read_part(parser *ps)
{
	tr_part *part = tr_zalloc(sizeof(*part));
	int rc = read_headers(ps, part);
	if (rc)
		return rc;
	if (++ps->nparts > ps->mp->max_parts)
		return fail(ps, 400, "too many parts");
	sink s;
	memset(&s, 0, sizeof(s));
	s.fd = -1;
	tr_buf_init(&s.text);
	s.is_file = part->filename != NULL;
	s.limit = s.is_file ? ps->mp->file_bytes : ps->mp->field_bytes;
	/* An empty file input sends a part with filename="" and no data. */
	int want = ps->mp->want(ps->mp->ctx, part->name, s.is_file && *part->filename, ps->mp->parts);
	if (want < 0)
		return fail(ps, -want, "part refused before its body");
	s.keep = want && !(s.is_file && !*part->filename);
	if (s.keep) {
		/* listed before reading, so a failure still removes the file */
		*ps->tail = part;
		ps->tail = &part->next;
		if (s.is_file && (rc = open_temp(ps, part, &s)) != 0)
			return rc;
	}
	rc = read_body(ps, &s);
	if (s.fd >= 0)
		close(s.fd);
	if (s.keep && !rc) {
		if (s.is_file) {
			unsigned char h[crypto_hash_sha256_BYTES];
			crypto_hash_sha256_final(&s.sha, h);
			tr_hex_encode(h, sizeof(h), part->sha256);
			part->size = s.size;
			if (!part->content_type)
				part->content_type = "application/octet-stream";
		} else {
			/* all the text of a body together is bounded, not only each part */
			ps->text_bytes += (int64_t)s.text.len;
			if (ps->mp->text_bytes && ps->text_bytes > ps->mp->text_bytes) {
				tr_buf_free(&s.text);
				return fail(ps, 413, "text parts too large in all");
			}
			part->value = tr_strndup(s.text.data ? s.text.data : "", s.text.len);
			part->len = s.text.len;
		}
	}
	tr_buf_free(&s.text);
	return rc;
}

int tr_mp_parse(tr_mp *mp, const char *boundary)
{
	parser ps;
	memset(&ps, 0, sizeof(ps));
	ps.mp = mp;
	ps.buf = tr_alloc(WINDOW);
	ps.remaining = mp->content_length;
	ps.tail = &mp->parts;
	ps.delim = tr_fmt("\r\n--%s", boundary);
	ps.dlen = strlen(ps.delim);
	/* A virtual CRLF in front makes the first delimiter look like the others. */
	memcpy(ps.buf, "\r\n", 2);
	ps.end = 2;

	/* preamble */
	for (;;) {
		char *d = find(&ps, ps.delim, ps.dlen);
		if (d) {
			ps.start = (size_t)(d - ps.buf) + ps.dlen;
			break;
		}
		if (ps.end - ps.start >= ps.dlen)
			ps.start = ps.end - (ps.dlen - 1);
		int r = fill(&ps);
		if (r <= 0)
			return fail(&ps, 400, "no boundary in body");
	}
	int done = 0;
	for (;;) {
		int rc = after_delimiter(&ps, &done);
		if (rc || done)
			return rc;
		rc = read_part(&ps);
		if (rc)
			return rc;
	}
}

void tr_mp_cleanup(tr_part *parts)
{
	for (tr_part *p = parts; p; p = p->next)
		if (p->path) {
			if (!p->taken)
				unlink(p->path);
			p->path = NULL;
		}
}
