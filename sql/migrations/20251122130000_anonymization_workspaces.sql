-- Server-side working copies of the anonymization workflow (see "Data path of a workflow step" in docs/architecture.md): one per user, so any
-- app instance can continue a user's workflow and the client never names a file. The original
-- table is kept so consolidated_return can replay the chosen steps from the start.

CREATE SCHEMA IF NOT EXISTS fairdb_work;
COMMENT ON SCHEMA fairdb_work IS 'Per-user working state of multi-step workflows (anonymization)';

CREATE TABLE fairdb_work.workspaces (
  user_id     uuid PRIMARY KEY REFERENCES auth.users (id) ON DELETE CASCADE,
  state       jsonb NOT NULL,             -- workflow step and every choice made so far
  original    bytea,                      -- the table the workflow started from (AnonTableCodec)
  current     bytea,                      -- the table after the steps applied so far (AnonTableCodec)
  last_report jsonb,                      -- the last privacy score calculation (/data/p29score/report)
  updated_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE fairdb_work.workspaces IS 'One anonymization working copy per user';

ALTER TABLE fairdb_work.workspaces ENABLE ROW LEVEL SECURITY;

CREATE POLICY owner_select ON fairdb_work.workspaces
  FOR SELECT TO authenticated USING (auth.uid() = user_id);
CREATE POLICY owner_insert ON fairdb_work.workspaces
  FOR INSERT TO authenticated WITH CHECK (auth.uid() = user_id);
CREATE POLICY owner_update ON fairdb_work.workspaces
  FOR UPDATE TO authenticated USING (auth.uid() = user_id) WITH CHECK (auth.uid() = user_id);
CREATE POLICY owner_delete ON fairdb_work.workspaces
  FOR DELETE TO authenticated USING (auth.uid() = user_id);
CREATE POLICY service_role_full_access ON fairdb_work.workspaces
  FOR ALL TO service_role USING (true) WITH CHECK (true);

REVOKE ALL ON SCHEMA fairdb_work FROM PUBLIC, anon;
GRANT USAGE ON SCHEMA fairdb_work TO authenticated, service_role;
REVOKE ALL ON TABLE fairdb_work.workspaces FROM PUBLIC, anon;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE fairdb_work.workspaces TO authenticated;
GRANT ALL ON TABLE fairdb_work.workspaces TO service_role;
