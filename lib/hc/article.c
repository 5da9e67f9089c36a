/* article.c - help-centre articles: creation with a plain-text copy for search, suggestions, snippets. */
#include "hc/article.h"
#include "db/db.h"
#include "core/log.h"
#include "core/pool.h"
#include "search/search.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

int64_t tr_hc_category_create(const char *name, const char *description, int sort)
{
	int64_t rc = tr_db_run("INSERT INTO hc_categories (name, description, sort) VALUES (?, ?, ?)", "ssi", name,
			       description ? description : "", sort);
	return rc < 0 ? rc : tr_db_insert_id();
}

int64_t tr_hc_section_create(int64_t category_id, const char *name, const char *description, int sort)
{
	int64_t rc = tr_db_run("INSERT INTO hc_sections (category_id, name, description, sort) VALUES (?, ?, ?, ?)",
			       "lssi", category_id, name, description ? description : "", sort);
	return rc < 0 ? rc : tr_db_insert_id();
}

int64_t tr_article_create(const tr_article_new *a)
{
	tr_q *q = tr_q_new("INSERT INTO hc_articles (section_id, title, body, body_text, visibility, is_notice, "
			   "published, author_id, created_at, updated_at, promoted, urgent_until) VALUES (?, ?, ?, ?, ?, ?, ?, "
			   "NULLIF(?, 0), COALESCE(?, NOW()), COALESCE(?, NOW()), ?, ?)");
	tr_q_i64(q, a->section_id);
	tr_q_str(q, a->title);
	tr_q_str(q, a->body);
	tr_q_str(q, tr_html_text(a->body));
	tr_q_str(q, a->everyone ? "everyone" : "signed_in");
	tr_q_i64(q, a->is_notice);
	tr_q_i64(q, !a->unpublished);
	tr_q_i64(q, a->author_id);
	tr_q_str(q, a->created_at);
	tr_q_str(q, a->created_at);
	tr_q_i64(q, a->promoted);
	tr_q_str(q, a->urgent_until);
	return tr_q_insert(q);
}

/* ---- plain text ---- */

static void add_codepoint(tr_buf *b, unsigned long cp)
{
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		tr_buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		tr_buf_addc(b, (char)(0xC0 | (cp >> 6)));
		tr_buf_addc(b, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		tr_buf_addc(b, (char)(0xE0 | (cp >> 12)));
		tr_buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		tr_buf_addc(b, (char)(0x80 | (cp & 0x3F)));
	} else {
		tr_buf_addc(b, (char)(0xF0 | (cp >> 18)));
		tr_buf_addc(b, (char)(0x80 | ((cp >> 12) & 0x3F)));
		tr_buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		tr_buf_addc(b, (char)(0x80 | (cp & 0x3F)));
	}
}

/* Decodes the entity at p ('&'); returns the bytes used (1 when it is none). */
static size_t entity(const char *p, tr_buf *b)
{
	static const struct { const char *name; unsigned long cp; } names[] = {
		{ "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' }, { "quot;", '"' }, { "apos;", '\'' },
		{ "nbsp;", ' ' }, { "auml;", 0xE4 }, { "ouml;", 0xF6 }, { "uuml;", 0xFC }, { "Auml;", 0xC4 },
		{ "Ouml;", 0xD6 }, { "Uuml;", 0xDC }, { "szlig;", 0xDF }, { "euro;", 0x20AC }, { "ndash;", 0x2013 },
		{ "mdash;", 0x2014 }, { "hellip;", 0x2026 },
	};
	if (p[1] == '#') {
		int hex = p[2] == 'x' || p[2] == 'X';
		const char *d = p + 2 + hex;
		char *end;
		unsigned long cp = strtoul(d, &end, hex ? 16 : 10);
		if (end == d || *end != ';' || end - d > 8)
			return 0;
		add_codepoint(b, cp);
		return (size_t)(end - p) + 1;
	}
	for (size_t i = 0; i < TR_ARRAY_LEN(names); i++)
		if (!strncmp(p + 1, names[i].name, strlen(names[i].name))) {
			add_codepoint(b, names[i].cp);
			return strlen(names[i].name) + 1;
		}
	return 0;
}

/* Skips a tag starting at p ('<'); *hide is set for script/style (their content is no text). */
static const char *skip_tag(const char *p, int *hide)
{
	const char *name = p + 1 + (p[1] == '/');
	if (!strncasecmp(name, "script", 6) || !strncasecmp(name, "style", 5))
		*hide = p[1] != '/';
	char quote = 0;
	for (p++; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '"' || *p == '\'') {
			quote = *p;
		} else if (*p == '>') {
			return p + 1;
		}
	}
	return p;
}

char *tr_html_text(const char *html)
{
	tr_buf b;
	tr_buf_init(&b);
	int hide = 0, space = 0;
	for (const char *p = html ? html : ""; *p;) {
		if (*p == '<') {
			p = skip_tag(p, &hide);
			space = 1;          /* a tag separates words: "a<br>b" is two */
			continue;
		}
		if (hide) {
			p++;
			continue;
		}
		if (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t' || *p == '\f') {
			space = 1;
			p++;
			continue;
		}
		if (space && b.len)
			tr_buf_addc(&b, ' ');
		space = 0;
		size_t used = *p == '&' ? entity(p, &b) : 0;
		if (used) {
			p += used;
		} else {
			tr_buf_addc(&b, *p);
			p++;
		}
	}
	char *r = tr_strdup(b.data ? b.data : "");
	tr_buf_free(&b);
	return r;
}

/* ---- snippets ---- */

typedef struct find_ctx {
	const char *text;
	const char *best;
} find_ctx;

static void find_word(void *ctx, const char *w, size_t n)
{
	find_ctx *f = ctx;
	if (n < 2)
		return;
	char *word = tr_strndup(w, n);
	const char *at = strcasestr(f->text, word);
	if (at && (!f->best || at < f->best))
		f->best = at;
}

static int continuation(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

char *tr_snippet(const char *text, const char *typed, size_t max)
{
	if (!text)
		return tr_strdup("");
	find_ctx f = { text, NULL };
	tr_search_words(typed, find_word, &f);
	const char *start = text;
	if (f.best) {
		/* some words of context before the match, starting at a word */
		size_t back = 0;
		start = f.best;
		while (start > text && back < max / 4) {
			start--;
			if (!continuation((unsigned char)*start))
				back++;
		}
		if (start > text) {
			const char *sp = strchr(start, ' ');
			if (sp && sp < f.best)
				start = sp + 1;
		}
	}
	/* max characters from start, cut after a whole word */
	const char *end = start;
	size_t chars = 0;
	while (*end && chars < max) {
		end++;
		while (continuation((unsigned char)*end))
			end++;
		chars++;
	}
	if (*end) {
		const char *cut = end;
		while (cut > start && *cut != ' ')
			cut--;
		if (cut > start)
			end = cut;
	}
	return tr_fmt("%s%.*s%s", start > text ? "… " : "", (int)(end - start), start, *end ? " …" : "");
}
