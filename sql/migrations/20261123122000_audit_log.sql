-- Who did what to which dataset, when, how it ended and how long it took. Append-only: no app
-- role may UPDATE, DELETE or TRUNCATE, and a trigger refuses those even to the table's owner.
-- The app writes rows as service_role; users read their own rows and the rows about datasets
-- they own (a grantee's reads of them included).

CREATE TABLE fairdb.audit_log (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT now(),
  user_id      uuid,          -- no foreign key: the trail outlives the account
  action       text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_.]{0,62}$'),
  dataset_id   uuid,          -- no foreign key either: attempts on missing datasets are recorded too
  table_name   text,
  status       smallint NOT NULL,   -- the HTTP status the request was answered with
  duration_ms  integer,
  request_id   text,          -- the X-Request-Id header of the response
  ip           inet,
  detail       text
);
CREATE INDEX ON fairdb.audit_log (user_id, at DESC);
CREATE INDEX ON fairdb.audit_log (dataset_id, at DESC) WHERE dataset_id IS NOT NULL;
COMMENT ON TABLE fairdb.audit_log IS 'Append-only trail of sign-ins and data operations';
ALTER TABLE fairdb.audit_log OWNER TO fairdb_definer;

CREATE FUNCTION fairdb.audit_log_is_append_only()
RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
  RAISE EXCEPTION 'fairdb.audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
ALTER FUNCTION fairdb.audit_log_is_append_only() OWNER TO fairdb_definer;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON fairdb.audit_log
  FOR EACH ROW EXECUTE FUNCTION fairdb.audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON fairdb.audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION fairdb.audit_log_is_append_only();

ALTER TABLE fairdb.audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_or_owned_dataset_select ON fairdb.audit_log
  FOR SELECT TO authenticated
  USING (auth.uid() = user_id
         OR EXISTS (SELECT 1 FROM fairdb.datasets d WHERE d.id = dataset_id AND d.user_id = auth.uid()));
CREATE POLICY service_role_append ON fairdb.audit_log
  FOR INSERT TO service_role WITH CHECK (true);
CREATE POLICY service_role_read ON fairdb.audit_log
  FOR SELECT TO service_role USING (true);

REVOKE ALL ON TABLE fairdb.audit_log FROM PUBLIC, anon, authenticated, service_role;
GRANT SELECT ON TABLE fairdb.audit_log TO authenticated;
GRANT SELECT, INSERT ON TABLE fairdb.audit_log TO service_role;

-- The owner's view of one dataset's trail, with the e-mail of whoever acted (auth.users is not
-- readable by users). Empty for anyone but the owner.
CREATE FUNCTION fairdb.dataset_audit(p_dataset_id uuid, p_limit integer DEFAULT 500)
RETURNS TABLE (at timestamptz, email text, action text, table_name text, status smallint,
               duration_ms integer, request_id text, detail text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT a.at, u.email, a.action, a.table_name, a.status, a.duration_ms, a.request_id, a.detail
  FROM fairdb.audit_log a
  JOIN fairdb.datasets d ON d.id = a.dataset_id AND d.user_id = auth.uid()
  LEFT JOIN auth.users u ON u.id = a.user_id
  WHERE a.dataset_id = p_dataset_id
  ORDER BY a.at DESC, a.id DESC
  LIMIT greatest(least(coalesce(p_limit, 500), 5000), 0)
$$;
ALTER FUNCTION fairdb.dataset_audit(uuid, integer) OWNER TO fairdb_definer;
REVOKE ALL ON FUNCTION fairdb.dataset_audit(uuid, integer) FROM PUBLIC, anon;
GRANT EXECUTE ON FUNCTION fairdb.dataset_audit(uuid, integer) TO authenticated;
