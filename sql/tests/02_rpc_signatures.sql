-- Every RPC function: signature, return type, SECURITY DEFINER and EXECUTE privileges.
BEGIN;
SELECT plan(56);

CREATE TEMP TABLE rpc (name text, args text[], returns text, for_users boolean) ON COMMIT DROP;
INSERT INTO rpc VALUES
  ('search_tables_by_column', ARRAY['text', 'text'], 'setof text', true),
  ('get_table_columns', ARRAY['text', 'text'], 'setof record', true),
  ('table_exists', ARRAY['text', 'text'], 'boolean', true),
  ('get_all_tables', ARRAY['text'], 'setof text', true),
  ('select_from_table', ARRAY['text', 'integer', 'text'], 'setof jsonb', true),
  ('update_table_row', ARRAY['text', 'integer', 'jsonb', 'text'], 'boolean', true),
  ('insert_metadata', ARRAY['text', 'text', 'text', 'text'], 'integer', false),
  ('create_data_table', ARRAY['text', 'text', 'text[]', 'text'], 'boolean', false),
  ('get_current_user_id', ARRAY[]::text[], 'uuid', true),
  ('user_owns_table', ARRAY['text'], 'boolean', true);
GRANT SELECT ON rpc TO PUBLIC;

SELECT has_function('public', name, args) FROM rpc ORDER BY name;
SELECT function_returns('public', name, args, returns) FROM rpc ORDER BY name;
SELECT is_definer('public', name, args) FROM rpc ORDER BY name;
SELECT function_privs_are('public', name, args, 'anon', ARRAY[]::text[]) FROM rpc ORDER BY name;
SELECT function_privs_are('public', name, args, 'authenticated',
  CASE WHEN for_users THEN ARRAY['EXECUTE'] ELSE ARRAY[]::text[] END) FROM rpc ORDER BY name;
SELECT function_privs_are('public', 'create_data_table', ARRAY['text', 'text', 'text[]', 'text'], 'service_role', ARRAY['EXECUTE']);
SELECT ok(
  (SELECT bool_and(proconfig::text LIKE '%search_path=%') FROM pg_proc p JOIN rpc r ON r.name = p.proname
   WHERE p.pronamespace = 'public'::regnamespace),
  'every RPC function pins its search_path');
SELECT is(
  (SELECT pg_get_expr(proargdefaults, 0) FROM pg_proc WHERE oid = 'public.search_tables_by_column(text, text)'::regprocedure),
  '''_realtime''::text', 'search_tables_by_column defaults to the _realtime schema');
SELECT is(
  (SELECT array_agg(a ORDER BY o) FROM pg_proc, unnest(proargnames) WITH ORDINALITY u (a, o)
   WHERE oid = 'public.create_data_table(text, text, text[], text)'::regprocedure),
  ARRAY['p_schema_name', 'p_table_name', 'p_column_names', 'p_id_column'], 'create_data_table argument names');
SELECT is(
  (SELECT array_agg(a ORDER BY o) FROM pg_proc, unnest(proargnames) WITH ORDINALITY u (a, o)
   WHERE oid = 'public.update_table_row(text, integer, jsonb, text)'::regprocedure),
  ARRAY['p_table_name', 'p_row_id', 'p_updates', 'p_schema_name'], 'update_table_row argument names');
SELECT is(
  (SELECT array_agg(a ORDER BY o) FROM pg_proc, unnest(proargnames) WITH ORDINALITY u (a, o)
   WHERE oid = 'public.get_table_columns(text, text)'::regprocedure),
  ARRAY['p_table_name', 'p_schema_name', 'column_name', 'data_type', 'is_nullable'], 'get_table_columns columns');

SELECT * FROM finish();
ROLLBACK;
