/* render.c - ClearSilver templates parsed once per process, and the UI languages. */
#include "render/render.h"
#include "core/config.h"
#include "core/log.h"
#include "core/neoerr.h"
#include "core/pool.h"
#include "core/text.h"
#include "core/url.h"

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define MAX_TEMPLATES 96

static const char *const languages[] = { "de", "en" };

typedef struct cached_tmpl {
	char *name;
	int plain;
	CSPARSE *parse;
} cached_tmpl;

static HDF *lang_hdf[2];          /* global data per language: L.*, Site.*, Lang */
static HDF *tmpl_hdf;             /* what templates are parsed with (HTML escaping) */
static HDF *plain_hdf;            /* the same without escaping, for plain-text mail parts */
static cached_tmpl cache[MAX_TEMPLATES];
static int ncache;
static int use_cache = 1;

static int lang_index(const char *code)
{
	for (size_t i = 0; i < TR_ARRAY_LEN(languages); i++)
		if (code && !strcmp(code, languages[i]))
			return (int)i;
	return -1;
}

int tr_lang_supported(const char *code)
{
	return lang_index(code) >= 0;
}

const char *tr_lang_default(void)
{
	const char *d = tr_cfg("Site.lang", "de");
	return tr_lang_supported(d) ? d : "de";
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* The strings of one area (lang/de/agent.hdf, ...) beside the main file, in
 * name order: an area's pages keep their strings together. */
static NEOERR *read_lang_area_files(HDF *h, const char *folder)
{
	struct dirent **names;
	int n = scandir(folder, &names, NULL, by_name);
	NEOERR *err = STATUS_OK;
	for (int k = 0; k < n; k++) {
		const char *f = names[k]->d_name;
		size_t len = strlen(f);
		if (!err && len > 4 && !strcmp(f + len - 4, ".hdf") && f[0] != '.')
			err = hdf_read_file(h, tr_fmt("%s/%s", folder, f));
		free(names[k]);
	}
	if (n >= 0)
		free(names);
	return err;
}

/* The static files the layout links, each with a hash of its content in its URL
 * ("/css/tresen.css?v=3f2a..."): browsers may keep them a year (the server says so),
 * and a changed file is a new URL. Read once per process from Paths.htdocs. */
static const struct { const char *hdf, *path; } assets[] = {
	{ "Assets.css", "css/tresen.css" },
	{ "Assets.js", "js/tresen.js" },
	{ "Assets.agent_js", "js/agent.js" },
	{ "Assets.newrequest_js", "js/newrequest.js" },
};

static const char *asset_url(const char *htdocs, const char *path)
{
	uint64_t h = 1469598103934665603ULL;     /* FNV-1a over the file's bytes */
	FILE *f = fopen(tr_fmt("%s/%s", htdocs, path), "rb");
	if (!f)
		return tr_fmt("/%s", path);
	unsigned char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		for (size_t i = 0; i < n; i++)
			h = (h ^ buf[i]) * 1099511628211ULL;
	fclose(f);
	return tr_fmt("/%s?v=%012llx", path, (unsigned long long)(h >> 16));
}

static NEOERR *set_assets(HDF *h, const char *templates)
{
	const char *htdocs = tr_cfg("Paths.htdocs", tr_fmt("%s/../htdocs", templates));
	NEOERR *err = STATUS_OK;
	for (size_t i = 0; i < TR_ARRAY_LEN(assets) && !err; i++)
		err = hdf_set_value(h, assets[i].hdf, asset_url(htdocs, assets[i].path));
	return err;
}

int tr_render_init(void)
{
	if (tmpl_hdf)
		return 0;
	const char *dir = tr_cfg("Paths.templates", "templates");
	use_cache = (int)tr_cfg_int("Templates.cache", 1);
	NEOERR *err = hdf_init(&tmpl_hdf);
	if (!err)
		err = hdf_set_value(tmpl_hdf, "Config.VarEscapeMode", "html");
	if (!err)
		err = hdf_set_value(tmpl_hdf, "hdf.loadpaths.0", dir);
	if (!err)
		err = hdf_init(&plain_hdf);
	if (!err)
		err = hdf_set_value(plain_hdf, "Config.VarEscapeMode", "none");
	if (!err)
		err = hdf_set_value(plain_hdf, "hdf.loadpaths.0", dir);
	if (err)
		return tr_neoerr_log(err, "template setup");
	for (size_t i = 0; i < TR_ARRAY_LEN(languages); i++) {
		HDF *h;
		err = hdf_init(&h);
		if (!err)
			err = hdf_read_file(h, tr_fmt("%s/lang/%s.hdf", dir, languages[i]));
		if (!err)
			err = read_lang_area_files(h, tr_fmt("%s/lang/%s", dir, languages[i]));
		if (!err)
			err = hdf_set_value(h, "Lang", languages[i]);
		if (!err)
			err = hdf_set_value(h, "Site.name", tr_cfg("Site.name", "Tresen"));
		if (!err)
			err = hdf_set_value(h, "Site.base", tr_base_path());
		if (!err)
			err = hdf_set_value(h, "Site.url", tr_cfg("Site.url", ""));
		if (!err)
			err = set_assets(h, dir);
		if (!err)
			err = hdf_set_value(h, "hdf.loadpaths.0", dir);
		if (err)
			return tr_neoerr_log(err, tr_fmt("loading language %s", languages[i]));
		lang_hdf[i] = h;
	}
	return 0;
}

/* subst(text, value): text with its first %s replaced by value, for
 * language strings with a number or name inside. */
static NEOERR *fn_subst(CSPARSE *parse, CS_FUNCTION *csf, CSARG *args, CSARG *result)
{
	(void)csf;
	char *text = NULL, *value = NULL;
	NEOERR *err = cs_arg_parse(parse, args, "ss", &text, &value);
	if (err)
		return nerr_pass(err);
	char *r = tr_xstrdup(tr_subst(text, value));
	free(text);
	free(value);
	result->op_type = CS_TYPE_STRING;
	result->s = r;
	result->alloc = 1;
	return STATUS_OK;
}

/* The lines of an HTML template's source without their indentation, blank lines dropped: to a
 * browser the markup's whitespace is one space wherever it stands, and every byte of it was
 * compressed and sent with every page (the agent queue's 25 rows: 31 KB, 26 without). Only the
 * template's own text: what a variable inserts keeps its every space. */
static void strip_indentation(char *s)
{
	char *w = s;
	for (const char *r = s; *r;) {
		*w++ = *r;
		if (*r++ == '\n')
			while (*r == ' ' || *r == '\t' || *r == '\n')
				r++;
	}
	*w = '\0';
}

/* ClearSilver's loader for the template and everything it includes */
static NEOERR *load_html_template(void *ctx, HDF *hdf, const char *filename, char **contents)
{
	(void)ctx;
	char path[PATH_MAX];
	NEOERR *err = hdf_search_path(hdf, filename, path);
	if (!err)
		err = ne_load_file(path, contents);
	if (err)
		return nerr_pass(err);
	strip_indentation(*contents);
	return STATUS_OK;
}

static NEOERR *parse_template(const char *name, int plain, CSPARSE **out)
{
	CSPARSE *parse = NULL;
	NEOERR *err = cs_init(&parse, plain ? plain_hdf : tmpl_hdf);
	if (!err && !plain)
		cs_register_fileload(parse, NULL, load_html_template);   /* plain-text mail keeps its layout */
	if (!err)
		err = cgi_register_strfuncs(parse);
	if (!err)
		err = cs_register_function(parse, "subst", 2, fn_subst);
	if (!err) {
		parse->global_hdf = lang_hdf[0];
		err = cs_parse_file(parse, name);
	}
	if (err) {
		if (parse)
			cs_destroy(&parse);
		return nerr_pass(err);
	}
	*out = parse;
	return STATUS_OK;
}

static CSPARSE *get_template(const char *name, int plain)
{
	for (int i = 0; i < ncache; i++)
		if (cache[i].plain == plain && !strcmp(cache[i].name, name))
			return cache[i].parse;
	CSPARSE *parse = NULL;
	if (tr_neoerr_log(parse_template(name, plain, &parse), tr_fmt("parsing template %s", name)))
		return NULL;
	if (!use_cache || ncache == MAX_TEMPLATES)
		return parse;
	cache[ncache].name = tr_xstrdup(name);
	cache[ncache].plain = plain;
	cache[ncache].parse = parse;
	ncache++;
	return parse;
}

static NEOERR *append_output(void *ctx, char *s)
{
	tr_buf_adds(ctx, s);
	return STATUS_OK;
}

static int render(HDF *hdf, const char *tmpl, const char *lang, int plain, tr_buf *out)
{
	if (tr_render_init() < 0)
		return -1;
	int li = lang_index(lang);
	if (li < 0)
		li = lang_index(tr_lang_default());
	CSPARSE *parse = get_template(tmpl, plain);
	if (!parse)
		return -1;
	/* A parsed tree is reused: point it at this request's data and language. */
	parse->hdf = hdf;
	parse->global_hdf = lang_hdf[li];
	NEOERR *err = cs_render(parse, out, append_output);
	parse->hdf = plain ? plain_hdf : tmpl_hdf;
	if (!use_cache || ncache == MAX_TEMPLATES) {
		int cached = 0;
		for (int i = 0; i < ncache; i++)
			if (cache[i].parse == parse)
				cached = 1;
		if (!cached)
			cs_destroy(&parse);
	}
	return tr_neoerr_log(err, tr_fmt("rendering %s", tmpl));
}

int tr_render_buf(HDF *hdf, const char *tmpl, const char *lang, tr_buf *out)
{
	return render(hdf, tmpl, lang, 0, out);
}

int tr_render_plain(HDF *hdf, const char *tmpl, const char *lang, tr_buf *out)
{
	return render(hdf, tmpl, lang, 1, out);
}

const char *tr_lang_text(const char *lang, const char *key)
{
	if (tr_render_init() < 0)
		return key;
	int li = lang_index(lang);
	if (li < 0)
		li = 0;
	const char *v = hdf_get_value(lang_hdf[li], tr_fmt("L.%s", key), NULL);
	if (!v) {
		tr_warn("missing text L.%s (%s)", key, languages[li]);
		return key;
	}
	return v;
}
