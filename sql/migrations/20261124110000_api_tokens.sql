-- Personal API tokens for the JSON API (/api/v1). Only the SHA-256 of a token is stored; the
-- token itself is shown to its owner once. Owners list, create and revoke their own tokens as
-- authenticated (RLS), but no role below service_role can read a hash, not even its owner's:
-- the hash column is left out of authenticated's column grants. Turning a presented token into
-- its user is a service_role look-up by hash.

CREATE TABLE fairdb.api_tokens (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  name          text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  scope         text NOT NULL CHECK (scope IN ('read', 'write')),
  token_hash    bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  last_used_at  timestamptz,
  revoked_at    timestamptz,
  CHECK (expires_at > created_at AND expires_at <= created_at + interval '366 days')
);
CREATE INDEX ON fairdb.api_tokens (user_id, created_at DESC);
COMMENT ON TABLE fairdb.api_tokens IS 'Personal API tokens: SHA-256 hashes only, readable by service_role';
ALTER TABLE fairdb.api_tokens OWNER TO fairdb_definer;

ALTER TABLE fairdb.api_tokens ENABLE ROW LEVEL SECURITY;
CREATE POLICY owner_select ON fairdb.api_tokens
  FOR SELECT TO authenticated USING (auth.uid() = user_id);
CREATE POLICY owner_insert ON fairdb.api_tokens
  FOR INSERT TO authenticated WITH CHECK (auth.uid() = user_id AND revoked_at IS NULL AND last_used_at IS NULL);
-- Revoking is the only change an owner makes (column grant below: revoked_at only), and it is final.
CREATE POLICY owner_revoke ON fairdb.api_tokens
  FOR UPDATE TO authenticated USING (auth.uid() = user_id) WITH CHECK (auth.uid() = user_id AND revoked_at IS NOT NULL);
CREATE POLICY service_role_full_access ON fairdb.api_tokens
  FOR ALL TO service_role USING (true) WITH CHECK (true);

REVOKE ALL ON TABLE fairdb.api_tokens FROM PUBLIC, anon, authenticated, service_role;
GRANT SELECT (id, user_id, name, scope, created_at, expires_at, last_used_at, revoked_at) ON TABLE fairdb.api_tokens TO authenticated;
GRANT INSERT (user_id, name, scope, token_hash, expires_at) ON TABLE fairdb.api_tokens TO authenticated;
GRANT UPDATE (revoked_at) ON TABLE fairdb.api_tokens TO authenticated;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE fairdb.api_tokens TO service_role;
