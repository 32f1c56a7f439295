-- namekey--0.1.sql - the SQL functions of the namekey extension, version
-- 0.1; the C side is namekey_pg.c.
--
-- A key depends on the name and the key format only, hence IMMUTABLE
-- (usable in indexes and generated columns) and PARALLEL SAFE (parallel
-- workers and Citus workers may call them).  After an upgrade that
-- changes the key format (namekey_version() says which), indexes and
-- stored columns built on keys must be rebuilt: REINDEX.
--
-- COST: one call keys a whole name (about 1 µs), some 20 times the cost
-- of a built-in operator; a realistic cost lets the planner choose a
-- parallel plan and an index over recomputing keys.

\echo Use "CREATE EXTENSION namekey" to load this file. \quit

CREATE FUNCTION namekey_key(name text) RETURNS text
	AS 'MODULE_PATHNAME', 'namekey_key'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 20;
COMMENT ON FUNCTION namekey_key(text) IS
	'first (most likely) key of a name; NULL when it has none';

CREATE FUNCTION namekey_keys(name text) RETURNS text[]
	AS 'MODULE_PATHNAME', 'namekey_keys'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 20;
COMMENT ON FUNCTION namekey_keys(text) IS
	'every key of a name, most likely first; NULL when it has none';

CREATE FUNCTION namekey_match(a text, b text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'namekey_match'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 40;
COMMENT ON FUNCTION namekey_match(text, text) IS
	'true when the names are equal or compatible (one person as far as spelling tells)';

CREATE FUNCTION namekey_score(a text, b text) RETURNS float8
	AS 'MODULE_PATHNAME', 'namekey_score'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 40;
COMMENT ON FUNCTION namekey_score(text, text) IS
	'how far two names agree: 1 equal, 0 different';

-- STABLE, not IMMUTABLE: the one answer meant to change when a new
-- library is installed, so it must never be folded into a stored plan.
CREATE FUNCTION namekey_version() RETURNS text
	AS 'MODULE_PATHNAME', 'namekey_version'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION namekey_version() IS
	'library version and key format, e.g. namekey 0.1.0 (key format 1)';
