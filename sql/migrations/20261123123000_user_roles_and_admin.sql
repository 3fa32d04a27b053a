-- Administrators manage accounts, never data. The admin role grants nothing on the data tables:
-- an admin's requests run as `authenticated` with its own claims like anyone's, so RLS shows it
-- only its own and granted datasets. What it gets is two SECURITY DEFINER functions that check
-- the role themselves: account figures (names and sizes, no rows) and ban/unban.

CREATE TABLE fairdb.user_roles (
  user_id     uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  role        text NOT NULL CHECK (role IN ('admin')),
  granted_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, role)
);
COMMENT ON TABLE fairdb.user_roles IS 'Application roles (admin); granted with scripts/db.sh grant-admin';
ALTER TABLE fairdb.user_roles OWNER TO fairdb_definer;
ALTER TABLE fairdb.user_roles ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_roles_select ON fairdb.user_roles FOR SELECT TO authenticated USING (auth.uid() = user_id);
CREATE POLICY service_role_full_access ON fairdb.user_roles FOR ALL TO service_role USING (true) WITH CHECK (true);
REVOKE ALL ON TABLE fairdb.user_roles FROM PUBLIC, anon, authenticated;
GRANT SELECT ON TABLE fairdb.user_roles TO authenticated;
GRANT ALL ON TABLE fairdb.user_roles TO service_role;

GRANT SELECT (created_at, last_sign_in_at, banned_until) ON TABLE auth.users TO fairdb_definer;
GRANT UPDATE (banned_until) ON TABLE auth.users TO fairdb_definer;
GRANT SELECT (user_id), DELETE ON TABLE auth.sessions TO fairdb_definer;

CREATE FUNCTION fairdb.caller_is_admin()
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT auth.uid() IS NOT NULL
     AND EXISTS (SELECT 1 FROM fairdb.user_roles r WHERE r.user_id = auth.uid() AND r.role = 'admin')
$$;

-- Raises insufficient_privilege for anyone but an admin.
CREATE FUNCTION fairdb._require_admin()
RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF NOT fairdb.caller_is_admin() THEN
    RAISE EXCEPTION 'Administrators only' USING ERRCODE = 'insufficient_privilege';
  END IF;
END
$$;

-- One row per account: figures only. Stored bytes are the on-disk size of the user's data tables.
CREATE FUNCTION fairdb.admin_accounts()
RETURNS TABLE (user_id uuid, email text, created_at timestamptz, last_sign_in_at timestamptz,
               banned_until timestamptz, is_admin boolean, datasets bigint, stored_bytes bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM fairdb._require_admin();
  RETURN QUERY
  SELECT u.id, u.email, u.created_at, u.last_sign_in_at, u.banned_until,
         EXISTS (SELECT 1 FROM fairdb.user_roles r WHERE r.user_id = u.id AND r.role = 'admin'),
         (SELECT count(*) FROM fairdb.datasets d WHERE d.user_id = u.id),
         coalesce((SELECT sum(pg_total_relation_size(c.oid))::bigint
                   FROM _realtime.metadata_tables m
                   JOIN pg_class c ON c.relname = m.table_name AND c.relnamespace = '_realtime'::regnamespace
                   WHERE m.user_id = u.id), 0)
  FROM auth.users u
  ORDER BY u.created_at, u.email;
END
$$;

-- Ban until a time (its sessions end at once) or, with NULL, lift the ban. False for an unknown
-- user or the caller itself.
CREATE FUNCTION fairdb.admin_set_ban(p_user_id uuid, p_until timestamptz)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_count integer;
BEGIN
  PERFORM fairdb._require_admin();
  IF p_user_id = auth.uid() THEN
    RETURN false;
  END IF;
  UPDATE auth.users SET banned_until = p_until WHERE id = p_user_id;
  GET DIAGNOSTICS v_count = ROW_COUNT;
  IF v_count > 0 AND p_until IS NOT NULL AND p_until > now() THEN
    DELETE FROM auth.sessions s WHERE s.user_id = p_user_id;
  END IF;
  RETURN v_count > 0;
END
$$;

DO $$
DECLARE f text;
BEGIN
  FOREACH f IN ARRAY ARRAY['fairdb.caller_is_admin()', 'fairdb._require_admin()', 'fairdb.admin_accounts()',
                           'fairdb.admin_set_ban(uuid, timestamptz)'] LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO fairdb_definer', f);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC, anon', f);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO authenticated', f);
  END LOOP;
END
$$;
