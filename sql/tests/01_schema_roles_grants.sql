-- Schema, columns and types, roles and their attributes, grants and policies.
BEGIN;
SELECT plan(53);

-- compat layer: roles
SELECT has_role('anon');
SELECT has_role('authenticated');
SELECT has_role('service_role');
SELECT ok(NOT (SELECT rolcanlogin FROM pg_roles WHERE rolname = 'anon'), 'anon cannot log in');
SELECT ok(NOT (SELECT rolcanlogin FROM pg_roles WHERE rolname = 'authenticated'), 'authenticated cannot log in');
SELECT ok(NOT (SELECT rolcanlogin FROM pg_roles WHERE rolname = 'service_role'), 'service_role cannot log in');
SELECT ok((SELECT rolbypassrls FROM pg_roles WHERE rolname = 'service_role'), 'service_role bypasses RLS');
SELECT ok(NOT (SELECT rolbypassrls FROM pg_roles WHERE rolname = 'authenticated'), 'authenticated does not bypass RLS');
SELECT ok(NOT (SELECT rolsuper FROM pg_roles WHERE rolname = 'fairdb_app'), 'the app login role is not a superuser');
SELECT is_member_of('anon', 'fairdb_app');
SELECT is_member_of('authenticated', 'fairdb_app');
SELECT is_member_of('service_role', 'fairdb_app');

-- compat layer: auth schema
SELECT has_schema('auth');
SELECT has_table('auth', 'users', 'auth.users exists');
SELECT has_table('auth', 'sessions', 'auth.sessions exists');
SELECT has_table('auth', 'refresh_tokens', 'auth.refresh_tokens exists');
SELECT col_is_pk('auth', 'users', 'id', 'auth.users.id is the primary key');
SELECT col_type_is('auth', 'users', 'id', 'uuid', 'auth.users.id is uuid');
SELECT col_type_is('auth', 'users', 'raw_app_meta_data', 'jsonb', 'app metadata is jsonb');
SELECT col_type_is('auth', 'refresh_tokens', 'id', 'bigint', 'refresh token ids are bigserial');
SELECT has_function('auth', 'uid', ARRAY[]::text[]);
SELECT function_returns('auth', 'uid', ARRAY[]::text[], 'uuid');
SELECT function_returns('auth', 'jwt', ARRAY[]::text[], 'jsonb');
SELECT ok(NOT has_table_privilege('authenticated', 'auth.users', 'SELECT'), 'authenticated cannot read auth.users');
SELECT ok(NOT has_table_privilege('anon', 'auth.refresh_tokens', 'SELECT'), 'anon cannot read auth.refresh_tokens');
SELECT is(auth.uid(), NULL, 'auth.uid() is NULL outside a request');

-- FAIRDatabase schema
SELECT has_schema('_realtime');
SELECT has_table('_realtime', 'metadata_tables', 'metadata_tables exists');
SELECT columns_are('_realtime', 'metadata_tables',
  ARRAY['id', 'table_name', 'main_table', 'description', 'origin', 'user_id', 'created_at'],
  'metadata_tables has exactly FAIRDatabase''s columns');
SELECT col_type_is('_realtime', 'metadata_tables', 'id', 'integer', 'id is integer');
SELECT col_type_is('_realtime', 'metadata_tables', 'table_name', 'text', 'table_name is text');
SELECT col_type_is('_realtime', 'metadata_tables', 'main_table', 'text', 'main_table is text');
SELECT col_type_is('_realtime', 'metadata_tables', 'description', 'text', 'description is text');
SELECT col_type_is('_realtime', 'metadata_tables', 'origin', 'text', 'origin is text');
SELECT col_type_is('_realtime', 'metadata_tables', 'user_id', 'uuid', 'user_id is uuid');
SELECT col_type_is('_realtime', 'metadata_tables', 'created_at', 'timestamp without time zone', 'created_at is timestamp');
SELECT col_is_pk('_realtime', 'metadata_tables', 'id', 'id is the primary key');
SELECT fk_ok('_realtime', 'metadata_tables', 'user_id', 'auth', 'users', 'id');
SELECT has_index('_realtime', 'metadata_tables', 'idx_metadata_table_name', 'index on table_name');
SELECT has_index('_realtime', 'metadata_tables', 'idx_metadata_main_table', 'index on main_table');
SELECT has_index('_realtime', 'metadata_tables', 'idx_metadata_user_id', 'index on user_id');
SELECT is((SELECT relrowsecurity FROM pg_class WHERE oid = '_realtime.metadata_tables'::regclass), true, 'RLS is enabled on metadata_tables');

-- the five policies: names, commands, roles
SELECT policies_are('_realtime', 'metadata_tables', ARRAY[
  'users_view_own_metadata', 'users_insert_own_metadata', 'users_update_own_metadata',
  'users_delete_own_metadata', 'service_role_full_metadata_access']);
SELECT policy_cmd_is('_realtime', 'metadata_tables', 'users_view_own_metadata', 'select', 'users_view_own_metadata is for select');
SELECT policy_cmd_is('_realtime', 'metadata_tables', 'users_insert_own_metadata', 'insert', 'users_insert_own_metadata is for insert');
SELECT policy_cmd_is('_realtime', 'metadata_tables', 'users_update_own_metadata', 'update', 'users_update_own_metadata is for update');
SELECT policy_cmd_is('_realtime', 'metadata_tables', 'users_delete_own_metadata', 'delete', 'users_delete_own_metadata is for delete');
SELECT policy_cmd_is('_realtime', 'metadata_tables', 'service_role_full_metadata_access', 'all', 'service_role_full_metadata_access is for all');
SELECT policy_roles_are('_realtime', 'metadata_tables', 'users_view_own_metadata', ARRAY['authenticated']);
SELECT policy_roles_are('_realtime', 'metadata_tables', 'service_role_full_metadata_access', ARRAY['service_role']);

-- grants: anon nothing; authenticated SELECT only (the app records ownership as service_role); service_role all
SELECT table_privs_are('_realtime', 'metadata_tables', 'anon', ARRAY[]::text[]);
SELECT table_privs_are('_realtime', 'metadata_tables', 'authenticated', ARRAY['SELECT']);
SELECT table_privs_are('_realtime', 'metadata_tables', 'service_role',
  ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']);

SELECT * FROM finish();
ROLLBACK;
