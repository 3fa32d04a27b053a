-- What makes row-level security cheap on every page, without changing what it allows:
-- auth.uid() reads request.jwt.claim.sub before parsing the claims JSON (supabase-compat
-- 20261124140000), and the sharing helpers the policies call are PL/pgSQL, which keeps its plans
-- (migration 20261124140000_policy_helpers_keep_their_plans). A shares with B; C has no grant.
BEGIN;
SELECT plan(31);

-- auth.uid(): the plain setting wins, the claims are the fallback, neither means NULL.
SELECT set_config('request.jwt.claims', '{"sub":"aaaaaaaa-1800-0000-0000-000000000001"}', true);
SELECT is(auth.uid(), 'aaaaaaaa-1800-0000-0000-000000000001'::uuid, 'without claim.sub, auth.uid() is the claims'' sub');
SELECT set_config('request.jwt.claim.sub', 'bbbbbbbb-1800-0000-0000-000000000002', true);
SELECT is(auth.uid(), 'bbbbbbbb-1800-0000-0000-000000000002'::uuid, 'claim.sub is read first, as Supabase''s auth.uid() does');
SELECT set_config('request.jwt.claim.sub', '', true);
SELECT is(auth.uid(), 'aaaaaaaa-1800-0000-0000-000000000001'::uuid, 'an empty claim.sub falls back to the claims');
SELECT set_config('request.jwt.claims', '', true);
SELECT is(auth.uid(), NULL, 'neither set: NULL');

-- The helpers: same names, PL/pgSQL now, still SECURITY DEFINER, owned by fairdb_definer, not for anon.
SELECT function_lang_is(s, f, a, 'plpgsql', s || '.' || f || ' is PL/pgSQL (its plans are kept per connection)') FROM (VALUES
  ('fairdb', 'dataset_shared_with_caller', ARRAY['uuid']), ('fairdb', 'table_shared_with_caller', ARRAY['text']),
  ('fairdb', 'datasets_shared_with_caller', ARRAY[]::text[]), ('fairdb', 'tables_shared_with_caller', ARRAY[]::text[]),
  ('fairdb', 'shared_dataset_owners', ARRAY[]::text[]), ('public', 'user_owns_table', ARRAY['text'])) AS v (s, f, a);
SELECT is_definer(s, f, a, s || '.' || f || ' is SECURITY DEFINER') FROM (VALUES
  ('fairdb', 'dataset_shared_with_caller', ARRAY['uuid']), ('fairdb', 'table_shared_with_caller', ARRAY['text']),
  ('fairdb', 'datasets_shared_with_caller', ARRAY[]::text[]), ('fairdb', 'tables_shared_with_caller', ARRAY[]::text[]),
  ('fairdb', 'shared_dataset_owners', ARRAY[]::text[]), ('public', 'user_owns_table', ARRAY['text'])) AS v (s, f, a);
SELECT function_owner_is('fairdb', 'tables_shared_with_caller', ARRAY[]::text[], 'fairdb_definer', 'the owner is still fairdb_definer');
SELECT function_privs_are('fairdb', 'tables_shared_with_caller', ARRAY[]::text[], 'anon', ARRAY[]::text[], 'anon still may not call it');

INSERT INTO auth.users (id, email) VALUES
  ('aaaaaaaa-1800-0000-0000-000000000001', 'tap18-a@example.test'),
  ('bbbbbbbb-1800-0000-0000-000000000002', 'tap18-b@example.test'),
  ('cccccccc-1800-0000-0000-000000000003', 'tap18-c@example.test');
SET LOCAL ROLE service_role;
SELECT public.create_data_table('_realtime', 'tap18_p0', ARRAY['taxon'], 'sample_id');
INSERT INTO _realtime.metadata_tables (table_name, main_table, user_id) VALUES ('tap18_p0', 'tap18', 'aaaaaaaa-1800-0000-0000-000000000001');
INSERT INTO fairdb.datasets (id, user_id, display_name, file_name, row_count, column_count, id_column, id_hash, original_header)
VALUES ('dddddddd-1800-0000-0000-000000000004', 'aaaaaaaa-1800-0000-0000-000000000001', 'tap18', 'tap18.csv', 1, 2, 'sample_id', 'sha256', ARRAY['id', 'taxon']);
INSERT INTO fairdb.dataset_tables (dataset_id, chunk_index, table_name, column_count, user_id)
VALUES ('dddddddd-1800-0000-0000-000000000004', 0, 'tap18_p0', 1, 'aaaaaaaa-1800-0000-0000-000000000001');
INSERT INTO _realtime.tap18_p0 (user_id, sample_id, taxon) VALUES ('aaaaaaaa-1800-0000-0000-000000000001', 'h', '7');
INSERT INTO fairdb.dataset_grants (dataset_id, grantee, granted_by)
VALUES ('dddddddd-1800-0000-0000-000000000004', 'bbbbbbbb-1800-0000-0000-000000000002', 'aaaaaaaa-1800-0000-0000-000000000001');
RESET ROLE;

-- As the app sets a user: role, claims and claim.sub, all local to the transaction.
SET LOCAL ROLE authenticated;
SELECT set_config('request.jwt.claims', '{"sub":"bbbbbbbb-1800-0000-0000-000000000002","role":"authenticated"}', true),
       set_config('request.jwt.claim.sub', 'bbbbbbbb-1800-0000-0000-000000000002', true);
SELECT ok(fairdb.dataset_shared_with_caller('dddddddd-1800-0000-0000-000000000004'), 'B: the dataset is shared with B');
SELECT ok(fairdb.table_shared_with_caller('tap18_p0'), 'B: its table is shared with B');
SELECT results_eq('SELECT fairdb.datasets_shared_with_caller()', ARRAY['dddddddd-1800-0000-0000-000000000004'::uuid], 'B: the shared dataset ids');
SELECT results_eq('SELECT fairdb.tables_shared_with_caller()', ARRAY['tap18_p0'], 'B: the shared table names');
SELECT results_eq('SELECT owner_email FROM fairdb.shared_dataset_owners()', ARRAY['tap18-a@example.test'], 'B: who shared it');
SELECT ok(NOT public.user_owns_table('tap18_p0'), 'B does not own the table');
SELECT is((SELECT count(*) FROM _realtime.tap18_p0), 1::bigint, 'B reads the shared rows through the policy');
SELECT throws_ok($$INSERT INTO _realtime.tap18_p0 (rowid, user_id, sample_id) VALUES (900, 'bbbbbbbb-1800-0000-0000-000000000002', 'x')$$,
  '42501', NULL, 'B cannot add rows to a table shared with it');

SELECT set_config('request.jwt.claims', '{"sub":"cccccccc-1800-0000-0000-000000000003","role":"authenticated"}', true),
       set_config('request.jwt.claim.sub', 'cccccccc-1800-0000-0000-000000000003', true);
SELECT ok(NOT fairdb.table_shared_with_caller('tap18_p0'), 'C: nothing is shared with C');
SELECT is((SELECT count(*) FROM fairdb.tables_shared_with_caller()), 0::bigint, 'C: no shared table names');
SELECT is((SELECT count(*) FROM _realtime.metadata_tables), 0::bigint, 'C sees no metadata');
SELECT is((SELECT count(*) FROM _realtime.tap18_p0), 0::bigint, 'C reads no rows');

SELECT set_config('request.jwt.claims', '{"sub":"aaaaaaaa-1800-0000-0000-000000000001","role":"authenticated"}', true),
       set_config('request.jwt.claim.sub', 'aaaaaaaa-1800-0000-0000-000000000001', true);
SELECT ok(public.user_owns_table('tap18_p0'), 'A owns the table');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
