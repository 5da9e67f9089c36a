-- 019_hc_search.sql - help-centre search on posting lists of our own (issue 12), replacing InnoDB
-- FULLTEXT, whose cost grew with the number of articles a word is in (a word in most of 10,000
-- articles: a second per search page).
--
-- With the binary log on (Galera) creating a trigger needs SUPER or log_bin_trust_function_creators=1
-- (README); every statement here may run again, so the file can be applied again once that is set.

-- Whatever writes an article (the editor, an import, plain SQL) queues it through the triggers
-- below; lib/hc/hcindex.c indexes the queue before each search, so the lists never lag a change.
CREATE TABLE IF NOT EXISTS hc_search_queue (
  article_id    BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  CONSTRAINT fk_hc_queue_article FOREIGN KEY (article_id) REFERENCES hc_articles (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER IF NOT EXISTS hc_article_added AFTER INSERT ON hc_articles FOR EACH ROW
  INSERT IGNORE INTO hc_search_queue (article_id) VALUES (NEW.id);

-- only what the postings hold: a vote or a notice's end date leaves them as they are
CREATE TRIGGER IF NOT EXISTS hc_article_changed AFTER UPDATE ON hc_articles FOR EACH ROW
  IF NOT (NEW.title <=> OLD.title AND NEW.body_text <=> OLD.body_text AND NEW.published <=> OLD.published
          AND NEW.visibility <=> OLD.visibility AND NEW.section_id <=> OLD.section_id) THEN
    INSERT IGNORE INTO hc_search_queue (article_id) VALUES (NEW.id);
  END IF;

-- hc_postings holds, per word of search_words (the dictionary the ticket search shares) and per
-- reader scope, the articles whose title or text carry the word: scope 0 what visitors may read
-- (published, for everyone), scope 1 what signed-in readers may (published, everyone or signed-in);
-- drafts are never indexed. score is the word's BM25 weight in the article, plus 65536 when the word
-- is in the title, so "title hits first, then relevance" is the top of an index range, cut by LIMIT.
-- Plain InnoDB: replicated by Galera with everything else, no search server.
CREATE TABLE IF NOT EXISTS hc_postings (
  word_id       INT UNSIGNED NOT NULL,
  scope         TINYINT UNSIGNED NOT NULL,
  article_id    BIGINT UNSIGNED NOT NULL,
  section_id    BIGINT UNSIGNED NOT NULL,
  score         INT UNSIGNED NOT NULL,
  PRIMARY KEY (word_id, scope, article_id),
  KEY ix_hc_posting_rank (word_id, scope, score, article_id),
  KEY ix_hc_posting_section (word_id, scope, section_id, score, article_id),
  KEY ix_hc_posting_article (article_id),
  CONSTRAINT fk_hc_posting_article FOREIGN KEY (article_id) REFERENCES hc_articles (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- the articles there are: indexed by tresen-migrate right after this file
INSERT IGNORE INTO hc_search_queue (article_id) SELECT id FROM hc_articles;

ALTER TABLE hc_articles DROP INDEX IF EXISTS ft_article, DROP INDEX IF EXISTS ft_article_title;

-- How many articles of a section hold a word, per scope: a one-word search's count and its count
-- per section are read here, exact at any size, instead of counting postings. Kept with the
-- postings by lib/hc/hcindex.c in the same transaction; an article deleted by plain SQL takes its
-- words off here before the postings go (ON DELETE CASCADE runs no triggers).
CREATE TABLE IF NOT EXISTS hc_word_sections (
  word_id       INT UNSIGNED NOT NULL,
  scope         TINYINT UNSIGNED NOT NULL,
  section_id    BIGINT UNSIGNED NOT NULL,
  articles      INT UNSIGNED NOT NULL,
  PRIMARY KEY (word_id, scope, section_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER IF NOT EXISTS hc_article_removed BEFORE DELETE ON hc_articles FOR EACH ROW
  UPDATE hc_word_sections c JOIN hc_postings p ON p.word_id = c.word_id AND p.scope = c.scope
    AND p.section_id = c.section_id SET c.articles = GREATEST(c.articles, 1) - 1 WHERE p.article_id = OLD.id;
