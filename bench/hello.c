/* hello.c - the ceiling of any page: a FastCGI program that answers every request with a few
 * bytes and does nothing else. Built only for the benchmark (`make bench-ceiling`, into
 * build/rel/cgi-bin/bench-hello.fcgi), never by `make build` or installed; bench/run serves it
 * through the same Apache and mod_fcgid as the pages and prints each page's ratio to it. */
#include <fcgi_stdio.h>

int main(void)
{
	while (FCGI_Accept() >= 0)
		printf("Status: 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 6\r\n\r\nhello\n");
	return 0;
}
