-- TOTP MFA: GoTrue's auth.mfa_* tables and our recovery codes, steps and attempts hold secrets:
-- service_role only; authenticated and anon cannot read them at all (not even their own rows).
BEGIN;
SELECT plan(24);

SELECT has_table('auth', 'mfa_factors', 'auth.mfa_factors exists');
SELECT has_table('auth', 'mfa_challenges', 'auth.mfa_challenges exists');
SELECT has_table('auth', 'mfa_amr_claims', 'auth.mfa_amr_claims exists');
SELECT columns_are('auth', 'mfa_factors',
  ARRAY['id', 'user_id', 'friendly_name', 'factor_type', 'status', 'created_at', 'updated_at', 'secret', 'phone', 'last_challenged_at'],
  'mfa_factors has GoTrue''s columns');
SELECT col_type_is('auth', 'mfa_factors', 'status', 'auth.factor_status', 'status is GoTrue''s enum');
SELECT enum_has_labels('auth', 'factor_status', ARRAY['unverified', 'verified'], 'factor_status labels as GoTrue');
SELECT columns_are('auth', 'mfa_challenges', ARRAY['id', 'factor_id', 'created_at', 'verified_at', 'ip_address', 'otp_code'],
  'mfa_challenges has GoTrue''s columns');

SELECT table_privs_are('auth', t, r, ARRAY[]::text[], format('%s has no access to auth.%s', r, t))
FROM unnest(ARRAY['mfa_factors', 'mfa_challenges', 'mfa_amr_claims']) t, unnest(ARRAY['authenticated', 'anon']) r;
SELECT table_privs_are('fairdb_private', t, 'authenticated', ARRAY[]::text[], format('authenticated has no access to fairdb_private.%s', t))
FROM unnest(ARRAY['mfa_recovery_codes', 'mfa_totp_steps', 'mfa_failed_attempts']) t;
SELECT table_privs_are('auth', 'mfa_factors', 'service_role', ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE'], 'service_role manages factors');
SELECT is((SELECT bool_and(relrowsecurity) FROM pg_class
           WHERE oid IN ('auth.mfa_factors'::regclass, 'auth.mfa_challenges'::regclass, 'auth.mfa_amr_claims'::regclass,
                         'fairdb_private.mfa_recovery_codes'::regclass, 'fairdb_private.mfa_totp_steps'::regclass,
                         'fairdb_private.mfa_failed_attempts'::regclass)), true, 'row security is on for every MFA table');

INSERT INTO auth.users (id, email) VALUES ('aaaaaaaa-0000-0000-0000-00000000014a', 'mfa-a@example.test');
SET LOCAL ROLE service_role;
INSERT INTO auth.mfa_factors (id, user_id, friendly_name, factor_type, status, secret)
VALUES ('ffffffff-0000-0000-0000-00000000014f', 'aaaaaaaa-0000-0000-0000-00000000014a', 'app', 'totp', 'verified', 'JBSWY3DPEHPK3PXP');
INSERT INTO fairdb_private.mfa_recovery_codes (user_id, code_hash) VALUES ('aaaaaaaa-0000-0000-0000-00000000014a', 'h');
SELECT is((SELECT secret FROM auth.mfa_factors WHERE id = 'ffffffff-0000-0000-0000-00000000014f'), 'JBSWY3DPEHPK3PXP',
  'service_role reads the secret (the app checks codes as service_role)');
RESET ROLE;

SET LOCAL ROLE authenticated;
SELECT set_config('request.jwt.claims', '{"sub":"aaaaaaaa-0000-0000-0000-00000000014a","role":"authenticated"}', true);
SELECT throws_ok('SELECT secret FROM auth.mfa_factors', '42501', NULL, 'the owner cannot read its own secret as authenticated');
SELECT throws_ok('SELECT code_hash FROM fairdb_private.mfa_recovery_codes', '42501', NULL, 'nor its recovery code hashes');
SELECT throws_ok($$UPDATE auth.mfa_factors SET status = 'unverified'$$, '42501', NULL, 'nor change its factors');
SELECT throws_ok('DELETE FROM fairdb_private.mfa_failed_attempts', '42501', NULL, 'nor clear its failed attempts');
RESET ROLE;
SET LOCAL ROLE anon;
SELECT throws_ok('SELECT secret FROM auth.mfa_factors', '42501', NULL, 'anon cannot read secrets');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
