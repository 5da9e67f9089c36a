/* log.c - log lines on stderr (mod_fcgid sends them to Apache's error log). */
#include "core/log.h"
#include "core/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char program[32] = "tresen";
static char request_id[24];
static enum tr_log_level max_level = TR_LOG_INFO;

void tr_log_init(const char *name)
{
	snprintf(program, sizeof(program), "%s", name);
}

void tr_log_set_request(const char *id)
{
	snprintf(request_id, sizeof(request_id), "%s", id ? id : "");
}

void tr_log_set_level(enum tr_log_level level)
{
	max_level = level;
}

void tr_log(enum tr_log_level level, const char *fmt, ...)
{
	static const char *names[] = { "error", "warn", "info", "debug" };
	if (level > max_level)
		return;
	char line[2048];
	int n = snprintf(line, sizeof(line), "%s[%d]%s%s %s: ", program, (int)getpid(),
			 request_id[0] ? " req=" : "", request_id, names[level]);
	if (n < 0 || (size_t)n >= sizeof(line))
		return;
	va_list ap;
	va_start(ap, fmt);
	int m = vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	size_t len = m < 0 ? (size_t)n : (size_t)n + (size_t)m;
	if (len > sizeof(line) - 2)
		len = sizeof(line) - 2;
	/* One line per event: a value with CR/LF must not forge log lines. */
	for (size_t i = (size_t)n; i < len; i++)
		if (line[i] == '\n' || line[i] == '\r')
			line[i] = ' ';
	line[len++] = '\n';
	if (write(2, line, len) < 0) { /* nowhere else to report */ }
}
