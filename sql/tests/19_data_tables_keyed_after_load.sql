-- A table made by create_unkeyed_data_table, loaded, then keyed by key_data_table ends up exactly
-- like one create_data_table makes; until it is keyed, auth.users is not locked; only
-- service_role may call either function.
BEGIN;
SELECT plan(12);

INSERT INTO auth.users (id, email) VALUES ('aaaaaaaa-1900-0000-0000-000000000001', 'tap19-a@example.test');

SET LOCAL ROLE service_role;
SELECT ok(fairdb.create_unkeyed_data_table('tap19_loaded', ARRAY['otu 1', 'site'], 'sample_id'), 'service_role creates an unkeyed table');
INSERT INTO _realtime.tap19_loaded (user_id, sample_id, "otu 1", site)
  VALUES ('aaaaaaaa-1900-0000-0000-000000000001', 'S1', '3', 'gut'), ('aaaaaaaa-1900-0000-0000-000000000001', 'S2', '0', 'oral');
RESET ROLE;
SELECT is((SELECT count(*) FROM pg_locks WHERE relation = 'auth.users'::regclass AND pid = pg_backend_pid() AND mode = 'ShareRowExclusiveLock'),
  0::bigint, 'creating and loading the table does not lock auth.users against sign-ups and sign-ins');

SET LOCAL ROLE service_role;
SELECT ok(fairdb.key_data_table('tap19_loaded', 'sample_id'), 'service_role keys the loaded table');
SELECT ok(public.create_data_table('_realtime', 'tap19_keyed', ARRAY['otu 1', 'site'], 'sample_id'), 'create_data_table makes the reference table');
RESET ROLE;

-- The same definition, the table's own name aside.
CREATE TEMP VIEW tap19_definition AS
  SELECT 'column' AS kind, format('%s %s %s %s %s', a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attstorage)
         || coalesce(' default ' || replace(pg_get_expr(d.adbin, d.adrelid), c.relname, 'T'), '') AS item, c.relname
  FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
  UNION ALL
  SELECT 'index', replace(pg_get_indexdef(i.indexrelid), c.relname, 'T'), c.relname FROM pg_class c JOIN pg_index i ON i.indrelid = c.oid
  UNION ALL
  SELECT 'constraint', replace(k.conname, c.relname, 'T') || ' ' || pg_get_constraintdef(k.oid), c.relname FROM pg_class c JOIN pg_constraint k ON k.conrelid = c.oid
  UNION ALL
  SELECT 'policy', format('%s %s %s %s %s', p.polname, p.polcmd, p.polroles::regrole[], replace(pg_get_expr(p.polqual, p.polrelid), c.relname, 'T'),
         replace(pg_get_expr(p.polwithcheck, p.polrelid), c.relname, 'T')), c.relname FROM pg_class c JOIN pg_policy p ON p.polrelid = c.oid
  UNION ALL
  SELECT 'table', format('rls %s %s', c.relrowsecurity, c.relacl), c.relname FROM pg_class c
  UNION ALL
  SELECT 'sequence', format('%s', s.relacl), replace(s.relname, '_rowid_seq', '') FROM pg_class s WHERE s.relkind = 'S';

SELECT results_eq(
  $$SELECT kind, item FROM tap19_definition WHERE relname = 'tap19_loaded' AND kind IN ('column', 'index', 'constraint') ORDER BY 1, 2$$,
  $$SELECT kind, item FROM tap19_definition WHERE relname = 'tap19_keyed' AND kind IN ('column', 'index', 'constraint') ORDER BY 1, 2$$,
  'the same columns, row key, indexes and foreign key');
SELECT results_eq(
  $$SELECT kind, replace(item, 'tap19_loaded', 'T') FROM tap19_definition WHERE relname = 'tap19_loaded' AND kind IN ('policy', 'table', 'sequence') ORDER BY 1, 2$$,
  $$SELECT kind, replace(item, 'tap19_keyed', 'T') FROM tap19_definition WHERE relname = 'tap19_keyed' AND kind IN ('policy', 'table', 'sequence') ORDER BY 1, 2$$,
  'the same row-level security, policies and privileges');
SELECT is((SELECT count(*) FROM tap19_definition WHERE relname = 'tap19_loaded' AND kind = 'index'), 3::bigint, 'three indexes: the row key, the owner, the id');

SELECT is((SELECT count(*) FROM _realtime.tap19_loaded), 2::bigint, 'the loaded rows are kept');
SELECT is((SELECT array_agg(rowid ORDER BY rowid) FROM _realtime.tap19_loaded), ARRAY[1, 2], 'rows got their row keys from the sequence');
SELECT throws_ok(
  $$INSERT INTO _realtime.tap19_loaded (user_id, sample_id) VALUES ('bbbbbbbb-1900-0000-0000-000000000009', 'S3')$$,
  '23503', NULL, 'after keying, a row of an unknown user is refused by the foreign key');

SET LOCAL ROLE authenticated;
SELECT throws_ok($$SELECT fairdb.create_unkeyed_data_table('tap19_mine', ARRAY['a'], 'id')$$, '42501', NULL, 'authenticated cannot create data tables');
SELECT throws_ok($$SELECT fairdb.key_data_table('tap19_loaded', 'sample_id')$$, '42501', NULL, 'authenticated cannot key data tables');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
