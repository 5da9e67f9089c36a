/* render.h - ClearSilver templates (parsed once per process) and the UI languages.
 *
 * Every template is rendered with Config.VarEscapeMode = html: var: output is
 * HTML-escaped unless the template says otherwise (which the template check
 * in `make test` refuses without a reviewed-exception comment). Language
 * strings live in templates/lang/<code>.hdf under L.*, and are visible to
 * templates as a global data set, so a request copies none of them. */
#ifndef TR_RENDER_H
#define TR_RENDER_H

#include <ClearSilver.h>
#include "core/util.h"

/* Loads the languages; called once by tr_serve and by cron programs. */
int tr_render_init(void);
/* Renders a template with data hdf in language lang, appending to out. 0 or -1. */
int tr_render_buf(HDF *hdf, const char *tmpl, const char *lang, tr_buf *out);
/* The same without any escaping, for text that is not HTML: mail subjects and
 * plain-text mail parts (lib/mail.c). Never send its output as a page. */
int tr_render_plain(HDF *hdf, const char *tmpl, const char *lang, tr_buf *out);

/* 1 when the code is a supported UI language ("de", "en"). */
int tr_lang_supported(const char *code);
/* The default language (Site.lang, "de"). */
const char *tr_lang_default(void);
/* L.<key> in lang; the key itself when missing (logged). */
const char *tr_lang_text(const char *lang, const char *key);

#endif
