-- fairdb.datasets, dataset_tables, dataset_columns: owner-only for authenticated, everything for
-- service_role, nothing for anon (migration 20251122110000_dataset_details).
BEGIN;
SELECT plan(20);

SELECT has_schema('fairdb');
SELECT has_table('fairdb', t, 'fairdb.' || t || ' exists') FROM unnest(ARRAY['datasets', 'dataset_tables', 'dataset_columns']) AS t;
SELECT is((SELECT bool_and(relrowsecurity) FROM pg_class
           WHERE relnamespace = 'fairdb'::regnamespace AND relname IN ('datasets', 'dataset_tables', 'dataset_columns')),
          true, 'RLS is enabled on the dataset tables');
SELECT policies_are('fairdb', t, ARRAY['owner_select', 'owner_insert', 'owner_update', 'owner_delete', 'service_role_full_access'])
  FROM unnest(ARRAY['datasets', 'dataset_tables', 'dataset_columns']) AS t;
SELECT table_privs_are('fairdb', t, 'anon', ARRAY[]::text[])
  FROM unnest(ARRAY['datasets', 'dataset_tables', 'dataset_columns']) AS t;
SELECT table_privs_are('fairdb', t, 'authenticated', ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE'])
  FROM unnest(ARRAY['datasets', 'dataset_tables', 'dataset_columns']) AS t;
SELECT ok(NOT has_schema_privilege('anon', 'fairdb', 'USAGE'), 'anon cannot use schema fairdb');

-- Behaviour: A sees its dataset, B does not, and B cannot claim A's.
INSERT INTO auth.users (id, email) VALUES
  ('aaaaaaaa-0000-0000-0000-00000000000a', 'da@example.test'),
  ('bbbbbbbb-0000-0000-0000-00000000000b', 'db@example.test');
SET LOCAL ROLE service_role;
INSERT INTO fairdb.datasets (id, user_id, display_name, file_name, row_count, column_count, id_column, id_hash, original_header)
VALUES ('dddddddd-0000-0000-0000-000000000001', 'aaaaaaaa-0000-0000-0000-00000000000a', 'study', 'study.csv', 1, 2, 'id', 'sha256', ARRAY['ID', 'x']);
RESET ROLE;

SET LOCAL ROLE authenticated;
SELECT set_config('request.jwt.claims', '{"sub":"aaaaaaaa-0000-0000-0000-00000000000a","role":"authenticated"}', true);
SELECT is((SELECT count(*) FROM fairdb.datasets), 1::bigint, 'the owner sees its dataset');
SELECT set_config('request.jwt.claims', '{"sub":"bbbbbbbb-0000-0000-0000-00000000000b","role":"authenticated"}', true);
SELECT is((SELECT count(*) FROM fairdb.datasets), 0::bigint, 'another user does not');
SELECT is_empty($$UPDATE fairdb.datasets SET display_name = 'taken' RETURNING id$$, 'another user cannot change it');
SELECT throws_ok(
  $$INSERT INTO fairdb.datasets (id, user_id, display_name, file_name, row_count, column_count, id_column, id_hash, original_header)
    VALUES ('dddddddd-0000-0000-0000-000000000002', 'aaaaaaaa-0000-0000-0000-00000000000a', 'fake', 'fake.csv', 0, 2, 'id', 'sha256', ARRAY['a', 'b'])$$,
  '42501', NULL, 'another user cannot insert rows owned by someone else');
RESET ROLE;

SET LOCAL ROLE anon;
SELECT throws_ok('SELECT count(*) FROM fairdb.datasets', '42501', NULL, 'anon cannot read datasets');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
