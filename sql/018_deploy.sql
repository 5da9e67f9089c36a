-- 018_deploy.sql - the cron programs' runs (lib/jobs): the last run of each, shown by /healthz, and the row
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

-- Files.store = database (several web hosts without a shared folder): each stored file once by its content
-- hash, in chunks of Files.chunk_bytes, so neither storing nor serving ever holds a whole file in memory.
-- The blob row is written after its last chunk: a file is there once its blob row is.
CREATE TABLE file_blobs (
  sha256     CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  size       BIGINT UNSIGNED NOT NULL,
  chunks     INT UNSIGNED NOT NULL,
  stored_at  DATETIME NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE file_chunks (
  sha256  CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  seq     INT UNSIGNED NOT NULL,
  data    MEDIUMBLOB NOT NULL,
  PRIMARY KEY (sha256, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Galera replicates only tables with a primary key (rows of a table without one may differ between nodes):
-- the full-text stopword list gets one on its one column (InnoDB allows that for a stopword table).
ALTER IGNORE TABLE ft_stopwords ADD PRIMARY KEY (value);
