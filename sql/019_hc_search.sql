-- 019_hc_search.sql - help-centre search on posting lists of our own (issue 12), replacing InnoDB
-- FULLTEXT, whose cost grew with the number of articles a word is in (a word in most of 10,000
-- articles: a second per search page).
--
-- hc_postings holds, per word of search_words (the dictionary the ticket search shares) and per
-- reader scope, the articles whose title or text carry the word: scope 0 what visitors may read
-- (published, for everyone), scope 1 what signed-in readers may (published, everyone or signed-in);
-- drafts are never indexed. score is the word's BM25 weight in the article, plus 65536 when the word
-- is in the title, so "title hits first, then relevance" is the top of an index range, cut by LIMIT.
-- Plain InnoDB: replicated by Galera with everything else, no search server.
--
-- Whatever writes an article (the editor, an import, plain SQL) queues it through the triggers
-- below; lib/hc/hcindex.c indexes the queue before each search, so the lists never lag a change.
CREATE TABLE hc_postings (
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

-- The articles whose postings are to be built again.
CREATE TABLE hc_search_queue (
  article_id    BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  CONSTRAINT fk_hc_queue_article FOREIGN KEY (article_id) REFERENCES hc_articles (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER hc_article_added AFTER INSERT ON hc_articles FOR EACH ROW
  INSERT IGNORE INTO hc_search_queue (article_id) VALUES (NEW.id);

-- only what the postings hold: a vote or a notice's end date leaves them as they are
CREATE TRIGGER hc_article_changed AFTER UPDATE ON hc_articles FOR EACH ROW
  IF NOT (NEW.title <=> OLD.title AND NEW.body_text <=> OLD.body_text AND NEW.published <=> OLD.published
          AND NEW.visibility <=> OLD.visibility AND NEW.section_id <=> OLD.section_id) THEN
    INSERT IGNORE INTO hc_search_queue (article_id) VALUES (NEW.id);
  END IF;

INSERT IGNORE INTO hc_search_queue (article_id) SELECT id FROM hc_articles;

ALTER TABLE hc_articles DROP INDEX ft_article, DROP INDEX ft_article_title;
