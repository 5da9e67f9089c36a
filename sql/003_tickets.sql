-- 003_tickets.sql - tickets and everything on them: comments, CCs, attachments,
-- form field values, audit events, follow-ups; the search documents and list counters.

CREATE TABLE products (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name          VARCHAR(100) NOT NULL,
  sort          INT NOT NULL DEFAULT 0,
  UNIQUE KEY uq_product_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO products (name, sort) VALUES
  ('Wodis Yuneo', 10), ('Wodis Sigma', 20), ('CRM', 30), ('Mieterportal', 40),
  ('Rechenzentrum', 50), ('Hilfe-Center', 60);

CREATE TABLE tickets (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  -- the requester's organization when the ticket was made: access is decided on it
  org_id          BIGINT UNSIGNED NULL,
  requester_id    BIGINT UNSIGNED NOT NULL,
  subject         VARCHAR(250) NOT NULL,
  status          ENUM('new','open','pending','solved','closed') NOT NULL DEFAULT 'new',
  type            ENUM('question','incident','requirement','change') NOT NULL DEFAULT 'question',
  priority        ENUM('low','normal','high','urgent') NOT NULL DEFAULT 'normal',
  urgent_claim    TINYINT(1) NOT NULL DEFAULT 0,
  urgent_reason   TEXT NULL,
  urgent_review   TINYINT(1) NOT NULL DEFAULT 0,
  product_id      BIGINT UNSIGNED NULL,
  form_id         BIGINT UNSIGNED NULL,
  group_id        BIGINT UNSIGNED NULL,
  assignee_id     BIGINT UNSIGNED NULL,
  follow_up_of    BIGINT UNSIGNED NULL,
  -- 1 once an agent answered publicly: only then may the customer mark it solved (R-TKT 3)
  agent_replied   TINYINT(1) NOT NULL DEFAULT 0,
  created_at      DATETIME NOT NULL,
  updated_at      DATETIME NOT NULL,
  status_at       DATETIME NOT NULL,
  solved_at       DATETIME NULL,
  closed_at       DATETIME NULL,
  KEY ix_ticket_requester_updated (requester_id, updated_at),
  KEY ix_ticket_requester_created (requester_id, created_at),
  KEY ix_ticket_requester_status (requester_id, status, updated_at),
  KEY ix_ticket_org_updated (org_id, updated_at),
  KEY ix_ticket_org_created (org_id, created_at),
  KEY ix_ticket_org_status (org_id, status, updated_at),
  KEY ix_ticket_org_type (org_id, type, updated_at),
  KEY ix_ticket_assignee (assignee_id, status),
  KEY ix_ticket_group (group_id, status, updated_at),
  KEY ix_ticket_status (status, status_at),
  KEY ix_ticket_follow (follow_up_of),
  CONSTRAINT fk_ticket_org FOREIGN KEY (org_id) REFERENCES organizations (id),
  CONSTRAINT fk_ticket_requester FOREIGN KEY (requester_id) REFERENCES users (id),
  CONSTRAINT fk_ticket_assignee FOREIGN KEY (assignee_id) REFERENCES users (id),
  CONSTRAINT fk_ticket_group FOREIGN KEY (group_id) REFERENCES staff_groups (id),
  CONSTRAINT fk_ticket_product FOREIGN KEY (product_id) REFERENCES products (id),
  CONSTRAINT fk_ticket_follow FOREIGN KEY (follow_up_of) REFERENCES tickets (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Public comments and internal notes (is_public = 0): customers never see the latter.
CREATE TABLE comments (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  ticket_id     BIGINT UNSIGNED NOT NULL,
  author_id     BIGINT UNSIGNED NULL,
  is_public     TINYINT(1) NOT NULL DEFAULT 1,
  via           ENUM('web','mail','system') NOT NULL DEFAULT 'web',
  body          MEDIUMTEXT NOT NULL,
  created_at    DATETIME NOT NULL,
  KEY ix_comment_ticket (ticket_id, created_at),
  CONSTRAINT fk_comment_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE CASCADE,
  CONSTRAINT fk_comment_author FOREIGN KEY (author_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE ticket_ccs (
  ticket_id     BIGINT UNSIGNED NOT NULL,
  user_id       BIGINT UNSIGNED NOT NULL,
  added_at      DATETIME NOT NULL,
  PRIMARY KEY (ticket_id, user_id),
  KEY ix_cc_user (user_id, ticket_id),
  CONSTRAINT fk_cc_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE CASCADE,
  CONSTRAINT fk_cc_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Files live on disk named by their SHA-256 (Paths.files/ab/abcdef...); this is their metadata.
CREATE TABLE attachments (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  ticket_id     BIGINT UNSIGNED NOT NULL,
  comment_id    BIGINT UNSIGNED NULL,
  uploader_id   BIGINT UNSIGNED NULL,
  filename      VARCHAR(255) NOT NULL,
  content_type  VARCHAR(100) CHARACTER SET ascii NOT NULL,
  size          BIGINT UNSIGNED NOT NULL,
  sha256        CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- a screenshot shown inside its comment
  is_inline     TINYINT(1) NOT NULL DEFAULT 0,
  created_at    DATETIME NOT NULL,
  KEY ix_att_ticket (ticket_id, comment_id),
  KEY ix_att_comment (comment_id),
  KEY ix_att_sha (sha256),
  CONSTRAINT fk_att_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE CASCADE,
  CONSTRAINT fk_att_comment FOREIGN KEY (comment_id) REFERENCES comments (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Values of the form fields a ticket was made with; labels are kept as they
-- were, so a later change of the form does not rewrite old tickets.
CREATE TABLE ticket_values (
  ticket_id     BIGINT UNSIGNED NOT NULL,
  field_key     VARCHAR(64) CHARACTER SET ascii NOT NULL,
  label_de      VARCHAR(200) NOT NULL,
  label_en      VARCHAR(200) NOT NULL,
  value         TEXT NOT NULL,
  sort          INT NOT NULL DEFAULT 0,
  PRIMARY KEY (ticket_id, field_key),
  CONSTRAINT fk_value_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Audit trail: every change of status, priority, assignee, group (R-LIFE), who or what caused it.
CREATE TABLE ticket_events (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  ticket_id     BIGINT UNSIGNED NOT NULL,
  at            DATETIME NOT NULL,
  actor_id      BIGINT UNSIGNED NULL,
  actor_kind    ENUM('customer','agent','system') NOT NULL,
  kind          VARCHAR(24) CHARACTER SET ascii NOT NULL,
  old_value     VARCHAR(250) NULL,
  new_value     VARCHAR(250) NULL,
  note          VARCHAR(250) NULL,
  KEY ix_event_ticket (ticket_id, at),
  CONSTRAINT fk_event_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One search document per ticket: the words of subject (x3) and public
-- comments, each prefixed by who may find it (o<org>_, r<requester>_,
-- c<cc user>_; see lib/search.h), so FULLTEXT reads only the searching list's
-- postings; the SQL access rule is checked on top. Stopwords are left out
-- when documents are built; the table also serves the index itself.
CREATE TABLE ft_stopwords (value VARCHAR(30) NOT NULL DEFAULT '') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO ft_stopwords (value) VALUES
  ('aber'),('alle'),('als'),('also'),('am'),('an'),('auch'),('auf'),('aus'),('bei'),('bin'),('bis'),('da'),
  ('damit'),('dann'),('das'),('dass'),('dem'),('den'),('der'),('des'),('die'),('dies'),('diese'),('dieser'),
  ('doch'),('du'),('durch'),('ein'),('eine'),('einem'),('einen'),('einer'),('es'),('für'),('hat'),('hatte'),
  ('ich'),('ihr'),('im'),('in'),('ist'),('ja'),('kann'),('mit'),('nach'),('nicht'),('noch'),('nur'),('ob'),
  ('oder'),('sich'),('sie'),('sind'),('so'),('um'),('und'),('uns'),('von'),('vor'),('war'),('was'),('wenn'),
  ('wie'),('wir'),('wird'),('zu'),('zum'),('zur'),('the'),('and'),('of'),('to'),('is'),('it'),('on'),('or');
SET SESSION innodb_ft_user_stopword_table = CONCAT(DATABASE(), '/ft_stopwords');

CREATE TABLE ticket_search (
  ticket_id     BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  doc           MEDIUMTEXT NOT NULL,
  FULLTEXT KEY ft_ticket_doc (doc),
  CONSTRAINT fk_search_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Ticket counts per organization / requester and status, kept in step by
-- lib/ticket.c, so the list's tab counts cost a few rows, not a scan.
CREATE TABLE ticket_counts (
  scope         ENUM('org','user') NOT NULL,
  scope_id      BIGINT UNSIGNED NOT NULL,
  status        ENUM('new','open','pending','solved','closed') NOT NULL,
  n             INT NOT NULL DEFAULT 0,
  PRIMARY KEY (scope, scope_id, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Per-user settings (e.g. the columns of the requests list).
CREATE TABLE user_settings (
  user_id       BIGINT UNSIGNED NOT NULL,
  name          VARCHAR(40) CHARACTER SET ascii NOT NULL,
  value         VARCHAR(1000) NOT NULL,
  PRIMARY KEY (user_id, name),
  CONSTRAINT fk_setting_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The agent groups that receive tickets (forms name one each).
INSERT INTO staff_groups (name, email) VALUES
  ('ERP', NULL), ('Digitale Lösungen', NULL), ('Rechenzentrum', NULL), ('Hilfe-Center', NULL);
