-- Anonymization working copies: one row per user, visible and writable only by its owner.
BEGIN;
SELECT plan(10);

SELECT has_table('fairdb_work', 'workspaces', 'the working-copy table exists');
SELECT col_is_pk('fairdb_work', 'workspaces', 'user_id', 'one working copy per user');
SELECT col_type_is('fairdb_work', 'workspaces', 'state', 'jsonb', 'the state is jsonb');
SELECT col_type_is('fairdb_work', 'workspaces', 'source', 'jsonb', 'the source layout is jsonb');
SELECT ok((SELECT relrowsecurity FROM pg_class WHERE oid = 'fairdb_work.workspaces'::regclass), 'RLS is enabled');
SELECT policies_are('fairdb_work', 'workspaces',
  ARRAY['owner_select', 'owner_insert', 'owner_update', 'owner_delete', 'service_role_full_access']);
SELECT table_privs_are('fairdb_work', 'workspaces', 'anon', ARRAY[]::text[], 'anon has no access');
SELECT table_privs_are('fairdb_work', 'workspaces', 'authenticated', ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  'authenticated works on its own rows through RLS');

INSERT INTO auth.users (id, email) VALUES
  ('bbbbbbbb-0000-0000-0000-000000000001', 'ws-owner@example.test'),
  ('bbbbbbbb-0000-0000-0000-000000000002', 'ws-other@example.test');
INSERT INTO fairdb_work.workspaces (user_id, state) VALUES ('bbbbbbbb-0000-0000-0000-000000000001', '{"step":"Complete"}');

SET LOCAL ROLE authenticated;
SELECT set_config('request.jwt.claims', '{"sub":"bbbbbbbb-0000-0000-0000-000000000002","role":"authenticated"}', true);
SELECT is((SELECT count(*)::int FROM fairdb_work.workspaces), 0, 'another user sees no working copy');
SELECT set_config('request.jwt.claims', '{"sub":"bbbbbbbb-0000-0000-0000-000000000001","role":"authenticated"}', true);
SELECT is((SELECT count(*)::int FROM fairdb_work.workspaces), 1, 'the owner sees theirs');

SELECT * FROM finish();
ROLLBACK;
