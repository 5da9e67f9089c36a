-- 004_forms.sql - request forms held as data (R-NEW 2, 3, 9): forms, their fields, options and
-- show-conditions, with the production seed of the four forms; round-robin state of the group
-- members (routing); one-time form tokens (double submit) and uploads kept while a form is corrected.

-- A form: what the chooser card says, which group receives its tickets, the
-- product they are about (unless an option chooses one), the request types offered.
CREATE TABLE forms (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  slug          VARCHAR(40) CHARACTER SET ascii NOT NULL,
  title_de      VARCHAR(200) NOT NULL,
  title_en      VARCHAR(200) NOT NULL,
  help_de       VARCHAR(500) NOT NULL DEFAULT '',
  help_en       VARCHAR(500) NOT NULL DEFAULT '',
  group_id      BIGINT UNSIGNED NOT NULL,
  product_id    BIGINT UNSIGNED NULL,
  types         SET('question','incident','requirement','change') NOT NULL
                DEFAULT 'question,incident,requirement,change',
  sort          INT NOT NULL DEFAULT 0,
  active        TINYINT(1) NOT NULL DEFAULT 1,
  created_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_form_slug (slug),
  KEY ix_form_active (active, sort),
  CONSTRAINT fk_form_group FOREIGN KEY (group_id) REFERENCES staff_groups (id),
  CONSTRAINT fk_form_product FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A field of a form; its parameter is field_<field_key>. `routing` marks the
-- fields a ticket needs to be assigned at once (R-NEW 9).
CREATE TABLE form_fields (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  form_id       BIGINT UNSIGNED NOT NULL,
  field_key     VARCHAR(40) CHARACTER SET ascii NOT NULL,
  kind          ENUM('text','textarea','select','multiselect','checkbox','date','number') NOT NULL,
  label_de      VARCHAR(200) NOT NULL,
  label_en      VARCHAR(200) NOT NULL,
  help_de       VARCHAR(500) NOT NULL DEFAULT '',
  help_en       VARCHAR(500) NOT NULL DEFAULT '',
  required      TINYINT(1) NOT NULL DEFAULT 0,
  routing       TINYINT(1) NOT NULL DEFAULT 0,
  -- characters for text and textarea (NULL: 200 / 10000)
  max_length    INT UNSIGNED NULL,
  -- bounds for number
  min_value     BIGINT NULL,
  max_value     BIGINT NULL,
  sort          INT NOT NULL DEFAULT 0,
  UNIQUE KEY uq_field_key (form_id, field_key),
  KEY ix_field_form (form_id, sort),
  -- keys and values become parameter names, HDF paths and selectors: a plain alphabet only
  CONSTRAINT ck_field_key CHECK (field_key REGEXP '^[a-z0-9_]{1,40}$'),
  CONSTRAINT fk_field_form FOREIGN KEY (form_id) REFERENCES forms (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Choices of select and multiselect fields; choosing one with a product sets the ticket's product.
CREATE TABLE form_field_options (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  field_id      BIGINT UNSIGNED NOT NULL,
  value         VARCHAR(60) CHARACTER SET ascii NOT NULL,
  label_de      VARCHAR(200) NOT NULL,
  label_en      VARCHAR(200) NOT NULL,
  product_id    BIGINT UNSIGNED NULL,
  sort          INT NOT NULL DEFAULT 0,
  UNIQUE KEY uq_option_value (field_id, value),
  KEY ix_option_field (field_id, sort),
  CONSTRAINT ck_option_value CHECK (value REGEXP '^[a-z0-9_-]{1,60}$'),
  CONSTRAINT fk_option_field FOREIGN KEY (field_id) REFERENCES form_fields (id) ON DELETE CASCADE,
  CONSTRAINT fk_option_product FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Show a field only when an earlier field of its form (when_key) is shown and
-- has when_value (a checkbox has '1'); several rows: any one suffices. A
-- hidden field is neither required, nor needed for routing, nor stored.
CREATE TABLE form_field_conditions (
  field_id      BIGINT UNSIGNED NOT NULL,
  when_key      VARCHAR(40) CHARACTER SET ascii NOT NULL,
  when_value    VARCHAR(60) CHARACTER SET ascii NOT NULL,
  PRIMARY KEY (field_id, when_key, when_value),
  CONSTRAINT ck_condition CHECK (when_key REGEXP '^[a-z0-9_]{1,40}$' AND when_value REGEXP '^[a-z0-9_-]{1,60}$'),
  CONSTRAINT fk_condition_field FOREIGN KEY (field_id) REFERENCES form_fields (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- tickets.form_id now points at a form (no ticket has one yet: the check can be skipped).
SET SESSION foreign_key_checks = 0;
ALTER TABLE tickets ADD CONSTRAINT fk_ticket_form FOREIGN KEY (form_id) REFERENCES forms (id);
SET SESSION foreign_key_checks = 1;

-- Routing (lib/routing.c): the agent with the fewest open tickets wins, ties
-- go to whom the group served longest ago: a per-group counter, stamped on
-- the member at each assignment.
ALTER TABLE staff_groups ADD COLUMN assign_seq BIGINT UNSIGNED NOT NULL DEFAULT 0;
ALTER TABLE staff_group_members ADD COLUMN last_assigned_seq BIGINT UNSIGNED NOT NULL DEFAULT 0;

-- One row per submitted form token (only its hash): a second POST of the same
-- form finds the ticket the first one made instead of making another.
CREATE TABLE form_submissions (
  token_hash    CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  user_id       BIGINT UNSIGNED NOT NULL,
  ticket_id     BIGINT UNSIGNED NULL,
  created_at    DATETIME NOT NULL,
  KEY ix_submission_created (created_at),
  CONSTRAINT fk_submission_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_submission_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Files uploaded with a form that had to be shown again (errors, suggestions):
-- already in the content store, listed with the form until it is sent or they
-- expire (tresen-cleanup), so nobody uploads twice.
CREATE TABLE pending_uploads (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash    CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  user_id       BIGINT UNSIGNED NOT NULL,
  filename      VARCHAR(255) NOT NULL,
  size          BIGINT UNSIGNED NOT NULL,
  sha256        CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- unticked by the user: no longer listed; its file goes with the row (tresen-cleanup)
  removed       TINYINT(1) NOT NULL DEFAULT 0,
  created_at    DATETIME NOT NULL,
  KEY ix_pending_token (token_hash, user_id),
  KEY ix_pending_created (created_at),
  KEY ix_pending_sha (sha256),
  CONSTRAINT fk_pending_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- ---- production seed: the four forms of the portal (R-NEW 2) ----

-- ERP products (Wodis Yuneo, Wodis Sigma)
INSERT INTO forms (slug, title_de, title_en, help_de, help_en, group_id, product_id, sort) VALUES
  ('erp', 'ERP-Produkte (z. B. Wodis Yuneo)', 'ERP products (e.g. Wodis Yuneo)',
   'Fragen, Fehler, Wünsche und Aufträge zu Wodis Yuneo und Wodis Sigma.',
   'Questions, errors, wishes and orders about Wodis Yuneo and Wodis Sigma.',
   (SELECT id FROM staff_groups WHERE name = 'ERP'), NULL, 10);
SET @form = LAST_INSERT_ID();

INSERT INTO form_fields (form_id, field_key, kind, label_de, label_en, help_de, help_en, required, routing, sort)
  VALUES (@form, 'product', 'select', 'Produkt', 'Product', '', '', 1, 1, 10);
SET @f = LAST_INSERT_ID();
INSERT INTO form_field_options (field_id, value, label_de, label_en, product_id, sort) VALUES
  (@f, 'wodis_yuneo', 'Wodis Yuneo', 'Wodis Yuneo', (SELECT id FROM products WHERE name = 'Wodis Yuneo'), 10),
  (@f, 'wodis_sigma', 'Wodis Sigma', 'Wodis Sigma', (SELECT id FROM products WHERE name = 'Wodis Sigma'), 20);

INSERT INTO form_fields (form_id, field_key, kind, label_de, label_en, help_de, help_en, required, routing, sort)
  VALUES (@form, 'module', 'select', 'Modul', 'Module',
          'Der Programmbereich, in dem Ihr Anliegen auftritt.', 'The part of the program your request is about.',
          0, 1, 20);
SET @f = LAST_INSERT_ID();
INSERT INTO form_field_options (field_id, value, label_de, label_en, sort) VALUES
  (@f, 'rental', 'Vermietung und Verträge', 'Letting and contracts', 10),
  (@f, 'accounting', 'Rechnungswesen und Buchhaltung', 'Accounting', 20),
  (@f, 'service_charges', 'Betriebskosten', 'Service charges', 30),
  (@f, 'maintenance', 'Technik und Instandhaltung', 'Maintenance', 40),
  (@f, 'documents', 'Dokumentenmanagement', 'Document management', 50),
  (@f, 'interfaces', 'Schnittstellen', 'Interfaces', 60),
  (@f, 'other', 'Sonstiges', 'Other', 90);

INSERT INTO form_fields (form_id, field_key, kind, label_de, label_en, help_de, help_en, required, routing,
                         max_length, sort)
  VALUES (@form, 'version', 'text', 'Version', 'Version',
          'Steht unter Hilfe > Info, z. B. 2025.2.', 'See Help > About, e.g. 2025.2.', 0, 1, 40, 30);

INSERT INTO form_fields (form_id, field_key, kind, label_de, label_en, help_de, help_en, required, routing, sort)
  VALUES (@form, 'system', 'select', 'System', 'System', '', '', 1, 1, 40);
SET @f = LAST_INSERT_ID();
INSERT INTO form_field_options (field_id, value, label_de, label_en, sort) VALUES
  (@f, 'production', 'Produktivsystem', 'Production system', 10),
  (@f, 'test', 'Testsystem', 'Test system', 20);

INSERT INTO form_fields (form_id, field_key, kind, label_de, label_en, help_de, help_en, required, routing,
                         max_length, sort)
  VALUES (@form, 'test_client', 'text', 'Name des Testsystems / Mandant', 'Name of the test system / client',
          'Damit wir im richtigen Testsystem nachsehen.', 'So we look into the right test system.', 1, 0, 100, 50);
INSERT INTO form_field_conditions (field_id, when_key, when_value) VALUES (LAST_INSERT_ID(), 'system', 'test');

INSERT INTO form_fields (form_id, field_key, kind, label_de, label_en, help_de, help_en, required, routing,
                         min_value, max_value, sort)
  VALUES (@form, 'affected_users', 'number', 'Anzahl betroffener Benutzer', 'Number of affected users',
          '', '', 0, 0, 1, 100000, 60);

INSERT INTO form_fields (form_id, field_key, kind, label_de, label_en, help_de, help_en, required, routing, sort)
  VALUES (@form, 'since', 'date', 'Seit wann?', 'Since when?', 'Ungefähr genügt.', 'Roughly is fine.', 0, 0, 70);

INSERT INTO form_fields (form_id, field_key, kind, label_de, label_en, help_de, help_en, required, routing, sort)
  VALUES (@form, 'error_shown', 'checkbox', 'Es erscheint eine Fehlermeldung', 'An error message appears',
          '', '', 0, 0, 80);
INSERT INTO form_fields (form_id, field_key, kind, label_de, label_en, help_de, help_en, required, routing,
                         max_length, sort)
  VALUES (@form, 'error_text', 'textarea', 'Wortlaut der Fehlermeldung', 'Exact error message',
          'Am besten kopiert, mit Fehlercode.', 'Best copied, with the error code.', 1, 0, 4000, 90);
INSERT INTO form_field_conditions (field_id, when_key, when_value) VALUES (LAST_INSERT_ID(), 'error_shown', '1');

-- Digital solutions (CRM, tenant portal and apps)
INSERT INTO forms (slug, title_de, title_en, help_de, help_en, group_id, product_id, sort) VALUES
  ('digital', 'Digitale Lösungen (z. B. CRM, Mieterportal)', 'Digital solutions (e.g. CRM, tenant portal)',
   'CRM, Mieterportal und Apps: Bedienung, Störungen, Wünsche, Lizenzen.',
   'CRM, tenant portal and apps: usage, faults, wishes, licences.',
   (SELECT id FROM staff_groups WHERE name = 'Digitale Lösungen'), NULL, 20);
SET @form = LAST_INSERT_ID();

INSERT INTO form_fields (form_id, field_key, kind, label_de, label_en, help_de, help_en, required, routing, sort)
  VALUES (@form, 'solution', 'select', 'Lösung', 'Solution', '', '', 1, 1, 10);
SET @f = LAST_INSERT_ID();
INSERT INTO form_field_options (field_id, value, label_de, label_en, product_id, sort) VALUES
  (@f, 'crm', 'CRM', 'CRM', (SELECT id FROM products WHERE name = 'CRM'), 10),
  (@f, 'tenant_portal', 'Mieterportal', 'Tenant portal', (SELECT id FROM products WHERE name = 'Mieterportal'), 20),
  (@f, 'tenant_app', 'Mieter-App', 'Tenant app', (SELECT id FROM products WHERE name = 'Mieterportal'), 30),
  (@f, 'other', 'Andere digitale Lösung', 'Other digital solution', NULL, 90);

INSERT INTO form_fields (form_id, field_key, kind, label_de, label_en, help_de, help_en, required, routing, sort)
  VALUES (@form, 'platforms', 'multiselect', 'Betroffene Plattformen', 'Affected platforms',
          'Alle zutreffenden ankreuzen.', 'Tick all that apply.', 1, 0, 20);
SET @f = LAST_INSERT_ID();
INSERT INTO form_field_options (field_id, value, label_de, label_en, sort) VALUES
  (@f, 'web', 'Web-Browser', 'Web browser', 10),
  (@f, 'ios', 'iOS', 'iOS', 20),
  (@f, 'android', 'Android', 'Android', 30);
INSERT INTO form_field_conditions (field_id, when_key, when_value) VALUES
  (@f, 'solution', 'tenant_portal'), (@f, 'solution', 'tenant_app');

INSERT INTO form_fields (form_id, field_key, kind, label_de, label_en, help_de, help_en, required, routing, sort)
  VALUES (@form, 'environment', 'select', 'Umgebung', 'Environment', '', '', 0, 1, 30);
SET @f = LAST_INSERT_ID();
INSERT INTO form_field_options (field_id, value, label_de, label_en, sort) VALUES
  (@f, 'production', 'Produktiv', 'Production', 10),
  (@f, 'test', 'Test', 'Test', 20);

INSERT INTO form_fields (form_id, field_key, kind, label_de, label_en, help_de, help_en, required, routing,
                         min_value, max_value, sort)
  VALUES (@form, 'affected_users', 'number', 'Anzahl betroffener Benutzer', 'Number of affected users',
          'Mitarbeitende, Mieterinnen und Mieter zusammen, geschätzt.', 'Staff and tenants together, estimated.',
          0, 0, 1, 1000000, 40);

-- IT infrastructure / data centre
INSERT INTO forms (slug, title_de, title_en, help_de, help_en, group_id, product_id, sort) VALUES
  ('datacenter', 'IT-Infrastruktur (Rechenzentrum)', 'IT infrastructure (data centre)',
   'Server, Zugänge, VPN, Datenbanken, Sicherungen und Wiederherstellungen.',
   'Servers, access, VPN, databases, backups and restores.',
   (SELECT id FROM staff_groups WHERE name = 'Rechenzentrum'), (SELECT id FROM products WHERE name = 'Rechenzentrum'),
   30);
SET @form = LAST_INSERT_ID();

INSERT INTO form_fields (form_id, field_key, kind, label_de, label_en, help_de, help_en, required, routing, sort)
  VALUES (@form, 'request_kind', 'select', 'Art der Anfrage', 'Kind of request', '', '', 1, 1, 10);
SET @f = LAST_INSERT_ID();
INSERT INTO form_field_options (field_id, value, label_de, label_en, sort) VALUES
  (@f, 'outage', 'Störung / nicht erreichbar', 'Outage / unreachable', 10),
  (@f, 'access', 'Zugang oder Berechtigung', 'Access or permission', 20),
  (@f, 'vpn', 'VPN-Verbindung', 'VPN connection', 30),
  (@f, 'dump', 'Datenbank-Dump', 'Database dump', 40),
  (@f, 'restore', 'Wiederherstellung aus der Sicherung', 'Restore from backup', 50),
  (@f, 'other', 'Sonstiges', 'Other', 90);

INSERT INTO form_fields (form_id, field_key, kind, label_de, label_en, help_de, help_en, required, routing,
                         max_length, sort)
  VALUES (@form, 'system', 'text', 'System / Server', 'System / server',
          'Name oder Adresse, z. B. wodis-prod-01.', 'Name or address, e.g. wodis-prod-01.', 0, 1, 120, 20);

INSERT INTO form_fields (form_id, field_key, kind, label_de, label_en, help_de, help_en, required, routing, sort)
  VALUES (@form, 'environment', 'select', 'Umgebung', 'Environment', '', '', 1, 1, 30);
SET @f = LAST_INSERT_ID();
INSERT INTO form_field_options (field_id, value, label_de, label_en, sort) VALUES
  (@f, 'production', 'Produktion', 'Production', 10),
  (@f, 'test', 'Test', 'Test', 20),
  (@f, 'training', 'Schulung', 'Training', 30);

INSERT INTO form_fields (form_id, field_key, kind, label_de, label_en, help_de, help_en, required, routing, sort)
  VALUES (@form, 'restore_date', 'date', 'Stand der Wiederherstellung', 'Restore to the state of',
          'Der Tag, dessen Stand Sie brauchen.', 'The day whose state you need.', 1, 0, 40);
INSERT INTO form_field_conditions (field_id, when_key, when_value) VALUES (LAST_INSERT_ID(), 'request_kind', 'restore');

INSERT INTO form_fields (form_id, field_key, kind, label_de, label_en, help_de, help_en, required, routing,
                         max_length, sort)
  VALUES (@form, 'dump_purpose', 'text', 'Zweck des Dumps', 'Purpose of the dump',
          'Dumps gibt es nur mit Freigabe Ihrer Kundenadministration.',
          'Dumps need the approval of your customer administrator.', 1, 0, 200, 50);
INSERT INTO form_field_conditions (field_id, when_key, when_value) VALUES (LAST_INSERT_ID(), 'request_kind', 'dump');

-- Use of help-centre articles
INSERT INTO forms (slug, title_de, title_en, help_de, help_en, group_id, product_id, types, sort) VALUES
  ('helpcenter', 'Nutzung von Hilfe-Center-Artikeln', 'Using help-centre articles',
   'Fragen zu einem Artikel, eine Anleitung passt nicht oder fehlt.',
   'Questions about an article, a guide that does not fit or is missing.',
   (SELECT id FROM staff_groups WHERE name = 'Hilfe-Center'), (SELECT id FROM products WHERE name = 'Hilfe-Center'),
   'question,requirement', 40);
SET @form = LAST_INSERT_ID();

INSERT INTO form_fields (form_id, field_key, kind, label_de, label_en, help_de, help_en, required, routing,
                         max_length, sort)
  VALUES (@form, 'article', 'text', 'Link zum Artikel', 'Link to the article',
          'Die Adresse aus der Browserzeile.', 'The address from the browser bar.', 0, 1, 500, 10);
INSERT INTO form_fields (form_id, field_key, kind, label_de, label_en, help_de, help_en, required, routing,
                         max_length, sort)
  VALUES (@form, 'question', 'textarea', 'Ihre Frage zum Artikel', 'Your question about the article',
          'Welcher Schritt ist unklar oder passt nicht zu Ihrem System?',
          'Which step is unclear or does not match your system?', 1, 1, 4000, 20);
