-- 012_search.sql - ticket search on posting lists of our own (issue 17), replacing InnoDB FULLTEXT:
-- a search's cost no longer grows with how common its word is.
--
-- search_words is the dictionary: one row per word as the collation sees it (letter case and
-- accents fold: "Über" and "uber" are one word), so a typed prefix is an index range of it.
-- search_postings holds, per word and scope, the tickets whose subject or public comments carry
-- the word, in two orders the pages read: by recency (the ticket's updated_at, kept in step by
-- lib/tickets/ticket.c) in the primary key, and by impact (the word's BM25 weight in the ticket,
-- computed when the ticket is indexed) in ix_posting_impact. A page is then a range read of one
-- (word, scope) cut by LIMIT, whatever the word's frequency. Scope 0 lists every ticket (the
-- agents' search; a customer's own and CC lists look their tickets up in it by primary key),
-- scope N the tickets of organization N (the organization list). Internal notes are never
-- indexed: customers cannot find them by any path. Plain InnoDB: replicated by Galera with
-- everything else, no search server.
-- ticket_search keeps, per ticket, which words its postings hold and the updated_at they carry,
-- so a change of the ticket finds its postings by primary key.

ALTER TABLE ticket_search DROP INDEX ft_ticket_doc,
  ADD COLUMN org_scope INT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN indexed_at DATETIME NULL,
  MODIFY doc MEDIUMTEXT NOT NULL COMMENT 'JSON array of the search_words ids the postings hold';
UPDATE ticket_search SET doc = '[]';

CREATE TABLE search_words (
  id            INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  word          VARCHAR(84) NOT NULL,
  UNIQUE KEY uq_search_word (word)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE search_postings (
  word_id       INT UNSIGNED NOT NULL,
  scope         INT UNSIGNED NOT NULL,
  updated_at    DATETIME NOT NULL,
  ticket_id     BIGINT UNSIGNED NOT NULL,
  impact        SMALLINT UNSIGNED NOT NULL,
  PRIMARY KEY (word_id, scope, updated_at, ticket_id),
  KEY ix_posting_impact (word_id, scope, impact, ticket_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
