-- Schema version 2 -> 3: the first key of an alias moves onto its row
-- (aliases.key), aliases are indexed by 24-bit hashes of their name and
-- key, alias_keys keeps only the further readings, the key format is
-- the store's alone (meta.key_format), key_parts counts the uses of each
-- part, grams become 24-bit, and identities.lang is checked without IN.
-- The first key of a v2 alias is its smallest (v2 kept no order); the
-- set of keys is unchanged.  The library computes the hashes and
-- refills key_parts and key_grams right after this script, in the same
-- transaction.
ALTER TABLE aliases RENAME TO aliases_v2;
ALTER TABLE alias_keys RENAME TO alias_keys_v2;
ALTER TABLE identities RENAME TO identities_v2;
DROP INDEX aliases_name;
DROP INDEX aliases_identity;
DROP INDEX alias_keys_alias;

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
INSERT INTO identities SELECT * FROM identities_v2;
-- Ids are never reused: the new table goes on from the old one's count.
DELETE FROM sqlite_sequence WHERE name = 'identities';
UPDATE sqlite_sequence SET name = 'identities' WHERE name = 'identities_v2';

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

CREATE TABLE alias_keys (
	key TEXT NOT NULL,
	alias INTEGER NOT NULL REFERENCES aliases(id) ON DELETE CASCADE,
	PRIMARY KEY (key, alias)
) WITHOUT ROWID;
CREATE INDEX alias_keys_alias ON alias_keys(alias);

INSERT INTO aliases(id, identity, name, name_hash, key, key_hash, source,
		    added)
	SELECT a.id, a.identity, a.name, 0,
	       coalesce((SELECT min(k.key) FROM alias_keys_v2 k
			 WHERE k.alias = a.id), ''),
	       0, a.source, a.added
	FROM aliases_v2 a ORDER BY a.id;
INSERT INTO alias_keys(key, alias)
	SELECT k.key, k.alias FROM alias_keys_v2 k
	JOIN aliases a ON a.id = k.alias WHERE k.key <> a.key;
DROP TABLE alias_keys_v2;
DROP TABLE aliases_v2;
DROP TABLE identities_v2;

DROP TABLE key_grams;
DROP TABLE key_parts;
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
