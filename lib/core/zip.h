/* zip.h - writing a ZIP archive in memory (stored entries, UTF-8 names): the data export. */
#ifndef TR_ZIP_H
#define TR_ZIP_H

#include <stddef.h>

#include "core/util.h"

typedef struct tr_zip {
	tr_buf out;                /* the archive so far */
	tr_buf dir;                /* the central directory, appended by tr_zip_finish */
	int count;
} tr_zip;

void tr_zip_init(tr_zip *z);
/* Adds a file (name: UTF-8, '/' separates folders). */
void tr_zip_add(tr_zip *z, const char *name, const void *data, size_t len);
/* Ends the archive: z->out holds it (free with tr_zip_free). */
void tr_zip_finish(tr_zip *z);
void tr_zip_free(tr_zip *z);

#endif
