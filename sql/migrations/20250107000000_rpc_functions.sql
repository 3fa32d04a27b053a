-- RPC functions with FAIRDatabase's names, argument types and return types. All are SECURITY
-- DEFINER with an explicit search_path. Unlike FAIRDatabase, the catalogue functions answer an
-- authenticated caller only about tables that caller owns (via metadata_tables), so one user
-- cannot learn another user's table or column names. Outside a user context (service role,
-- migrations, a DBA at psql) auth.uid() is NULL and they see everything.

-- The tables in a schema that the current caller may see.
CREATE OR REPLACE FUNCTION public._visible_tables(p_schema_name text)
RETURNS TABLE (table_name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT c.relname::text
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = p_schema_name
    AND c.relkind IN ('r', 'p')
    AND (auth.uid() IS NULL
         OR EXISTS (SELECT 1 FROM _realtime.metadata_tables m
                    WHERE m.table_name = c.relname AND m.user_id = auth.uid()))
$$;
REVOKE ALL ON FUNCTION public._visible_tables(text) FROM PUBLIC, anon;

CREATE OR REPLACE FUNCTION public.search_tables_by_column(
  p_column_name text, p_schema_name text DEFAULT '_realtime')
RETURNS TABLE (table_name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT DISTINCT v.table_name
  FROM public._visible_tables(p_schema_name) v
  JOIN information_schema.columns c
    ON c.table_schema = p_schema_name AND c.table_name = v.table_name
  WHERE c.column_name ILIKE '%' || replace(replace(replace(p_column_name, '\', '\\'), '%', '\%'), '_', '\_') || '%'
  ORDER BY 1
$$;

CREATE OR REPLACE FUNCTION public.get_table_columns(
  p_table_name text, p_schema_name text DEFAULT '_realtime')
RETURNS TABLE (column_name text, data_type text, is_nullable text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT c.column_name::text, c.data_type::text, c.is_nullable::text
  FROM information_schema.columns c
  WHERE c.table_schema = p_schema_name
    AND c.table_name = p_table_name
    AND p_table_name IN (SELECT v.table_name FROM public._visible_tables(p_schema_name) v)
  ORDER BY c.ordinal_position
$$;

CREATE OR REPLACE FUNCTION public.table_exists(
  p_table_name text, p_schema_name text DEFAULT '_realtime')
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT EXISTS (SELECT 1 FROM public._visible_tables(p_schema_name) v WHERE v.table_name = p_table_name)
$$;

CREATE OR REPLACE FUNCTION public.get_all_tables(p_schema_name text DEFAULT '_realtime')
RETURNS TABLE (table_name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT v.table_name FROM public._visible_tables(p_schema_name) v ORDER BY 1
$$;

-- Raises undefined_table (42P01) both when the table is missing and when the caller does not
-- own it: the two answers must be indistinguishable.
CREATE OR REPLACE FUNCTION public._require_visible_table(p_table_name text, p_schema_name text)
RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF NOT public.table_exists(p_table_name, p_schema_name) THEN
    RAISE EXCEPTION 'Table % does not exist in schema %', p_table_name, p_schema_name
      USING ERRCODE = 'undefined_table';
  END IF;
END
$$;
REVOKE ALL ON FUNCTION public._require_visible_table(text, text) FROM PUBLIC, anon;

CREATE OR REPLACE FUNCTION public.select_from_table(
  p_table_name text, p_row_limit integer DEFAULT 100, p_schema_name text DEFAULT '_realtime')
RETURNS TABLE (data jsonb)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_user_id uuid := auth.uid();
  v_limit integer := greatest(coalesce(p_row_limit, 100), 0);
BEGIN
  PERFORM public._require_visible_table(p_table_name, p_schema_name);
  IF v_user_id IS NOT NULL THEN
    RETURN QUERY EXECUTE format(
      'SELECT to_jsonb(t) FROM %I.%I t WHERE t.user_id = $1 ORDER BY t.rowid LIMIT $2',
      p_schema_name, p_table_name) USING v_user_id, v_limit;
  ELSE
    RETURN QUERY EXECUTE format(
      'SELECT to_jsonb(t) FROM %I.%I t LIMIT $1', p_schema_name, p_table_name) USING v_limit;
  END IF;
END
$$;

CREATE OR REPLACE FUNCTION public.update_table_row(
  p_table_name text, p_row_id integer, p_updates jsonb, p_schema_name text DEFAULT '_realtime')
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_user_id uuid := auth.uid();
  v_set text;
  v_count integer;
BEGIN
  PERFORM public._require_visible_table(p_table_name, p_schema_name);
  IF p_updates IS NULL OR jsonb_typeof(p_updates) <> 'object' OR p_updates = '{}'::jsonb THEN
    RAISE EXCEPTION 'No column to update' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF p_updates ? 'user_id' THEN
    RAISE EXCEPTION 'Cannot update user_id column' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_updates ? 'rowid' THEN
    RAISE EXCEPTION 'Cannot update rowid column' USING ERRCODE = 'insufficient_privilege';
  END IF;

  SELECT string_agg(format('%I = %L', e.key, e.value), ', ')
    INTO v_set FROM jsonb_each_text(p_updates) e;

  IF v_user_id IS NOT NULL THEN
    EXECUTE format('UPDATE %I.%I SET %s WHERE rowid = $1 AND user_id = $2',
                   p_schema_name, p_table_name, v_set) USING p_row_id, v_user_id;
  ELSE
    EXECUTE format('UPDATE %I.%I SET %s WHERE rowid = $1',
                   p_schema_name, p_table_name, v_set) USING p_row_id;
  END IF;
  GET DIAGNOSTICS v_count = ROW_COUNT;
  IF v_count = 0 THEN
    RAISE EXCEPTION 'No rows updated. Row may not exist or you lack permission.'
      USING ERRCODE = 'no_data_found';
  END IF;
  RETURN true;
END
$$;

CREATE OR REPLACE FUNCTION public.insert_metadata(
  p_table_name text, p_main_table text, p_description text DEFAULT NULL, p_origin text DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_user_id uuid := auth.uid();
  v_id integer;
BEGIN
  IF v_user_id IS NULL THEN
    RAISE EXCEPTION 'User must be authenticated to insert metadata';
  END IF;
  INSERT INTO _realtime.metadata_tables (table_name, main_table, description, origin, user_id)
  VALUES (p_table_name, p_main_table, p_description, p_origin, v_user_id)
  RETURNING id INTO v_id;
  RETURN v_id;
END
$$;

CREATE OR REPLACE FUNCTION public.create_data_table(
  p_schema_name text, p_table_name text, p_column_names text[], p_id_column text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_table text;
  v_cols text;
BEGIN
  IF p_schema_name IS DISTINCT FROM '_realtime' THEN
    RAISE EXCEPTION 'Invalid schema: %. Only _realtime is allowed.', p_schema_name
      USING ERRCODE = 'invalid_schema_name';
  END IF;
  IF p_column_names IS NULL OR cardinality(p_column_names) = 0 THEN
    RAISE EXCEPTION 'At least one column is required' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  v_table := format('%I.%I', p_schema_name, p_table_name);
  SELECT string_agg(format('%I text', c), ', ' ORDER BY o)
    INTO v_cols FROM unnest(p_column_names) WITH ORDINALITY AS u (c, o);

  EXECUTE format(
    'CREATE TABLE %s (rowid serial PRIMARY KEY, '
    'user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE, %I text NOT NULL, %s)',
    v_table, p_id_column, v_cols);
  EXECUTE format('CREATE INDEX ON %s (user_id)', v_table);
  EXECUTE format('CREATE INDEX ON %s (%I)', v_table, p_id_column);

  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', v_table);
  EXECUTE format('CREATE POLICY users_view_own_data ON %s FOR SELECT TO authenticated USING (auth.uid() = user_id)', v_table);
  EXECUTE format('CREATE POLICY users_insert_own_data ON %s FOR INSERT TO authenticated WITH CHECK (auth.uid() = user_id)', v_table);
  EXECUTE format('CREATE POLICY service_role_full_data_access ON %s FOR ALL TO service_role USING (true) WITH CHECK (true)', v_table);

  EXECUTE format('REVOKE ALL ON TABLE %s FROM PUBLIC, anon', v_table);
  EXECUTE format('GRANT SELECT, INSERT ON TABLE %s TO authenticated', v_table);
  EXECUTE format('GRANT ALL ON TABLE %s TO service_role', v_table);
  EXECUTE format('REVOKE ALL ON SEQUENCE %I.%I FROM PUBLIC, anon, authenticated',
                 p_schema_name, p_table_name || '_rowid_seq');
  EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %I.%I TO service_role',
                 p_schema_name, p_table_name || '_rowid_seq');
  RETURN true;
END
$$;

CREATE OR REPLACE FUNCTION public.get_current_user_id()
RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT auth.uid()
$$;

CREATE OR REPLACE FUNCTION public.user_owns_table(p_table_name text)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT auth.uid() IS NOT NULL AND EXISTS (
    SELECT 1 FROM _realtime.metadata_tables m
    WHERE m.table_name = p_table_name AND m.user_id = auth.uid())
$$;

-- PostgreSQL grants EXECUTE to PUBLIC by default; anon gets nothing.
REVOKE ALL ON FUNCTION
  public.search_tables_by_column(text, text), public.get_table_columns(text, text),
  public.table_exists(text, text), public.get_all_tables(text),
  public.select_from_table(text, integer, text), public.update_table_row(text, integer, jsonb, text),
  public.insert_metadata(text, text, text, text), public.create_data_table(text, text, text[], text),
  public.get_current_user_id(), public.user_owns_table(text)
  FROM PUBLIC, anon;

GRANT EXECUTE ON FUNCTION
  public.search_tables_by_column(text, text), public.get_table_columns(text, text),
  public.table_exists(text, text), public.get_all_tables(text),
  public.select_from_table(text, integer, text), public.update_table_row(text, integer, jsonb, text),
  public.insert_metadata(text, text, text, text),
  public.get_current_user_id(), public.user_owns_table(text)
  TO authenticated, service_role;

GRANT EXECUTE ON FUNCTION public.create_data_table(text, text, text[], text) TO service_role;
