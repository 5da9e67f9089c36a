-- 011_intake.sql - replies by mail (R-MAIL 3): the Message-IDs our ticket mails went out with,
-- the trace of every fetched mail, and the Message-IDs of the mails that became comments.

-- Every ticket mail we queue (tr_mail.ticket_id): a reply's In-Reply-To or
-- References naming one of these belongs to that ticket. Kept apart from the
-- outbox, whose delivered rows are purged after Mail.keep_sent_days.
CREATE TABLE mail_threads (
  message_id    VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  ticket_id     BIGINT UNSIGNED NOT NULL,
  user_id       BIGINT UNSIGNED NULL,          -- the recipient, when a user
  created_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY ix_thread_ticket (ticket_id),
  KEY ix_thread_created (created_at),
  CONSTRAINT fk_thread_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per mail fetched from the intake mailbox, written in the same
-- transaction as what the mail did: the unique (mailbox, uidvalidity, uid)
-- makes a second run (on this or another host, or after a crash) find the
-- mail handled and do nothing. outcome and reason say what happened and why;
-- /admin/mail shows them in words, with the raw headers.
CREATE TABLE intake_mails (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  mailbox        VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  uidvalidity    BIGINT UNSIGNED NOT NULL,
  uid            BIGINT UNSIGNED NOT NULL,
  fetched_at     DATETIME NOT NULL,
  message_id     VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NULL,
  from_addr      VARCHAR(254) NOT NULL DEFAULT '',
  from_name      VARCHAR(200) NOT NULL DEFAULT '',
  subject        VARCHAR(250) NOT NULL DEFAULT '',
  size           BIGINT UNSIGNED NOT NULL DEFAULT 0,
  -- comment, note (internal, from an agent), follow_up (a new ticket), ignored (nothing to match),
  -- refused (matched, but not allowed), loop (automatic mail), duplicate (seen under another UID)
  outcome        ENUM('comment','note','follow_up','ignored','refused','loop','duplicate') NOT NULL,
  reason         VARCHAR(40) CHARACTER SET ascii NOT NULL,
  matched_by     ENUM('none','token','in_reply_to','references') NOT NULL DEFAULT 'none',
  sender_role    ENUM('none','requester','cc','agent','colleague','other_org','stranger') NOT NULL DEFAULT 'none',
  sender_id      BIGINT UNSIGNED NULL,
  ticket_id      BIGINT UNSIGNED NULL,
  comment_id     BIGINT UNSIGNED NULL,
  new_ticket_id  BIGINT UNSIGNED NULL,
  attachments    INT UNSIGNED NOT NULL DEFAULT 0,
  bounced        TINYINT(1) NOT NULL DEFAULT 0,
  -- technical details: what the parser warned about, files left out and why
  note           VARCHAR(1000) NOT NULL DEFAULT '',
  headers        MEDIUMTEXT NOT NULL,
  UNIQUE KEY uq_intake_uid (mailbox, uidvalidity, uid),
  KEY ix_intake_fetched (fetched_at),
  KEY ix_intake_outcome (outcome, id),
  KEY ix_intake_ticket (ticket_id),
  KEY ix_intake_msgid (message_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Mails that became a comment, by SHA-256 of Message-ID and sender: the same
-- mail delivered twice (two UIDs, a second folder) makes one comment. Only
-- accepted mails are keyed, so a stranger's mail cannot take a real one's id.
CREATE TABLE intake_message_ids (
  msg_key        CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  intake_id      BIGINT UNSIGNED NOT NULL,
  created_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY ix_msgkey_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
