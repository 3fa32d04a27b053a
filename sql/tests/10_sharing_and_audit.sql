-- Read-only sharing (migration 20261123121000_dataset_sharing): A shares with B; C has no grant.
-- Then the audit log (20261123122000_audit_log): append-only for every role, owner/actor visibility;
-- and admins (20261123123000_user_roles_and_admin): account figures and bans, never rows.
BEGIN;
SELECT plan(74);

SELECT has_table('fairdb', 'dataset_grants', 'fairdb.dataset_grants exists');
SELECT columns_are('fairdb', 'dataset_grants', ARRAY['dataset_id', 'grantee', 'granted_by', 'created_at']);
SELECT is((SELECT relrowsecurity FROM pg_class WHERE oid = 'fairdb.dataset_grants'::regclass), true, 'RLS is enabled on dataset_grants');
SELECT policies_are('fairdb', 'dataset_grants', ARRAY['grant_parties_select', 'service_role_full_access']);
SELECT table_privs_are('fairdb', 'dataset_grants', 'authenticated', ARRAY['SELECT']);
SELECT table_privs_are('fairdb', 'dataset_grants', 'anon', ARRAY[]::text[]);
SELECT function_privs_are('fairdb', f, a, 'anon', ARRAY[]::text[]) FROM (VALUES
  ('share_dataset', ARRAY['uuid', 'text']), ('revoke_dataset', ARRAY['uuid', 'text']),
  ('dataset_grantees', ARRAY['uuid']), ('shared_dataset_owners', ARRAY[]::text[])) AS v (f, a);
SELECT is_definer('fairdb', 'share_dataset', ARRAY['uuid', 'text'], 'share_dataset is SECURITY DEFINER');
SELECT function_owner_is('fairdb', 'share_dataset', ARRAY['uuid', 'text'], 'fairdb_definer');

INSERT INTO auth.users (id, email) VALUES
  ('aaaaaaaa-0000-0000-0000-0000000000aa', 'sa@example.test'),
  ('bbbbbbbb-0000-0000-0000-0000000000bb', 'sb@example.test'),
  ('cccccccc-0000-0000-0000-0000000000cc', 'sc@example.test');
SET LOCAL ROLE service_role;
SELECT public.create_data_table('_realtime', 'tap_s_p1', ARRAY['taxon'], 'patient_id');
INSERT INTO _realtime.metadata_tables (table_name, main_table, user_id) VALUES ('tap_s_p1', 'tap_s', 'aaaaaaaa-0000-0000-0000-0000000000aa');
INSERT INTO fairdb.datasets (id, user_id, display_name, file_name, row_count, column_count, id_column, id_hash, original_header)
VALUES ('dddddddd-0000-0000-0000-0000000000d5', 'aaaaaaaa-0000-0000-0000-0000000000aa', 'tap_s', 'tap_s.csv', 1, 2, 'patient_id', 'sha256', ARRAY['id', 'taxon']);
INSERT INTO fairdb.dataset_tables (dataset_id, chunk_index, table_name, column_count, user_id)
VALUES ('dddddddd-0000-0000-0000-0000000000d5', 0, 'tap_s_p1', 1, 'aaaaaaaa-0000-0000-0000-0000000000aa');
INSERT INTO fairdb.dataset_columns (dataset_id, ordinal, original_name, column_name, chunk_index, user_id) VALUES
  ('dddddddd-0000-0000-0000-0000000000d5', 0, 'id', 'patient_id', NULL, 'aaaaaaaa-0000-0000-0000-0000000000aa'),
  ('dddddddd-0000-0000-0000-0000000000d5', 1, 'taxon', 'taxon', 0, 'aaaaaaaa-0000-0000-0000-0000000000aa');
INSERT INTO _realtime.tap_s_p1 (user_id, patient_id, taxon) VALUES ('aaaaaaaa-0000-0000-0000-0000000000aa', 'h', '42');
RESET ROLE;

SET LOCAL ROLE authenticated;
-- A, the owner.
SELECT set_config('request.jwt.claims', '{"sub":"aaaaaaaa-0000-0000-0000-0000000000aa","role":"authenticated"}', true);
SELECT throws_ok($$INSERT INTO fairdb.dataset_grants (dataset_id, grantee, granted_by)
                   VALUES ('dddddddd-0000-0000-0000-0000000000d5', 'bbbbbbbb-0000-0000-0000-0000000000bb', 'aaaaaaaa-0000-0000-0000-0000000000aa')$$,
                 '42501', NULL, 'grants are not written directly');
SELECT is(fairdb.share_dataset('dddddddd-0000-0000-0000-0000000000d5', 'nobody@example.test'), false, 'unknown e-mail: no grant, no error');
SELECT is(fairdb.share_dataset('dddddddd-0000-0000-0000-0000000000d5', 'sa@example.test'), false, 'the owner cannot grant itself');
SELECT is(fairdb.share_dataset('dddddddd-0000-0000-0000-0000000000d5', ' SB@example.test '), true, 'the owner shares with B by e-mail');
SELECT results_eq($$SELECT email FROM fairdb.dataset_grantees('dddddddd-0000-0000-0000-0000000000d5')$$, ARRAY['sb@example.test'], 'the owner lists the grantees');

-- C: no grant, and cannot give itself one.
SELECT set_config('request.jwt.claims', '{"sub":"cccccccc-0000-0000-0000-0000000000cc","role":"authenticated"}', true);
SELECT is(fairdb.share_dataset('dddddddd-0000-0000-0000-0000000000d5', 'sc@example.test'), false, 'C cannot grant A''s dataset');
SELECT is((SELECT count(*) FROM fairdb.datasets), 0::bigint, 'C sees no dataset');
SELECT is((SELECT count(*) FROM _realtime.metadata_tables), 0::bigint, 'C sees no metadata');
SELECT is((SELECT count(*) FROM _realtime.tap_s_p1), 0::bigint, 'C reads no rows');
SELECT ok(NOT public.table_exists('tap_s_p1', '_realtime'), 'the catalogue hides the table from C');
SELECT is((SELECT count(*) FROM fairdb.dataset_grants), 0::bigint, 'C sees no grant');

-- B: the grantee reads, and nothing more.
SELECT set_config('request.jwt.claims', '{"sub":"bbbbbbbb-0000-0000-0000-0000000000bb","role":"authenticated"}', true);
SELECT is((SELECT count(*) FROM fairdb.datasets), 1::bigint, 'B sees the shared dataset');
SELECT is((SELECT count(*) FROM fairdb.dataset_tables), 1::bigint, 'B sees its tables');
SELECT is((SELECT count(*) FROM fairdb.dataset_columns), 2::bigint, 'B sees its columns');
SELECT is((SELECT count(*) FROM _realtime.metadata_tables), 1::bigint, 'B sees its metadata');
SELECT results_eq($$SELECT public.get_all_tables('_realtime')$$, ARRAY['tap_s_p1'], 'the catalogue lists the shared table for B');
SELECT results_eq($$SELECT public.search_tables_by_column('taxon')$$, ARRAY['tap_s_p1'], 'a column search finds it');
SELECT is((SELECT data ->> 'taxon' FROM public.select_from_table('tap_s_p1', 10, '_realtime')), '42', 'select_from_table reads its rows');
SELECT is((SELECT taxon FROM _realtime.tap_s_p1), '42', 'a direct SELECT reads its rows (RLS)');
SELECT results_eq($$SELECT owner_email FROM fairdb.shared_dataset_owners()$$, ARRAY['sa@example.test'], 'B learns who shared it');
SELECT ok(NOT public.user_owns_table('tap_s_p1'), 'B does not own it');
SELECT throws_ok($$SELECT public.update_table_row('tap_s_p1', 1, '{"taxon":"0"}', '_realtime')$$, '42P01', NULL,
                 'B cannot change a cell: answered as for a missing table');
SELECT throws_ok($$INSERT INTO _realtime.tap_s_p1 (user_id, patient_id, taxon) VALUES ('bbbbbbbb-0000-0000-0000-0000000000bb', 'x', '1')$$,
                 '42501', NULL, 'B cannot add rows to the shared table');
SELECT is_empty($$UPDATE fairdb.datasets SET description = 'mine' RETURNING id$$, 'B cannot change the dataset details');
SELECT is(fairdb.share_dataset('dddddddd-0000-0000-0000-0000000000d5', 'sc@example.test'), false, 'B cannot re-share');
SELECT is((SELECT count(*) FROM fairdb.dataset_grantees('dddddddd-0000-0000-0000-0000000000d5')), 0::bigint, 'B cannot list the grantees');
SELECT is(fairdb.revoke_dataset('dddddddd-0000-0000-0000-0000000000d5', 'sb@example.test'), false, 'B cannot revoke');

-- A revokes; twice answers false.
SELECT set_config('request.jwt.claims', '{"sub":"aaaaaaaa-0000-0000-0000-0000000000aa","role":"authenticated"}', true);
SELECT is(fairdb.revoke_dataset('dddddddd-0000-0000-0000-0000000000d5', 'sb@example.test'), true, 'the owner revokes');
SELECT is(fairdb.revoke_dataset('dddddddd-0000-0000-0000-0000000000d5', 'sb@example.test'), false, 'a second revoke finds nothing');

-- B after the revoke: nothing.
SELECT set_config('request.jwt.claims', '{"sub":"bbbbbbbb-0000-0000-0000-0000000000bb","role":"authenticated"}', true);
SELECT is((SELECT count(*) FROM fairdb.datasets), 0::bigint, 'after the revoke B sees no dataset');
SELECT is((SELECT count(*) FROM _realtime.tap_s_p1), 0::bigint, 'after the revoke B reads no rows');
SELECT throws_ok($$SELECT * FROM public.select_from_table('tap_s_p1', 10, '_realtime')$$, '42P01', NULL, 'after the revoke the table is missing for B');
RESET ROLE;

-- Audit log: privileges and append-only.
SELECT table_privs_are('fairdb', 'audit_log', 'authenticated', ARRAY['SELECT']);
SELECT table_privs_are('fairdb', 'audit_log', 'service_role', ARRAY['SELECT', 'INSERT']);
SELECT table_privs_are('fairdb', 'audit_log', 'anon', ARRAY[]::text[]);
SELECT table_owner_is('fairdb', 'audit_log', 'fairdb_definer', 'audit_log is owned by fairdb_definer');
SET LOCAL ROLE service_role;
INSERT INTO fairdb.audit_log (user_id, action, dataset_id, status, request_id) VALUES
  ('bbbbbbbb-0000-0000-0000-0000000000bb', 'preview', 'dddddddd-0000-0000-0000-0000000000d5', 200, 'r-b'),
  ('cccccccc-0000-0000-0000-0000000000cc', 'sign_in', NULL, 302, 'r-c');
SELECT throws_ok($$UPDATE fairdb.audit_log SET status = 500$$, '42501', NULL, 'service_role cannot UPDATE the audit log');
SELECT throws_ok($$DELETE FROM fairdb.audit_log$$, '42501', NULL, 'service_role cannot DELETE from the audit log');
SELECT throws_ok($$TRUNCATE fairdb.audit_log$$, '42501', NULL, 'service_role cannot TRUNCATE the audit log');
RESET ROLE;
SELECT throws_ok($$UPDATE fairdb.audit_log SET status = 500$$, '42501', 'fairdb.audit_log is append-only', 'even a superuser''s UPDATE is refused by the trigger');
SELECT throws_ok($$DELETE FROM fairdb.audit_log$$, '42501', 'fairdb.audit_log is append-only', 'even a superuser''s DELETE is refused by the trigger');

SET LOCAL ROLE authenticated;
SELECT set_config('request.jwt.claims', '{"sub":"aaaaaaaa-0000-0000-0000-0000000000aa","role":"authenticated"}', true);
SELECT results_eq($$SELECT request_id FROM fairdb.audit_log$$, ARRAY['r-b'], 'the owner reads the grantee''s events on its dataset, nothing else');
SELECT results_eq($$SELECT email FROM fairdb.dataset_audit('dddddddd-0000-0000-0000-0000000000d5')$$, ARRAY['sb@example.test'], 'dataset_audit names who acted');
SELECT throws_ok($$UPDATE fairdb.audit_log SET status = 500$$, '42501', NULL, 'authenticated cannot UPDATE the audit log');
SELECT throws_ok($$DELETE FROM fairdb.audit_log$$, '42501', NULL, 'authenticated cannot DELETE from the audit log');
SELECT throws_ok($$INSERT INTO fairdb.audit_log (action, status) VALUES ('forged', 200)$$, '42501', NULL, 'authenticated cannot write audit rows');
SELECT set_config('request.jwt.claims', '{"sub":"bbbbbbbb-0000-0000-0000-0000000000bb","role":"authenticated"}', true);
SELECT results_eq($$SELECT request_id FROM fairdb.audit_log$$, ARRAY['r-b'], 'the grantee reads its own events');
SELECT is((SELECT count(*) FROM fairdb.dataset_audit('dddddddd-0000-0000-0000-0000000000d5')), 0::bigint, 'the grantee cannot read the dataset''s trail');
SELECT set_config('request.jwt.claims', '{"sub":"cccccccc-0000-0000-0000-0000000000cc","role":"authenticated"}', true);
SELECT results_eq($$SELECT request_id FROM fairdb.audit_log$$, ARRAY['r-c'], 'C reads only its own events');
RESET ROLE;

-- Admins: C becomes one. Figures and bans, but A's rows stay invisible to it.
INSERT INTO fairdb.user_roles (user_id, role) VALUES ('cccccccc-0000-0000-0000-0000000000cc', 'admin');
INSERT INTO auth.sessions (user_id) VALUES ('bbbbbbbb-0000-0000-0000-0000000000bb');
SELECT table_privs_are('fairdb', 'user_roles', 'authenticated', ARRAY['SELECT']);
SET LOCAL ROLE authenticated;
SELECT set_config('request.jwt.claims', '{"sub":"bbbbbbbb-0000-0000-0000-0000000000bb","role":"authenticated"}', true);
SELECT throws_ok($$SELECT * FROM fairdb.admin_accounts()$$, '42501', 'Administrators only', 'a non-admin gets no account figures');
SELECT throws_ok($$SELECT fairdb.admin_set_ban('aaaaaaaa-0000-0000-0000-0000000000aa', now() + interval '1 day')$$, '42501', NULL, 'a non-admin cannot ban');
SELECT throws_ok($$INSERT INTO fairdb.user_roles (user_id, role) VALUES ('bbbbbbbb-0000-0000-0000-0000000000bb', 'admin')$$, '42501', NULL, 'nobody makes itself admin');
SELECT set_config('request.jwt.claims', '{"sub":"cccccccc-0000-0000-0000-0000000000cc","role":"authenticated"}', true);
SELECT ok(fairdb.caller_is_admin(), 'C is an admin');
SELECT ok((SELECT stored_bytes > 0 AND datasets = 1 FROM fairdb.admin_accounts() WHERE email = 'sa@example.test'), 'the admin sees A''s dataset count and stored bytes');
SELECT is((SELECT count(*) FROM _realtime.tap_s_p1), 0::bigint, 'the admin reads none of A''s rows');
SELECT throws_ok($$SELECT * FROM public.select_from_table('tap_s_p1', 10, '_realtime')$$, '42P01', NULL, 'select_from_table hides A''s table from the admin');
SELECT is((SELECT count(*) FROM fairdb.datasets), 0::bigint, 'the admin sees none of A''s dataset details');
SELECT ok(fairdb.admin_set_ban('bbbbbbbb-0000-0000-0000-0000000000bb', now() + interval '1 day'), 'the admin bans B');
SELECT is(fairdb.admin_set_ban('cccccccc-0000-0000-0000-0000000000cc', now() + interval '1 day'), false, 'an admin cannot ban itself');
RESET ROLE;
SELECT ok((SELECT banned_until > now() FROM auth.users WHERE id = 'bbbbbbbb-0000-0000-0000-0000000000bb'), 'B is banned');
SELECT is((SELECT count(*) FROM auth.sessions WHERE user_id = 'bbbbbbbb-0000-0000-0000-0000000000bb'), 0::bigint, 'B''s sessions ended');

SELECT * FROM finish();
ROLLBACK;
