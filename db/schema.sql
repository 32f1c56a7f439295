-- namekey store schema, version 2 (PRAGMA user_version = 2).
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

-- key_format: the NK_KEY_FORMAT the keys in alias_keys were made with.
CREATE TABLE meta (
	name TEXT PRIMARY KEY NOT NULL,
	value
) WITHOUT ROWID;

-- A person.  origin is the history entry that created the identity (add,
-- split or import); undoing that entry removes it.
CREATE TABLE identities (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	display TEXT NOT NULL,
	lang TEXT NOT NULL CHECK (lang IN ('auto', 'other', 'ru', 'ko')),
	note TEXT,
	created INTEGER NOT NULL,
	updated INTEGER NOT NULL,
	origin INTEGER NOT NULL
);

-- A name exactly as written, known to denote one identity.  The same
-- name may belong to several identities (two people called Kim Su-gil).
CREATE TABLE aliases (
	id INTEGER PRIMARY KEY,
	identity INTEGER NOT NULL REFERENCES identities(id),
	name TEXT NOT NULL,
	source TEXT,
	added INTEGER NOT NULL
);
CREATE UNIQUE INDEX aliases_name ON aliases(name, identity);
CREATE INDEX aliases_identity ON aliases(identity);

-- The key(s) of each alias, made with the identity's language as a hint
-- by key format `format`.
CREATE TABLE alias_keys (
	key TEXT NOT NULL,
	alias INTEGER NOT NULL REFERENCES aliases(id) ON DELETE CASCADE,
	format INTEGER NOT NULL,
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

-- Near-key index (v2).  A key is "<lang>:<part>:<part>..."; every
-- distinct part is listed once in key_parts, and key_grams holds a hash
-- of the part and of each of its one-letter deletions.  Two parts within
-- one edit (or one swap of neighbours) share a gram, so a lookup probes
-- a few grams instead of scanning keys.
CREATE TABLE key_parts (
	id INTEGER PRIMARY KEY,
	part TEXT NOT NULL UNIQUE
);

CREATE TABLE key_grams (
	gram INTEGER NOT NULL,
	part INTEGER NOT NULL,
	PRIMARY KEY (gram, part)
) WITHOUT ROWID;
