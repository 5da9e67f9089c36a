/* serve.h - the serve loop a page program's main() hands its page to. Only page programs include it. */
#ifndef TR_SERVE_H
#define TR_SERVE_H

#include "web/request.h"

/* Serves requests until the web server stops the process: FastCGI, or one
 * request when started as plain CGI. Returns the exit status for main().
 * Refuses to serve (every request 503, logged) when the configuration is
 * missing or Security.secret is too short to sign anything. */
int tr_serve(const tr_page *page, int argc, char **argv);

#endif
