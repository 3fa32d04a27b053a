-- The anonymization working copy becomes a recipe over column-wise data (README, "generalization
-- workflow"): the state holds the source reference and the ordered steps; the table itself is no
-- longer stored. A stored dataset is read in place; an uploaded CSV is kept column-wise in
-- fairdb_work.workspace_columns. Old working copies are discarded (they held whole-table blobs).

DELETE FROM fairdb_work.workspaces;

ALTER TABLE fairdb_work.workspaces
  DROP COLUMN original,
  DROP COLUMN current,
  ADD COLUMN source    jsonb,   -- source layout (columns, chunk tables) and per-column statistics
  ADD COLUMN row_ids   bytea,   -- a stored dataset's row ids in order (int32 little-endian)
  ADD COLUMN kept_rows bytea;   -- privacy processing's kept-row bitset over source rows; null = all

COMMENT ON COLUMN fairdb_work.workspaces.state IS 'The recipe: source reference and every step with its parameters';

-- An uploaded CSV, one row per column and block of rows: dictionary-encoded values, so a step
-- reads only the columns it needs and a download reads one block of rows at a time.
CREATE TABLE fairdb_work.workspace_columns (
  user_id uuid NOT NULL REFERENCES fairdb_work.workspaces (user_id) ON DELETE CASCADE,
  block   integer NOT NULL CHECK (block >= 0),
  ordinal integer NOT NULL CHECK (ordinal >= 0),
  data    bytea NOT NULL,
  PRIMARY KEY (user_id, block, ordinal)
);
COMMENT ON TABLE fairdb_work.workspace_columns IS 'Column-wise data of a working copy started from an uploaded CSV';

ALTER TABLE fairdb_work.workspace_columns ENABLE ROW LEVEL SECURITY;

CREATE POLICY owner_select ON fairdb_work.workspace_columns
  FOR SELECT TO authenticated USING (auth.uid() = user_id);
CREATE POLICY owner_insert ON fairdb_work.workspace_columns
  FOR INSERT TO authenticated WITH CHECK (auth.uid() = user_id);
CREATE POLICY owner_delete ON fairdb_work.workspace_columns
  FOR DELETE TO authenticated USING (auth.uid() = user_id);
CREATE POLICY service_role_full_access ON fairdb_work.workspace_columns
  FOR ALL TO service_role USING (true) WITH CHECK (true);

REVOKE ALL ON TABLE fairdb_work.workspace_columns FROM PUBLIC, anon;
GRANT SELECT, INSERT, DELETE ON TABLE fairdb_work.workspace_columns TO authenticated;
GRANT ALL ON TABLE fairdb_work.workspace_columns TO service_role;
