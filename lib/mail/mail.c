/* mail.c - rendering mails into the outbox, and writing them as MIME messages. */
#include "mail/mail.h"
#include "core/config.h"
#include "db/db.h"
#include "core/log.h"
#include "core/neoerr.h"
#include "core/pool.h"
#include "render/render.h"
#include "core/email.h"
#include "core/url.h"
#include "core/util.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LINE_MAX_EW 76          /* RFC 2047: lines with encoded-words */
#define LINE_SOFT 78            /* RFC 5322: lines SHOULD not exceed this */
#define SUBJECT_MAX 250         /* characters kept of a rendered subject */

/* ---- header rules ---- */

char *tr_mail_header_clean(const char *s)
{
	char *c = tr_strdup(s ? s : "");
	unsigned char *p = (unsigned char *)c;
	for (size_t i = 0; p[i]; i++) {
		if (p[i] < 0x20 || p[i] == 0x7F) {
			p[i] = ' ';
		} else if (p[i] == 0xC2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F) {
			/* C1 controls (NEL is a line break to some readers) */
			p[i] = ' ';
			p[i + 1] = ' ';
			i++;
		}
	}
	return c;
}

static int printable_ascii(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p > 0x7E)
			return 0;
	return 1;
}

/* Folds printable ASCII at spaces so lines stay near LINE_SOFT. */
static char *fold_ascii(const char *v, size_t used)
{
	tr_buf b;
	tr_buf_init(&b);
	size_t line = used;
	const char *p = v;
	while (*p) {
		size_t sp = strspn(p, " ");
		size_t word = strcspn(p + sp, " ");
		if (line + sp + word > LINE_SOFT && line > used && sp > 0) {
			tr_buf_adds(&b, "\r\n");
			line = 0;
		}
		tr_buf_add(&b, p, sp + word);
		line += sp + word;
		p += sp + word;
	}
	char *r = tr_strdup(b.data ? b.data : "");
	tr_buf_free(&b);
	return r;
}

/* Length of the longest prefix of s[0..n) of at most max bytes that ends on a
 * UTF-8 character boundary. */
static size_t utf8_prefix(const unsigned char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	size_t k = max;
	while (k > 0 && (s[k] & 0xC0) == 0x80)
		k--;
	return k;
}

/* Appends v as "B" encoded-words; *line is the current line's length. */
static void encoded_words(tr_buf *b, const char *v, size_t *line)
{
	const unsigned char *s = (const unsigned char *)v;
	size_t n = strlen(v), pos = 0;
	while (pos < n) {
		size_t avail = *line < LINE_MAX_EW ? LINE_MAX_EW - *line : 0;
		/* "=?UTF-8?B?" + base64 + "?=": 12 characters of frame */
		size_t max = avail > 12 ? (avail - 12) / 4 * 3 : 0;
		size_t k = utf8_prefix(s + pos, n - pos, max);
		if (k == 0 && *line > 1) {
			tr_buf_adds(b, "\r\n ");
			*line = 1;
			continue;
		}
		if (k == 0)
			k = max < n - pos ? max : n - pos;   /* never stuck: the text is valid UTF-8, but be sure */
		char b64[128];
		sodium_bin2base64(b64, sizeof(b64), s + pos, k, sodium_base64_VARIANT_ORIGINAL);
		tr_buf_printf(b, "=?UTF-8?B?%s?=", b64);
		*line += 12 + strlen(b64);
		pos += k;
		if (pos < n) {
			tr_buf_adds(b, "\r\n ");
			*line = 1;
		}
	}
}

/* A header value as one line of valid UTF-8: what came from outside (an
 * incoming mail's subject) may be neither. */
static char *header_text(const char *value)
{
	char *c = tr_mail_header_clean(value);
	if (!tr_utf8_valid(c, strlen(c))) {
		char *fixed = tr_utf8_repair(c);
		c = tr_strdup(fixed);
		free(fixed);
	}
	return tr_trim(c);
}

/* The longest run of s without a space: plain text folds only at spaces. */
static size_t longest_word(const char *s)
{
	size_t longest = 0;
	while (*s) {
		size_t n = strcspn(s, " ");
		if (n > longest)
			longest = n;
		s += n;
		s += strspn(s, " ");
	}
	return longest;
}

/* Plain ASCII may go out as it is when it needs no encoding ("=?" would be
 * read as the start of an encoded-word) and every word fits on a folded
 * line; otherwise encoded-words, which split anywhere (a 1,000-letter word
 * broke the 998-octet line limit). */
static int plain_header_ok(const char *v, size_t used)
{
	return printable_ascii(v) && !strstr(v, "=?") && used + longest_word(v) <= LINE_MAX_EW;
}

char *tr_mail_encode_header(const char *value, size_t used)
{
	char *v = header_text(value);
	if (plain_header_ok(v, used))
		return fold_ascii(v, used);
	tr_buf b;
	tr_buf_init(&b);
	size_t line = used;
	encoded_words(&b, v, &line);
	char *r = tr_strdup(b.data ? b.data : "");
	tr_buf_free(&b);
	return r;
}

char *tr_mail_address(const char *name, const char *addr, size_t used)
{
	char *n = header_text(name);
	char *a = tr_mail_header_clean(addr);
	if (!*n)
		return a;
	tr_buf b;
	tr_buf_init(&b);
	size_t line = used;
	/* a quoted-string cannot be folded: longer names are encoded */
	if (plain_header_ok(n, used) && used + strlen(n) + 2 <= LINE_MAX_EW) {
		/* a quoted-string: only " and \ need a backslash */
		tr_buf_addc(&b, '"');
		for (const char *p = n; *p; p++) {
			if (*p == '"' || *p == '\\')
				tr_buf_addc(&b, '\\');
			tr_buf_addc(&b, *p);
		}
		tr_buf_addc(&b, '"');
		line += b.len;
	} else {
		encoded_words(&b, n, &line);
	}
	if (line + 3 + strlen(a) > LINE_MAX_EW) {
		tr_buf_adds(&b, "\r\n");
		line = 0;
	}
	tr_buf_printf(&b, " <%s>", a);
	char *r = tr_strdup(b.data);
	tr_buf_free(&b);
	return r;
}

/* ---- body encoding ---- */

static void qp_line(const unsigned char *s, size_t n, tr_buf *out)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t line = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned c = s[i];
		char tok[4];
		size_t len;
		int last = i + 1 == n;
		if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last)) {
			tok[0] = (char)c;
			len = 1;
		} else {
			/* '=', 8-bit bytes, controls, and white space at the end of a line */
			tok[0] = '=';
			tok[1] = hex[c >> 4];
			tok[2] = hex[c & 15];
			len = 3;
		}
		/* keep room for the "=" of a soft line break */
		if (line + len > LINE_MAX_EW - 1) {
			tr_buf_adds(out, "=\r\n");
			line = 0;
		}
		tr_buf_add(out, tok, len);
		line += len;
	}
}

void tr_mail_qp(const char *str, size_t n, tr_buf *out)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '\n' && s[i] != '\r')
			continue;
		qp_line(s + start, i - start, out);
		if (i == n)
			break;
		tr_buf_adds(out, "\r\n");
		if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
			i++;
		start = i + 1;
	}
}

char *tr_mail_date(int64_t t)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	/* own names: strftime's %a and %b follow the locale */
	return tr_fmt("%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday,
		      months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static const char *random_hex(size_t bytes)
{
	unsigned char raw[32];
	if (bytes > sizeof(raw))
		bytes = sizeof(raw);
	randombytes_buf(raw, bytes);
	char *hex = tr_alloc(bytes * 2 + 1);
	tr_hex_encode(raw, bytes, hex);
	return hex;
}

char *tr_mail_message_id(void)
{
	const char *from = tr_cfg("Mail.from", "");
	const char *domain = tr_email_valid(from) ? tr_email_domain(from) : "tresen.invalid";
	return tr_fmt("<%s@%s>", random_hex(16), domain);
}

int tr_mail_msgid_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 5 || n > 250 || s[0] != '<' || s[n - 1] != '>')
		return 0;
	const char *at = memchr(s, '@', n);
	if (!at || at == s + 1 || at == s + n - 2)
		return 0;
	for (size_t i = 1; i + 1 < n; i++)
		if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7F || s[i] == '<' || s[i] == '>')
			return 0;
	return 1;
}

char *tr_mail_boundary(void)
{
	/* "=_" cannot occur in quoted-printable output, so it never collides */
	return tr_fmt("=_tresen_%s", random_hex(12));
}

static void add_part(tr_buf *out, const char *boundary, const char *type, const char *body)
{
	tr_buf_printf(out, "--%s\r\nContent-Type: %s; charset=utf-8\r\n"
		      "Content-Transfer-Encoding: quoted-printable\r\n\r\n", boundary, type);
	tr_mail_qp(body ? body : "", body ? strlen(body) : 0, out);
	tr_buf_adds(out, "\r\n");
}

void tr_mail_build(const tr_mail_msg *m, const char *boundary, tr_buf *out)
{
	tr_buf_printf(out, "Date: %s\r\n", tr_mail_date(m->date));
	tr_buf_printf(out, "From: %s\r\n", tr_mail_address(m->from_name, m->from, 6));
	tr_buf_printf(out, "To: %s\r\n", tr_mail_address(m->to_name, m->to, 4));
	if (m->reply_to && *m->reply_to)
		tr_buf_printf(out, "Reply-To: %s\r\n", tr_mail_address(NULL, m->reply_to, 10));
	tr_buf_printf(out, "Subject: %s\r\n", tr_mail_encode_header(m->subject, 9));
	tr_buf_printf(out, "Message-ID: %s\r\n", tr_mail_header_clean(m->message_id));
	if (m->in_reply_to && tr_mail_msgid_valid(m->in_reply_to))
		tr_buf_printf(out, "In-Reply-To: %s\r\nReferences: %s\r\n", m->in_reply_to, m->in_reply_to);
	/* RFC 3834: no out-of-office replies to portal mail */
	tr_buf_adds(out, "Auto-Submitted: auto-generated\r\n");
	tr_buf_printf(out, "MIME-Version: 1.0\r\nContent-Type: multipart/alternative;\r\n"
		      " boundary=\"%s\"\r\n\r\n", boundary);
	tr_buf_adds(out, "This is a MIME message with a plain text and an HTML version.\r\n\r\n");
	add_part(out, boundary, "text/plain", m->text);
	add_part(out, boundary, "text/html", m->html);
	tr_buf_printf(out, "--%s--\r\n", boundary);
}

char *tr_mail_redact_links(const char *text)
{
	static const char b64url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	tr_buf b;
	tr_buf_init(&b);
	const char *p = text ? text : "";
	for (;;) {
		/* query tokens, and the survey's token in the path (/csat/TOKEN) */
		const char *t = strstr(p, "token="), *c = strstr(p, "/csat/");
		if (!t && !c) {
			tr_buf_adds(&b, p);
			break;
		}
		if (c && (!t || c < t))
			t = c;
		t += 6;
		size_t n = strspn(t, b64url);
		tr_buf_add(&b, p, (size_t)(t - p));
		if (n >= 20)
			tr_buf_addc(&b, '-');
		else
			tr_buf_add(&b, t, n);
		p = t + n;
	}
	char *r = tr_strdup(b.data ? b.data : "");
	tr_buf_free(&b);
	return r;
}

long tr_mail_backoff(int attempts)
{
	long base = tr_cfg_int("Mail.retry_base_s", 60);
	long max = tr_cfg_int("Mail.retry_max_s", 21600);
	if (base < 1)
		base = 1;
	long wait = base;
	for (int i = 1; i < attempts && wait < max; i++)
		wait *= 2;
	return wait < max ? wait : max;
}

/* ---- rendering and queueing ---- */

static int kind_ok(const char *k)
{
	size_t n = k ? strlen(k) : 0;
	return n > 0 && n <= 40 && strspn(k, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

/* One line: white space runs (after cleaning) become one space; cut to SUBJECT_MAX characters. */
static const char *tidy_subject(const char *raw)
{
	char *s = tr_mail_header_clean(raw);
	char *o = s;
	int space = 1;
	size_t chars = 0;
	for (char *p = s; *p; p++) {
		if (*p == ' ' || *p == '\t') {
			if (!space)
				*o++ = ' ';
			space = 1;
			continue;
		}
		if (((unsigned char)*p & 0xC0) != 0x80 && ++chars > SUBJECT_MAX)
			break;
		*o++ = *p;
		space = 0;
	}
	*o = '\0';
	return tr_trim(s);
}

/* Templates are written for readability: drop trailing blanks, at most one
 * empty line in a row, none at the start or end. */
static const char *tidy_text(const char *raw)
{
	tr_buf b;
	tr_buf_init(&b);
	int blank = 0;
	const char *p = raw;
	while (*p) {
		size_t n = strcspn(p, "\n");
		size_t k = n;
		while (k > 0 && (p[k - 1] == ' ' || p[k - 1] == '\t' || p[k - 1] == '\r'))
			k--;
		if (k == 0) {
			blank = b.len > 0;
		} else {
			if (blank)
				tr_buf_addc(&b, '\n');
			tr_buf_add(&b, p, k);
			tr_buf_addc(&b, '\n');
			blank = 0;
		}
		p += n;
		if (*p == '\n')
			p++;
	}
	const char *r = tr_strdup(b.data ? b.data : "\n");
	tr_buf_free(&b);
	return r;
}

static void copy_data(HDF *dst, HDF *src)
{
	for (HDF *c = src ? hdf_obj_child(src) : NULL; c; c = hdf_obj_next(c)) {
		const char *name = hdf_obj_name(c);
		if (hdf_obj_value(c))
			tr_neoerr_ignore(hdf_set_value(dst, name, hdf_obj_value(c)));
		tr_neoerr_ignore(hdf_copy(dst, name, c));
	}
}

static int render_part(HDF *h, const char *tmpl, const char *lang, const char *part, int plain,
		       const char **out)
{
	tr_buf b;
	tr_buf_init(&b);
	tr_neoerr_ignore(hdf_set_value(h, "Mail.part", part));
	int rc = plain ? tr_render_plain(h, tmpl, lang, &b) : tr_render_buf(h, tmpl, lang, &b);
	*out = tr_strdup(b.data ? b.data : "");
	tr_buf_free(&b);
	return rc;
}

int tr_mail_render(const tr_mail *m, tr_mail_rendered *out)
{
	if (!m || !kind_ok(m->kind)) {
		tr_error("mail: bad kind");
		return -1;
	}
	const char *lang = tr_lang_supported(m->lang) ? m->lang : tr_lang_default();
	const char *tmpl = tr_fmt("mail/%s.cs", m->kind);
	HDF *h = NULL;
	if (tr_neoerr_log(hdf_init(&h), "mail data"))
		return -1;
	copy_data(h, m->data);
	tr_neoerr_ignore(hdf_set_value(h, "Mail.to", m->to ? m->to : ""));
	tr_neoerr_ignore(hdf_set_value(h, "Mail.to_name", tr_trim(tr_mail_header_clean(m->to_name))));
	tr_neoerr_ignore(hdf_set_value(h, "Mail.lang", lang));
	tr_neoerr_ignore(hdf_set_value(h, "Mail.site_url", tr_url("/")));
	if (m->ticket_id)
		tr_neoerr_ignore(hdf_set_value(h, "Mail.reply_marker", "1"));
	const char *subject, *text, *html;
	int rc = render_part(h, tmpl, lang, "subject", 1, &subject);
	if (rc == 0)
		rc = render_part(h, tmpl, lang, "text", 1, &text);
	if (rc == 0)
		rc = render_part(h, tmpl, lang, "html", 0, &html);
	hdf_destroy(&h);
	if (rc < 0)
		return -1;
	out->subject = tidy_subject(subject);
	out->text = tidy_text(text);
	out->html = tr_trim(tr_strdup(html));
	if (!*out->subject) {
		tr_error("mail %s: empty subject in %s", m->kind, lang);
		return -1;
	}
	return 0;
}

HDF *tr_mail_data(void)
{
	HDF *d = NULL;
	if (tr_neoerr_log(hdf_init(&d), "mail data"))
		return NULL;
	return d;
}

void tr_mail_put(HDF *d, const char *name, const char *value)
{
	if (d && value)
		tr_neoerr_ignore(hdf_set_value(d, name, value));
}
