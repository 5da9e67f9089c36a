-- 002_accounts.sql - self-registration, confirmation and reset links, mail delivery state.

-- Links sent by mail (registration confirmation, password reset): only the
-- SHA-256 of the token is stored. A link works once (used_at) and expires.
CREATE TABLE user_tokens (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash     CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  user_id        BIGINT UNSIGNED NOT NULL,
  -- 'confirm' or 'reset' (text, so later purposes need no schema change)
  purpose        VARCHAR(16) CHARACTER SET ascii NOT NULL,
  created_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  expires_at     DATETIME NOT NULL,
  used_at        DATETIME NULL,
  -- A second registration of a still unconfirmed address carries its own name,
  -- password and language here; they replace the pending ones only when this
  -- link is followed, so nobody can take over a pending registration by
  -- registering the same address again.
  name           VARCHAR(200) NULL,
  password_hash  VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NULL,
  lang           CHAR(2) CHARACTER SET ascii NULL,
  UNIQUE KEY uq_token_hash (token_hash),
  KEY ix_token_user (user_id, purpose),
  KEY ix_token_expiry (expires_at),
  CONSTRAINT fk_token_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Only registrations made on /register are purged when left unconfirmed;
-- users created by staff are not.
ALTER TABLE users
  ADD COLUMN self_registered TINYINT(1) NOT NULL DEFAULT 0 AFTER is_admin,
  ADD KEY ix_user_pending (confirmed_at, created_at);

-- When the SMTP transaction of the current attempt began: a claimed row that
-- never began can be given back safely after a crash; one that began may have
-- been delivered and is never sent again (see cron/mailer.c).
ALTER TABLE outbox
  ADD COLUMN attempt_started_at DATETIME NULL AFTER claimed_at,
  ADD KEY ix_outbox_claim (claimed_by);
