/* gzip-speed.c - one page compressed as the worker does (libdeflate, level 1) and as mod_deflate
 * did (a zlib stream per response, level 1), with the caches cold as after a page's own work.
 *
 *   cc -O2 -o build/gzip-speed bench/gzip-speed.c -ldeflate -lz
 *   curl -s -H 'Accept-Encoding: identity' http://127.0.0.1:8080/login > /tmp/p.html
 *   build/gzip-speed /tmp/p.html */
#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#define ROUNDS 2000

static char evict[8 << 20];
static unsigned char out[4 << 20];

static double now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static size_t by_zlib(const char *in, size_t n)
{
	z_stream z;
	memset(&z, 0, sizeof(z));
	deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = sizeof(out);
	deflate(&z, Z_FINISH);
	size_t len = sizeof(out) - z.avail_out;
	deflateEnd(&z);
	return len;
}

int main(int argc, char **argv)
{
	static char page[4 << 20];
	FILE *f = argc > 1 ? fopen(argv[1], "rb") : NULL;
	if (!f) {
		fprintf(stderr, "usage: gzip-speed PAGE.html\n");
		return 2;
	}
	size_t n = fread(page, 1, sizeof(page), f);
	fclose(f);
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(1);
	double t_ld = 0, t_z = 0;
	size_t len_ld = 0, len_z = 0;
	for (int i = 0; i < ROUNDS; i++) {
		memset(evict, i, sizeof(evict));
		double t0 = now_us();
		len_ld = libdeflate_gzip_compress(c, page, n, out, sizeof(out));
		double t1 = now_us();
		memset(evict, i + 1, sizeof(evict));
		double t2 = now_us();
		len_z = by_zlib(page, n);
		t_z += now_us() - t2;
		t_ld += t1 - t0;
	}
	printf("%zu bytes: libdeflate level 1 %zu B in %.1f µs; zlib level 1, new stream %zu B in %.1f µs\n",
	       n, len_ld, t_ld / ROUNDS, len_z, t_z / ROUNDS);
	libdeflate_free_compressor(c);
	return 0;
}
