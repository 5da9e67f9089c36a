/* gzip.h - compressing a response body in the worker, for clients that accept gzip. */
#ifndef TR_GZIP_H
#define TR_GZIP_H

#include <stddef.h>

#include "core/util.h"

/* 1 when an Accept-Encoding header value accepts gzip (q-values and "*" honoured). */
int tr_accepts_gzip(const char *accept_encoding);
/* 1 when a body of this type and size is worth compressing (text and JSON from 1 KB). */
int tr_gzip_worth(const char *ctype, size_t n);
/* Compresses in[0..n) into out (replacing its content) as one gzip member; 0 or -1. */
int tr_gzip(const void *in, size_t n, tr_buf *out);

#endif
