-- What TOTP MFA needs beyond GoTrue's tables (GoTrue has no recovery codes): one-time recovery
-- codes (SHA-256 of an 80-bit random code, never the code), the last TOTP time step accepted
-- per factor (a code is accepted once), and wrong attempts (the per-user limit). Applied in both
-- modes; only service_role may touch them.
CREATE SCHEMA IF NOT EXISTS fairdb_private;
GRANT USAGE ON SCHEMA fairdb_private TO service_role;

CREATE TABLE IF NOT EXISTS fairdb_private.mfa_recovery_codes (
  user_id     uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  code_hash   text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  used_at     timestamptz,
  PRIMARY KEY (user_id, code_hash)
);

-- Keyed by factor id without a foreign key: in Supabase mode auth.mfa_factors belongs to GoTrue.
CREATE TABLE IF NOT EXISTS fairdb_private.mfa_totp_steps (
  factor_id   uuid PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  last_step   bigint NOT NULL
);

CREATE TABLE IF NOT EXISTS fairdb_private.mfa_failed_attempts (
  id       bigserial PRIMARY KEY,
  user_id  uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  at       timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS mfa_failed_attempts_user_at_idx ON fairdb_private.mfa_failed_attempts (user_id, at);

REVOKE ALL ON fairdb_private.mfa_recovery_codes, fairdb_private.mfa_totp_steps, fairdb_private.mfa_failed_attempts
  FROM PUBLIC, anon, authenticated;
GRANT SELECT, INSERT, UPDATE, DELETE
  ON fairdb_private.mfa_recovery_codes, fairdb_private.mfa_totp_steps, fairdb_private.mfa_failed_attempts TO service_role;
GRANT USAGE, SELECT ON SEQUENCE fairdb_private.mfa_failed_attempts_id_seq TO service_role;
-- Row security on and no policy: nothing for any role but service_role (which bypasses it).
ALTER TABLE fairdb_private.mfa_recovery_codes ENABLE ROW LEVEL SECURITY;
ALTER TABLE fairdb_private.mfa_totp_steps ENABLE ROW LEVEL SECURITY;
ALTER TABLE fairdb_private.mfa_failed_attempts ENABLE ROW LEVEL SECURITY;
