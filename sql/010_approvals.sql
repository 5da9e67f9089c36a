-- 010_approvals.sql - approvals bound to customer roles (R-APPR): what needs one, the decision and
-- its reminders; the products an organization uses and the product information mails sent to
-- its information recipients, with the record of who got which.

-- A shown field marked here makes the request need the customer administrator's approval
-- (system access, database dumps); the admin's forms editor sets it.
ALTER TABLE form_fields ADD COLUMN needs_approval TINYINT(1) NOT NULL DEFAULT 0;

-- the data centre form: a dump needs the customer administrator, and so does access
UPDATE form_fields SET needs_approval = 1
  WHERE field_key = 'dump_purpose' AND form_id = (SELECT id FROM forms WHERE slug = 'datacenter');
INSERT INTO form_fields (form_id, field_key, kind, label_de, label_en, help_de, help_en, required, routing,
                         max_length, sort, needs_approval)
  SELECT id, 'access_scope', 'text', 'Welcher Zugang, welche Berechtigung?', 'Which access, which permission?',
         'Zugänge und Berechtigungen gibt es nur mit Freigabe Ihrer Kundenadministration.',
         'Access and permissions need the approval of your customer administrator.', 0, 0, 200, 45, 1
  FROM forms WHERE slug = 'datacenter';
INSERT INTO form_field_conditions (field_id, when_key, when_value)
  SELECT f.id, 'request_kind', 'access' FROM form_fields f JOIN forms o ON o.id = f.form_id
  WHERE o.slug = 'datacenter' AND f.field_key = 'access_scope';

-- One row per ticket that needs (or needed) an approval. role: who may decide - 'order' the main
-- contact or the customer administrator, 'admin' the customer administrator only. The approvers
-- are whoever holds the role in org_id when they look: one who leaves or loses the role sees it no
-- more, the others still do. route: the routing fields were complete, so approval assigns at once.
CREATE TABLE approvals (
  ticket_id         BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  org_id            BIGINT UNSIGNED NULL,
  requester_id      BIGINT UNSIGNED NOT NULL,
  role              ENUM('order','admin') NOT NULL,
  state             ENUM('awaiting','approved','rejected') NOT NULL DEFAULT 'awaiting',
  route             TINYINT(1) NOT NULL DEFAULT 0,
  decided_by        BIGINT UNSIGNED NULL,
  -- portal: at /approvals/ID; phone: recorded by an agent (recorded_by); self: the requester is
  -- the only approver of the organization
  decided_via       ENUM('portal','phone','self') NULL,
  recorded_by       BIGINT UNSIGNED NULL,
  comment           TEXT NULL,
  created_at        DATETIME NOT NULL,
  decided_at        DATETIME NULL,
  -- reminders to the approvers (cron/approvals.c claims due rows like the mailer does)
  reminders         INT UNSIGNED NOT NULL DEFAULT 0,
  next_reminder_at  DATETIME NULL,
  claimed_by        VARCHAR(100) NULL,
  claimed_at        DATETIME NULL,
  -- agents were told that the organization has no approver for it (once per lack)
  no_approver_told  TINYINT(1) NOT NULL DEFAULT 0,
  KEY ix_approval_org (org_id, state, created_at),
  KEY ix_approval_due (state, next_reminder_at),
  CONSTRAINT fk_approval_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE CASCADE,
  CONSTRAINT fk_approval_org FOREIGN KEY (org_id) REFERENCES organizations (id),
  CONSTRAINT fk_approval_decider FOREIGN KEY (decided_by) REFERENCES users (id) ON DELETE SET NULL,
  CONSTRAINT fk_approval_recorder FOREIGN KEY (recorded_by) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- approvers of an organization at a glance
ALTER TABLE users ADD KEY ix_user_org_roles (org_id, is_customer_admin, is_main_contact),
  -- information recipients who unsubscribed through the link of a product mail
  ADD COLUMN info_unsubscribed_at DATETIME NULL;

-- The products an organization uses: its information recipients get the product mails about them.
CREATE TABLE organization_products (
  org_id        BIGINT UNSIGNED NOT NULL,
  product_id    BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (org_id, product_id),
  KEY ix_orgprod_product (product_id, org_id),
  CONSTRAINT fk_orgprod_org FOREIGN KEY (org_id) REFERENCES organizations (id) ON DELETE CASCADE,
  CONSTRAINT fk_orgprod_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A product information mail: written in German and/or English (each recipient gets the text of
-- his language, else the other), for some products (product_mail_products) or all.
CREATE TABLE product_mails (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  author_id     BIGINT UNSIGNED NULL,
  subject_de    VARCHAR(200) NOT NULL DEFAULT '',
  body_de       MEDIUMTEXT NOT NULL,
  subject_en    VARCHAR(200) NOT NULL DEFAULT '',
  body_en       MEDIUMTEXT NOT NULL,
  all_products  TINYINT(1) NOT NULL DEFAULT 0,
  created_at    DATETIME NOT NULL,
  sent_at       DATETIME NULL,
  recipients    INT UNSIGNED NOT NULL DEFAULT 0,
  -- SHA-256 of the one-time token of the previewed form: a second click on "send" sends nothing
  draft_token   CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  UNIQUE KEY uq_pmail_draft (draft_token),
  KEY ix_pmail_created (created_at),
  CONSTRAINT fk_pmail_author FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE product_mail_products (
  mail_id       BIGINT UNSIGNED NOT NULL,
  product_id    BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (mail_id, product_id),
  CONSTRAINT fk_pmp_mail FOREIGN KEY (mail_id) REFERENCES product_mails (id) ON DELETE CASCADE,
  CONSTRAINT fk_pmp_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who got which product mail, in which language: written with the outbox rows, in one statement each.
CREATE TABLE product_mail_recipients (
  mail_id       BIGINT UNSIGNED NOT NULL,
  user_id       BIGINT UNSIGNED NOT NULL,
  lang          CHAR(2) CHARACTER SET ascii NOT NULL,
  queued_at     DATETIME NOT NULL,
  PRIMARY KEY (mail_id, user_id),
  KEY ix_pmr_user (user_id),
  CONSTRAINT fk_pmr_mail FOREIGN KEY (mail_id) REFERENCES product_mails (id) ON DELETE CASCADE,
  CONSTRAINT fk_pmr_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Bulk mail (product information) waits behind everything else: the mailer claims the other
-- rows first, so ten thousand product mails never hold up a password reset.
ALTER TABLE outbox ADD COLUMN bulk TINYINT(1) NOT NULL DEFAULT 0,
  ADD KEY ix_outbox_bulk_due (status, bulk, next_attempt_at);
