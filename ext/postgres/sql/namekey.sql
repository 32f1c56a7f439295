-- sql/namekey.sql - pg_regress test of the namekey extension (run by
-- test.sh, which creates the extension with --load-extension).  Keys are
-- checked by their relations more than their text, so that rule changes
-- that keep names together do not break it.

-- The README's example key, and spellings that meet on it.
SELECT namekey_key('Gennady Zyuganov');
SELECT namekey_key('Зюганов Геннадий Андреевич') = namekey_key('Guennadi Ziouganov') AS same;
SELECT namekey_key('Kim Jong-un') = namekey_key('김정은') AS same,
       namekey_key('Kim Jong-un') = namekey_key('Kim Jong-il') AS same_as_father;

-- Every key, most likely first.
SELECT cardinality(namekey_keys('Guennadi Ziouganov')) > 1 AS several,
       (namekey_keys('Guennadi Ziouganov'))[1] = namekey_key('Guennadi Ziouganov') AS first_is_key,
       namekey_keys('Gennady Zyuganov') = ARRAY[namekey_key('Gennady Zyuganov')] AS one;

-- NULL in, NULL out; a name with nothing to key is NULL too.
SELECT namekey_key(NULL) IS NULL AS key_null, namekey_keys(NULL) IS NULL AS keys_null,
       namekey_match('Ivan Petrov', NULL) IS NULL AS match_null,
       namekey_score(NULL, 'Ivan Petrov') IS NULL AS score_null,
       namekey_key('!!!') IS NULL AS nothing_to_key,
       namekey_key(repeat('a', 5000)) IS NULL AS too_long;

-- Comparison: initials are compatible, a different patronymic is not
-- (though the keys, which leave patronymics out, are equal).
SELECT namekey_match('G. A. Zyuganov', 'Gennady Zyuganov') AS initials,
       namekey_match('Kim Jong-il', 'Kim Jong-un') AS father_and_son,
       namekey_key('Ivan Ivanovich Petrov') = namekey_key('Ivan Sergeyevich Petrov') AS keys_equal,
       namekey_match('Ivan Ivanovich Petrov', 'Ivan Sergeyevich Petrov') AS patronymics;
SELECT namekey_score('Kim Jong-un', '김정은') AS equal,
       namekey_score('G. A. Zyuganov', 'Gennady Zyuganov') BETWEEN 0.5 AND 0.95 AS compatible,
       namekey_score('Kim Jong-il', 'Kim Jong-un') AS different;

SELECT namekey_version() ~ '^namekey [0-9]+\.[0-9]+\.[0-9]+ \(key format [0-9]+\)$' AS version;

-- Declared as the planner and Citus need them.
SELECT proname, provolatile, proparallel, proisstrict
FROM pg_proc WHERE proname LIKE 'namekey\_%' ORDER BY proname;

-- Expression indexes: a btree on the first key, a GIN on all keys.
CREATE TABLE docs (id int PRIMARY KEY, author text);
INSERT INTO docs VALUES (1, 'Gennady Zyuganov'), (2, 'Зюганов Г. А.'),
	(3, 'Zjuganov, Gennadij'), (4, 'Kim Jong-un'), (5, NULL), (6, '!!!');
INSERT INTO docs SELECT i, 'Person ' || i FROM generate_series(7, 2000) i;
CREATE INDEX docs_key ON docs (namekey_key(author));
CREATE INDEX docs_keys ON docs USING gin (namekey_keys(author));
ANALYZE docs;

SELECT id FROM docs WHERE namekey_key(author) = namekey_key('Guennadi Ziouganov') ORDER BY id;
SELECT id FROM docs WHERE namekey_keys(author) && namekey_keys('Guennadi Ziouganov') ORDER BY id;

-- Does a line of the EXPLAIN query match the regular expression pattern?
CREATE FUNCTION plan_has(query text, pattern text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
	line text;
BEGIN
	FOR line IN EXECUTE query LOOP
		IF line ~ pattern THEN
			RETURN true;
		END IF;
	END LOOP;
	RETURN false;
END $$;

SET enable_seqscan = off;
SELECT plan_has($$EXPLAIN (COSTS OFF) SELECT id FROM docs
		WHERE namekey_key(author) = namekey_key('Zyuganov Gennady')$$,
	'Index Cond: \(namekey_key\(author\) = ') AS btree_used,
       plan_has($$EXPLAIN (COSTS OFF) SELECT id FROM docs
		WHERE namekey_keys(author) && namekey_keys('Zyuganov Gennady')$$,
	'Bitmap Index Scan on docs_keys') AS gin_used;
RESET enable_seqscan;

-- Parallel query: the grouping runs in workers, and gives the serial answer.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT plan_has($$EXPLAIN (COSTS OFF) SELECT namekey_key(author), count(*)
		FROM docs GROUP BY 1$$, 'Parallel Seq Scan on docs') AS parallel_plan,
       plan_has($$EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
		SELECT namekey_key(author), count(*) FROM docs GROUP BY 1$$,
	'Workers Launched: [1-9]') AS workers_ran;
CREATE TABLE parallel_answer AS
	SELECT namekey_key(author) AS k, count(*) AS n FROM docs GROUP BY 1;
SET max_parallel_workers_per_gather = 0;
SELECT count(*) AS differences FROM (
	(SELECT * FROM parallel_answer EXCEPT
	 SELECT namekey_key(author), count(*) FROM docs GROUP BY 1)
	UNION ALL
	(SELECT namekey_key(author), count(*) FROM docs GROUP BY 1 EXCEPT
	 SELECT * FROM parallel_answer)) d;

-- A stored generated column keeps the key beside the name.
CREATE TABLE people (name text, name_key text GENERATED ALWAYS AS (namekey_key(name)) STORED);
INSERT INTO people VALUES ('Zyuganov G. A.'), ('Kim Jong-un'), ('!!!');
SELECT name, name_key IS NOT DISTINCT FROM namekey_key(name) AS stored FROM people ORDER BY name;
