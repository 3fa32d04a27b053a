-- The SQL hardening of migrations 20261123120000/20261123120100: ownership records written by the
-- service role only, one owner per table name, functions owned by a non-superuser NOLOGIN role,
-- _realtime only, fail closed without a user.
BEGIN;
SELECT plan(32);

INSERT INTO auth.users (id, email) VALUES
  ('aaaaaaaa-0000-0000-0000-0000000000a9', 'ha@example.test'),
  ('bbbbbbbb-0000-0000-0000-0000000000b9', 'hb@example.test');
SET LOCAL ROLE service_role;
SELECT ok(public.create_data_table('_realtime', 'tap_h_secret', ARRAY['secret_taxon'], 'patient_id'), 'the service role creates a table');
INSERT INTO _realtime.metadata_tables (table_name, main_table, user_id)
  VALUES ('tap_h_secret', 'tap_h', 'aaaaaaaa-0000-0000-0000-0000000000a9');
RESET ROLE;

-- The definer role.
SELECT has_role('fairdb_definer');
SELECT is((SELECT rolsuper OR rolcanlogin OR rolbypassrls OR rolcreaterole FROM pg_roles WHERE rolname = 'fairdb_definer'),
          false, 'fairdb_definer is not a superuser, cannot log in, bypass RLS or create roles');
SELECT is((SELECT count(*) FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.prosecdef
             AND pg_get_userbyid(p.proowner) <> 'fairdb_definer'), 0::bigint,
          'every SECURITY DEFINER function in public is owned by fairdb_definer');
SELECT function_owner_is('public', f, a, 'fairdb_definer') FROM (VALUES
  ('get_all_tables', ARRAY['text']), ('select_from_table', ARRAY['text', 'integer', 'text']),
  ('update_table_row', ARRAY['text', 'integer', 'jsonb', 'text']), ('create_data_table', ARRAY['text', 'text', 'text[]', 'text']),
  ('insert_metadata', ARRAY['text', 'text', 'text', 'text'])) AS v (f, a);
SELECT table_owner_is('_realtime', 'tap_h_secret', 'fairdb_definer', 'a newly created data table is owned by fairdb_definer');
SELECT table_owner_is('_realtime', 'metadata_tables', 'fairdb_definer', 'metadata_tables is owned by fairdb_definer');
SELECT ok(NOT pg_has_role('fairdb_app', 'fairdb_definer', 'MEMBER'), 'the app login role cannot become fairdb_definer');

-- Service-only functions.
SELECT function_privs_are('public', 'insert_metadata', ARRAY['text', 'text', 'text', 'text'], 'authenticated', ARRAY[]::text[]);
SELECT function_privs_are('public', 'create_data_table', ARRAY['text', 'text', 'text[]', 'text'], 'authenticated', ARRAY[]::text[]);
SELECT function_privs_are('public', 'insert_metadata', ARRAY['text', 'text', 'text', 'text'], 'service_role', ARRAY['EXECUTE']);
SELECT ok(NOT has_sequence_privilege('authenticated', '_realtime.metadata_tables_id_seq', 'USAGE'), 'authenticated cannot draw metadata ids');

-- One owner per table name.
SELECT col_is_unique('_realtime', 'metadata_tables', ARRAY['table_name'], 'table_name is unique');
SET LOCAL ROLE service_role;
SELECT throws_ok($$INSERT INTO _realtime.metadata_tables (table_name, main_table, user_id)
                   VALUES ('tap_h_secret', 'again', 'bbbbbbbb-0000-0000-0000-0000000000b9')$$,
                 '23505', NULL, 'a second owner for the same table name is refused, even for the service role');
SELECT ok((SELECT count(*) FROM public.get_all_tables('_realtime')) >= 2, 'the service role without a user sees every table');
RESET ROLE;

-- B knows A's table name and tries to register it as its own: refused, and the columns stay hidden.
SET LOCAL ROLE authenticated;
SELECT set_config('request.jwt.claims', '{"sub":"bbbbbbbb-0000-0000-0000-0000000000b9","role":"authenticated"}', true);
SELECT throws_ok($$INSERT INTO _realtime.metadata_tables (table_name, main_table, user_id)
                   VALUES ('tap_h_secret', 'mine', 'bbbbbbbb-0000-0000-0000-0000000000b9')$$,
                 '42501', NULL, 'B cannot insert a metadata row');
SELECT throws_ok($$SELECT public.insert_metadata('tap_h_secret', 'mine', NULL, NULL)$$,
                 '42501', NULL, 'B cannot call insert_metadata');
SELECT is((SELECT count(*) FROM public.get_table_columns('tap_h_secret', '_realtime')), 0::bigint, 'B sees no column of A''s table');
SELECT ok(NOT public.table_exists('tap_h_secret', '_realtime'), 'table_exists does not reveal A''s table to B');
SELECT is((SELECT count(*) FROM public.search_tables_by_column('secret')), 0::bigint, 'a column search does not find A''s table');

-- Only _realtime.
SELECT throws_ok($$SELECT public.get_all_tables('public')$$, '3F000', NULL, 'get_all_tables refuses another schema');
SELECT throws_ok($$SELECT public.get_table_columns('metadata_tables', 'fairdb_private')$$, '3F000', NULL, 'get_table_columns refuses another schema');
SELECT throws_ok($$SELECT public.table_exists('users', 'auth')$$, '3F000', NULL, 'table_exists refuses another schema');
SELECT throws_ok($$SELECT public.search_tables_by_column('email', 'auth')$$, '3F000', NULL, 'search_tables_by_column refuses another schema');
SELECT throws_ok($$SELECT * FROM public.select_from_table('users', 1, 'auth')$$, '3F000', NULL, 'select_from_table refuses another schema');

-- authenticated without a user: fail closed instead of seeing everything.
SELECT set_config('request.jwt.claims', '', true);
SELECT throws_ok($$SELECT public.get_all_tables('_realtime')$$, '42501', NULL, 'no claims: get_all_tables refuses');
SELECT throws_ok($$SELECT * FROM public.select_from_table('tap_h_secret', 1, '_realtime')$$, '42501', NULL, 'no claims: select_from_table refuses');
SELECT throws_ok($$SELECT public.update_table_row('tap_h_secret', 1, '{"secret_taxon":"1"}', '_realtime')$$, '42501', NULL, 'no claims: update_table_row refuses');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
