#!/usr/bin/env bash
# ext/postgres/test.sh - the PostgreSQL extension against a real server:
# installs namekey.so, namekey.control and namekey--0.1.sql where the
# server looks, starts a throw-away PostgreSQL 15 (pgtmp.sh), runs
# pg_regress with sql/ and expected/, then checks a LATIN1 database (names
# are converted to UTF-8 before keying).  The server stops on exit.
#
# Usage: test.sh MODULE.so CONTROL SCRIPT SRCDIR   (meson passes them)
# Exit 77 (skipped) without the built extension, without pg_config or
# the server, when the install directories are not writable, and in a
# sanitizer build (postgres cannot load an instrumented module).
set -euo pipefail

skip() {
	echo "SKIP: $*"
	exit 77
}

[ "${NK_SANITIZED:-0}" = 1 ] && skip "sanitizer build"
command -v pg_config >/dev/null || skip "pg_config not found"
[ $# -eq 4 ] || skip "extension not built"
module=$1 control=$2 script=$3 srcdir=$4

bindir=$(pg_config --bindir)
regress=$(pg_config --pkglibdir)/pgxs/src/test/regress/pg_regress
[ -x "$bindir/initdb" ] || skip "no PostgreSQL server in $bindir (postgresql-15)"
[ -x "$regress" ] || skip "no pg_regress (postgresql-server-dev-15)"
[ -w "$(pg_config --pkglibdir)" ] && [ -w "$(pg_config --sharedir)/extension" ] ||
	skip "cannot install into the server's directories (run as root)"

. "$srcdir/pgtmp.sh"

tmp=$(mktemp -d /tmp/nk-pgtest.XXXXXX)
chmod 755 "$tmp"
trap 'pgtmp_stop; rm -rf "$tmp"' EXIT

pgtmp_install "$module" "$control" "$script"
pgtmp_start "$tmp"

# pg_regress runs as the server's user, which may not read the source
# tree: give it copies.
cp -r "$srcdir/sql" "$srcdir/expected" "$tmp/"
mkdir "$tmp/out"
chown -R --reference="$tmp" "$tmp/sql" "$tmp/expected" "$tmp/out"

if ! pgtmp_run "$regress" --bindir="$bindir" --inputdir="$tmp" \
	--outputdir="$tmp/out" --dbname=nk_regress --load-extension=namekey \
	namekey; then
	cat "$tmp/out/regression.diffs" 2>/dev/null || true
	exit 1
fi

# In a LATIN1 database ë is one byte, not UTF-8: the module must convert.
psql_q() {
	pgtmp_run env PGCLIENTENCODING=UTF8 "$bindir/psql" -X -q -At \
		-v ON_ERROR_STOP=1 "$@"
}
psql_q -d postgres -c "CREATE DATABASE latin1 ENCODING 'LATIN1'
	LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"
got=$(psql_q -d latin1 -c "CREATE EXTENSION namekey" -c "SELECT
	namekey_key('Fëdor Dostoevskij') = namekey_key('Fedor Dostoevskij'),
	namekey_key('Fëdor Dostoevskij') IS NOT NULL")
if [ "$got" != "t|t" ]; then
	echo "FAIL: LATIN1 database: got '$got', want 't|t'"
	exit 1
fi
echo "ok: LATIN1 database"
