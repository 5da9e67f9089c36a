/* migrate.c - tresen-migrate: applies the numbered sql/NNN_*.sql files not yet applied, in order.
 *
 * Usage: tresen-migrate [SQL_DIR]   (default: Paths.sql from the configuration)
 * Each applied file is recorded in schema_migrations. MariaDB commits DDL at
 * once, so a file that fails halfway is reported and must be mended by hand;
 * files are therefore kept small and each does one thing. Then the help centre's queued
 * articles are indexed for search (sql/019_hc_search.sql). */
#include "tresen.h"
#include "hc/hcindex.h"

#include <limits.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_migration(const char *name)
{
	size_t n = strlen(name);
	return n > 8 && name[0] >= '0' && name[0] <= '9' && name[1] >= '0' && name[1] <= '9' &&
	       name[2] >= '0' && name[2] <= '9' && name[3] == '_' && !strcmp(name + n - 4, ".sql");
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	tr_buf b;
	tr_buf_init(&b);
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		tr_buf_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return b.data ? b.data : tr_xstrdup("");
}

static int applied(int version)
{
	int64_t v;
	int rc = tr_db_int(&v, "SELECT version FROM schema_migrations WHERE version = ?", "i", version);
	return rc;
}

int main(int argc, char **argv)
{
	tr_log_init("tresen-migrate");
	if (tr_config_load(NULL) < 0)
		return 1;
	const char *dir = argc > 1 ? argv[1] : tr_cfg("Paths.sql", "sql");
	if (tr_db_connect() < 0)
		return 1;
	if (tr_db_run("CREATE TABLE IF NOT EXISTS schema_migrations ("
		      " version INT UNSIGNED NOT NULL PRIMARY KEY,"
		      " name VARCHAR(200) NOT NULL,"
		      " applied_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP"
		      ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4", "") < 0)
		return 1;

	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "tresen-migrate: cannot open %s\n", dir);
		return 1;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!is_migration(e->d_name))
			continue;
		names = tr_xrealloc(names, sizeof(char *) * (n + 1));
		names[n++] = tr_xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(char *), cmp_names);

	int rc = 0, count = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		int version = atoi(names[i]);
		int done = applied(version);
		if (done < 0) {
			rc = 1;
			break;
		}
		if (done)
			continue;
		char *path = tr_fmt("%s/%s", dir, names[i]);
		size_t len;
		char *sql = read_file(path, &len);
		if (!sql) {
			fprintf(stderr, "tresen-migrate: cannot read %s\n", path);
			rc = 1;
			break;
		}
		if (tr_db_exec_script(sql, len) < 0) {
			fprintf(stderr, "tresen-migrate: %s failed; the database may be partly changed\n", names[i]);
			rc = 1;
		} else if (tr_db_run("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", "is",
				     version, names[i]) < 0) {
			rc = 1;
		} else {
			printf("applied %s\n", names[i]);
			count++;
		}
		free(sql);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	/* articles written before the help centre's posting lists, or by plain SQL (an import):
	 * indexed now rather than a hundred per search (once sql/019 is applied: a SQL_DIR may hold
	 * only older files) */
	int64_t queue = 0;
	if (rc == 0 && tr_db_int(&queue, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
				 "AND table_name = 'hc_search_queue'", "") < 0)
		rc = 1;
	int indexed = rc == 0 && queue ? tr_hc_index_pending(INT_MAX) : 0;
	if (indexed < 0)
		rc = 1;
	else if (indexed > 0)
		printf("help-centre search: %d articles indexed\n", indexed);
	if (rc == 0)
		printf("schema up to date (%d applied now)\n", count);
	tr_db_disconnect();
	tr_pool_reset();
	return rc;
}
