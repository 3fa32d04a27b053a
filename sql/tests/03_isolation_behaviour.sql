-- Behaviour with two users: each sees and changes only its own data.
BEGIN;
SELECT plan(25);

INSERT INTO auth.users (id, email) VALUES
  ('aaaaaaaa-0000-0000-0000-000000000001', 'a@example.test'),
  ('bbbbbbbb-0000-0000-0000-000000000002', 'b@example.test');

-- Tables are created by the service role, as uploads do.
SET LOCAL ROLE service_role;
SELECT ok(public.create_data_table('_realtime', 'tap_a_p1', ARRAY['alpha_count', 'site'], 'patient_id'), 'service_role creates a data table');
SELECT ok(public.create_data_table('_realtime', 'tap_b_p1', ARRAY['beta_count'], 'patient_id'), 'service_role creates a second data table');
INSERT INTO _realtime.metadata_tables (table_name, main_table, user_id) VALUES
  ('tap_a_p1', 'tap_a', 'aaaaaaaa-0000-0000-0000-000000000001'),
  ('tap_b_p1', 'tap_b', 'bbbbbbbb-0000-0000-0000-000000000002');
INSERT INTO _realtime.tap_a_p1 (user_id, patient_id, alpha_count, site) VALUES
  ('aaaaaaaa-0000-0000-0000-000000000001', 'h1', '10', 'gut');
INSERT INTO _realtime.tap_b_p1 (user_id, patient_id, beta_count) VALUES
  ('bbbbbbbb-0000-0000-0000-000000000002', 'h2', '20');
RESET ROLE;

SELECT is((SELECT relrowsecurity FROM pg_class WHERE oid = '_realtime.tap_a_p1'::regclass), true, 'RLS is enabled on a created table');
SELECT policies_are('_realtime', 'tap_a_p1', ARRAY['users_view_own_data', 'users_insert_own_data', 'service_role_full_data_access']);

-- As user A.
SET LOCAL ROLE authenticated;
SELECT set_config('request.jwt.claims', '{"sub":"aaaaaaaa-0000-0000-0000-000000000001","role":"authenticated"}', true);
SELECT is(public.get_current_user_id(), 'aaaaaaaa-0000-0000-0000-000000000001'::uuid, 'get_current_user_id is the caller');
SELECT results_eq('SELECT public.get_all_tables(''_realtime'')', ARRAY['tap_a_p1'], 'A lists only its own table');
SELECT results_eq('SELECT public.search_tables_by_column(''count'')', ARRAY['tap_a_p1'], 'A finds only its own tables by column');
SELECT ok(public.table_exists('tap_a_p1', '_realtime') AND NOT public.table_exists('tap_b_p1', '_realtime'), 'A learns nothing of B''s table');
SELECT is((SELECT count(*) FROM public.get_table_columns('tap_b_p1', '_realtime')), 0::bigint, 'A sees no columns of B''s table');
SELECT is((SELECT count(*) FROM public.get_table_columns('tap_a_p1', '_realtime')), 5::bigint, 'A sees the columns of its table');
SELECT is((SELECT data ->> 'alpha_count' FROM public.select_from_table('tap_a_p1', 10, '_realtime')), '10', 'A reads its rows through select_from_table');
SELECT throws_ok('SELECT * FROM public.select_from_table(''tap_b_p1'', 10, ''_realtime'')', '42P01', NULL, 'select_from_table on B''s table answers as for a missing table');
SELECT throws_ok('SELECT * FROM public.select_from_table(''tap_missing'', 10, ''_realtime'')', '42P01', NULL, 'select_from_table on a missing table');
SELECT is((SELECT count(*) FROM _realtime.tap_b_p1), 0::bigint, 'a direct SELECT on B''s table shows no rows to A');
SELECT is((SELECT count(*) FROM _realtime.metadata_tables), 1::bigint, 'A sees only its own metadata');
SELECT ok(public.update_table_row('tap_a_p1', 1, '{"site":"skin"}', '_realtime'), 'A updates its own row');
SELECT throws_ok('SELECT public.update_table_row(''tap_a_p1'', 1, ''{"user_id":"bbbbbbbb-0000-0000-0000-000000000002"}'', ''_realtime'')',
  '42501', 'Cannot update user_id column', 'update_table_row refuses user_id');
SELECT throws_ok('SELECT public.update_table_row(''tap_b_p1'', 1, ''{"beta_count":"0"}'', ''_realtime'')', '42P01', NULL, 'A cannot update B''s row');
SELECT ok(public.user_owns_table('tap_a_p1') AND NOT public.user_owns_table('tap_b_p1'), 'user_owns_table');
SELECT throws_ok('SELECT public.create_data_table(''_realtime'', ''tap_x'', ARRAY[''c''], ''id'')', '42501', NULL, 'authenticated cannot create tables');
RESET ROLE;
SELECT set_config('request.jwt.claims', '', true);

-- Without a user.
SELECT throws_ok('SELECT public.insert_metadata(''t'', ''m'', ''d'', ''o'')', 'P0001', 'User must be authenticated to insert metadata', 'insert_metadata needs a user');
SELECT throws_ok('SELECT public.get_all_tables(''_realtime'')', '42501', NULL, 'without a user and without the service role the catalogue refuses');
SET LOCAL ROLE service_role;
SELECT ok((SELECT count(*) FROM public.get_all_tables('_realtime')) >= 3, 'the service role sees every table');
RESET ROLE;

-- anon can do nothing.
SET LOCAL ROLE anon;
SELECT throws_ok('SELECT public.get_all_tables(''_realtime'')', '42501', NULL, 'anon cannot call RPC functions');
SELECT throws_ok('SELECT * FROM _realtime.metadata_tables', '42501', NULL, 'anon cannot read metadata');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
