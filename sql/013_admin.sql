-- 013_admin.sql - staff administration (R-ORG, R-AGT admin): the audit of every admin change.

-- One row per change made in /admin (organizations, users, groups, forms, shared macros):
-- who, what, when, and a short summary of the object before and after.
CREATE TABLE admin_events (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  actor_id      BIGINT UNSIGNED NULL,
  action        VARCHAR(40) CHARACTER SET ascii NOT NULL,
  object_kind   VARCHAR(20) CHARACTER SET ascii NOT NULL,
  object_id     BIGINT UNSIGNED NULL,
  object_name   VARCHAR(200) NOT NULL DEFAULT '',
  before_text   TEXT NOT NULL,
  after_text    TEXT NOT NULL,
  created_at    DATETIME NOT NULL,
  KEY ix_admin_event_object (object_kind, object_id, id),
  KEY ix_admin_event_actor (actor_id, id),
  CONSTRAINT fk_admin_event_actor FOREIGN KEY (actor_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
