-- Invitation links for Auth:RegistrationMode = invite. Only the SHA-256 of a link's token is
-- stored. Admins create them through a role-checking function; registration (anonymous) claims
-- one as service_role.

CREATE TABLE fairdb.invitations (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash  text NOT NULL UNIQUE,
  email       text CHECK (email = lower(email)),   -- NULL: anyone holding the link
  created_by  uuid REFERENCES auth.users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  used_by     uuid REFERENCES auth.users (id) ON DELETE SET NULL
);
ALTER TABLE fairdb.invitations OWNER TO fairdb_definer;
ALTER TABLE fairdb.invitations ENABLE ROW LEVEL SECURITY;
CREATE POLICY service_role_full_access ON fairdb.invitations FOR ALL TO service_role USING (true) WITH CHECK (true);
REVOKE ALL ON TABLE fairdb.invitations FROM PUBLIC, anon, authenticated;
GRANT SELECT, INSERT, UPDATE ON TABLE fairdb.invitations TO service_role;

CREATE FUNCTION fairdb.admin_create_invitation(p_token_hash text, p_email text, p_expires_at timestamptz)
RETURNS uuid
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_id uuid;
BEGIN
  PERFORM fairdb._require_admin();
  INSERT INTO fairdb.invitations (token_hash, email, created_by, expires_at)
  VALUES (p_token_hash, nullif(lower(btrim(p_email)), ''), auth.uid(), p_expires_at)
  RETURNING id INTO v_id;
  RETURN v_id;
END
$$;
ALTER FUNCTION fairdb.admin_create_invitation(text, text, timestamptz) OWNER TO fairdb_definer;
REVOKE ALL ON FUNCTION fairdb.admin_create_invitation(text, text, timestamptz) FROM PUBLIC, anon;
GRANT EXECUTE ON FUNCTION fairdb.admin_create_invitation(text, text, timestamptz) TO authenticated;
