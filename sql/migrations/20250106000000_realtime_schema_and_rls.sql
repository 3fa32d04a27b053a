-- FAIRDatabase schema: the _realtime schema, the metadata that records who owns which data
-- table, row-level security on it, and the grants. Same names, columns and types as
-- FAIRDatabase's Supabase migrations, so its tooling and tests keep working.

CREATE SCHEMA IF NOT EXISTS _realtime;
COMMENT ON SCHEMA _realtime IS 'Uploaded data tables (one or more per dataset) and their ownership metadata';

CREATE TABLE IF NOT EXISTS _realtime.metadata_tables (
  id          serial PRIMARY KEY,
  table_name  text NOT NULL,
  main_table  text NOT NULL,
  description text,
  origin      text,
  user_id     uuid REFERENCES auth.users (id) ON DELETE CASCADE,
  created_at  timestamp DEFAULT CURRENT_TIMESTAMP
);
COMMENT ON TABLE _realtime.metadata_tables IS 'One row per physical data table: its owner and the dataset (main_table) it belongs to';

CREATE INDEX IF NOT EXISTS idx_metadata_table_name ON _realtime.metadata_tables (table_name);
CREATE INDEX IF NOT EXISTS idx_metadata_main_table ON _realtime.metadata_tables (main_table);
CREATE INDEX IF NOT EXISTS idx_metadata_user_id ON _realtime.metadata_tables (user_id);

ALTER TABLE _realtime.metadata_tables ENABLE ROW LEVEL SECURITY;

CREATE POLICY users_view_own_metadata ON _realtime.metadata_tables
  FOR SELECT TO authenticated USING (auth.uid() = user_id);
CREATE POLICY users_insert_own_metadata ON _realtime.metadata_tables
  FOR INSERT TO authenticated WITH CHECK (auth.uid() = user_id);
CREATE POLICY users_update_own_metadata ON _realtime.metadata_tables
  FOR UPDATE TO authenticated USING (auth.uid() = user_id) WITH CHECK (auth.uid() = user_id);
CREATE POLICY users_delete_own_metadata ON _realtime.metadata_tables
  FOR DELETE TO authenticated USING (auth.uid() = user_id);
CREATE POLICY service_role_full_metadata_access ON _realtime.metadata_tables
  FOR ALL TO service_role USING (true) WITH CHECK (true);

GRANT USAGE ON SCHEMA _realtime TO authenticated, service_role;
REVOKE ALL ON SCHEMA _realtime FROM anon;
REVOKE ALL ON TABLE _realtime.metadata_tables FROM PUBLIC, anon;
GRANT SELECT, INSERT ON TABLE _realtime.metadata_tables TO authenticated;
GRANT ALL ON TABLE _realtime.metadata_tables TO service_role;
GRANT USAGE ON SEQUENCE _realtime.metadata_tables_id_seq TO authenticated;
GRANT ALL ON SEQUENCE _realtime.metadata_tables_id_seq TO service_role;
