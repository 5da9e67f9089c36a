-- 007_helpcentre.sql - the help centre (R-HC 1-5): what articles carry besides 005's minimum
-- (source, promotion, order, labels, urgent notices, votes), revisions, comments, follows,
-- and the legal and static pages, which exist from the first start.

-- source: what the editor keeps (Markdown, or imported HTML); body is always the sanitized
-- HTML rendered from it (lib/hc/markup.c), body_text its plain text for search and snippets.
-- urgent_until: a notice shows as a bar under every page's header until then.
SET SESSION innodb_ft_user_stopword_table = CONCAT(DATABASE(), '/ft_stopwords');
ALTER TABLE hc_articles
  ADD COLUMN source MEDIUMTEXT NULL,
  ADD COLUMN source_format ENUM('markdown','html') NOT NULL DEFAULT 'html',
  ADD COLUMN labels VARCHAR(500) NOT NULL DEFAULT '',
  ADD COLUMN promoted TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN position INT NOT NULL DEFAULT 0,
  ADD COLUMN urgent_until DATETIME NULL,
  ADD COLUMN updated_by BIGINT UNSIGNED NULL,
  ADD COLUMN helpful_yes INT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN helpful_no INT UNSIGNED NOT NULL DEFAULT 0,
  ADD KEY ix_article_section_order (section_id, published, position, title),
  ADD KEY ix_article_promoted (promoted, published, visibility, updated_at),
  ADD KEY ix_article_urgent (urgent_until),
  ADD KEY ix_article_updated (updated_at),
  ADD CONSTRAINT fk_article_updated_by FOREIGN KEY (updated_by) REFERENCES users (id) ON DELETE SET NULL;
-- title hits rank first in the search page: a MATCH over the title alone needs its own index
ALTER TABLE hc_articles ADD FULLTEXT KEY ft_article_title (title);

-- Every save of an article keeps what it was saved as, by whom and when.
CREATE TABLE hc_article_revisions (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  article_id    BIGINT UNSIGNED NOT NULL,
  editor_id     BIGINT UNSIGNED NULL,
  title         VARCHAR(250) NOT NULL,
  source        MEDIUMTEXT NOT NULL,
  source_format ENUM('markdown','html') NOT NULL,
  published     TINYINT(1) NOT NULL,
  note          VARCHAR(250) NOT NULL DEFAULT '',
  created_at    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  KEY ix_revision_article (article_id, created_at),
  CONSTRAINT fk_revision_article FOREIGN KEY (article_id) REFERENCES hc_articles (id) ON DELETE CASCADE,
  CONSTRAINT fk_revision_editor FOREIGN KEY (editor_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- "Was this article helpful?": one answer per signed-in user, changeable; the counts live on the article.
CREATE TABLE hc_votes (
  article_id    BIGINT UNSIGNED NOT NULL,
  user_id       BIGINT UNSIGNED NOT NULL,
  helpful       TINYINT(1) NOT NULL,
  created_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (article_id, user_id),
  CONSTRAINT fk_vote_article FOREIGN KEY (article_id) REFERENCES hc_articles (id) ON DELETE CASCADE,
  CONSTRAINT fk_vote_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Comments of signed-in users on articles (plain text); staff hide them or mark one official.
CREATE TABLE hc_comments (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  article_id    BIGINT UNSIGNED NOT NULL,
  author_id     BIGINT UNSIGNED NOT NULL,
  body          TEXT NOT NULL,
  hidden        TINYINT(1) NOT NULL DEFAULT 0,
  official      TINYINT(1) NOT NULL DEFAULT 0,
  created_at    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  KEY ix_comment_article (article_id, hidden, created_at),
  CONSTRAINT fk_hc_comment_article FOREIGN KEY (article_id) REFERENCES hc_articles (id) ON DELETE CASCADE,
  CONSTRAINT fk_hc_comment_author FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who follows a section (new articles) or an article (new comments, updates).
CREATE TABLE hc_follows (
  user_id       BIGINT UNSIGNED NOT NULL,
  kind          ENUM('section','article') NOT NULL,
  target_id     BIGINT UNSIGNED NOT NULL,
  created_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (user_id, kind, target_id),
  KEY ix_follow_target (kind, target_id),
  CONSTRAINT fk_follow_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Legal and static pages (R-HC 5), edited by staff in the article editor; /hc/<slug>.
CREATE TABLE hc_pages (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  slug          VARCHAR(60) CHARACTER SET ascii NOT NULL,
  title         VARCHAR(250) NOT NULL,
  source        MEDIUMTEXT NOT NULL,
  body          MEDIUMTEXT NOT NULL,
  placeholder   TINYINT(1) NOT NULL DEFAULT 0,
  in_footer     TINYINT(1) NOT NULL DEFAULT 1,
  sort          INT NOT NULL DEFAULT 0,
  updated_by    BIGINT UNSIGNED NULL,
  updated_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_page_slug (slug),
  KEY ix_page_footer (in_footer, sort),
  CONSTRAINT fk_page_updated_by FOREIGN KEY (updated_by) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Placeholders the operator must replace before going live (the page says so while placeholder = 1).
INSERT INTO hc_pages (slug, title, source, body, placeholder, sort) VALUES
('imprint', 'Impressum',
 'Angaben gemäß § 5 DDG: Name und Anschrift des Anbieters, Vertretungsberechtigte, Kontakt (E-Mail, Telefon), Registereintrag, Umsatzsteuer-Identifikationsnummer.',
 '<p>Angaben gemäß § 5 DDG: Name und Anschrift des Anbieters, Vertretungsberechtigte, Kontakt (E-Mail, Telefon), Registereintrag, Umsatzsteuer-Identifikationsnummer.</p>',
 1, 10),
('privacy', 'Datenschutzerklärung',
 'Verantwortlicher, Zwecke und Rechtsgrundlagen der Verarbeitung (Art. 13 DSGVO), Empfänger, Speicherdauer, Rechte der betroffenen Personen, Beschwerderecht bei der Aufsichtsbehörde, Cookies (nur ein Sitzungscookie für die Anmeldung).',
 '<p>Verantwortlicher, Zwecke und Rechtsgrundlagen der Verarbeitung (Art. 13 DSGVO), Empfänger, Speicherdauer, Rechte der betroffenen Personen, Beschwerderecht bei der Aufsichtsbehörde, Cookies (nur ein Sitzungscookie für die Anmeldung).</p>',
 1, 20);

-- Images staff upload in the editor: in the file store by SHA-256 (Paths.files), served at
-- /hc/images/ID/NAME as the verified raster images they are.
CREATE TABLE hc_images (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  sha256        CHAR(64) CHARACTER SET ascii NOT NULL,
  filename      VARCHAR(255) NOT NULL,
  content_type  VARCHAR(100) CHARACTER SET ascii NOT NULL,
  size          BIGINT UNSIGNED NOT NULL,
  uploader_id   BIGINT UNSIGNED NULL,
  created_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY ix_image_sha (sha256),
  CONSTRAINT fk_image_uploader FOREIGN KEY (uploader_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
