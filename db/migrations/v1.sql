-- Store schema version 1 (frozen: a shipped store may be at this version).
-- Applied to an empty file only by tests that make a v1 store; new stores
-- are made from db/schema.sql.  See db/schema.sql for what each column is.
PRAGMA application_id = 1313555801;

CREATE TABLE meta (
	name TEXT PRIMARY KEY NOT NULL,
	value
) WITHOUT ROWID;

CREATE TABLE identities (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	display TEXT NOT NULL,
	lang TEXT NOT NULL CHECK (lang IN ('auto', 'other', 'ru', 'ko')),
	note TEXT,
	created INTEGER NOT NULL,
	updated INTEGER NOT NULL,
	origin INTEGER NOT NULL
);

CREATE TABLE aliases (
	id INTEGER PRIMARY KEY,
	identity INTEGER NOT NULL REFERENCES identities(id),
	name TEXT NOT NULL,
	source TEXT,
	added INTEGER NOT NULL
);
CREATE UNIQUE INDEX aliases_name ON aliases(name, identity);
CREATE INDEX aliases_identity ON aliases(identity);

CREATE TABLE alias_keys (
	key TEXT NOT NULL,
	alias INTEGER NOT NULL REFERENCES aliases(id) ON DELETE CASCADE,
	format INTEGER NOT NULL,
	PRIMARY KEY (key, alias)
) WITHOUT ROWID;
CREATE INDEX alias_keys_alias ON alias_keys(alias);

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
