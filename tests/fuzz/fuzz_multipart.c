/* fuzz_multipart.c - libFuzzer harness: the streaming multipart parser, with the Content-Type header too.
 *
 * Input: the Content-Type value, a line break, then the body. Parts are kept,
 * skipped or refused by their name, and the stream arrives in short reads. */
#include "tresen.h"
#include "web/multipart.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct reader {
	const char *data;
	size_t len, pos;
} reader;

static int mem_read(void *ctx, char *buf, int n)
{
	reader *r = ctx;
	size_t left = r->len - r->pos;
	size_t take = (size_t)n < left ? (size_t)n : left;
	if (take > 300)
		take = 300 + r->pos % 5;    /* short reads */
	if (take > left)
		take = left;
	memcpy(buf, r->data + r->pos, take);
	r->pos += take;
	return (int)take;
}

static int want(void *ctx, const char *name, int is_file, tr_part *done)
{
	(void)ctx;
	(void)done;
	if (!strcmp(name, "stop"))
		return -403;
	return name[0] != 'x' || is_file;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (sodium_init() < 0)
		abort();
	mkdir("/tmp/tresen-fuzz", 0700);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	if (!nl)
		return 0;
	char *ct = tr_strndup((const char *)data, (size_t)(nl - data));
	const char *boundary = tr_mp_boundary(ct);
	if (boundary) {
		reader r = { (const char *)nl + 1, size - (size_t)(nl + 1 - data), 0 };
		tr_mp mp;
		memset(&mp, 0, sizeof(mp));
		mp.read = mem_read;
		mp.ctx = &r;
		mp.want = want;
		mp.content_length = (int64_t)r.len;
		mp.field_bytes = 2000;
		mp.text_bytes = 6000;
		mp.file_bytes = 5000;
		mp.max_parts = 20;
		mp.tmpdir = "/tmp/tresen-fuzz";
		int rc = tr_mp_parse(&mp, boundary);
		for (tr_part *p = mp.parts; p && !rc; p = p->next) {
			if (p->filename && (!p->path || strlen(p->sha256) != 64 || !tr_utf8_valid(p->filename, strlen(p->filename))))
				abort();
			if (!p->filename && (!p->value || strlen(p->name) > 100))
				abort();
		}
		tr_mp_cleanup(mp.parts);
	}
	tr_pool_reset();
	return 0;
}
