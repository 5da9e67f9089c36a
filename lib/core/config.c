/* config.c - the one configuration file (tresen.hdf), loaded once per process. */
#include "core/config.h"
#include "core/log.h"
#include "core/neoerr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static HDF *config;

/* The file next to the program, or in a folder above it (programs live in
 * folders by URL: cgi-bin/requests/new.fcgi finds cgi-bin/tresen.hdf), for
 * shared hosting where no environment variable reaches the programs (the
 * .htaccess denies *.hdf to the web). 0 with the path in buf, or -1. */
static int beside_program(char *buf, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", buf, size - 16);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	for (int up = 0; up < 4; up++) {
		char *slash = strrchr(buf, '/');
		if (!slash)
			return -1;
		snprintf(slash + 1, size - (size_t)(slash + 1 - buf), "tresen.hdf");
		if (access(buf, R_OK) == 0)
			return 0;
		*slash = '\0';       /* one folder up */
	}
	return -1;
}

int tr_config_load(const char *path)
{
	char beside[4096];
	if (!path)
		path = getenv("TRESEN_CONFIG");
	if (!path || !*path) {
		if (beside_program(beside, sizeof(beside)) < 0) {
			tr_error("TRESEN_CONFIG is not set and no tresen.hdf is next to the program");
			return -1;
		}
		path = beside;
	}
	if (config)
		hdf_destroy(&config);
	NEOERR *err = hdf_init(&config);
	if (!err)
		err = hdf_read_file(config, path);
	if (err) {
		tr_neoerr_log(err, "reading configuration");
		return -1;
	}
	return 0;
}

HDF *tr_config(void)
{
	if (!config)
		tr_neoerr_ignore(hdf_init(&config));
	return config;
}

const char *tr_cfg(const char *name, const char *def)
{
	return hdf_get_value(tr_config(), name, def);
}

long tr_cfg_int(const char *name, long def)
{
	const char *v = hdf_get_value(tr_config(), name, NULL);
	if (!v || !*v)
		return def;
	char *end;
	long n = strtol(v, &end, 10);
	return *end ? def : n;
}

void tr_cfg_set(const char *name, const char *value)
{
	tr_neoerr_ignore(hdf_set_value(tr_config(), name, value));
}
