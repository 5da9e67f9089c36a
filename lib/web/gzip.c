/* gzip.c - compressing a response body in the worker, for clients that accept gzip.
 *
 * The worker compresses its own pages rather than leaving it to mod_deflate or nginx: the
 * server's filter sets up a fresh zlib stream per response (about 400 KB allocated and
 * cleared), which cost Apache 100 microseconds on a 3 KB page, ten times the compression
 * itself (bench/cpu-split). One compressor per process costs only the compression, and
 * shared hosting without mod_deflate gets compressed pages too. libdeflate rather than
 * zlib: whole buffers at once, at level 1 in 60-70 % of zlib's time and 5-6 % smaller
 * (bench/README, HTML compression). */
#include "web/gzip.h"

#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Level 1: the pages shrink by 55-85 % already; higher levels cost 1.5-2 times the time
 * for 1-3 % fewer bytes. */
static struct libdeflate_compressor *compressor;

int tr_gzip(const void *in, size_t n, tr_buf *out)
{
	if (!compressor && !(compressor = libdeflate_alloc_compressor(1)))
		return -1;
	size_t bound = libdeflate_gzip_compress_bound(compressor, n);
	if (out->cap < bound + 1) {
		out->data = tr_xrealloc(out->data, bound + 1);
		out->cap = bound + 1;
	}
	size_t len = libdeflate_gzip_compress(compressor, in, n, out->data, bound);
	if (len == 0)
		return -1;
	out->len = len;
	out->data[len] = '\0';
	return 0;
}

/* The q-value of one Accept-Encoding element ("gzip;q=0.5"), 1 when none is given. */
static double qvalue(const char *params, const char *end)
{
	for (const char *p = params; p < end; p++) {
		if (*p != ';')
			continue;
		p++;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p + 1 < end && (*p == 'q' || *p == 'Q') && p[1] == '=')
			return strtod(p + 2, NULL);
	}
	return 1;
}

int tr_accepts_gzip(const char *accept_encoding)
{
	if (!accept_encoding)
		return 0;
	int gzip = -1, any = -1;   /* -1: not named */
	const char *p = accept_encoding;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		const char *name = p;
		while (*p && *p != ',' && *p != ';' && *p != ' ' && *p != '\t')
			p++;
		size_t len = (size_t)(p - name);
		const char *end = strchr(p, ',');
		if (!end)
			end = p + strlen(p);
		int ok = qvalue(p, end) > 0;
		if ((len == 4 && !strncasecmp(name, "gzip", 4)) || (len == 6 && !strncasecmp(name, "x-gzip", 6)))
			gzip = ok;
		else if (len == 1 && *name == '*')
			any = ok;
		p = end;
	}
	return gzip >= 0 ? gzip : any > 0;
}

int tr_gzip_worth(const char *ctype, size_t n)
{
	/* below a kilobyte the gzip frame and the work outweigh the bytes saved */
	if (n < 1024 || !ctype)
		return 0;
	return !strncmp(ctype, "text/", 5) || !strncmp(ctype, "application/json", 16);
}
