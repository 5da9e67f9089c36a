/* job.h - the frame of a cron program: configuration, database, one run at a time across hosts. */
#ifndef TR_JOB_H
#define TR_JOB_H

/* Loads the configuration, connects, and takes the MariaDB named lock
 * "tresen.<name>" so that a second copy (on this or another host) exits.
 * Returns 0 when this process should do the work, 1 when another copy holds
 * the lock, -1 on error (logged). */
int tr_job_begin(const char *name);
/* The same frame without the lock, for programs whose copies share the work
 * safely by claiming rows (tresen-mailer). 0 or -1 (logged). */
int tr_job_begin_shared(const char *name);
void tr_job_end(void);

#endif
