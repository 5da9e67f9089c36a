-- 006_agent.sql - the agent workspace (R-AGT, R-LIFE, R-PRIO): what the queues read, collision
-- protection, merges, macros, who has a ticket open.

-- version: raised by every change of a ticket; a change made on a stale page is refused (collision).
-- awaiting_agent: the customer wrote last (1) or an agent replied publicly last (0).
-- unsolved: the queues "mine" and "my groups" read one index range for New, Open and Pending.
ALTER TABLE tickets
  ADD COLUMN version INT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN awaiting_agent TINYINT(1) NOT NULL DEFAULT 1,
  ADD COLUMN merged_into BIGINT UNSIGNED NULL,
  ADD COLUMN unsolved TINYINT(1) AS (status IN ('new', 'open', 'pending')) PERSISTENT,
  ADD KEY ix_ticket_assignee_queue (assignee_id, unsolved, updated_at),
  ADD KEY ix_ticket_group_queue (group_id, unsolved, updated_at),
  ADD KEY ix_ticket_status_updated (status, updated_at),
  ADD KEY ix_ticket_urgent (urgent_review, status, updated_at),
  ADD KEY ix_ticket_replied (awaiting_agent, agent_replied, status, updated_at),
  -- "all tickets" in each order of the queue page, read from the start and cut by LIMIT
  ADD KEY ix_ticket_updated (updated_at),
  ADD KEY ix_ticket_created (created_at),
  ADD KEY ix_ticket_priority (priority DESC, updated_at),
  ADD CONSTRAINT fk_ticket_merged FOREIGN KEY (merged_into) REFERENCES tickets (id);

-- the customer had the last word where the last public comment is not staff's
UPDATE tickets t SET awaiting_agent = COALESCE((
  SELECT NOT (u.is_agent OR u.is_admin) FROM comments c LEFT JOIN users u ON u.id = c.author_id
  WHERE c.ticket_id = t.id AND c.is_public = 1 ORDER BY c.created_at DESC, c.id DESC LIMIT 1), 1);

-- Counts for every queue, kept in step with each change (lib/tickets/ticket.c): the agent's
-- queue list shows its counts from a few rows. Counts over all tickets are spread over eight
-- rows (scope_id = ticket id % 8), so concurrent changes rarely wait for the same row.
ALTER TABLE ticket_counts MODIFY scope ENUM('org', 'user', 'all', 'assignee', 'group', 'urgent', 'replied') NOT NULL;
INSERT INTO ticket_counts (scope, scope_id, status, n)
  SELECT 'all', id % 8, status, COUNT(*) FROM tickets GROUP BY id % 8, status;
INSERT INTO ticket_counts (scope, scope_id, status, n)
  SELECT 'assignee', assignee_id, status, COUNT(*) FROM tickets WHERE assignee_id IS NOT NULL GROUP BY assignee_id, status;
INSERT INTO ticket_counts (scope, scope_id, status, n)
  SELECT 'group', group_id, status, COUNT(*) FROM tickets WHERE group_id IS NOT NULL GROUP BY group_id, status;
INSERT INTO ticket_counts (scope, scope_id, status, n)
  SELECT 'urgent', id % 8, status, COUNT(*) FROM tickets WHERE urgent_review = 1 AND status <> 'closed'
  GROUP BY id % 8, status;
INSERT INTO ticket_counts (scope, scope_id, status, n)
  SELECT 'replied', id % 8, status, COUNT(*) FROM tickets
  WHERE awaiting_agent = 1 AND agent_replied = 1 AND status = 'open' GROUP BY id % 8, status;

-- Saved replies with changes (R-AGT): shared (owner_id NULL) or an agent's own.
CREATE TABLE macros (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  owner_id      BIGINT UNSIGNED NULL,
  title         VARCHAR(150) NOT NULL,
  body          TEXT NOT NULL,
  is_public     TINYINT(1) NOT NULL DEFAULT 1,   -- the text goes out as a public reply (0: an internal note)
  set_status    ENUM('open', 'pending', 'solved') NULL,
  set_priority  ENUM('low', 'normal', 'high', 'urgent') NULL,
  set_group_id  BIGINT UNSIGNED NULL,
  sort          INT NOT NULL DEFAULT 0,
  created_at    DATETIME NOT NULL,
  updated_at    DATETIME NOT NULL,
  KEY ix_macro_owner (owner_id, sort),
  CONSTRAINT fk_macro_owner FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_macro_group FOREIGN KEY (set_group_id) REFERENCES staff_groups (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who has a ticket open (collision hint): refreshed while an agent's page is open.
CREATE TABLE ticket_views (
  ticket_id     BIGINT UNSIGNED NOT NULL,
  user_id       BIGINT UNSIGNED NOT NULL,
  seen_at       DATETIME NOT NULL,
  PRIMARY KEY (ticket_id, user_id),
  KEY ix_view_seen (seen_at),
  CONSTRAINT fk_view_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE CASCADE,
  CONSTRAINT fk_view_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- staff at a glance: the agent lists read one index range, not the users table
ALTER TABLE users
  ADD COLUMN is_staff TINYINT(1) AS (is_agent = 1 OR is_admin = 1) PERSISTENT,
  DROP KEY ix_user_staff,
  ADD KEY ix_user_staff (is_staff, name);
