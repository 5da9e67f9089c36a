/* io_stub.h - what a fuzz harness hands the stub streams: the environment (NULL-ended "K=V" list) and the body. */
#ifndef TR_IO_STUB_H
#define TR_IO_STUB_H

#include <stddef.h>

void stub_set(char **environment, const char *body, size_t len);

#endif
