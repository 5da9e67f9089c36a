/* markup.h - article markup (R-HC 4): Markdown through cmark-gfm, HTML through an allow-list on libxml2's parser.
 *
 * What an article shows is always the output of tr_html_sanitize: Markdown is
 * rendered with raw HTML off (cmark replaces it by a comment) and the result
 * goes through the sanitizer too, so a bug in one layer is caught by the other.
 * The sanitizer parses with a real HTML parser (never a regex) and writes a new
 * document from the tree: only listed elements and attributes survive, text and
 * attribute values are escaped on the way out, script-like elements lose their
 * content, links may only be http(s), mailto or portal paths, images only
 * http(s) or portal paths, and no style attribute survives. */
#ifndef TR_MARKUP_H
#define TR_MARKUP_H

/* Markdown (CommonMark with GitHub's tables, strikethrough, autolinks and
 * task lists) as safe HTML (pool memory). Raw HTML in the source comes out
 * inert. */
char *tr_markdown_html(const char *markdown);

/* HTML from anywhere (an import, an editor) reduced to the allow-list
 * (pool memory); never NULL. */
char *tr_html_sanitize(const char *html);

/* The HTML an article stores for a source in format "markdown" or "html". */
char *tr_markup_render(const char *source, const char *format);

#endif
