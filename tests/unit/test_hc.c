/* test_hc.c - unit tests of the help centre: the sanitizer against XSS vectors (OWASP cheat-sheet style) and
 * on ordinary formatting, Markdown with raw HTML off, highlighting, the visibility rule and unfollow tokens. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>

#include "tresen.h"
#include "hc/editor.h"
#include "hc/hc.h"
#include "hc/markup.h"

static const char *const vectors[] = {
	"<script>alert(1)</script>",
	"<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>",
	"<IMG SRC=\"javascript:alert('XSS');\">",
	"<IMG SRC=javascript:alert('XSS')>",
	"<IMG SRC=JaVaScRiPt:alert('XSS')>",
	"<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
	"<a onmouseover=\"alert(document.cookie)\">xxs link</a>",
	"<a onmouseover=alert(document.cookie)>xxs link</a>",
	"<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\">",
	"<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
	"<IMG SRC=# onmouseover=\"alert('xxs')\">",
	"<IMG SRC= onmouseover=\"alert('xxs')\">",
	"<IMG onmouseover=\"alert('xxs')\">",
	"<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
	"<img src=x onerror=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041\">",
	"<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
	"<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041>",
	"<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
	"<IMG SRC=\"jav\tascript:alert('XSS');\">",
	"<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
	"<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
	"<IMG SRC=\"jav&#x0D;ascript:alert('XSS');\">",
	"<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
	"<SCRIPT/XSS SRC=\"http://xss.example/xss.js\"></SCRIPT>",
	"<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
	"<<SCRIPT>alert(\"XSS\");//<</SCRIPT>",
	"<SCRIPT SRC=http://xss.example/xss.js?< B >",
	"<IMG SRC=\"`<javascript:alert>`('XSS')\"",
	"<iframe src=http://xss.example/scriptlet.html <",
	"</TITLE><SCRIPT>alert(\"XSS\");</SCRIPT>",
	"<INPUT TYPE=\"IMAGE\" SRC=\"javascript:alert('XSS');\">",
	"<BODY BACKGROUND=\"javascript:alert('XSS')\">",
	"<IMG DYNSRC=\"javascript:alert('XSS')\">",
	"<IMG LOWSRC=\"javascript:alert('XSS')\">",
	"<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
	"<IMG SRC='vbscript:msgbox(\"XSS\")'>",
	"<svg/onload=alert('XSS')>",
	"<BODY ONLOAD=alert('XSS')>",
	"<BGSOUND SRC=\"javascript:alert('XSS');\">",
	"<LINK REL=\"stylesheet\" HREF=\"javascript:alert('XSS');\">",
	"<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
	"<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K\">",
	"<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
	"<FRAMESET><FRAME SRC=\"javascript:alert('XSS');\"></FRAMESET>",
	"<TABLE BACKGROUND=\"javascript:alert('XSS')\"><TR><TD BACKGROUND=\"javascript:alert('XSS')\">x</TD></TR></TABLE>",
	"<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">x</DIV>",
	"<DIV STYLE=\"width: expression(alert('XSS'));\">x</DIV>",
	"<div style=\"position:fixed;top:0;left:0;width:100%;height:100%\">overlay</div>",
	"<IMG STYLE=\"xss:expr/*XSS*/ession(alert('XSS'))\">",
	"<BASE HREF=\"javascript:alert('XSS');//\">",
	"<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"http://xss.example/scriptlet.html\"></OBJECT>",
	"<EMBED SRC=\"data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dHA6Ly93d3cudzMub3JnLzIwMDAvc3ZnIj48L3N2Zz4=\" AllowScriptAccess=\"always\"></EMBED>",
	"<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
	"<a href=\"  javascript:alert(1)\">x</a>",
	"<a href=\"java\nscript:alert(1)\">x</a>",
	"<a href=\"&#106;avascript:alert(1)\">x</a>",
	"<a href=\"javascript&colon;alert(1)\">x</a>",
	"<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
	"<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">XSS</text></a></svg>",
	"<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
	"<form action=\"javascript:alert(1)\"><button>x</button></form>",
	"<details open ontoggle=alert(1)>",
	"<video><source onerror=\"alert(1)\"></video>",
	"<template><script>alert(1)</script></template>",
	"<p><!--<img src=\"--><img src=x onerror=alert(1)//\">--></p>",
	"<![CDATA[<script>alert(1)</script>]]>",
	"<xmp><script>alert(1)</script></xmp>",
	"<isindex type=image src=1 onerror=alert(1)>",
	"<marquee onstart=alert(1)>x</marquee>",
	"<img src=\"x\" onerror=alert(1)//",
	"<input type=\"text\" value=\"\" autofocus onfocus=\"alert(1)\">",
	"<span class=\"urgent-bar\" id=\"main\">phishing</span>",
	"<code class=\"language-js onclick\">x</code>",
};

static int allowed_tag(const char *name)
{
	static const char *const ok[] = { "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i",
		"u", "s", "del", "ins", "sub", "sup", "small", "mark", "code", "pre", "kbd", "samp", "blockquote", "ul",
		"ol", "li", "dl", "dt", "dd", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "a", "img",
		"span", "div", "figure", "figcaption", "abbr", "input", NULL };
	for (int i = 0; ok[i]; i++)
		if (!strcmp(ok[i], name))
			return 1;
	return 0;
}

static int allowed_attr(const char *name)
{
	static const char *const ok[] = { "href", "src", "alt", "title", "width", "height", "colspan", "rowspan",
		"align", "start", "type", "checked", "disabled", "rel", "class", NULL };
	for (int i = 0; ok[i]; i++)
		if (!strcmp(ok[i], name))
			return 1;
	return 0;
}

/* Every tag of the output: an allowed element, allowed attributes, no script URL, classes only language-*. */
static void assert_inert(const char *input, const char *out)
{
	for (const char *p = strchr(out, '<'); p; p = strchr(p + 1, '<')) {
		const char *end = strchr(p, '>');
		if (!end)
			fail_msg("unclosed tag in output of %s: %s", input, out);
		char *tag = tr_strndup(p + 1, (size_t)(end - p - 1));
		for (char *c = tag; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		char *t = tag[0] == '/' ? tag + 1 : tag;
		size_t n = strcspn(t, " ");
		char *name = tr_strndup(t, n);
		if (!allowed_tag(name))
			fail_msg("element <%s> survived %s: %s", name, input, out);
		/* attributes: name="value" pairs as the sanitizer writes them */
		for (const char *a = t + n; *a == ' ';) {
			a++;
			size_t an = strcspn(a, "= ");
			char *aname = tr_strndup(a, an);
			if (!allowed_attr(aname))
				fail_msg("attribute %s survived %s: %s", aname, input, out);
			a += an;
			if (*a == '=') {
				const char *v = a + 2, *ve = strchr(v, '"');
				char *val = tr_strndup(v, (size_t)(ve - v));
				if (strstr(val, "javascript:") || strstr(val, "vbscript:") || strstr(val, "data:") ||
				    strstr(val, "expression"))
					fail_msg("script URL in %s=%s from %s", aname, val, input);
				if (!strcmp(aname, "class") && strncmp(val, "language-", 9))
					fail_msg("class %s survived %s", val, input);
				a = ve + 1;
			}
		}
	}
	assert_null(strstr(out, "<script"));
}

static void sanitizer_removes_every_payload(void **state)
{
	(void)state;
	assert_true(TR_ARRAY_LEN(vectors) >= 50);
	for (size_t i = 0; i < TR_ARRAY_LEN(vectors); i++) {
		char *out = tr_html_sanitize(vectors[i]);
		assert_non_null(out);
		assert_inert(vectors[i], out);
		/* the same through Markdown: raw HTML is inert there too */
		assert_inert(vectors[i], tr_markdown_html(vectors[i]));
	}
}

static void sanitizer_keeps_ordinary_formatting(void **state)
{
	(void)state;
	assert_string_equal(tr_html_sanitize("<p>Hallo <strong>Welt</strong> &amp; <em>mehr</em></p>"),
			    "<p>Hallo <strong>Welt</strong> &amp; <em>mehr</em></p>");
	assert_string_equal(tr_html_sanitize("<ul><li>eins</li><li>zwei</li></ul>"), "<ul><li>eins</li><li>zwei</li></ul>");
	assert_string_equal(tr_html_sanitize("<a href=\"https://example.com/x?a=1&amp;b=2\" title=\"T\">L</a>"),
			    "<a href=\"https://example.com/x?a=1&amp;b=2\" title=\"T\" rel=\"nofollow noopener noreferrer\">L</a>");
	assert_string_equal(tr_html_sanitize("<a href=\"mailto:support@tresen.example\">M</a>"),
			    "<a href=\"mailto:support@tresen.example\" rel=\"nofollow noopener noreferrer\">M</a>");
	assert_string_equal(tr_html_sanitize("<img src=\"/attachments/4/bild.png\" alt=\"Bild\" width=\"300\">"),
			    "<img src=\"/attachments/4/bild.png\" alt=\"Bild\" width=\"300\">");
	assert_string_equal(tr_html_sanitize("<table><tr><td align=\"right\" colspan=\"2\">1</td></tr></table>"),
			    "<table><tr><td align=\"right\" colspan=\"2\">1</td></tr></table>");
	assert_string_equal(tr_html_sanitize("<h1>Titel</h1><pre><code class=\"language-sql\">SELECT 1;</code></pre>"),
			    "<h2>Titel</h2><pre><code class=\"language-sql\">SELECT 1;</code></pre>");
	/* unknown elements lose their tags, not their text; text is escaped on the way out */
	assert_string_equal(tr_html_sanitize("<font color=red>rot</font> 1 &lt; 2"), "rot 1 &lt; 2");
	assert_string_equal(tr_html_sanitize("<p>Grüße, Straße – €</p>"), "<p>Grüße, Straße – €</p>");
	/* what is safe of a payload stays: the link's text, the list */
	assert_string_equal(tr_html_sanitize("<a onmouseover=\"alert(document.cookie)\">xxs link</a>"),
			    "<a rel=\"nofollow noopener noreferrer\">xxs link</a>");
	assert_non_null(strstr(tr_html_sanitize("<STYLE>li {x}</STYLE><UL><LI>XSS</br>"), "<ul><li>XSS"));
	assert_string_equal(tr_html_sanitize("<IMG SRC=\"jav\tascript:alert('XSS');\">"), "<img>");
	assert_string_equal(tr_html_sanitize(""), "");
	assert_string_equal(tr_html_sanitize(NULL), "");
	/* deep nesting ends without a stack overflow (the parser stops at its depth limit) */
	tr_buf b;
	tr_buf_init(&b);
	for (int i = 0; i < 5000; i++)
		tr_buf_adds(&b, "<div>");
	tr_buf_adds(&b, "tief");
	char *deep = tr_html_sanitize(b.data);
	tr_buf_free(&b);
	assert_non_null(deep);
	assert_inert("deep nesting", deep);
}

static void markdown_renders_safely(void **state)
{
	(void)state;
	const char *html = tr_markdown_html("# Titel\n\n**fett** und *kursiv*\n\n| A | B |\n|---|:-:|\n| 1 | 2 |\n\n"
					    "- [x] erledigt\n- [ ] offen\n\nhttps://example.com/seite\n\n~~alt~~\n");
	assert_non_null(strstr(html, "<h2>Titel</h2>"));
	assert_non_null(strstr(html, "<strong>fett</strong>"));
	assert_non_null(strstr(html, "<table>"));
	assert_non_null(strstr(html, "<td align=\"center\">2</td>"));
	assert_non_null(strstr(html, "<input type=\"checkbox\" disabled checked>"));
	assert_non_null(strstr(html, "<a href=\"https://example.com/seite\""));
	assert_non_null(strstr(html, "<del>alt</del>"));
	/* raw HTML off: neither the tag nor its handler reaches the page */
	html = tr_markdown_html("Text <b onclick=\"x()\">fett</b>\n\n<div style=\"position:fixed\">x</div>\n");
	assert_null(strstr(html, "onclick"));
	assert_null(strstr(html, "style"));
	assert_null(strstr(html, "<b"));
	html = tr_markdown_html("[a](javascript:alert(1)) ![b](data:text/html,x) [c](/hc/articles/1)");
	assert_null(strstr(html, "javascript:"));
	assert_null(strstr(html, "data:"));
	assert_non_null(strstr(html, "href=\"/hc/articles/1\""));
}

static void marks_escape_first(void **state)
{
	(void)state;
	assert_string_equal(tr_hc_mark("Passwort <b>vergessen</b>?", "passw"),
			    "<mark>Passwort</mark> &lt;b&gt;vergessen&lt;/b&gt;?");
	assert_string_equal(tr_hc_mark("Mietkaution und Miete", "miet"), "<mark>Mietkaution</mark> und <mark>Miete</mark>");
	assert_string_equal(tr_hc_mark("kein Treffer \"hier\"", "xyz"), "kein Treffer &quot;hier&quot;");
	assert_string_equal(tr_hc_mark("abc", "<mark>"), "abc");
}

static void visibility_rule(void **state)
{
	(void)state;
	tr_hc_article pub_all = { .published = 1, .everyone = 1 }, pub_in = { .published = 1, .everyone = 0 },
		      draft = { .published = 0, .everyone = 1 };
	assert_true(tr_hc_may_read(TR_HC_VISITOR, &pub_all));
	assert_false(tr_hc_may_read(TR_HC_VISITOR, &pub_in));
	assert_true(tr_hc_may_read(TR_HC_MEMBER, &pub_in));
	assert_false(tr_hc_may_read(TR_HC_MEMBER, &draft));
	assert_true(tr_hc_may_read(TR_HC_STAFF, &draft));
	tr_user unconfirmed = { .id = 1, .confirmed = 0 }, customer = { .id = 2, .confirmed = 1 }, agent = { .id = 3, .is_agent = 1 };
	assert_int_equal(tr_hc_level_of(NULL), TR_HC_VISITOR);
	assert_int_equal(tr_hc_level_of(&unconfirmed), TR_HC_VISITOR);
	assert_int_equal(tr_hc_level_of(&customer), TR_HC_MEMBER);
	assert_int_equal(tr_hc_level_of(&agent), TR_HC_STAFF);
}

static void unfollow_tokens(void **state)
{
	(void)state;
	const char *t = tr_hc_unfollow_token(42, "section", 7);
	int64_t user = 0, target = 0;
	const char *kind = NULL;
	assert_int_equal(tr_hc_unfollow_check(t, &user, &kind, &target), 0);
	assert_int_equal(user, 42);
	assert_int_equal(target, 7);
	assert_string_equal(kind, "section");
	/* another user, kind or target with the same signature is refused */
	const char *sig = strrchr(t, '-');
	assert_int_not_equal(tr_hc_unfollow_check(tr_fmt("43-s7%s", sig), &user, &kind, &target), 0);
	assert_int_not_equal(tr_hc_unfollow_check(tr_fmt("42-a7%s", sig), &user, &kind, &target), 0);
	assert_int_not_equal(tr_hc_unfollow_check(tr_fmt("42-s8%s", sig), &user, &kind, &target), 0);
	assert_int_not_equal(tr_hc_unfollow_check("42-s7-", &user, &kind, &target), 0);
	assert_int_not_equal(tr_hc_unfollow_check("garbage", &user, &kind, &target), 0);
	assert_int_not_equal(tr_hc_unfollow_check(NULL, &user, &kind, &target), 0);
	assert_true(tr_hc_slug_ok("imprint") && tr_hc_slug_ok("agb-2026"));
	assert_false(tr_hc_slug_ok("../etc") || tr_hc_slug_ok("") || tr_hc_slug_ok("1abc") || tr_hc_slug_ok("A"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sanitizer_removes_every_payload),
		cmocka_unit_test(sanitizer_keeps_ordinary_formatting),
		cmocka_unit_test(markdown_renders_safely),
		cmocka_unit_test(marks_escape_first),
		cmocka_unit_test(visibility_rule),
		cmocka_unit_test(unfollow_tokens),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
