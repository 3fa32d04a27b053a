-- The ASP.NET Core DataProtection key ring (encrypts session cookies and antiforgery tokens).
-- Kept in the database so restarts and every app instance share it (see "Security model" and "Scale-out" in docs/architecture.md).
-- Only service_role may touch it: a user who could read it could forge any session cookie.
CREATE SCHEMA IF NOT EXISTS fairdb_private;
GRANT USAGE ON SCHEMA fairdb_private TO service_role;

CREATE TABLE IF NOT EXISTS fairdb_private.data_protection_keys (
  id             bigserial PRIMARY KEY,
  friendly_name  text NOT NULL UNIQUE,
  xml            text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);

REVOKE ALL ON TABLE fairdb_private.data_protection_keys FROM PUBLIC, anon, authenticated;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE fairdb_private.data_protection_keys TO service_role;
GRANT USAGE, SELECT ON SEQUENCE fairdb_private.data_protection_keys_id_seq TO service_role;
