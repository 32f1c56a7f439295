# ext/postgres/pgtmp.sh - a throw-away PostgreSQL server for tests and
# benchmarks, sourced by test.sh and bench/run-sql.
#
#   pgtmp_start DIR    initdb in DIR/data and start a server listening
#                      only on a unix socket in DIR; sets PGHOST, PGPORT,
#                      PGUSER for psql, PGTMP_BIN (the server's bindir)
#   pgtmp_run CMD...   run CMD as the server's (unprivileged) user
#   pgtmp_stop         stop it (call from a trap on EXIT)
#
# initdb and postgres refuse to run as root, so as root the server runs
# as a system user nk_pgtest, made on first use.  No TCP: the socket is
# in DIR, so no other server can hold our port and any port is free.

PGTMP_USER=
PGTMP_DIR=

pgtmp_run() {
	if [ -n "$PGTMP_USER" ]; then
		runuser -u "$PGTMP_USER" -- env PGHOST="$PGHOST" PGPORT="$PGPORT" \
			PGUSER="$PGUSER" "$@"
	else
		"$@"
	fi
}

pgtmp_start() { # DIR [postgres -c settings...]
	PGTMP_DIR=$1
	shift
	PGTMP_BIN=$(pg_config --bindir)
	if [ "$(id -u)" = 0 ]; then
		PGTMP_USER=nk_pgtest
		id -u "$PGTMP_USER" >/dev/null 2>&1 ||
			useradd --system --no-create-home --shell /usr/sbin/nologin "$PGTMP_USER"
		chown "$PGTMP_USER" "$PGTMP_DIR"
	fi
	export PGHOST=$PGTMP_DIR PGPORT=5432 PGUSER=nk
	pgtmp_run "$PGTMP_BIN/initdb" -D "$PGTMP_DIR/data" -U "$PGUSER" -A trust \
		-E UTF8 --locale=C --no-sync >"$PGTMP_DIR/initdb.log" 2>&1 || {
		cat "$PGTMP_DIR/initdb.log" >&2
		return 1
	}
	local opts="-c listen_addresses= -k $PGTMP_DIR -p $PGPORT -c fsync=off"
	local s
	for s in "$@"; do
		opts+=" -c $s"
	done
	pgtmp_run "$PGTMP_BIN/pg_ctl" -D "$PGTMP_DIR/data" -o "$opts" -w \
		-l "$PGTMP_DIR/server.log" start >/dev/null || {
		cat "$PGTMP_DIR/server.log" >&2
		return 1
	}
}

pgtmp_stop() {
	[ -n "$PGTMP_DIR" ] && [ -d "$PGTMP_DIR/data" ] || return 0
	pgtmp_run "$PGTMP_BIN/pg_ctl" -D "$PGTMP_DIR/data" -m immediate stop \
		>/dev/null 2>&1 || true
}

# Install the extension's files where the server looks (root, or a
# writable PostgreSQL).  Renamed into place, so a server that has the old
# module mapped never sees a half-written file.
pgtmp_install() { # MODULE.so CONTROL SCRIPT
	local lib ext
	lib=$(pg_config --pkglibdir)
	ext=$(pg_config --sharedir)/extension
	install -m 755 "$1" "$lib/.namekey.so.new" && mv -f "$lib/.namekey.so.new" "$lib/namekey.so"
	install -m 644 "$2" "$3" "$ext/"
}
