/* html.c - an HTML mail part as plain text, read with libxml2's HTML parser (never by pattern matching). */
#include "intake/message.h"
#include "core/pool.h"
#include "core/util.h"

#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <libxml/tree.h>
#include <string.h>
#include <strings.h>

typedef struct out {
	tr_buf b;
	int quote;           /* blockquote depth: lines start with "> " that often */
	int line_start;      /* nothing written on the current line yet */
	int space;           /* a space is due before the next word */
	int pre;             /* inside <pre>: white space as it is */
	int stop;            /* the quoted earlier mail begins: the rest is left out */
} out;

static void start_line(out *o)
{
	if (!o->line_start)
		return;
	for (int i = 0; i < o->quote; i++)
		tr_buf_adds(&o->b, "> ");
	o->line_start = 0;
	o->space = 0;
}

static void newline(out *o)
{
	tr_buf_addc(&o->b, '\n');
	o->line_start = 1;
	o->space = 0;
}

/* Ends the current line, if anything is on it (a block starts or ends). */
static void block(out *o)
{
	if (!o->line_start)
		newline(o);
}

static void text(out *o, const char *s)
{
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (o->pre) {
			if (c == '\n') {
				start_line(o);
				newline(o);
			} else if (c != '\r') {
				start_line(o);
				tr_buf_addc(&o->b, (char)c);
			}
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
			o->space = 1;
			continue;
		}
		/* U+00A0 (no-break space) counts as a space too */
		if (c == 0xC2 && (unsigned char)p[1] == 0xA0) {
			o->space = 1;
			p++;
			continue;
		}
		int fresh = o->line_start;
		start_line(o);
		if (o->space && !fresh)
			tr_buf_addc(&o->b, ' ');
		o->space = 0;
		tr_buf_addc(&o->b, (char)c);
	}
}

static int name_is(const xmlNode *n, const char *name)
{
	return n->name && !strcasecmp((const char *)n->name, name);
}

static int attr_has(const xmlNode *n, const char *attr, const char *word)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
	if (!v)
		return 0;
	int found = 0;
	const char *s = (const char *)v;
	size_t wn = strlen(word);
	for (const char *p = s; *p && !found;) {
		p += strspn(p, " \t\r\n");
		size_t len = strcspn(p, " \t\r\n");
		found = len == wn && !strncasecmp(p, word, wn);
		p += len;
	}
	xmlFree(v);
	return found;
}

static int skipped(const xmlNode *n)
{
	static const char *const names[] = { "head", "script", "style", "title", "noscript", "template", "object",
					     "iframe", "svg", "math", "select", "button" };
	for (size_t i = 0; i < TR_ARRAY_LEN(names); i++)
		if (name_is(n, names[i]))
			return 1;
	return 0;
}

/* The containers mail programs put the quoted earlier mail in. */
static int quote_container(const xmlNode *n)
{
	return (name_is(n, "blockquote") && attr_has(n, "type", "cite")) ||
	       attr_has(n, "class", "gmail_quote") || attr_has(n, "class", "moz-cite-prefix") ||
	       attr_has(n, "class", "yahoo_quoted") || attr_has(n, "id", "divRplyFwdMsg") ||
	       attr_has(n, "id", "appendonsend") || attr_has(n, "id", "mail-editor-reference-message-container");
}

static int is_block(const xmlNode *n)
{
	static const char *const names[] = { "p", "div", "section", "article", "header", "footer", "table", "tr",
					     "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
					     "blockquote", "pre", "hr", "address", "center", "form", "fieldset" };
	for (size_t i = 0; i < TR_ARRAY_LEN(names); i++)
		if (name_is(n, names[i]))
			return 1;
	return 0;
}

static void enter(out *o, const xmlNode *n)
{
	if (name_is(n, "br")) {
		start_line(o);
		newline(o);
		return;
	}
	if (is_block(n) || name_is(n, "li"))
		block(o);
	if (name_is(n, "p") && o->b.len && !o->line_start)
		newline(o);
	if (name_is(n, "blockquote"))
		o->quote++;
	if (name_is(n, "pre"))
		o->pre++;
	if (name_is(n, "li")) {
		start_line(o);
		tr_buf_adds(&o->b, "- ");
	}
	if (name_is(n, "td") || name_is(n, "th"))
		o->space = 1;
	if (name_is(n, "hr")) {
		start_line(o);
		tr_buf_adds(&o->b, "----");
		newline(o);
	}
}

static void leave(out *o, const xmlNode *n)
{
	if (name_is(n, "blockquote") && o->quote > 0) {
		block(o);
		o->quote--;
	}
	if (name_is(n, "pre") && o->pre > 0)
		o->pre--;
	if (is_block(n) || name_is(n, "li"))
		block(o);
	if (name_is(n, "p"))
		newline(o);
}

char *tr_inmail_html_text(const char *html, size_t len)
{
	if (!html || !len || len > (size_t)0x7fffffff)
		return tr_strdup("");
	/* libxml2 passes bytes that are no UTF-8 through as they are: repaired first */
	char *fixed = NULL;
	if (!tr_utf8_valid(html, len) || memchr(html, '\0', len)) {
		char *copy = tr_strndup(html, len);
		fixed = tr_utf8_repair(copy);
		html = fixed;
		len = strlen(fixed);
	}
	htmlDocPtr doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
					HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
					HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT);
	free(fixed);
	if (!doc)
		return tr_strdup("");
	out o = { .line_start = 1 };
	tr_buf_init(&o.b);
	/* walked without recursion: the tree may be as deep as the parser allows */
	xmlNode *n = xmlDocGetRootElement(doc);
	while (n && !o.stop) {
		int descend = 0;
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				text(&o, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE) {
			if (quote_container(n)) {
				o.stop = 1;
				break;
			}
			if (!skipped(n)) {
				enter(&o, n);
				descend = n->children != NULL;
				if (!descend)
					leave(&o, n);
			}
		}
		if (descend) {
			n = n->children;
			continue;
		}
		/* next sibling, or up until there is one, leaving each element on the way */
		while (n && !n->next) {
			n = n->parent;
			if (!n || n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE) {
				n = NULL;
				break;
			}
			leave(&o, n);
		}
		if (n)
			n = n->next;
	}
	xmlFreeDoc(doc);
	/* tidy: no blanks at line ends, at most one empty line in a row, one LF at the end */
	tr_buf t;
	tr_buf_init(&t);
	int empty = 0;
	for (const char *p = o.b.data ? o.b.data : ""; *p;) {
		size_t ln = strcspn(p, "\n"), k = ln;
		while (k > 0 && (p[k - 1] == ' ' || p[k - 1] == '\t'))
			k--;
		if (k == 0) {
			empty = t.len > 0;
		} else {
			if (empty)
				tr_buf_addc(&t, '\n');
			tr_buf_add(&t, p, k);
			tr_buf_addc(&t, '\n');
			empty = 0;
		}
		p += ln;
		if (*p)
			p++;
	}
	char *r = tr_strdup(t.data ? t.data : "");
	tr_buf_free(&t);
	tr_buf_free(&o.b);
	return r;
}
