-- GoTrue's MFA tables (embedded mode only: a Supabase project has them already, owned by its
-- auth server). Same names, columns and types as GoTrue's migrations, so verified factors carry
-- over when accounts move to Supabase. secret holds the base32 TOTP secret, as GoTrue stores it
-- without its optional encryption: only service_role may read these tables.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                 WHERE n.nspname = 'auth' AND t.typname = 'factor_type') THEN
    CREATE TYPE auth.factor_type AS ENUM ('totp', 'webauthn', 'phone');
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                 WHERE n.nspname = 'auth' AND t.typname = 'factor_status') THEN
    CREATE TYPE auth.factor_status AS ENUM ('unverified', 'verified');
  END IF;
END
$$;

CREATE TABLE IF NOT EXISTS auth.mfa_factors (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id             uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  friendly_name       text,
  factor_type         auth.factor_type NOT NULL,
  status              auth.factor_status NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  secret              text,
  phone               text,
  last_challenged_at  timestamptz UNIQUE
);
CREATE INDEX IF NOT EXISTS mfa_factors_user_id_idx ON auth.mfa_factors (user_id);
CREATE UNIQUE INDEX IF NOT EXISTS mfa_factors_user_friendly_name_unique
  ON auth.mfa_factors (friendly_name, user_id) WHERE trim(friendly_name) <> '';

CREATE TABLE IF NOT EXISTS auth.mfa_challenges (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  factor_id    uuid NOT NULL REFERENCES auth.mfa_factors (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  verified_at  timestamptz,
  ip_address   inet NOT NULL,
  otp_code     text
);
CREATE INDEX IF NOT EXISTS mfa_challenge_created_at_idx ON auth.mfa_challenges (created_at DESC);

-- How each session was authenticated (GoTrue builds the token's amr claim from these rows).
CREATE TABLE IF NOT EXISTS auth.mfa_amr_claims (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id             uuid NOT NULL REFERENCES auth.sessions (id) ON DELETE CASCADE,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  authentication_method  text NOT NULL,
  CONSTRAINT mfa_amr_claims_session_id_authentication_method_pkey UNIQUE (session_id, authentication_method)
);

REVOKE ALL ON auth.mfa_factors, auth.mfa_challenges, auth.mfa_amr_claims FROM PUBLIC, anon, authenticated;
GRANT SELECT, INSERT, UPDATE, DELETE ON auth.mfa_factors, auth.mfa_challenges, auth.mfa_amr_claims TO service_role;
-- As in Supabase: row security on and no policy, so even a future grant would show nothing.
ALTER TABLE auth.mfa_factors ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.mfa_challenges ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.mfa_amr_claims ENABLE ROW LEVEL SECURITY;
