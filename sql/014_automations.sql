-- 014_automations.sql - automations (R-LIFE): reminders of pending tickets, automatic closing, the
-- business-day calendar's own days; the satisfaction survey (R-CSAT): links and ratings.

-- reminder_stage: reminders sent since the ticket became Pending (tr_ticket_update sets it back to 0
-- on every status change); reminded_at: when the last one went out. The automations job reads
-- one index range per stage, never all tickets.
ALTER TABLE tickets
  ADD COLUMN reminder_stage TINYINT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN reminded_at DATETIME NULL,
  ADD KEY ix_ticket_remind (status, reminder_stage, status_at),
  ADD KEY ix_ticket_remind2 (status, reminder_stage, reminded_at);

-- Days without business besides weekends and the computed German federal holidays (and the
-- regional ones of Calendar.regions): further regional holidays and company days, kept by staff.
CREATE TABLE holidays (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  day           DATE NOT NULL,
  name          VARCHAR(100) NOT NULL,
  kind          ENUM('regional', 'company') NOT NULL DEFAULT 'company',
  created_by    BIGINT UNSIGNED NULL,
  created_at    DATETIME NOT NULL,
  UNIQUE KEY uq_holiday_day (day),
  CONSTRAINT fk_holiday_user FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Survey links (one per solution mail): only the SHA-256 of the random token is kept.
CREATE TABLE csat_tokens (
  token_hash    CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  ticket_id     BIGINT UNSIGNED NOT NULL,
  created_at    DATETIME NOT NULL,
  expires_at    DATETIME NOT NULL,
  KEY ix_csat_token_ticket (ticket_id),
  CONSTRAINT fk_csat_token_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One rating per ticket (R-CSAT 3), changeable until the ticket closes. rating: 5 very satisfied ...
-- 1 very dissatisfied. Agent, group and form as they were when rated: the report groups by them.
CREATE TABLE csat_ratings (
  ticket_id     BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  rating        TINYINT UNSIGNED NOT NULL,
  reason        VARCHAR(40) CHARACTER SET ascii NULL,
  comment       TEXT NULL,
  agent_id      BIGINT UNSIGNED NULL,
  group_id      BIGINT UNSIGNED NULL,
  form_id       BIGINT UNSIGNED NULL,
  rated_at      DATETIME NOT NULL,
  changed_at    DATETIME NULL,
  changes       INT UNSIGNED NOT NULL DEFAULT 0,
  KEY ix_csat_rated (rated_at),
  CONSTRAINT fk_csat_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- what the automations do is recorded as theirs ("by automation") in the audit trail
ALTER TABLE ticket_events MODIFY actor_kind ENUM('customer', 'agent', 'system', 'automation') NOT NULL;

-- Service levels (lib/tickets/sla.h): the target running while a ticket waits for an agent -
-- since when, due when (UTC, business hours counted), first or next reply; sla_breached once the
-- automations job recorded the breach. The queues sort by sla_due_at; the job reads the due ones.
ALTER TABLE tickets
  ADD COLUMN sla_since DATETIME NULL,
  ADD COLUMN sla_due_at DATETIME NULL,
  ADD COLUMN sla_kind ENUM('first', 'next') NULL,
  ADD COLUMN sla_breached TINYINT(1) NOT NULL DEFAULT 0,
  ADD KEY ix_ticket_sla (sla_due_at),
  ADD KEY ix_ticket_sla_breach (sla_breached, sla_due_at);
