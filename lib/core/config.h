/* config.h - the one configuration file (tresen.hdf), loaded once per process. */
#ifndef TR_CONFIG_H
#define TR_CONFIG_H

#include <ClearSilver.h>

/* Loads the file named by $TRESEN_CONFIG (or path when not NULL).
 * Returns 0 or -1 (logged). */
int tr_config_load(const char *path);
/* The loaded tree (NULL before tr_config_load). */
HDF *tr_config(void);

const char *tr_cfg(const char *name, const char *def);
long tr_cfg_int(const char *name, long def);

/* Sets a value (tests and tools that run without a file). */
void tr_cfg_set(const char *name, const char *value);

#endif
