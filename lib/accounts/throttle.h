/* throttle.h - counting attempts per key (account, client address) with exponential back-off. */
#ifndef TR_THROTTLE_H
#define TR_THROTTLE_H

#include <stdint.h>

typedef struct tr_throttle_rule {
	const char *bucket;   /* e.g. "login_account" */
	int limit;            /* attempts in the window before waiting starts */
	int window_s;         /* attempts older than this are forgotten */
	int base_s;           /* first wait; doubles with each further attempt */
} tr_throttle_rule;

/* Seconds until the next attempt is allowed (0: now), or <0 on error. */
int tr_throttle_wait(const tr_throttle_rule *rule, const char *key);
/* Records an attempt. */
int tr_throttle_hit(const tr_throttle_rule *rule, const char *key);
/* Forgets the key's attempts (e.g. after a successful login). */
int tr_throttle_clear(const tr_throttle_rule *rule, const char *key);

/* Wait after `count` attempts, `age_s` seconds after the last one (pure rule). */
int tr_throttle_backoff(const tr_throttle_rule *rule, long count, long age_s);

/* Removes attempts older than any window (tresen-cleanup). Count or <0. */
int64_t tr_throttle_purge(void);

#endif
