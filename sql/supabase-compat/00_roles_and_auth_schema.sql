-- Supabase compatibility layer (embedded mode only; a Supabase project already has all of this).
-- Reproduces the roles, the auth schema and the auth.* helper functions that RLS policies
-- written for Supabase rely on, so sql/migrations runs unchanged on both.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN
    CREATE ROLE anon NOLOGIN NOINHERIT;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'authenticated') THEN
    CREATE ROLE authenticated NOLOGIN NOINHERIT;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'service_role') THEN
    CREATE ROLE service_role NOLOGIN NOINHERIT BYPASSRLS;
  END IF;
END
$$;

CREATE SCHEMA IF NOT EXISTS auth;
GRANT USAGE ON SCHEMA auth TO anon, authenticated, service_role;

CREATE TABLE IF NOT EXISTS auth.users (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email               text UNIQUE,
  encrypted_password  text,
  aud                 text NOT NULL DEFAULT 'authenticated',
  role                text NOT NULL DEFAULT 'authenticated',
  raw_app_meta_data   jsonb NOT NULL DEFAULT '{"provider":"email","providers":["email"]}'::jsonb,
  raw_user_meta_data  jsonb NOT NULL DEFAULT '{}'::jsonb,
  email_confirmed_at  timestamptz,
  last_sign_in_at     timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  banned_until        timestamptz,
  is_anonymous        boolean NOT NULL DEFAULT false,
  -- GoTrue compares emails case-insensitively; stored emails are lower case.
  CONSTRAINT users_email_lower_case CHECK (email = lower(email))
);

CREATE TABLE IF NOT EXISTS auth.sessions (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  refreshed_at  timestamp,
  user_agent    text,
  ip            inet,
  aal           text NOT NULL DEFAULT 'aal1',
  not_after     timestamptz
);
CREATE INDEX IF NOT EXISTS sessions_user_id_idx ON auth.sessions (user_id);

-- token holds a SHA-256 hash of the refresh token, never the token itself.
CREATE TABLE IF NOT EXISTS auth.refresh_tokens (
  id          bigserial PRIMARY KEY,
  token       text NOT NULL UNIQUE,
  user_id     uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  session_id  uuid REFERENCES auth.sessions (id) ON DELETE CASCADE,
  parent      text,
  revoked     boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS refresh_tokens_session_id_idx ON auth.refresh_tokens (session_id);
CREATE INDEX IF NOT EXISTS refresh_tokens_parent_idx ON auth.refresh_tokens (parent);

-- Only the service role (used by the embedded auth server) touches the auth tables.
REVOKE ALL ON auth.users, auth.sessions, auth.refresh_tokens FROM PUBLIC, anon, authenticated;
GRANT ALL ON auth.users, auth.sessions, auth.refresh_tokens TO service_role;
GRANT USAGE, SELECT ON SEQUENCE auth.refresh_tokens_id_seq TO service_role;

-- The claims of the current request, as PostgREST sets them: the JSON GUC request.jwt.claims,
-- with the legacy per-claim GUCs as a fallback. NULL outside a request.
CREATE OR REPLACE FUNCTION auth.jwt() RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    nullif(current_setting('request.jwt.claims', true), ''),
    nullif(current_setting('request.jwt.claim', true), '')
  )::jsonb
$$;

CREATE OR REPLACE FUNCTION auth.uid() RETURNS uuid
LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    nullif(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub', ''),
    nullif(current_setting('request.jwt.claim.sub', true), '')
  )::uuid
$$;

CREATE OR REPLACE FUNCTION auth.role() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    nullif(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role', ''),
    nullif(current_setting('request.jwt.claim.role', true), '')
  )::text
$$;

CREATE OR REPLACE FUNCTION auth.email() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    nullif(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email', ''),
    nullif(current_setting('request.jwt.claim.email', true), '')
  )::text
$$;

GRANT EXECUTE ON FUNCTION auth.jwt(), auth.uid(), auth.role(), auth.email()
  TO anon, authenticated, service_role;
