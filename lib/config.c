/* config.c - the one configuration file (tresen.hdf), loaded once per process. */
#include "config.h"
#include "log.h"
#include "neoerr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static HDF *config;

int tr_config_load(const char *path)
{
	char beside[4096];
	if (!path)
		path = getenv("TRESEN_CONFIG");
	if (!path || !*path) {
		/* Shared hosting may not allow environment settings: then the file
		 * next to the program is used (the .htaccess denies it to the web). */
		ssize_t n = readlink("/proc/self/exe", beside, sizeof(beside) - 16);
		char *slash = n > 0 ? memrchr(beside, '/', (size_t)n) : NULL;
		if (!slash) {
			tr_error("TRESEN_CONFIG is not set: no configuration file");
			return -1;
		}
		snprintf(slash + 1, sizeof(beside) - (size_t)(slash + 1 - beside), "tresen.hdf");
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
