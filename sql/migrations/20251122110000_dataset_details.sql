-- Dataset details that FAIRDatabase's _realtime.metadata_tables has no room for: which physical
-- tables make up an upload, its size, and the original header so downloads can restore it. Kept
-- in a schema of our own so _realtime.metadata_tables keeps exactly FAIRDatabase's columns.

CREATE SCHEMA IF NOT EXISTS fairdb;
COMMENT ON SCHEMA fairdb IS 'FairDatabase bookkeeping beyond the FAIRDatabase contract';

-- One row per uploaded dataset.
CREATE TABLE fairdb.datasets (
  id              uuid PRIMARY KEY,
  user_id         uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  display_name    text NOT NULL,          -- = metadata_tables.main_table
  file_name       text NOT NULL,          -- as uploaded
  description     text,
  origin          text,
  row_count       bigint NOT NULL,
  column_count    integer NOT NULL,       -- every column of the file, the id column included
  id_column       text NOT NULL,          -- sanitized name of the first (id) column
  id_hash         text NOT NULL CHECK (id_hash IN ('sha256', 'hmac-sha256')),
  original_header text[] NOT NULL,        -- the header exactly as uploaded, in order
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON fairdb.datasets (user_id);

-- One row per physical table (chunk) of a dataset; table_name = metadata_tables.table_name.
CREATE TABLE fairdb.dataset_tables (
  dataset_id   uuid NOT NULL REFERENCES fairdb.datasets (id) ON DELETE CASCADE,
  chunk_index  integer NOT NULL,
  table_name   text NOT NULL UNIQUE,
  column_count integer NOT NULL,          -- data columns in this table, the id column excluded
  user_id      uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  PRIMARY KEY (dataset_id, chunk_index)
);
CREATE INDEX ON fairdb.dataset_tables (user_id);

-- One row per column of the file: where it went and what it was called.
CREATE TABLE fairdb.dataset_columns (
  dataset_id    uuid NOT NULL REFERENCES fairdb.datasets (id) ON DELETE CASCADE,
  ordinal       integer NOT NULL,         -- 0-based position in the file; 0 is the id column
  original_name text NOT NULL,
  column_name   text NOT NULL,            -- sanitized PostgreSQL name
  chunk_index   integer,                  -- NULL for the id column, which every chunk carries
  user_id       uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  PRIMARY KEY (dataset_id, ordinal)
);
CREATE INDEX ON fairdb.dataset_columns (user_id);

-- Owners see and manage their own rows; the service role everything; anon nothing.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['datasets', 'dataset_tables', 'dataset_columns'] LOOP
    EXECUTE format('ALTER TABLE fairdb.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY owner_select ON fairdb.%I FOR SELECT TO authenticated USING (auth.uid() = user_id)', t);
    EXECUTE format('CREATE POLICY owner_insert ON fairdb.%I FOR INSERT TO authenticated WITH CHECK (auth.uid() = user_id)', t);
    EXECUTE format('CREATE POLICY owner_update ON fairdb.%I FOR UPDATE TO authenticated USING (auth.uid() = user_id) WITH CHECK (auth.uid() = user_id)', t);
    EXECUTE format('CREATE POLICY owner_delete ON fairdb.%I FOR DELETE TO authenticated USING (auth.uid() = user_id)', t);
    EXECUTE format('CREATE POLICY service_role_full_access ON fairdb.%I FOR ALL TO service_role USING (true) WITH CHECK (true)', t);
    EXECUTE format('REVOKE ALL ON TABLE fairdb.%I FROM PUBLIC, anon', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE fairdb.%I TO authenticated', t);
    EXECUTE format('GRANT ALL ON TABLE fairdb.%I TO service_role', t);
  END LOOP;
END
$$;

REVOKE ALL ON SCHEMA fairdb FROM PUBLIC, anon;
GRANT USAGE ON SCHEMA fairdb TO authenticated, service_role;
