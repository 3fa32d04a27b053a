-- Column-wise working copies: owner-only, insert/select/delete only, gone with their workspace.
BEGIN;
SELECT plan(12);

SELECT has_table('fairdb_work', 'workspace_columns', 'the column-wise working-copy table exists');
SELECT col_is_pk('fairdb_work', 'workspace_columns', ARRAY['user_id', 'block', 'ordinal'], 'one row per user, block and column');
SELECT hasnt_column('fairdb_work', 'workspaces', 'current', 'the whole-table blob is gone');
SELECT col_type_is('fairdb_work', 'workspaces', 'kept_rows', 'bytea', 'the kept-row mask is bytea');
SELECT ok((SELECT relrowsecurity FROM pg_class WHERE oid = 'fairdb_work.workspace_columns'::regclass), 'RLS is enabled');
SELECT policies_are('fairdb_work', 'workspace_columns',
  ARRAY['owner_select', 'owner_insert', 'owner_delete', 'service_role_full_access']);
SELECT table_privs_are('fairdb_work', 'workspace_columns', 'anon', ARRAY[]::text[], 'anon has no access');
SELECT table_privs_are('fairdb_work', 'workspace_columns', 'authenticated', ARRAY['SELECT', 'INSERT', 'DELETE'],
  'authenticated reads, writes and deletes its own rows through RLS');

INSERT INTO auth.users (id, email) VALUES
  ('cccccccc-0000-0000-0000-000000000001', 'wc-owner@example.test'),
  ('cccccccc-0000-0000-0000-000000000002', 'wc-other@example.test');
INSERT INTO fairdb_work.workspaces (user_id, state) VALUES ('cccccccc-0000-0000-0000-000000000001', '{"step":"DropIdentifiers"}');
INSERT INTO fairdb_work.workspace_columns (user_id, block, ordinal, data) VALUES
  ('cccccccc-0000-0000-0000-000000000001', 0, 0, '\x00'), ('cccccccc-0000-0000-0000-000000000001', 0, 1, '\x01');

SET LOCAL ROLE authenticated;
SELECT set_config('request.jwt.claims', '{"sub":"cccccccc-0000-0000-0000-000000000002","role":"authenticated"}', true);
SELECT is((SELECT count(*)::int FROM fairdb_work.workspace_columns), 0, 'another user sees no columns');
SELECT throws_ok($$INSERT INTO fairdb_work.workspace_columns (user_id, block, ordinal, data)
  VALUES ('cccccccc-0000-0000-0000-000000000001', 1, 0, '\x00')$$, '42501', NULL, 'nor writes into them');
SELECT set_config('request.jwt.claims', '{"sub":"cccccccc-0000-0000-0000-000000000001","role":"authenticated"}', true);
SELECT is((SELECT count(*)::int FROM fairdb_work.workspace_columns), 2, 'the owner sees theirs');
DELETE FROM fairdb_work.workspaces;
SELECT is((SELECT count(*)::int FROM fairdb_work.workspace_columns), 0, 'deleting the working copy deletes its columns');

SELECT * FROM finish();
ROLLBACK;
