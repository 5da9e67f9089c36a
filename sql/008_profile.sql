-- 008_profile.sql - the profile (R-PROF): contact details, notification settings, picture,
-- e-mail change links, two-factor sign-in (TOTP, recovery codes), anonymisation, the account's audit trail.

ALTER TABLE users
  ADD COLUMN phone            VARCHAR(50) NULL AFTER email_norm,
  ADD COLUMN mobile           VARCHAR(50) NULL AFTER phone,
  ADD COLUMN position         VARCHAR(100) NULL AFTER mobile,
  -- notification settings (R-PROF): ticket updates, follows, product information
  ADD COLUMN notify_updates   TINYINT(1) NOT NULL DEFAULT 1 AFTER position,
  ADD COLUMN notify_follows   TINYINT(1) NOT NULL DEFAULT 1 AFTER notify_updates,
  ADD COLUMN notify_product   TINYINT(1) NOT NULL DEFAULT 1 AFTER notify_follows,
  -- TOTP (RFC 6238): the shared secret sealed with a key derived from Security.secret
  -- (a leaked table alone signs nobody in); pending until the first code proves the enrolment
  ADD COLUMN totp_secret      VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NULL,
  ADD COLUMN totp_pending     VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NULL,
  ADD COLUMN totp_enabled_at  DATETIME NULL,
  -- the newest 30-second step a code was accepted for: a code works once
  ADD COLUMN totp_last_step   BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN picture_version  INT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN anonymised_at    DATETIME NULL;

-- e-mail change: the new address travels with its link and takes effect only when it is followed
ALTER TABLE user_tokens
  ADD COLUMN new_email        VARCHAR(254) NULL;

-- The profile picture, decoded and re-encoded by the server (JPEG, two square sizes).
CREATE TABLE user_pictures (
  user_id       BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  small         MEDIUMBLOB NOT NULL,
  large         MEDIUMBLOB NOT NULL,
  updated_at    DATETIME NOT NULL,
  CONSTRAINT fk_picture_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Recovery codes for two-factor sign-in: shown once, stored as SHA-256 only, each works once.
CREATE TABLE recovery_codes (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id       BIGINT UNSIGNED NOT NULL,
  code_hash     CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at    DATETIME NOT NULL,
  used_at       DATETIME NULL,
  UNIQUE KEY uq_recovery_code (user_id, code_hash),
  CONSTRAINT fk_recovery_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The second step of a sign-in: the password was right, the code is still to come.
-- Only the hash of the random challenge (a hidden field of the code form) is kept.
CREATE TABLE login_challenges (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash    CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  user_id       BIGINT UNSIGNED NOT NULL,
  created_at    DATETIME NOT NULL,
  expires_at    DATETIME NOT NULL,
  UNIQUE KEY uq_challenge_token (token_hash),
  KEY ix_challenge_expiry (expires_at),
  CONSTRAINT fk_challenge_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every change of an account (profile, password, e-mail, two-factor, sessions, export, anonymisation).
CREATE TABLE account_events (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id       BIGINT UNSIGNED NOT NULL,
  actor_id      BIGINT UNSIGNED NULL,
  at            DATETIME NOT NULL,
  kind          VARCHAR(32) CHARACTER SET ascii NOT NULL,
  note          VARCHAR(250) NULL,
  KEY ix_account_event_user (user_id, at),
  CONSTRAINT fk_account_event_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
