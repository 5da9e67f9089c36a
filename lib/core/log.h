/* log.h - one log line per event on stderr, tagged with program and request id. */
#ifndef TR_LOG_H
#define TR_LOG_H

enum tr_log_level { TR_LOG_ERROR, TR_LOG_WARN, TR_LOG_INFO, TR_LOG_DEBUG };

/* Program name for the log prefix (set once in main). */
void tr_log_init(const char *program);
/* Request id for the log prefix, or NULL between requests. */
void tr_log_set_request(const char *id);
void tr_log_set_level(enum tr_log_level level);

void tr_log(enum tr_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define tr_error(...) tr_log(TR_LOG_ERROR, __VA_ARGS__)
#define tr_warn(...) tr_log(TR_LOG_WARN, __VA_ARGS__)
#define tr_info(...) tr_log(TR_LOG_INFO, __VA_ARGS__)
#define tr_debug(...) tr_log(TR_LOG_DEBUG, __VA_ARGS__)

#endif
