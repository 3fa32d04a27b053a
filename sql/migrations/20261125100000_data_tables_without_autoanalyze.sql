-- Autovacuum no longer analyzes uploaded data tables. ANALYZE of a table of text columns costs
-- time in the square of its width (PostgreSQL walks each row from its first column to reach every
-- column it samples): 40 s of a core for one 10,000 x 2,005 upload, run by autovacuum within a
-- minute of every upload and competing with the uploader's first reads. No query uses those
-- column statistics: data tables are read whole (COPY), by row key, or joined on the row key, and
-- the row count comes from the index builds and from vacuum, which autovacuum still runs (rows
-- corrected leave dead versions). See docs/architecture.md, "Decisions and their measurements".

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

  EXECUTE format('CREATE TABLE %s (rowid serial, user_id uuid NOT NULL, %I text NOT NULL, %s) WITH (autovacuum_analyze_threshold = 2147483647)',
                 v_table, p_id_column, v_cols);

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

-- Tables uploaded before this migration.
DO $$
DECLARE
  t text;
BEGIN
  FOR t IN SELECT m.table_name FROM _realtime.metadata_tables m
           WHERE to_regclass(format('_realtime.%I', m.table_name)) IS NOT NULL LOOP
    BEGIN
      EXECUTE format('ALTER TABLE _realtime.%I SET (autovacuum_analyze_threshold = 2147483647)', t);
    EXCEPTION WHEN insufficient_privilege THEN
      -- A hosted database whose migration role does not own the table: it keeps being analyzed.
      RAISE NOTICE 'table %: autoanalyze left on (%)', t, SQLERRM;
    END;
  END LOOP;
END
$$;
