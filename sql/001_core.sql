-- 001_core.sql - organizations, users, staff groups, sessions, throttling, mail outbox.
-- All tables utf8mb4 / InnoDB; times are UTC (the connection sets time_zone = '+00:00').

CREATE TABLE organizations (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name          VARCHAR(200) NOT NULL,
  -- ticket access of its members: 0 own, 1 org_read, 2 org_comment (R-ORG 1)
  access_level  TINYINT UNSIGNED NOT NULL DEFAULT 0,
  created_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_org_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An organization has one or more mail domains; exact match only (R-ACC 2).
CREATE TABLE organization_domains (
  domain        VARCHAR(253) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL PRIMARY KEY,
  org_id        BIGINT UNSIGNED NOT NULL,
  KEY ix_domain_org (org_id),
  CONSTRAINT fk_domain_org FOREIGN KEY (org_id) REFERENCES organizations (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE users (
  id                 BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  org_id             BIGINT UNSIGNED NULL,
  name               VARCHAR(200) NOT NULL,
  email              VARCHAR(254) NOT NULL,
  -- lower-cased address: uniqueness is case-insensitive but exact otherwise (R-ACC 3)
  email_norm         VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  password_hash      VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NULL,
  lang               CHAR(2) CHARACTER SET ascii NOT NULL DEFAULT 'de',
  -- the user's own access setting; the stricter of user and organization wins (R-ORG 2)
  access_level       TINYINT UNSIGNED NOT NULL DEFAULT 2,
  is_main_contact    TINYINT(1) NOT NULL DEFAULT 0,
  is_customer_admin  TINYINT(1) NOT NULL DEFAULT 0,
  is_info_recipient  TINYINT(1) NOT NULL DEFAULT 0,
  is_agent           TINYINT(1) NOT NULL DEFAULT 0,
  is_admin           TINYINT(1) NOT NULL DEFAULT 0,
  confirmed_at       DATETIME NULL,
  disabled_at        DATETIME NULL,
  created_at         DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at         DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_user_email (email_norm),
  KEY ix_user_org (org_id, name),
  KEY ix_user_staff (is_agent),
  CONSTRAINT fk_user_org FOREIGN KEY (org_id) REFERENCES organizations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Agent groups (e.g. ERP, Digital, Rechenzentrum).
CREATE TABLE staff_groups (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name          VARCHAR(100) NOT NULL,
  email         VARCHAR(254) NULL,
  created_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_group_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE staff_group_members (
  group_id      BIGINT UNSIGNED NOT NULL,
  user_id       BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (group_id, user_id),
  KEY ix_member_user (user_id),
  CONSTRAINT fk_member_group FOREIGN KEY (group_id) REFERENCES staff_groups (id) ON DELETE CASCADE,
  CONSTRAINT fk_member_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Sign-in sessions: only the SHA-256 of the cookie token is stored.
CREATE TABLE sessions (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash    CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  user_id       BIGINT UNSIGNED NOT NULL,
  created_at    DATETIME NOT NULL,
  last_seen_at  DATETIME NOT NULL,
  expires_at    DATETIME NOT NULL,
  remote_addr   VARCHAR(45) CHARACTER SET ascii NOT NULL DEFAULT '',
  user_agent    VARCHAR(255) NOT NULL DEFAULT '',
  UNIQUE KEY uq_session_token (token_hash),
  KEY ix_session_user (user_id),
  KEY ix_session_expiry (expires_at),
  CONSTRAINT fk_session_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Attempts counted for throttling (failed logins per account and per client
-- address, registrations, mail resends). Keys are stored as SHA-256 only.
CREATE TABLE throttle_events (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  bucket        VARCHAR(24) CHARACTER SET ascii NOT NULL,
  key_hash      CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  at            DATETIME(3) NOT NULL,
  KEY ix_throttle_key (bucket, key_hash, at),
  KEY ix_throttle_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every mail is written here in the transaction of the change that causes it
-- and delivered by tresen-mailer (R-MAIL 1). event_key makes an event's mail
-- to one recipient unique: a retried transaction cannot queue it twice.
CREATE TABLE outbox (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  created_at       DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  kind             VARCHAR(40) CHARACTER SET ascii NOT NULL,
  event_key        VARCHAR(120) CHARACTER SET ascii COLLATE ascii_bin NULL,
  user_id          BIGINT UNSIGNED NULL,
  recipient        VARCHAR(254) NOT NULL,
  recipient_name   VARCHAR(200) NOT NULL DEFAULT '',
  lang             CHAR(2) CHARACTER SET ascii NOT NULL DEFAULT 'de',
  subject          VARCHAR(500) NOT NULL,
  body_text        MEDIUMTEXT NOT NULL,
  body_html        MEDIUMTEXT NOT NULL,
  message_id       VARCHAR(255) CHARACTER SET ascii NOT NULL,
  in_reply_to      VARCHAR(255) CHARACTER SET ascii NULL,
  reply_to         VARCHAR(254) NULL,
  status           ENUM('queued','sending','sent','failed') NOT NULL DEFAULT 'queued',
  attempts         INT UNSIGNED NOT NULL DEFAULT 0,
  next_attempt_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  claimed_by       VARCHAR(100) NULL,
  claimed_at       DATETIME NULL,
  sent_at          DATETIME NULL,
  last_error       VARCHAR(500) NULL,
  UNIQUE KEY uq_outbox_event (event_key, recipient),
  KEY ix_outbox_due (status, next_attempt_at),
  KEY ix_outbox_user (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
