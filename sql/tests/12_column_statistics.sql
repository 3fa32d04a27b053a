-- fairdb.column_statistics: kept per-column statistics, owner-only for authenticated, everything
-- for service_role, nothing for anon; removed with their dataset (migration 20261123140000).
BEGIN;
SELECT plan(12);

SELECT has_table('fairdb', 'column_statistics', 'fairdb.column_statistics exists');
SELECT is((SELECT relrowsecurity FROM pg_class WHERE oid = 'fairdb.column_statistics'::regclass), true, 'RLS is enabled');
SELECT policies_are('fairdb', 'column_statistics', ARRAY['owner_select', 'grantee_select', 'owner_insert', 'owner_update', 'owner_delete', 'service_role_full_access']);
SELECT table_privs_are('fairdb', 'column_statistics', 'anon', ARRAY[]::text[]);
SELECT table_privs_are('fairdb', 'column_statistics', 'authenticated', ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']);

INSERT INTO auth.users (id, email) VALUES
  ('aaaaaaaa-0000-0000-0000-00000000001a', 'sa@example.test'),
  ('bbbbbbbb-0000-0000-0000-00000000001b', 'sb@example.test');
SET LOCAL ROLE service_role;
INSERT INTO fairdb.datasets (id, user_id, display_name, file_name, row_count, column_count, id_column, id_hash, original_header)
VALUES ('dddddddd-0000-0000-0000-000000000012', 'aaaaaaaa-0000-0000-0000-00000000001a', 'study', 'study.csv', 1, 2, 'id', 'sha256', ARRAY['ID', 'x']);
RESET ROLE;

SET LOCAL ROLE authenticated;
SELECT set_config('request.jwt.claims', '{"sub":"aaaaaaaa-0000-0000-0000-00000000001a","role":"authenticated"}', true);
INSERT INTO fairdb.column_statistics (dataset_id, user_id, claim, columns)
VALUES ('dddddddd-0000-0000-0000-000000000012', 'aaaaaaaa-0000-0000-0000-00000000001a', gen_random_uuid(), '[{"name": "x"}]');
SELECT is((SELECT count(*) FROM fairdb.column_statistics), 1::bigint, 'the owner keeps and sees its statistics');
SELECT set_config('request.jwt.claims', '{"sub":"bbbbbbbb-0000-0000-0000-00000000001b","role":"authenticated"}', true);
SELECT is((SELECT count(*) FROM fairdb.column_statistics), 0::bigint, 'another user does not see them');
SELECT is_empty($$UPDATE fairdb.column_statistics SET columns = '[]' RETURNING dataset_id$$, 'another user cannot change them');
SELECT is_empty($$DELETE FROM fairdb.column_statistics RETURNING dataset_id$$, 'another user cannot delete them');
SELECT throws_ok(
  $$INSERT INTO fairdb.column_statistics (dataset_id, user_id, claim) VALUES ('dddddddd-0000-0000-0000-000000000012', 'aaaaaaaa-0000-0000-0000-00000000001a', gen_random_uuid())$$,
  '42501', NULL, 'another user cannot write statistics in the owner''s name');
RESET ROLE;

SET LOCAL ROLE anon;
SELECT throws_ok('SELECT count(*) FROM fairdb.column_statistics', '42501', NULL, 'anon cannot read statistics');
RESET ROLE;

DELETE FROM fairdb.datasets WHERE id = 'dddddddd-0000-0000-0000-000000000012';
SELECT is((SELECT count(*) FROM fairdb.column_statistics WHERE dataset_id = 'dddddddd-0000-0000-0000-000000000012'), 0::bigint,
  'statistics go with their dataset');

SELECT * FROM finish();
ROLLBACK;
