-- 020_ticket_extras.sql - what a ticket has besides its row (CCs, form values, attachments, an
-- approval, follow-ups), counted per ticket, so that loading a ticket reads one more row by key
-- instead of running five subqueries: MariaDB optimizes each subquery afresh on every execution,
-- about 90 µs of its CPU per ticket page (README, MariaDB). A ticket page asks for the things
-- themselves only when their count is above zero.
--
-- The triggers below count whatever writes those tables (the C code, an import, plain SQL). Rows
-- removed by ON DELETE CASCADE run no triggers, so a count may stay too high, never too low: too
-- high costs a statement that finds nothing. As for 019, creating a trigger with the binary log on
-- (Galera) needs log_bin_trust_function_creators=1 (README); every statement may run again.

CREATE TABLE IF NOT EXISTS ticket_extras (
  ticket_id     BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  ccs           INT UNSIGNED NOT NULL DEFAULT 0,
  field_values  INT UNSIGNED NOT NULL DEFAULT 0,
  attachments   INT UNSIGNED NOT NULL DEFAULT 0,
  approvals     INT UNSIGNED NOT NULL DEFAULT 0,
  followups     INT UNSIGNED NOT NULL DEFAULT 0,
  CONSTRAINT fk_extras_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER IF NOT EXISTS ticket_cc_added AFTER INSERT ON ticket_ccs FOR EACH ROW
  INSERT INTO ticket_extras (ticket_id, ccs) VALUES (NEW.ticket_id, 1) ON DUPLICATE KEY UPDATE ccs = ccs + 1;
CREATE TRIGGER IF NOT EXISTS ticket_cc_removed AFTER DELETE ON ticket_ccs FOR EACH ROW
  UPDATE ticket_extras SET ccs = GREATEST(ccs, 1) - 1 WHERE ticket_id = OLD.ticket_id;

CREATE TRIGGER IF NOT EXISTS ticket_value_added AFTER INSERT ON ticket_values FOR EACH ROW
  INSERT INTO ticket_extras (ticket_id, field_values) VALUES (NEW.ticket_id, 1)
  ON DUPLICATE KEY UPDATE field_values = field_values + 1;
CREATE TRIGGER IF NOT EXISTS ticket_value_removed AFTER DELETE ON ticket_values FOR EACH ROW
  UPDATE ticket_extras SET field_values = GREATEST(field_values, 1) - 1 WHERE ticket_id = OLD.ticket_id;

CREATE TRIGGER IF NOT EXISTS ticket_attachment_added AFTER INSERT ON attachments FOR EACH ROW
  INSERT INTO ticket_extras (ticket_id, attachments) VALUES (NEW.ticket_id, 1)
  ON DUPLICATE KEY UPDATE attachments = attachments + 1;
-- a merge moves a ticket's attachments to the other ticket
CREATE TRIGGER IF NOT EXISTS ticket_attachment_moved AFTER UPDATE ON attachments FOR EACH ROW
  IF NEW.ticket_id <> OLD.ticket_id THEN
    INSERT INTO ticket_extras (ticket_id, attachments) VALUES (NEW.ticket_id, 1)
    ON DUPLICATE KEY UPDATE attachments = attachments + 1;
    UPDATE ticket_extras SET attachments = GREATEST(attachments, 1) - 1 WHERE ticket_id = OLD.ticket_id;
  END IF;
CREATE TRIGGER IF NOT EXISTS ticket_attachment_removed AFTER DELETE ON attachments FOR EACH ROW
  UPDATE ticket_extras SET attachments = GREATEST(attachments, 1) - 1 WHERE ticket_id = OLD.ticket_id;

CREATE TRIGGER IF NOT EXISTS ticket_approval_added AFTER INSERT ON approvals FOR EACH ROW
  INSERT INTO ticket_extras (ticket_id, approvals) VALUES (NEW.ticket_id, 1)
  ON DUPLICATE KEY UPDATE approvals = approvals + 1;
CREATE TRIGGER IF NOT EXISTS ticket_approval_removed AFTER DELETE ON approvals FOR EACH ROW
  UPDATE ticket_extras SET approvals = GREATEST(approvals, 1) - 1 WHERE ticket_id = OLD.ticket_id;

CREATE TRIGGER IF NOT EXISTS ticket_followup_added AFTER INSERT ON tickets FOR EACH ROW
  IF NEW.follow_up_of IS NOT NULL THEN
    INSERT INTO ticket_extras (ticket_id, followups) VALUES (NEW.follow_up_of, 1)
    ON DUPLICATE KEY UPDATE followups = followups + 1;
  END IF;

-- what there is already (after the triggers, so nothing written meanwhile is missed)
INSERT INTO ticket_extras (ticket_id, ccs) SELECT ticket_id, COUNT(*) FROM ticket_ccs GROUP BY ticket_id
  ON DUPLICATE KEY UPDATE ccs = VALUES(ccs);
INSERT INTO ticket_extras (ticket_id, field_values) SELECT ticket_id, COUNT(*) FROM ticket_values GROUP BY ticket_id
  ON DUPLICATE KEY UPDATE field_values = VALUES(field_values);
INSERT INTO ticket_extras (ticket_id, attachments) SELECT ticket_id, COUNT(*) FROM attachments GROUP BY ticket_id
  ON DUPLICATE KEY UPDATE attachments = VALUES(attachments);
INSERT INTO ticket_extras (ticket_id, approvals) SELECT ticket_id, COUNT(*) FROM approvals GROUP BY ticket_id
  ON DUPLICATE KEY UPDATE approvals = VALUES(approvals);
INSERT INTO ticket_extras (ticket_id, followups)
  SELECT follow_up_of, COUNT(*) FROM tickets WHERE follow_up_of IS NOT NULL GROUP BY follow_up_of
  ON DUPLICATE KEY UPDATE followups = VALUES(followups);
