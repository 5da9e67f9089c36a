/* message.c - an incoming mail read from a raw message file with GMime: headers, text, attachments. */
#include "intake/message.h"
#include "core/config.h"
#include "core/email.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/text.h"
#include "core/util.h"
#include "mail/mail.h"

#include <errno.h>
#include <fcntl.h>
#include <gmime/gmime.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEADERS_MAX (64 * 1024)
#define MAX_DEPTH 24             /* our walk; GMime stops deeper nesting itself (GMIME_CRIT_NESTING_OVERFLOW) */
#define MAX_PARTS 500
#define MAX_REFS 50
#define TEXT_PART_MAX (4 << 20)  /* a bigger "text" part is kept as a file, never read into memory */
#define MAX_FILENAME 255

tr_inmail_limits tr_inmail_limits_cfg(void)
{
	tr_inmail_limits l = {
		.file_bytes = tr_cfg_int("Limits.upload_bytes", 50L << 20),
		.total_bytes = tr_cfg_int("Intake.max_files_bytes", 100L << 20),
		.max_files = (int)tr_cfg_int("Intake.max_files", 50),
		.text_chars = 65000,
	};
	return l;
}

void tr_inmail_init(void)
{
	static int done;
	if (!done) {
		g_mime_init();
		done = 1;
	}
}

/* ---- reading state ---- */

typedef struct reader {
	tr_inmail *m;
	const tr_inmail_limits *lim;
	const char *tmpdir;
	GMimeParserOptions *opt;
	tr_buf text, html, note;
	unsigned warned;             /* GMime warnings seen, one bit per code */
	tr_upload **files_tail, **inline_tail;
} reader;

static void note(reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(reader *r, const char *fmt, ...)
{
	if (r->note.len > 900)
		return;
	if (r->note.len)
		tr_buf_adds(&r->note, "; ");
	va_list ap;
	va_start(ap, fmt);
	tr_buf_vprintf(&r->note, fmt, ap);
	va_end(ap);
}

static const char *warning_name(unsigned code)
{
	switch (code) {
	case GMIME_WARN_DUPLICATED_HEADER: return "duplicated header";
	case GMIME_WARN_DUPLICATED_PARAMETER: return "duplicated parameter";
	case GMIME_WARN_UNENCODED_8BIT_HEADER: return "unencoded 8-bit header";
	case GMIME_WARN_INVALID_CONTENT_TYPE: return "invalid content type";
	case GMIME_WARN_INVALID_RFC2047_HEADER_VALUE: return "invalid encoded header";
	case GMIME_WARN_MALFORMED_MULTIPART: return "malformed multipart";
	case GMIME_WARN_TRUNCATED_MESSAGE: return "truncated message";
	case GMIME_WARN_MALFORMED_MESSAGE: return "malformed message";
	case GMIME_CRIT_INVALID_HEADER_NAME: return "invalid header name";
	case GMIME_CRIT_CONFLICTING_HEADER: return "conflicting header";
	case GMIME_CRIT_CONFLICTING_PARAMETER: return "conflicting parameter";
	case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY: return "multipart without boundary";
	case GMIME_WARN_INVALID_PARAMETER: return "invalid parameter";
	case GMIME_WARN_INVALID_ADDRESS_LIST: return "invalid address list";
	case GMIME_CRIT_NESTING_OVERFLOW: return "nesting too deep";
	case GMIME_WARN_PART_WITHOUT_CONTENT: return "part without content";
	case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT: return "part without headers or content";
	default: return "parser warning";
	}
}

static void on_warning(gint64 offset, GMimeParserWarning code, const gchar *item, gpointer data)
{
	(void)offset;
	(void)item;
	reader *r = data;
	unsigned bit = (unsigned)code < 32 ? 1u << (unsigned)code : 1u << 31;
	if (r->warned & bit)
		return;
	r->warned |= bit;
	note(r, "%s", warning_name((unsigned)code));
}

/* ---- header values ---- */

/* One line of valid UTF-8 without controls, cut to max characters (pool memory). */
static const char *one_line(const char *s, size_t max)
{
	if (!s)
		return NULL;
	char *c = tr_mail_header_clean(s);
	if (!tr_utf8_valid(c, strlen(c))) {
		char *fixed = tr_utf8_repair(c);
		c = tr_strdup(fixed);
		free(fixed);
	}
	return tr_strcut(tr_trim(c), max);
}

static const char *header(GMimeObject *o, const char *name)
{
	const char *v = g_mime_object_get_header(o, name);
	return v ? one_line(v, 200) : NULL;
}

static const char *bracketed(const char *id)
{
	if (!id)
		return NULL;
	const char *b = tr_fmt("<%s>", id);
	return tr_mail_msgid_valid(b) ? b : NULL;
}

static void references(reader *r, GMimeObject *o)
{
	tr_inmail *m = r->m;
	const char *irt = g_mime_object_get_header(o, "In-Reply-To");
	if (irt) {
		GMimeReferences *refs = g_mime_references_parse(r->opt, irt);
		if (refs && g_mime_references_length(refs) > 0)
			m->in_reply_to = bracketed(g_mime_references_get_message_id(refs, 0));
		if (refs)
			g_mime_references_free(refs);
	}
	const char *rs = g_mime_object_get_header(o, "References");
	if (!rs)
		return;
	GMimeReferences *refs = g_mime_references_parse(r->opt, rs);
	if (!refs)
		return;
	int n = g_mime_references_length(refs);
	int first = n > MAX_REFS ? n - MAX_REFS : 0;   /* the newest ones matter */
	m->references = tr_alloc(sizeof(char *) * (size_t)(n - first + 1));
	for (int i = first; i < n; i++) {
		const char *id = bracketed(g_mime_references_get_message_id(refs, i));
		if (id)
			m->references[m->nrefs++] = id;
	}
	g_mime_references_free(refs);
}

static void add_recipient(tr_inmail *m, const char *addr)
{
	if (!addr || m->nrcpt >= TR_INMAIL_MAX_RCPT)
		return;
	char *a = tr_ascii_lower(tr_strdup(addr));
	if (!tr_email_valid(a))
		return;
	for (int i = 0; i < m->nrcpt; i++)
		if (!strcmp(m->recipients[i], a))
			return;
	m->recipients[m->nrcpt++] = a;
}

static void add_addresses(reader *r, InternetAddressList *list, int depth)
{
	int n = list ? internet_address_list_length(list) : 0;
	for (int i = 0; i < n && depth < 3; i++) {
		InternetAddress *ia = internet_address_list_get_address(list, i);
		if (INTERNET_ADDRESS_IS_MAILBOX(ia))
			add_recipient(r->m, internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia)));
		else if (INTERNET_ADDRESS_IS_GROUP(ia))
			add_addresses(r, internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia)), depth + 1);
	}
}

/* Every address the mail was sent to: the envelope (Delivered-To,
 * X-Original-To, Envelope-To, as the receiving server wrote them), then To
 * and Cc - the reply token may be in any of them. */
static void recipients(reader *r, GMimeObject *o)
{
	static const char *const names[] = { "Delivered-To", "X-Original-To", "Envelope-To", "To", "Cc" };
	GMimeHeaderList *hl = g_mime_object_get_header_list(o);
	int count = g_mime_header_list_get_count(hl);
	for (size_t k = 0; k < TR_ARRAY_LEN(names); k++) {
		for (int i = 0; i < count && i < 500; i++) {
			GMimeHeader *h = g_mime_header_list_get_header_at(hl, i);
			if (strcasecmp(g_mime_header_get_name(h), names[k]))
				continue;
			const char *raw = g_mime_header_get_raw_value(h);
			InternetAddressList *list = raw ? internet_address_list_parse(r->opt, raw) : NULL;
			if (list) {
				add_addresses(r, list, 0);
				g_object_unref(list);
			}
		}
	}
}

static void sender(reader *r, GMimeMessage *msg)
{
	InternetAddressList *from = g_mime_message_get_from(msg);
	int n = from ? internet_address_list_length(from) : 0;
	for (int i = 0; i < n; i++) {
		InternetAddress *ia = internet_address_list_get_address(from, i);
		if (!INTERNET_ADDRESS_IS_MAILBOX(ia))
			continue;
		const char *addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia));
		char *a = addr ? tr_ascii_lower(tr_strdup(addr)) : NULL;
		if (a && tr_email_valid(a)) {
			r->m->from_addr = a;
			r->m->from_name = one_line(internet_address_get_name(ia), 200);
		} else {
			note(r, "sender address not usable");
		}
		break;
	}
	const char *rp = g_mime_object_get_header(GMIME_OBJECT(msg), "Return-Path");
	if (rp) {
		char *v = tr_trim(tr_strdup(rp));
		size_t n2 = strlen(v);
		if (n2 >= 2 && v[0] == '<' && v[n2 - 1] == '>') {
			v[n2 - 1] = '\0';
			v++;
		}
		r->m->return_path = one_line(v, 254);
	}
}

/* ---- parts ---- */

static int type_is(GMimeContentType *ct, const char *type, const char *sub)
{
	return ct && g_mime_content_type_is_type(ct, type, sub);
}

/* A name for a file that came without one: "attachment.png" from its type. */
static const char *default_name(GMimeContentType *ct, const char *stem)
{
	const char *sub = ct ? g_mime_content_type_get_media_subtype(ct) : NULL;
	if (type_is(ct, "image", "*") && sub && strlen(sub) < 10 && strspn(sub, "abcdefghijklmnopqrstuvwxyz") == strlen(sub))
		return tr_fmt("%s.%s", stem, !strcmp(sub, "jpeg") ? "jpg" : sub);
	if (type_is(ct, "text", "plain"))
		return tr_fmt("%s.txt", stem);
	if (type_is(ct, "text", "html"))
		return tr_fmt("%s.html", stem);
	return stem;
}

static const char *clean_name(const char *name, const char *fallback)
{
	if (!name || !*name)
		return fallback;
	char *n = tr_strdup(name);
	if (!tr_utf8_valid(n, strlen(n))) {
		char *fixed = tr_utf8_repair(n);
		n = tr_strdup(fixed);
		free(fixed);
	}
	char *c = tr_trim(tr_filename_clean(n, MAX_FILENAME));
	return *c ? c : fallback;
}

/* Writes what write_fn produces into a new temporary file, hashing it on the
 * way; adds it to the mail's files or inline images when within the limits. */
typedef ssize_t (*write_fn)(void *src, GMimeStream *to);

static ssize_t write_wrapper(void *src, GMimeStream *to)
{
	return g_mime_data_wrapper_write_to_stream(src, to);
}

static ssize_t write_object(void *src, GMimeStream *to)
{
	return g_mime_object_write_to_stream(src, NULL, to);
}

static void keep_file(reader *r, write_fn fn, void *src, const char *filename, const char *type, int is_inline)
{
	tr_inmail *m = r->m;
	if (m->nfiles >= r->lim->max_files) {
		note(r, "more than %d files: %s left out", r->lim->max_files, filename);
		return;
	}
	char *path = tr_fmt("%s/intake-XXXXXX", r->tmpdir);
	int fd = mkostemp(path, O_CLOEXEC);
	if (fd < 0) {
		tr_error("intake: cannot create a temporary file in %s: %s", r->tmpdir, strerror(errno));
		note(r, "%s not stored (no temporary file)", filename);
		return;
	}
	GMimeStream *fs = g_mime_stream_fs_new(fd);
	GMimeStream *filtered = g_mime_stream_filter_new(fs);
	GMimeFilter *sum = g_mime_filter_checksum_new(G_CHECKSUM_SHA256);
	g_mime_stream_filter_add(GMIME_STREAM_FILTER(filtered), sum);
	ssize_t n = fn(src, filtered);
	int ok = n >= 0 && g_mime_stream_flush(filtered) == 0;
	struct stat st;
	int64_t size = ok && fstat(fd, &st) == 0 ? (int64_t)st.st_size : -1;
	unsigned char digest[32];
	size_t dn = g_mime_filter_checksum_get_digest(GMIME_FILTER_CHECKSUM(sum), digest, sizeof(digest));
	g_object_unref(sum);
	g_object_unref(filtered);
	g_object_unref(fs);      /* closes fd */
	if (size < 0 || dn != sizeof(digest)) {
		unlink(path);
		note(r, "%s could not be decoded", filename);
		return;
	}
	if (size > r->lim->file_bytes) {
		unlink(path);
		note(r, "%s left out: %s, more than the limit of %s", filename, tr_human_size(size),
		     tr_human_size(r->lim->file_bytes));
		return;
	}
	if (m->files_bytes + size > r->lim->total_bytes) {
		unlink(path);
		note(r, "%s left out: the files together exceed %s", filename, tr_human_size(r->lim->total_bytes));
		return;
	}
	tr_upload *u = tr_zalloc(sizeof(*u));
	u->field = is_inline ? "screenshots" : "attachments";
	u->filename = filename;
	u->content_type = type;
	u->path = path;
	u->size = size;
	u->taken = tr_zalloc(sizeof(int));
	tr_hex_encode(digest, sizeof(digest), u->sha256);
	tr_upload ***tail = is_inline ? &r->inline_tail : &r->files_tail;
	**tail = u;
	*tail = &u->next;
	m->nfiles++;
	m->files_bytes += size;
}

static void text_part(reader *r, GMimePart *part, int html)
{
	char *t = g_mime_text_part_get_text(GMIME_TEXT_PART(part));
	if (!t)
		return;
	tr_buf *b = html ? &r->html : &r->text;
	if (b->len)
		tr_buf_adds(b, "\n\n");
	tr_buf_adds(b, t);
	g_free(t);
}

static int64_t encoded_length(GMimePart *part)
{
	GMimeDataWrapper *w = g_mime_part_get_content(part);
	GMimeStream *s = w ? g_mime_data_wrapper_get_stream(w) : NULL;
	return s ? g_mime_stream_length(s) : 0;
}

static void visit(reader *r, GMimeObject *o, int depth, int in_related, int files_only);

/* multipart/alternative: the plain text is the body; the other versions give only their files
 * (a screenshot pasted into the HTML version lives in a multipart/related beside the text). */
static void alternative(reader *r, GMimeMultipart *mp, int depth, int in_related, int files_only)
{
	int n = g_mime_multipart_get_count(mp), body = -1;
	for (int i = 0; i < n && body < 0; i++)
		if (type_is(g_mime_object_get_content_type(g_mime_multipart_get_part(mp, i)), "text", "plain"))
			body = i;
	for (int i = n - 1; i >= 0 && body < 0; i--) {
		GMimeContentType *ct = g_mime_object_get_content_type(g_mime_multipart_get_part(mp, i));
		if (type_is(ct, "text", "html") || type_is(ct, "multipart", "*"))
			body = i;
	}
	for (int i = 0; i < n; i++)
		visit(r, g_mime_multipart_get_part(mp, i), depth + 1, in_related, files_only || i != body);
}

static void visit(reader *r, GMimeObject *o, int depth, int in_related, int files_only)
{
	tr_inmail *m = r->m;
	if (!o)
		return;
	if (++m->nparts > MAX_PARTS) {
		if (m->nparts == MAX_PARTS + 1)
			note(r, "more than %d parts: the rest left out", MAX_PARTS);
		return;
	}
	if (depth > MAX_DEPTH) {
		note(r, "parts nested deeper than %d left out", MAX_DEPTH);
		return;
	}
	GMimeContentType *ct = g_mime_object_get_content_type(o);
	if (GMIME_IS_MULTIPART(o)) {
		GMimeMultipart *mp = GMIME_MULTIPART(o);
		int n = g_mime_multipart_get_count(mp);
		if (type_is(ct, "multipart", "alternative")) {
			alternative(r, mp, depth, in_related, files_only);
		} else if (GMIME_IS_MULTIPART_SIGNED(o) && n > 0) {
			visit(r, g_mime_multipart_get_part(mp, 0), depth + 1, in_related, files_only);   /* not the signature */
		} else if (GMIME_IS_MULTIPART_ENCRYPTED(o)) {
			note(r, "encrypted content left out");
		} else {
			int related = type_is(ct, "multipart", "related");
			for (int i = 0; i < n; i++)
				visit(r, g_mime_multipart_get_part(mp, i), depth + 1, in_related || related, files_only);
		}
		return;
	}
	if (GMIME_IS_MESSAGE_PART(o)) {
		/* a forwarded mail stays whole, as a file the agent can open */
		GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(o));
		if (inner) {
			const char *subj = one_line(g_mime_message_get_subject(inner), 100);
			const char *name = clean_name(subj && *subj ? tr_fmt("%s.eml", subj) : NULL, "message.eml");
			keep_file(r, write_object, inner, name, "message/rfc822", 0);
		}
		return;
	}
	if (!GMIME_IS_PART(o))
		return;
	GMimePart *part = GMIME_PART(o);
	const char *filename = g_mime_part_get_filename(part);
	GMimeContentDisposition *disp = g_mime_object_get_content_disposition(o);
	int attachment = disp && g_mime_content_disposition_is_attachment(disp);
	int plain = type_is(ct, "text", "plain"), html = type_is(ct, "text", "html");
	if (!files_only && !attachment && !filename && (plain || html) && GMIME_IS_TEXT_PART(o) &&
	    encoded_length(part) <= TEXT_PART_MAX) {
		text_part(r, part, html);
		return;
	}
	if (files_only && !attachment && !filename && (plain || html))
		return;   /* the other version of the body */
	if (type_is(ct, "application", "pgp-signature") || type_is(ct, "application", "pkcs7-signature") ||
	    type_is(ct, "application", "x-pkcs7-signature"))
		return;
	GMimeDataWrapper *content = g_mime_part_get_content(part);
	if (!content)
		return;
	int is_inline = type_is(ct, "image", "*") && !attachment && (in_related || g_mime_object_get_content_id(o));
	const char *name = clean_name(filename, default_name(ct, is_inline ? "image" : "attachment"));
	char *mime = ct ? g_mime_content_type_get_mime_type(ct) : NULL;
	const char *type = one_line(mime ? mime : "application/octet-stream", 100);
	g_free(mime);
	keep_file(r, write_wrapper, content, name, type, is_inline);
}

/* ---- the whole message ---- */

/* The raw header block as it came (up to HEADERS_MAX), for the trace. */
static const char *raw_headers(int fd)
{
	char *buf = tr_alloc(HEADERS_MAX + 1);
	ssize_t n = pread(fd, buf, HEADERS_MAX, 0);
	if (n < 0)
		n = 0;
	buf[n] = '\0';
	char *end = NULL;
	for (ssize_t i = 0; i < n; i++) {
		if (buf[i] == '\n' && (i + 1 < n) && (buf[i + 1] == '\n' || (buf[i + 1] == '\r' && i + 2 < n && buf[i + 2] == '\n'))) {
			end = buf + i + 1;
			break;
		}
	}
	if (end)
		*end = '\0';
	/* CRLF as LF, other controls (and NUL) as spaces, valid UTF-8 */
	char *o = buf, *stop = buf + strlen(buf);
	for (char *p = buf; p < stop; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '\r')
			continue;
		*o++ = (c < 0x20 && c != '\n' && c != '\t') || c == 0x7F ? ' ' : (char)c;
	}
	*o = '\0';
	if (!tr_utf8_valid(buf, strlen(buf))) {
		char *fixed = tr_utf8_repair(buf);
		buf = tr_strdup(fixed);
		free(fixed);
	}
	/* C1 controls (NEL is a line break to some readers) as spaces */
	for (unsigned char *p = (unsigned char *)buf; *p; p++)
		if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			p[0] = p[1] = ' ';
	return buf;
}

int tr_inmail_parse(const char *path, const char *tmpdir, const tr_inmail_limits *lim, tr_inmail *m)
{
	memset(m, 0, sizeof(*m));
	m->text = "";
	m->note = "";
	m->headers = "";
	tr_inmail_init();
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		tr_error("intake: cannot open %s: %s", path, strerror(errno));
		m->unreadable = 1;
		return -1;
	}
	m->headers = raw_headers(fd);
	reader r = { .m = m, .lim = lim, .tmpdir = tmpdir, .files_tail = &m->files, .inline_tail = &m->inline_images };
	tr_buf_init(&r.text);
	tr_buf_init(&r.html);
	tr_buf_init(&r.note);
	r.opt = g_mime_parser_options_new();
	static const char *fallback[] = { "UTF-8", "windows-1252", NULL };
	g_mime_parser_options_set_fallback_charsets(r.opt, fallback);
	g_mime_parser_options_set_warning_callback(r.opt, on_warning, &r);
	GMimeStream *st = g_mime_stream_fs_new(fd);   /* owns fd */
	GMimeParser *p = g_mime_parser_new_with_stream(st);
	g_mime_parser_set_format(p, GMIME_FORMAT_MESSAGE);
	GMimeMessage *msg = g_mime_parser_construct_message(p, r.opt);
	if (!msg) {
		m->unreadable = 1;
		note(&r, "not a message");
	} else {
		GMimeObject *o = GMIME_OBJECT(msg);
		m->message_id = bracketed(g_mime_message_get_message_id(msg));
		references(&r, o);
		sender(&r, msg);
		recipients(&r, o);
		m->subject = one_line(g_mime_message_get_subject(msg), 250);
		m->auto_submitted = header(o, "Auto-Submitted");
		m->precedence = header(o, "Precedence");
		m->x_autoreply = header(o, "X-Autoreply");
		m->x_autorespond = header(o, "X-Autorespond");
		m->list_id = header(o, "List-Id");
		m->auto_response_suppress = header(o, "X-Auto-Response-Suppress");
		GMimeObject *top = g_mime_message_get_mime_part(msg);
		GMimeContentType *ct = top ? g_mime_object_get_content_type(top) : NULL;
		char *type = ct ? g_mime_content_type_get_mime_type(ct) : NULL;
		m->content_type = type ? one_line(type, 100) : "text/plain";
		g_free(type);
		visit(&r, top, 0, 0, 0);
		if (r.text.len) {
			m->text = tr_strdup(r.text.data);
		} else if (r.html.len) {
			m->text = tr_inmail_html_text(r.html.data, r.html.len);
			m->html_only = 1;
		}
		m->text = tr_text_safe(m->text, lim->text_chars);
		g_object_unref(msg);
	}
	g_object_unref(p);
	g_object_unref(st);
	g_mime_parser_options_free(r.opt);
	if (!m->subject)
		m->subject = "";
	m->note = tr_strdup(r.note.data ? r.note.data : "");
	tr_buf_free(&r.text);
	tr_buf_free(&r.html);
	tr_buf_free(&r.note);
	return 0;
}

static void discard_list(tr_upload *u)
{
	for (; u; u = u->next)
		if (!(u->taken && *u->taken))
			unlink(u->path);
}

void tr_inmail_discard(tr_inmail *m)
{
	discard_list(m->files);
	discard_list(m->inline_images);
	m->files = m->inline_images = NULL;
}
