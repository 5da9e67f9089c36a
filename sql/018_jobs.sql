-- 018_jobs.sql - the cron programs' runs (lib/jobs): the last run of each, shown by /healthz, and the row
-- claim that keeps a singleton job (tresen-cleanup) to one copy across hosts. A row claim, not GET_LOCK:
-- Galera does not replicate named locks, so a lock taken on one node would not stop a copy on another.
CREATE TABLE job_runs (
  name         VARCHAR(40) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  host         VARCHAR(120) NOT NULL DEFAULT '',
  claimed_by   VARCHAR(120) CHARACTER SET ascii NULL,
  claim_until  DATETIME NULL,
  started_at   DATETIME NULL,
  finished_at  DATETIME NULL,
  ok           TINYINT NOT NULL DEFAULT 0,
  last_ok_at   DATETIME NULL,
  runs         BIGINT UNSIGNED NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
