/* io_stub.c - the request's streams for the fuzz harnesses: environment and body from memory.
 * Defines every function of lib/web/io.h, so web/io.o is not linked in. */
#include "web/io.h"
#include "io_stub.h"

#include <string.h>

static char **env;
static const char *body;
static size_t body_len, body_pos;

void stub_set(char **environment, const char *data, size_t len)
{
	env = environment;
	body = data;
	body_len = len;
	body_pos = 0;
}

void tr_io_begin(void *fcgx_request)
{
	(void)fcgx_request;
}

int tr_io_read(char *buf, int n)
{
	size_t left = body_len - body_pos;
	size_t take = (size_t)n < left ? (size_t)n : left;
	/* short reads, as a socket gives them */
	if (take > 1000)
		take = 1000 + (body_pos % 7);
	if (take > left)
		take = left;
	memcpy(buf, body + body_pos, take);
	body_pos += take;
	return (int)take;
}

int tr_io_write(const char *buf, size_t n)
{
	(void)buf;
	(void)n;
	return 0;
}

const char *tr_io_getenv(const char *name)
{
	size_t n = strlen(name);
	for (char **e = env; e && *e; e++)
		if (!strncmp(*e, name, n) && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

char **tr_io_environ(void)
{
	return env;
}
