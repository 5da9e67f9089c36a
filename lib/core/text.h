/* text.h - small text rules on the request pool: cutting, substituting, percent-encoding, file sizes. */
#ifndef TR_TEXT_H
#define TR_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* A copy of UTF-8 text s cut to at most max characters (at a character boundary). */
char *tr_strcut(const char *s, size_t max);
/* s percent-encoded (see tr_buf_add_pct), e.g. a path segment: tr_pct(name, ""). */
const char *tr_pct(const char *s, const char *keep);
/* text with its first "%s" replaced by value: language strings carry a
 * number or a name that way, and are never format strings. */
const char *tr_subst(const char *text, const char *value);
/* A file size as people read it: "812 B", "14 KB", "3.4 MB", "50 MB". */
const char *tr_human_size(int64_t bytes);

/* A file name as sent (a browser's upload, a mail's attachment): the last
 * component of a path, without control characters and without characters
 * that reorder or hide text ("rechnung<U+202E>gpj.exe"), at most max bytes
 * cut at a character boundary. Works in place on valid UTF-8; returns the
 * cleaned name (a pointer into name). */
char *tr_filename_clean(char *name, size_t max);

/* Text from outside (a mail's body) as a comment may hold it (pool memory):
 * valid UTF-8 (bad bytes as U+FFFD), LF line ends, no control characters
 * but tab and newline, characters that reorder or hide text written
 * visibly ([U+202E]), at most max characters. */
char *tr_text_safe(const char *text, size_t max);

#endif
