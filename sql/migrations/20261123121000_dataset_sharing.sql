-- Read-only sharing of a dataset with another registered user. A grant row is the only thing
-- that widens what an authenticated caller sees: every SELECT policy on the data tables, the
-- metadata and the dataset details becomes "owner OR granted", and the catalogue functions list
-- granted tables too. Nothing else changes for a grantee: INSERT/UPDATE/DELETE policies, the
-- update function and re-sharing stay owner-only.

-- fairdb_definer reads the dataset details as their owner (past RLS), like the _realtime tables.
ALTER TABLE fairdb.datasets OWNER TO fairdb_definer;
ALTER TABLE fairdb.dataset_tables OWNER TO fairdb_definer;
ALTER TABLE fairdb.dataset_columns OWNER TO fairdb_definer;

CREATE TABLE fairdb.dataset_grants (
  dataset_id  uuid NOT NULL REFERENCES fairdb.datasets (id) ON DELETE CASCADE,
  grantee     uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  granted_by  uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (dataset_id, grantee),
  CHECK (grantee <> granted_by)
);
CREATE INDEX ON fairdb.dataset_grants (grantee);
COMMENT ON TABLE fairdb.dataset_grants IS 'Read access to a dataset given by its owner to another user';
ALTER TABLE fairdb.dataset_grants OWNER TO fairdb_definer;

ALTER TABLE fairdb.dataset_grants ENABLE ROW LEVEL SECURITY;
-- Both parties see the grant; it is written only through share_dataset / revoke_dataset.
CREATE POLICY grant_parties_select ON fairdb.dataset_grants
  FOR SELECT TO authenticated USING (auth.uid() = grantee OR auth.uid() = granted_by);
CREATE POLICY service_role_full_access ON fairdb.dataset_grants
  FOR ALL TO service_role USING (true) WITH CHECK (true);
REVOKE ALL ON TABLE fairdb.dataset_grants FROM PUBLIC, anon, authenticated;
GRANT SELECT ON TABLE fairdb.dataset_grants TO authenticated;
GRANT ALL ON TABLE fairdb.dataset_grants TO service_role;

-- Has the caller been given this dataset / the dataset this physical table belongs to?
-- SECURITY DEFINER so that policies can ask without the caller reading other grants.
CREATE FUNCTION fairdb.dataset_shared_with_caller(p_dataset_id uuid)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT auth.uid() IS NOT NULL AND EXISTS (
    SELECT 1 FROM fairdb.dataset_grants g WHERE g.dataset_id = p_dataset_id AND g.grantee = auth.uid())
$$;

CREATE FUNCTION fairdb.table_shared_with_caller(p_table_name text)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT auth.uid() IS NOT NULL AND EXISTS (
    SELECT 1 FROM fairdb.dataset_tables t
    JOIN fairdb.dataset_grants g ON g.dataset_id = t.dataset_id
    WHERE t.table_name = p_table_name AND g.grantee = auth.uid())
$$;

-- The same as sets, for policies that filter many rows: `x IN (SELECT …)` is evaluated once per
-- statement (a hashed subplan) instead of once per row.
CREATE FUNCTION fairdb.datasets_shared_with_caller()
RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT g.dataset_id FROM fairdb.dataset_grants g WHERE g.grantee = auth.uid()
$$;

CREATE FUNCTION fairdb.tables_shared_with_caller()
RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT t.table_name FROM fairdb.dataset_grants g
  JOIN fairdb.dataset_tables t ON t.dataset_id = g.dataset_id
  WHERE g.grantee = auth.uid()
$$;

-- Grant to a registered user by e-mail. False (never an error) when the caller does not own the
-- dataset, the dataset or the e-mail is unknown, or it is the caller's own: no hint which.
CREATE FUNCTION fairdb.share_dataset(p_dataset_id uuid, p_email text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_grantee uuid;
BEGIN
  IF auth.uid() IS NULL
     OR NOT EXISTS (SELECT 1 FROM fairdb.datasets d WHERE d.id = p_dataset_id AND d.user_id = auth.uid()) THEN
    RETURN false;
  END IF;
  SELECT u.id INTO v_grantee FROM auth.users u WHERE u.email = lower(btrim(p_email));
  IF v_grantee IS NULL OR v_grantee = auth.uid() THEN
    RETURN false;
  END IF;
  INSERT INTO fairdb.dataset_grants (dataset_id, grantee, granted_by)
  VALUES (p_dataset_id, v_grantee, auth.uid())
  ON CONFLICT (dataset_id, grantee) DO NOTHING;
  RETURN true;
END
$$;

-- Ends a grant; false when there was none to end (second revoke, unknown e-mail, not the owner).
CREATE FUNCTION fairdb.revoke_dataset(p_dataset_id uuid, p_email text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_count integer;
BEGIN
  DELETE FROM fairdb.dataset_grants g
  USING fairdb.datasets d, auth.users u
  WHERE g.dataset_id = p_dataset_id AND d.id = g.dataset_id AND d.user_id = auth.uid()
    AND u.id = g.grantee AND u.email = lower(btrim(p_email));
  GET DIAGNOSTICS v_count = ROW_COUNT;
  RETURN v_count > 0;
END
$$;

-- The owner's view of who has access (e-mails are in auth.users, which callers cannot read).
CREATE FUNCTION fairdb.dataset_grantees(p_dataset_id uuid)
RETURNS TABLE (email text, created_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT u.email, g.created_at
  FROM fairdb.dataset_grants g
  JOIN fairdb.datasets d ON d.id = g.dataset_id AND d.user_id = auth.uid()
  JOIN auth.users u ON u.id = g.grantee
  WHERE g.dataset_id = p_dataset_id
  ORDER BY u.email
$$;

-- The grantee's view: who shared each dataset with the caller.
CREATE FUNCTION fairdb.shared_dataset_owners()
RETURNS TABLE (dataset_id uuid, owner_email text, shared_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT g.dataset_id, u.email, g.created_at
  FROM fairdb.dataset_grants g
  JOIN fairdb.datasets d ON d.id = g.dataset_id
  JOIN auth.users u ON u.id = d.user_id
  WHERE g.grantee = auth.uid()
$$;

DO $$
DECLARE f text;
BEGIN
  FOREACH f IN ARRAY ARRAY['fairdb.dataset_shared_with_caller(uuid)', 'fairdb.table_shared_with_caller(text)',
                           'fairdb.datasets_shared_with_caller()', 'fairdb.tables_shared_with_caller()',
                           'fairdb.share_dataset(uuid, text)', 'fairdb.revoke_dataset(uuid, text)',
                           'fairdb.dataset_grantees(uuid)', 'fairdb.shared_dataset_owners()'] LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO fairdb_definer', f);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC, anon', f);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO authenticated, service_role', f);
  END LOOP;
END
$$;

-- SELECT policies: owner OR granted.
ALTER POLICY users_view_own_metadata ON _realtime.metadata_tables
  USING (auth.uid() = user_id OR table_name IN (SELECT fairdb.tables_shared_with_caller()));
ALTER POLICY owner_select ON fairdb.datasets
  USING (auth.uid() = user_id OR id IN (SELECT fairdb.datasets_shared_with_caller()));
ALTER POLICY owner_select ON fairdb.dataset_tables
  USING (auth.uid() = user_id OR dataset_id IN (SELECT fairdb.datasets_shared_with_caller()));
ALTER POLICY owner_select ON fairdb.dataset_columns
  USING (auth.uid() = user_id OR dataset_id IN (SELECT fairdb.datasets_shared_with_caller()));

-- Data tables: the grant is looked up once per statement (an InitPlan), not once per row.
-- INSERT needs the table to be the caller's own: a grantee (who knows the name) cannot add rows.
CREATE OR REPLACE FUNCTION public._data_table_read_policy(p_table_name text)
RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
  SELECT format('auth.uid() = user_id OR (SELECT fairdb.table_shared_with_caller(%L))', p_table_name)
$$;
CREATE OR REPLACE FUNCTION public._data_table_insert_policy(p_table_name text)
RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
  SELECT format('auth.uid() = user_id AND (SELECT public.user_owns_table(%L))', p_table_name)
$$;
ALTER FUNCTION public._data_table_read_policy(text) OWNER TO fairdb_definer;
ALTER FUNCTION public._data_table_insert_policy(text) OWNER TO fairdb_definer;
REVOKE ALL ON FUNCTION public._data_table_read_policy(text), public._data_table_insert_policy(text) FROM PUBLIC, anon, authenticated;

DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT p.tablename FROM pg_policies p
           WHERE p.schemaname = '_realtime' AND p.policyname = 'users_view_own_data' LOOP
    EXECUTE format('ALTER POLICY users_view_own_data ON _realtime.%I USING (%s)', t, public._data_table_read_policy(t));
  END LOOP;
  FOR t IN SELECT p.tablename FROM pg_policies p
           WHERE p.schemaname = '_realtime' AND p.policyname = 'users_insert_own_data' LOOP
    EXECUTE format('ALTER POLICY users_insert_own_data ON _realtime.%I WITH CHECK (%s)', t, public._data_table_insert_policy(t));
  END LOOP;
END
$$;

-- The catalogue: owned or granted tables.
CREATE OR REPLACE FUNCTION public._visible_tables(p_schema_name text)
RETURNS TABLE (table_name text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM public._require_caller(p_schema_name);
  RETURN QUERY
  SELECT c.relname::text
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = p_schema_name
    AND c.relkind IN ('r', 'p')
    AND (auth.uid() IS NULL
         OR c.relname IN (SELECT m.table_name FROM _realtime.metadata_tables m WHERE m.user_id = auth.uid()
                          UNION ALL
                          SELECT t.table_name FROM fairdb.dataset_grants g
                          JOIN fairdb.dataset_tables t ON t.dataset_id = g.dataset_id
                          WHERE g.grantee = auth.uid()));
END
$$;

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
      'SELECT to_jsonb(t) FROM %I.%I t WHERE t.user_id = $1 OR $3 ORDER BY t.rowid LIMIT $2',
      p_schema_name, p_table_name)
      USING v_user_id, v_limit, fairdb.table_shared_with_caller(p_table_name);
  ELSE
    RETURN QUERY EXECUTE format(
      'SELECT to_jsonb(t) FROM %I.%I t LIMIT $1', p_schema_name, p_table_name) USING v_limit;
  END IF;
END
$$;

-- A grantee may read but never change: for it an update answers as for a missing table.
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
  IF v_user_id IS NOT NULL AND NOT public.user_owns_table(p_table_name) THEN
    RAISE EXCEPTION 'Table % does not exist in schema %', p_table_name, p_schema_name
      USING ERRCODE = 'undefined_table';
  END IF;
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

-- New data tables get the same "owner OR granted" read policy.
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
  EXECUTE format('CREATE POLICY users_view_own_data ON %s FOR SELECT TO authenticated USING (%s)',
                 v_table, public._data_table_read_policy(p_table_name));
  EXECUTE format('CREATE POLICY users_insert_own_data ON %s FOR INSERT TO authenticated WITH CHECK (%s)',
                 v_table, public._data_table_insert_policy(p_table_name));
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
