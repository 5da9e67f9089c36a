/* config.c - tresen-config: reads the configuration for scripts (tresen-backup, tresen-restore).
 *
 *   tresen-config get NAME [DEFAULT]   one value (e.g. Database.name), the default when unset
 *   tresen-config redacted             the whole file as flat NAME = VALUE lines, every password,
 *                                      secret and token replaced by CHANGE-ME (for backups)
 * Reads $TRESEN_CONFIG like every program. */
#include "tresen.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static int secret_name(const char *name)
{
	static const char *const words[] = {"password", "secret", "token", "key", NULL};
	for (int i = 0; words[i]; i++)
		if (strcasestr(name, words[i]))
			return 1;
	return 0;
}

static void dump(HDF *node, const char *prefix)
{
	for (HDF *c = hdf_obj_child(node); c; c = hdf_obj_next(c)) {
		const char *name = hdf_obj_name(c);
		char *path = tr_fmt("%s%s%s", prefix, *prefix ? "." : "", name);
		const char *v = hdf_obj_value(c);
		if (v) {
			if (secret_name(name) && *v)
				v = "CHANGE-ME";
			if (strchr(v, '\n'))
				printf("%s << EOF\n%s\nEOF\n", path, v);
			else
				printf("%s = %s\n", path, v);
		}
		dump(c, path);
	}
}

int main(int argc, char **argv)
{
	tr_log_init("tresen-config");
	if (argc < 2 || (strcmp(argv[1], "get") && strcmp(argv[1], "redacted")) ||
	    (!strcmp(argv[1], "get") && argc < 3)) {
		fputs("usage: tresen-config get NAME [DEFAULT] | tresen-config redacted\n", stderr);
		return 2;
	}
	if (tr_config_load(NULL) < 0)
		return 1;
	if (!strcmp(argv[1], "get")) {
		const char *v = tr_cfg(argv[2], argc > 3 ? argv[3] : NULL);
		if (!v)
			return 1;
		printf("%s\n", v);
		return 0;
	}
	dump(tr_config(), "");
	return 0;
}
