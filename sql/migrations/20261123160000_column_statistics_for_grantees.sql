-- A grantee explores a shared dataset: it may read the owner's kept column statistics. Only the
-- owner writes them (a grantee computes its figures without keeping them).
CREATE POLICY grantee_select ON fairdb.column_statistics
  FOR SELECT TO authenticated
  USING (dataset_id IN (SELECT fairdb.datasets_shared_with_caller()));
