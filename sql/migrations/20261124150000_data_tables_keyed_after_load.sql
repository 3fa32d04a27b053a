-- Uploads create their data tables without the row key, the indexes and the owner's foreign key,
-- load the rows, then add those in the same transaction (fairdb.key_data_table). The finished
-- table is the one create_data_table makes (same columns, constraint and index names, policies,
-- privileges), but PostgreSQL builds each index once instead of updating it per row and checks
-- the foreign key with one query instead of a trigger per row. And auth.users is locked (adding
-- a foreign key takes SHARE ROW EXCLUSIVE on it, which blocks every insert or update there:
-- sign-ups, sign-ins) only from the keying to the commit instead of for the whole upload.

CREATE OR REPLACE FUNCTION fairdb.create_unkeyed_data_table(p_table_name text, p_column_names text[], p_id_column text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_table text := format('_realtime.%I', p_table_name);
  v_cols text;
BEGIN
  IF p_column_names IS NULL OR cardinality(p_column_names) = 0 THEN
    RAISE EXCEPTION 'At least one column is required' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT string_agg(format('%I text', c), ', ' ORDER BY o)
    INTO v_cols FROM unnest(p_column_names) WITH ORDINALITY AS u (c, o);

  EXECUTE format('CREATE TABLE %s (rowid serial, user_id uuid NOT NULL, %I text NOT NULL, %s)', v_table, p_id_column, v_cols);

  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', v_table);
  EXECUTE format('CREATE POLICY users_view_own_data ON %s FOR SELECT TO authenticated USING (%s)',
                 v_table, public._data_table_read_policy(p_table_name));
  EXECUTE format('CREATE POLICY users_insert_own_data ON %s FOR INSERT TO authenticated WITH CHECK (%s)',
                 v_table, public._data_table_insert_policy(p_table_name));
  EXECUTE format('CREATE POLICY service_role_full_data_access ON %s FOR ALL TO service_role USING (true) WITH CHECK (true)', v_table);

  EXECUTE format('REVOKE ALL ON TABLE %s FROM PUBLIC, anon', v_table);
  EXECUTE format('GRANT SELECT, INSERT ON TABLE %s TO authenticated', v_table);
  EXECUTE format('GRANT ALL ON TABLE %s TO service_role', v_table);
  EXECUTE format('REVOKE ALL ON SEQUENCE _realtime.%I FROM PUBLIC, anon, authenticated', p_table_name || '_rowid_seq');
  EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE _realtime.%I TO service_role', p_table_name || '_rowid_seq');
  RETURN true;
END
$$;

-- The keys create_data_table gives a table up front, added to a loaded one.
CREATE OR REPLACE FUNCTION fairdb.key_data_table(p_table_name text, p_id_column text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_table text := format('_realtime.%I', p_table_name);
BEGIN
  EXECUTE format('ALTER TABLE %s ADD PRIMARY KEY (rowid)', v_table);
  EXECUTE format('CREATE INDEX ON %s (user_id)', v_table);
  EXECUTE format('CREATE INDEX ON %s (%I)', v_table, p_id_column);
  EXECUTE format('ALTER TABLE %s ADD FOREIGN KEY (user_id) REFERENCES auth.users (id) ON DELETE CASCADE', v_table);
  RETURN true;
END
$$;

ALTER FUNCTION fairdb.create_unkeyed_data_table(text, text[], text) OWNER TO fairdb_definer;
ALTER FUNCTION fairdb.key_data_table(text, text) OWNER TO fairdb_definer;
REVOKE ALL ON FUNCTION fairdb.create_unkeyed_data_table(text, text[], text), fairdb.key_data_table(text, text) FROM PUBLIC, anon, authenticated;
GRANT EXECUTE ON FUNCTION fairdb.create_unkeyed_data_table(text, text[], text), fairdb.key_data_table(text, text) TO service_role;
