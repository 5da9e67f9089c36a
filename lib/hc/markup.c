/* markup.c - Markdown to HTML (cmark-gfm, raw HTML off) and the allow-list HTML sanitizer on libxml2's parser. */
#include "hc/markup.h"
#include "core/pool.h"
#include "core/util.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- Markdown ---- */

char *tr_markdown_html(const char *markdown)
{
	static int registered;
	if (!registered) {
		cmark_gfm_core_extensions_ensure_registered();
		registered = 1;
	}
	/* CMARK_OPT_DEFAULT is safe: raw HTML and javascript:/vbscript:/file:/data: links become inert */
	int opts = CMARK_OPT_DEFAULT | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;
	cmark_parser *p = cmark_parser_new(opts);
	static const char *const exts[] = { "table", "strikethrough", "autolink", "tasklist" };
	for (size_t i = 0; i < TR_ARRAY_LEN(exts); i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);
		if (e)
			cmark_parser_attach_syntax_extension(p, e);
	}
	const char *md = markdown ? markdown : "";
	cmark_parser_feed(p, md, strlen(md));
	cmark_node *doc = cmark_parser_finish(p);
	char *html = cmark_render_html(doc, opts, cmark_parser_get_syntax_extensions(p));
	cmark_node_free(doc);
	cmark_parser_free(p);
	char *safe = tr_html_sanitize(html ? html : "");
	free(html);
	return safe;
}

/* ---- the sanitizer ---- */

enum { KEEP = 1, DROP = 2 };   /* element kept; element dropped with all it contains; otherwise unwrapped */

static const char *const kept[] = {
	"p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "del", "ins", "sub",
	"sup", "small", "mark", "code", "pre", "kbd", "samp", "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
	"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "a", "img", "span", "div", "figure",
	"figcaption", "abbr", "input", NULL,
};
/* elements whose content is no text to show (or not ours to run) */
static const char *const dropped[] = {
	"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript", "noembed",
	"noframes", "template", "svg", "math", "form", "textarea", "select", "option", "button", "title", "head",
	"meta", "link", "base", "xml", "audio", "video", "source", "track", "canvas", "param", "portal", "dialog",
	"marquee", "isindex", "plaintext", "xmp", "listing", "basefont", "bgsound", "keygen", NULL,
};
static const char *const voids[] = { "br", "hr", "img", "input", NULL };

static int in_list(const char *const *list, const char *name)
{
	for (int i = 0; list[i]; i++)
		if (!strcasecmp(list[i], name))
			return 1;
	return 0;
}

static int policy(const char *name)
{
	if (in_list(kept, name))
		return KEEP;
	if (in_list(dropped, name))
		return DROP;
	return 0;
}

static void esc(tr_buf *b, const char *s, int attr)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': tr_buf_adds(b, "&amp;"); break;
		case '<': tr_buf_adds(b, "&lt;"); break;
		case '>': tr_buf_adds(b, "&gt;"); break;
		case '"':
			if (attr) {
				tr_buf_adds(b, "&quot;");
				break;
			}
			/* fall through */
		default: tr_buf_addc(b, *s);
		}
	}
}

/* A URL as browsers read it (tabs, newlines and controls anywhere are dropped
 * by them, so they are here), or NULL when its scheme is not allowed: http,
 * https and (links only) mailto; a URL without scheme is a path of ours. */
static char *safe_url(const char *v, int link)
{
	tr_buf b;
	tr_buf_init(&b);
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p > 0x20 && *p != 0x7f)
			tr_buf_addc(&b, (char)*p);
	if (!b.data) {
		tr_buf_free(&b);
		return NULL;
	}
	char *u = tr_strdup(b.data);
	tr_buf_free(&b);
	size_t scheme = strcspn(u, ":/?#\\");
	if (u[scheme] == ':') {
		int ok = (scheme == 4 && !strncasecmp(u, "http", 4)) || (scheme == 5 && !strncasecmp(u, "https", 5)) ||
			 (link && scheme == 6 && !strncasecmp(u, "mailto", 6));
		if (!ok)
			return NULL;
	}
	return u;
}

static int digits(const char *v, size_t max)
{
	size_t n = strlen(v);
	return n > 0 && n <= max && strspn(v, "0123456789") == n;
}

/* One attribute of a kept element, checked for that element; written to b when allowed. */
static void attribute(tr_buf *b, const char *el, const char *name, const char *v)
{
	const char *out = NULL;
	if (!strcasecmp(el, "a") && !strcasecmp(name, "href"))
		out = safe_url(v, 1);
	else if (!strcasecmp(el, "img") && !strcasecmp(name, "src"))
		out = safe_url(v, 0);
	else if ((!strcasecmp(el, "a") || !strcasecmp(el, "img") || !strcasecmp(el, "abbr")) && !strcasecmp(name, "title"))
		out = v;
	else if (!strcasecmp(el, "img") && !strcasecmp(name, "alt"))
		out = v;
	else if (!strcasecmp(el, "img") && (!strcasecmp(name, "width") || !strcasecmp(name, "height")))
		out = digits(v, 4) ? v : NULL;
	else if ((!strcasecmp(el, "td") || !strcasecmp(el, "th")) && (!strcasecmp(name, "colspan") || !strcasecmp(name, "rowspan")))
		out = digits(v, 3) ? v : NULL;
	else if ((!strcasecmp(el, "td") || !strcasecmp(el, "th")) && !strcasecmp(name, "align"))
		out = (!strcasecmp(v, "left") || !strcasecmp(v, "center") || !strcasecmp(v, "right")) ? v : NULL;
	else if (!strcasecmp(el, "ol") && !strcasecmp(name, "start"))
		out = digits(v, 6) ? v : NULL;
	else if (!strcasecmp(el, "input") && !strcasecmp(name, "checked"))
		out = "";
	else if (!strcasecmp(el, "code") && !strcasecmp(name, "class"))
		/* fenced code's language, and nothing that could reach the page's own classes */
		out = !strncmp(v, "language-", 9) && v[9] && strspn(v + 9, "abcdefghijklmnopqrstuvwxyz0123456789+-_") == strlen(v + 9) ? v : NULL;
	if (!out)
		return;
	tr_buf_printf(b, " %s=\"", name);
	esc(b, out, 1);
	tr_buf_addc(b, '"');
}

static void walk(tr_buf *b, xmlNode *n, int depth);

static void element(tr_buf *b, xmlNode *n, int depth)
{
	const char *name = (const char *)n->name;
	int p = policy(name);
	if (p == DROP)
		return;
	if (p != KEEP || depth > 64) {
		walk(b, n->children, depth + 1);
		return;
	}
	if (!strcasecmp(name, "input")) {
		/* only a task list's box, never a field */
		xmlChar *type = xmlGetProp(n, (const xmlChar *)"type");
		int box = type && !strcasecmp((const char *)type, "checkbox");
		xmlFree(type);
		if (!box)
			return;
		tr_buf_adds(b, "<input type=\"checkbox\" disabled");
		if (xmlHasProp(n, (const xmlChar *)"checked"))
			tr_buf_adds(b, " checked");
		tr_buf_addc(b, '>');
		return;
	}
	char lower[16];
	size_t len = strlen(name);
	if (len >= sizeof(lower))
		return;
	for (size_t i = 0; i <= len; i++)
		lower[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]);
	if (!strcmp(lower, "h1"))
		lower[1] = '2';   /* the article's title is the page's one h1 */
	tr_buf_printf(b, "<%s", lower);
	for (xmlAttr *a = n->properties; a; a = a->next) {
		xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
		attribute(b, lower, (const char *)a->name, v ? (const char *)v : "");
		xmlFree(v);
	}
	if (!strcmp(lower, "a"))
		tr_buf_adds(b, " rel=\"nofollow noopener noreferrer\"");
	tr_buf_addc(b, '>');
	if (in_list(voids, lower))
		return;
	walk(b, n->children, depth + 1);
	tr_buf_printf(b, "</%s>", lower);
}

static void walk(tr_buf *b, xmlNode *n, int depth)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content)
			esc(b, (const char *)n->content, 0);
		else if (n->type == XML_ELEMENT_NODE && n->name)
			element(b, n, depth);
		/* comments, processing instructions, CDATA: dropped */
	}
}

char *tr_html_sanitize(const char *html)
{
	if (!html || !*html)
		return tr_strdup("");
	/* a frame of our own, so that the parser reads the input as a body's content in UTF-8 */
	tr_buf in;
	tr_buf_init(&in);
	tr_buf_adds(&in, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>");
	tr_buf_adds(&in, html);
	tr_buf_adds(&in, "</body></html>");
	htmlDocPtr doc = htmlReadMemory(in.data, (int)in.len, NULL, "UTF-8",
					HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
					HTML_PARSE_NONET);
	tr_buf_free(&in);
	tr_buf out;
	tr_buf_init(&out);
	if (doc) {
		xmlNode *root = xmlDocGetRootElement(doc);
		for (xmlNode *n = root ? root->children : NULL; n; n = n->next)
			if (n->type == XML_ELEMENT_NODE && !strcasecmp((const char *)n->name, "body"))
				walk(&out, n->children, 0);
		xmlFreeDoc(doc);
	}
	char *r = tr_strdup(out.data ? out.data : "");
	tr_buf_free(&out);
	return r;
}

char *tr_markup_render(const char *source, const char *format)
{
	if (format && !strcmp(format, "html"))
		return tr_html_sanitize(source);
	return tr_markdown_html(source);
}
