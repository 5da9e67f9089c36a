-- 005_articles.sql - the help centre's minimal model (R-HC 1-2): categories -> sections -> articles,
-- with visibility (everyone / signed-in users), notices, and FULLTEXT for suggested articles (R-NEW 4).
-- The help-centre issue extends it (comments, follows, search page).

CREATE TABLE hc_categories (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name          VARCHAR(150) NOT NULL,
  description   VARCHAR(500) NOT NULL DEFAULT '',
  sort          INT NOT NULL DEFAULT 0,
  created_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_category_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE hc_sections (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  category_id   BIGINT UNSIGNED NOT NULL,
  name          VARCHAR(150) NOT NULL,
  description   VARCHAR(500) NOT NULL DEFAULT '',
  sort          INT NOT NULL DEFAULT 0,
  created_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_section_name (category_id, name),
  KEY ix_section_category (category_id, sort),
  CONSTRAINT fk_section_category FOREIGN KEY (category_id) REFERENCES hc_categories (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- body is sanitized HTML (lib/article.c stores only what it was given: sanitizing on save
-- comes with the article editor); body_text is its plain text, derived on save, for the
-- FULLTEXT index and snippets. Notices and announcements (is_notice) are meant for everyone.
SET SESSION innodb_ft_user_stopword_table = CONCAT(DATABASE(), '/ft_stopwords');
CREATE TABLE hc_articles (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  section_id    BIGINT UNSIGNED NOT NULL,
  title         VARCHAR(250) NOT NULL,
  body          MEDIUMTEXT NOT NULL,
  body_text     MEDIUMTEXT NOT NULL,
  visibility    ENUM('everyone','signed_in') NOT NULL DEFAULT 'signed_in',
  is_notice     TINYINT(1) NOT NULL DEFAULT 0,
  published     TINYINT(1) NOT NULL DEFAULT 1,
  lang          CHAR(2) CHARACTER SET ascii NOT NULL DEFAULT 'de',
  author_id     BIGINT UNSIGNED NULL,
  created_at    DATETIME NOT NULL,
  updated_at    DATETIME NOT NULL,
  KEY ix_article_section (section_id, published, title),
  KEY ix_article_notice (is_notice, published, visibility, updated_at),
  FULLTEXT KEY ft_article (title, body_text),
  CONSTRAINT fk_article_section FOREIGN KEY (section_id) REFERENCES hc_sections (id),
  CONSTRAINT fk_article_author FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
