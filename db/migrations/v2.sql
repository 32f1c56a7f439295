-- Schema version 1 -> 2: the near-key index.  The library fills the new
-- tables from alias_keys right after this script, in the same transaction.
CREATE TABLE key_parts (
	id INTEGER PRIMARY KEY,
	part TEXT NOT NULL UNIQUE
);

CREATE TABLE key_grams (
	gram INTEGER NOT NULL,
	part INTEGER NOT NULL,
	PRIMARY KEY (gram, part)
) WITHOUT ROWID;
