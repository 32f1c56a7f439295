-- namekey store schema, version 3 (PRAGMA user_version = 3).
--
-- A store is one SQLite file (WAL mode, foreign keys on).  New stores are
-- made from this file; stores made at an earlier version are brought up
-- to it by db/migrations/vN.sql (N = 2, 3, ...) in order.  This file and
-- migrations/v1.sql + every later migration must describe the same
-- schema: a test compares them.
--
-- Times are Unix seconds (UTC).  Languages are nk_lang_name() strings.

-- "NKEY": tells a namekey store from any other SQLite file.
PRAGMA application_id = 1313555801;

-- key_format: the NK_KEY_FORMAT the keys of aliases were made with.
CREATE TABLE meta (
	name TEXT PRIMARY KEY NOT NULL,
	value
) WITHOUT ROWID;

-- A person.  origin is the history entry that created the identity (add,
-- split or import); undoing that entry removes it.  (lang is checked
-- with = rather than IN, which would build a temporary table on every
-- insert.)
CREATE TABLE identities (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	display TEXT NOT NULL,
	lang TEXT NOT NULL CHECK (lang = 'auto' OR lang = 'other' OR
				  lang = 'ru' OR lang = 'ko'),
	note TEXT,
	created INTEGER NOT NULL,
	updated INTEGER NOT NULL,
	origin INTEGER NOT NULL
);

-- A name exactly as written, known to denote one identity.  The same
-- name may belong to several identities (two people called Kim Su-gil),
-- but only once to each (the library checks; see below).  key is the
-- alias's first (most likely) key, made with the identity's language as
-- a hint by key format meta.key_format; most names have only that one,
-- so it lives on the row.  name_hash and key_hash are 24-bit hashes of
-- name and key (nk_st_gram() in src/store_near.c).  The indexes hold the
-- hashes, not the text, which keeps them small; every lookup compares
-- the text on the row too (aliases_key holds the identity as well: most
-- aliases found by key belong to an identity found by name, and need
-- not be read).  For the same reason no unique index can stand for "one
-- name once per identity": the library checks it on every insert, and
-- nk_store_check() checks it again.
CREATE TABLE aliases (
	id INTEGER PRIMARY KEY,
	identity INTEGER NOT NULL REFERENCES identities(id),
	name TEXT NOT NULL,
	name_hash INTEGER NOT NULL,
	key TEXT NOT NULL,
	key_hash INTEGER NOT NULL,
	source TEXT,
	added INTEGER NOT NULL
);
CREATE INDEX aliases_name ON aliases(name_hash);
CREATE INDEX aliases_identity ON aliases(identity);
CREATE INDEX aliases_key ON aliases(key_hash, identity);

-- The further keys (readings) of an alias whose name has more than one.
CREATE TABLE alias_keys (
	key TEXT NOT NULL,
	alias INTEGER NOT NULL REFERENCES aliases(id) ON DELETE CASCADE,
	PRIMARY KEY (key, alias)
) WITHOUT ROWID;
CREATE INDEX alias_keys_alias ON alias_keys(alias);

-- Every change, with what it takes to undo it in detail (JSON).  identity
-- is the identity the change is about, other the second one (merged
-- from, split into).  undone is when `undo` reversed the change.
CREATE TABLE history (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	at INTEGER NOT NULL,
	op TEXT NOT NULL CHECK (op IN ('add', 'alias', 'unalias', 'merge',
				       'split', 'rename', 'import')),
	identity INTEGER,
	other INTEGER,
	detail TEXT NOT NULL CHECK (json_valid(detail)),
	undone INTEGER
);
CREATE INDEX history_identity ON history(identity);
CREATE INDEX history_other ON history(other);

-- Near-key index.  A key is "<lang>:<part>:<part>..."; every distinct
-- part of every key is listed once in key_parts, with refs = how many
-- times the keys of aliases use it (the row goes when refs reaches 0),
-- and key_grams holds a 24-bit hash of the part and of each of its
-- one-letter deletions.  Two parts within one edit (or one swap of
-- neighbours) share a gram, so a lookup probes a few grams instead of
-- scanning keys; what it finds is checked by real edit distance.
CREATE TABLE key_parts (
	id INTEGER PRIMARY KEY,
	part TEXT NOT NULL UNIQUE,
	refs INTEGER NOT NULL
);

CREATE TABLE key_grams (
	gram INTEGER NOT NULL,
	part INTEGER NOT NULL,
	PRIMARY KEY (gram, part)
) WITHOUT ROWID;
