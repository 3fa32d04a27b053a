-- Column statistics of a dataset (the /datasets/{id} page and columns.json), computed once and
-- kept until the dataset changes. `claim` is set when a computation starts; the result is stored
-- only if the claim is still there, so an invalidation during the computation wins.

CREATE TABLE fairdb.column_statistics (
  dataset_id  uuid PRIMARY KEY REFERENCES fairdb.datasets (id) ON DELETE CASCADE,
  user_id     uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  claim       uuid NOT NULL,
  columns     jsonb,                      -- [{name, original_name, type, missing, …}] in file order; NULL while computing
  computed_at timestamptz
);
CREATE INDEX ON fairdb.column_statistics (user_id);
COMMENT ON TABLE fairdb.column_statistics IS 'Kept per-column statistics of a dataset; deleted when its data changes';

ALTER TABLE fairdb.column_statistics ENABLE ROW LEVEL SECURITY;
CREATE POLICY owner_select ON fairdb.column_statistics
  FOR SELECT TO authenticated USING (auth.uid() = user_id);
CREATE POLICY owner_insert ON fairdb.column_statistics
  FOR INSERT TO authenticated WITH CHECK (auth.uid() = user_id);
CREATE POLICY owner_update ON fairdb.column_statistics
  FOR UPDATE TO authenticated USING (auth.uid() = user_id) WITH CHECK (auth.uid() = user_id);
CREATE POLICY owner_delete ON fairdb.column_statistics
  FOR DELETE TO authenticated USING (auth.uid() = user_id);
CREATE POLICY service_role_full_access ON fairdb.column_statistics
  FOR ALL TO service_role USING (true) WITH CHECK (true);

REVOKE ALL ON TABLE fairdb.column_statistics FROM PUBLIC, anon;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE fairdb.column_statistics TO authenticated;
GRANT ALL ON TABLE fairdb.column_statistics TO service_role;
