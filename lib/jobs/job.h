/* job.h - the frame of a cron program: configuration, database, one run at a time across hosts. */
#ifndef TR_JOB_H
#define TR_JOB_H

/* Loads the configuration, connects, and claims the job's row in job_runs
 * (claimed_by, claim_until = now + Jobs.claim_seconds) so that a second copy,
 * on this or another host or Galera node, exits. A row claim rather than
 * GET_LOCK: Galera does not replicate named locks. A crashed copy's claim
 * runs out after Jobs.claim_seconds (default 900).
 * Returns 0 when this process should do the work, 1 when another copy holds
 * the claim, -1 on error (logged). */
int tr_job_begin(const char *name);
/* The same frame without the claim, for programs whose copies share the work
 * safely by claiming rows (tresen-mailer). 0 or -1 (logged). */
int tr_job_begin_shared(const char *name);
/* Marks this run as failed: tr_job_end records it so (/healthz shows it). */
void tr_job_failed(void);
/* Records the run's end in job_runs (ok unless tr_job_failed), gives the
 * claim back, disconnects. */
void tr_job_end(void);

#endif
