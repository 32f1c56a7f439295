#!/usr/bin/env bash
# ext/sqlite/test.sh - the SQLite extension through the sqlite3 shell:
# .load by path (so the entry point name SQLite derives from the file
# name must be right), the four functions, and an expression index that
# a query uses.  Usage: test.sh PATH/libnamekey_sqlite.so
# Exit 77 (skipped) without the extension, the sqlite3 shell, or in a
# sanitizer build (the shell cannot load an instrumented module).
set -euo pipefail

skip() {
	echo "SKIP: $*"
	exit 77
}

[ "${NK_SANITIZED:-0}" = 1 ] && skip "sanitizer build"
[ $# -eq 1 ] || skip "extension not built"
command -v sqlite3 >/dev/null || skip "no sqlite3 shell (Debian package sqlite3)"

got=$(sqlite3 -batch -bail :memory: <<SQL
.load $1
PRAGMA trusted_schema = OFF;
SELECT namekey_key('Gennady Zyuganov');
SELECT namekey_key('Зюганов Геннадий Андреевич') = namekey_key('Guennadi Ziouganov');
SELECT json_array_length(namekey_keys('Guennadi Ziouganov')) > 1;
SELECT json_extract(namekey_keys('Guennadi Ziouganov'), '\$[0]') = namekey_key('Guennadi Ziouganov');
SELECT quote(namekey_key(NULL)), quote(namekey_key('!!!')), quote(namekey_match('a', NULL));
SELECT namekey_match('G. A. Zyuganov', 'Gennady Zyuganov'), namekey_match('Kim Jong-il', 'Kim Jong-un');
SELECT namekey_score('Kim Jong-un', '김정은');
CREATE TABLE docs(id INTEGER PRIMARY KEY, author TEXT,
	author_key TEXT GENERATED ALWAYS AS (namekey_key(author)) STORED);
CREATE INDEX docs_key ON docs(namekey_key(author));
INSERT INTO docs(author) VALUES ('Gennady Zyuganov'), ('Зюганов Г. А.'),
	('Zjuganov, Gennadij'), ('Kim Jong-un'), (NULL), ('!!!');
SELECT group_concat(id) FROM docs WHERE namekey_key(author) = namekey_key('Guennadi Ziouganov');
SELECT count(*) FROM docs WHERE author_key IS namekey_key(author);
EXPLAIN QUERY PLAN SELECT id FROM docs WHERE namekey_key(author) = namekey_key('Zyuganov Gennady');
SQL
)

want=$(cat <<'OUT'
ru:genadi:zuganov
1
1
1
NULL|NULL|NULL
1|0
1.0
1,3
6
QUERY PLAN
`--SEARCH docs USING INDEX docs_key (<expr>=?)
OUT
)

if [ "$got" != "$want" ]; then
	diff -u <(echo "$want") <(echo "$got") || true
	echo "FAIL: sqlite3 shell output differs"
	exit 1
fi
echo "ok: sqlite3 shell"
