-- A small blog, as a team would write it for SQLite.
PRAGMA foreign_keys = ON;

CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE, -- login name
  display_name VARCHAR(80),
  is_admin BOOLEAN NOT NULL DEFAULT 0,
  settings JSON CHECK (json_valid(settings)),
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  slug TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  published_at DATETIME,
  updated_at TEXT DEFAULT (datetime('now')),
  UNIQUE (author_id, slug)
);

CREATE INDEX posts_published ON posts (published_at DESC) WHERE status = 'published';

CREATE VIEW published_posts AS
  SELECT p.id, p.title, u.display_name AS author
  FROM posts p JOIN users u ON u.id = p.author_id
  WHERE p.status = 'published' AND u.is_admin = 0;
