/* rules.c - the intake's pure rules: automatic mail (RFC 3834), what of a reply is new, note marker. */
#include "intake/rules.h"
#include "core/pool.h"
#include "core/text.h"
#include "core/util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- automatic mail ---- */

static int word_in(const char *v, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = v; *p;) {
		p += strspn(p, " \t,;");
		size_t len = strcspn(p, " \t,;");
		if (len == n && !strncasecmp(p, word, n))
			return 1;
		p += len;
	}
	return 0;
}

static int local_is(const char *addr, const char *local)
{
	size_t n = strlen(local);
	return addr && !strncasecmp(addr, local, n) && addr[n] == '@';
}

const char *tr_intake_loop_reason(const tr_inmail *m)
{
	/* RFC 3834 5.1: anything but "no" was sent by a program */
	if (m->auto_submitted) {
		const char *v = m->auto_submitted;
		v += strspn(v, " \t");
		if (strncasecmp(v, "no", 2) || (v[2] && v[2] != ' ' && v[2] != ';' && v[2] != '\t'))
			return "auto_submitted";
	}
	if (m->precedence && (word_in(m->precedence, "bulk") || word_in(m->precedence, "junk") ||
			      word_in(m->precedence, "list") || word_in(m->precedence, "auto_reply")))
		return "precedence";
	if (m->x_autoreply || m->x_autorespond)
		return "x_autoreply";
	if (m->auto_response_suppress && (word_in(m->auto_response_suppress, "all") ||
					  word_in(m->auto_response_suppress, "oof")))
		return "auto_response";
	if (m->list_id)
		return "mailing_list";
	if ((m->content_type && !strncasecmp(m->content_type, "multipart/report", 16)) ||
	    (m->return_path && !*m->return_path))
		return "delivery_report";
	if (local_is(m->from_addr, "mailer-daemon") || local_is(m->from_addr, "postmaster"))
		return "mailer_daemon";
	return NULL;
}

/* ---- what is new in a reply ---- */

typedef struct line {
	const char *s;
	size_t n;
} line;

/* The text's lines (without their LF), in pool memory. */
static line *split(const char *text, size_t *count)
{
	size_t n = 1;
	for (const char *p = text; *p; p++)
		n += *p == '\n';
	line *l = tr_alloc(sizeof(line) * n);
	size_t i = 0;
	for (const char *p = text;;) {
		size_t len = strcspn(p, "\n");
		l[i].s = p;
		l[i].n = len;
		i++;
		if (!p[len])
			break;
		p += len + 1;
	}
	*count = i;
	return l;
}

/* The line without leading quote marks ("> > ") and white space, as a pool string. */
static char *bare(const line *l)
{
	size_t i = 0;
	while (i < l->n && (l->s[i] == '>' || l->s[i] == ' ' || l->s[i] == '\t'))
		i++;
	size_t end = l->n;
	while (end > i && (l->s[end - 1] == ' ' || l->s[end - 1] == '\t' || l->s[end - 1] == '\r'))
		end--;
	return tr_strndup(l->s + i, end - i);
}

static int blank(const line *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (!isspace((unsigned char)l->s[i]))
			return 0;
	return 1;
}

static int quoted(const line *l)
{
	size_t i = 0;
	while (i < l->n && (l->s[i] == ' ' || l->s[i] == '\t'))
		i++;
	return i < l->n && l->s[i] == '>';
}

static int starts_with(const char *s, const char *prefix)
{
	return !strncasecmp(s, prefix, strlen(prefix));
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcasecmp(s + n - k, suffix);
}

/* Our reply marker: "##- ... -##" (the words differ by language). */
static int reply_marker(const char *b)
{
	const char *open = strstr(b, "##-");
	return open && strstr(open + 3, "-##") != NULL;
}

/* "On Mon, 3 Feb 2025 at 10:00, Anna <a@x> wrote:", "Am 03.02.2025 um 10:00 schrieb Anna:",
 * "Le ... a écrit :", "El ... escribió:" - a line that introduces the quoted mail. */
static int attribution(const char *b)
{
	if ((starts_with(b, "On ") && (ends_with(b, "wrote:") || ends_with(b, "writes:"))) ||
	    (starts_with(b, "Am ") && (ends_with(b, ":") && strstr(b, "schrieb"))) ||
	    (starts_with(b, "Le ") && ends_with(b, "a écrit :")) || (starts_with(b, "Le ") && ends_with(b, "a écrit:")) ||
	    (starts_with(b, "El ") && ends_with(b, "escribió:")))
		return 1;
	return 0;
}

static int separator(const char *b)
{
	static const char *const seps[] = {
		"-----Original Message-----", "-----Ursprüngliche Nachricht-----", "----- Original Message -----",
		"-------- Original Message --------", "-------- Ursprüngliche Nachricht --------",
		"-------- Weitergeleitete Nachricht --------", "---------- Forwarded message ---------",
	};
	for (size_t i = 0; i < TR_ARRAY_LEN(seps); i++)
		if (!strcasecmp(b, seps[i]))
			return 1;
	/* Outlook's line of underscores above its header block */
	return strlen(b) >= 20 && strspn(b, "_") == strlen(b);
}

/* Outlook's quoted header block: "From: ..." (or "Von: ...") followed within
 * a few lines by "Sent:"/"Gesendet:"/"Date:"/"Datum:" and "To:"/"An:". */
static int outlook_block(const line *l, size_t i, size_t count)
{
	char *b = bare(&l[i]);
	if (!(starts_with(b, "From:") || starts_with(b, "Von:")))
		return 0;
	int sent = 0, to = 0;
	for (size_t k = i + 1; k < count && k < i + 6; k++) {
		char *c = bare(&l[k]);
		sent |= starts_with(c, "Sent:") || starts_with(c, "Gesendet:") || starts_with(c, "Date:") ||
			starts_with(c, "Datum:");
		to |= starts_with(c, "To:") || starts_with(c, "An:");
	}
	return sent && to;
}

static int sent_from(const char *b)
{
	return starts_with(b, "Sent from my ") || starts_with(b, "Von meinem ") || starts_with(b, "Gesendet von ") ||
	       starts_with(b, "Sent from Outlook") || starts_with(b, "Get Outlook for ");
}

char *tr_intake_cut_reply(const char *text)
{
	size_t count;
	line *l = split(text ? text : "", &count);
	size_t end = count;
	int by_marker = 0;
	/* 1. our marker: everything from its line on is ours */
	for (size_t i = 0; i < count; i++) {
		if (reply_marker(bare(&l[i]))) {
			end = i;
			by_marker = 1;
			break;
		}
	}
	/* 2. without it, the first line that starts quoted history */
	for (size_t i = 0; !by_marker && i < count; i++) {
		char *b = bare(&l[i]);
		if (attribution(b) || separator(b) || outlook_block(l, i, count)) {
			end = i;
			break;
		}
		/* an attribution wrapped over two lines: "On ..., Anna <a@x>" / "wrote:" */
		if (i + 1 < count && (starts_with(b, "On ") || starts_with(b, "Am "))) {
			char *two = tr_fmt("%s %s", b, bare(&l[i + 1]));
			if (attribution(two) && strlen(b) > 10) {
				end = i;
				break;
			}
		}
	}
	/* with the marker, the lines a mail program put above the quote go too: an attribution
	 * (maybe over two lines), a separator, Outlook's header block - within a few lines */
	if (by_marker) {
		size_t k = end;
		while (k > 0 && (blank(&l[k - 1]) || quoted(&l[k - 1])))
			k--;
		for (size_t i = k > 8 ? k - 8 : 0; i < k; i++) {
			char *b = bare(&l[i]);
			char *two = i + 1 < k ? tr_fmt("%s %s", b, bare(&l[i + 1])) : NULL;
			if (attribution(b) || separator(b) || outlook_block(l, i, count) ||
			    (two && strlen(b) > 10 && (starts_with(b, "On ") || starts_with(b, "Am ")) && attribution(two))) {
				end = i;
				break;
			}
		}
	}
	/* 3. a closing block of quoted lines */
	while (end > 0 && (blank(&l[end - 1]) || quoted(&l[end - 1])))
		end--;
	/* 4. the signature: from a "-- " line on; a "Sent from my phone" line at the end */
	for (size_t i = 0; i < end; i++) {
		if ((l[i].n == 3 && !memcmp(l[i].s, "-- ", 3)) || (l[i].n == 2 && !memcmp(l[i].s, "--", 2)) ||
		    (l[i].n == 4 && !memcmp(l[i].s, "-- \r", 4))) {
			end = i;
			break;
		}
	}
	while (end > 0 && blank(&l[end - 1]))
		end--;
	if (end > 0 && sent_from(bare(&l[end - 1])))
		end--;
	while (end > 0 && blank(&l[end - 1]))
		end--;
	size_t start = 0;
	while (start < end && blank(&l[start]))
		start++;
	tr_buf b;
	tr_buf_init(&b);
	for (size_t i = start; i < end; i++) {
		size_t n = l[i].n;
		while (n > 0 && (l[i].s[n - 1] == ' ' || l[i].s[n - 1] == '\t' || l[i].s[n - 1] == '\r'))
			n--;
		tr_buf_add(&b, l[i].s, n);
		if (i + 1 < end)
			tr_buf_addc(&b, '\n');
	}
	char *r = tr_strdup(b.data ? b.data : "");
	tr_buf_free(&b);
	return r;
}

/* ---- the agent's note marker ---- */

int tr_intake_note_marker(const char *text, const char **rest)
{
	const char *p = text ? text : "";
	*rest = p;
	p += strspn(p, " \t\r\n");
	size_t n = 0;
	if (!strncasecmp(p, "#internal", 9))
		n = 9;
	else if (!strncasecmp(p, "#intern", 7))
		n = 7;
	if (!n || (p[n] && !isspace((unsigned char)p[n]) && p[n] != ':'))
		return 0;
	p += n;
	if (*p == ':')
		p++;
	p += strspn(p, " \t\r\n");
	*rest = p;
	return 1;
}
