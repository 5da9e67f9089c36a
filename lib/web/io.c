/* io.c - the current request's input, output and environment, FastCGI or plain CGI. */
#include "web/io.h"

#include <fcgiapp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

extern char **environ;

static FCGX_Request *fcgx;

void tr_io_begin(void *fcgx_request)
{
	fcgx = fcgx_request;
}

int tr_io_read(char *buf, int n)
{
	if (fcgx)
		return FCGX_GetStr(buf, n, fcgx->in);
	ssize_t r = read(0, buf, (size_t)n);
	return (int)r;
}

int tr_io_write(const char *buf, size_t n)
{
	if (fcgx) {
		while (n > 0) {
			int chunk = n > 1 << 20 ? 1 << 20 : (int)n;
			if (FCGX_PutStr(buf, chunk, fcgx->out) != chunk)
				return -1;
			buf += chunk;
			n -= (size_t)chunk;
		}
		return 0;
	}
	return fwrite(buf, 1, n, stdout) == n ? 0 : -1;
}

const char *tr_io_getenv(const char *name)
{
	if (fcgx)
		return FCGX_GetParam(name, fcgx->envp);
	return getenv(name);
}

char **tr_io_environ(void)
{
	return fcgx ? fcgx->envp : environ;
}
