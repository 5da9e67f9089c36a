/* json.h - writing JSON answers: strings escaped so that JSON is never read as HTML or script. */
#ifndef TR_JSON_H
#define TR_JSON_H

#include <stdint.h>
#include "core/util.h"

/* Appends s as a JSON string literal with its quotes: '"' and '\' escaped,
 * control characters as \n, \t ... or \u00XX, and '<', '>', '&', U+2028 and
 * U+2029 as \u escapes, so the text can neither close a <script> nor be
 * sniffed as markup. Invalid UTF-8 becomes U+FFFD. NULL writes null. */
void tr_json_str(tr_buf *b, const char *s);
/* Appends "key": with the key escaped as above. */
void tr_json_key(tr_buf *b, const char *key);
void tr_json_int(tr_buf *b, int64_t v);

#endif
