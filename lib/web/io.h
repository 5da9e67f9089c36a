/* io.h - the current request's input, output and environment, FastCGI or plain CGI (library-internal). */
#ifndef TR_IO_H
#define TR_IO_H

#include <stddef.h>

/* Sets up for the request just accepted (fcgx NULL: plain CGI on stdin/stdout). */
void tr_io_begin(void *fcgx_request);
int tr_io_read(char *buf, int n);               /* >0, 0 at end, <0 error */
int tr_io_write(const char *buf, size_t n);     /* 0 or -1 */
const char *tr_io_getenv(const char *name);
char **tr_io_environ(void);

#endif
