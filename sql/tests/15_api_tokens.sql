-- fairdb.api_tokens (migration 20261124110000_api_tokens): owners list, create and revoke their
-- own tokens; nobody but service_role reads a hash, not even the token's owner; anon nothing.
BEGIN;
SELECT plan(19);

SELECT has_table('fairdb', 'api_tokens', 'fairdb.api_tokens exists');
SELECT is((SELECT relrowsecurity FROM pg_class WHERE oid = 'fairdb.api_tokens'::regclass), true, 'RLS is enabled');
SELECT policies_are('fairdb', 'api_tokens', ARRAY['owner_select', 'owner_insert', 'owner_revoke', 'service_role_full_access']);
SELECT table_privs_are('fairdb', 'api_tokens', 'anon', ARRAY[]::text[]);
SELECT column_privs_are('fairdb', 'api_tokens', 'token_hash', 'authenticated', ARRAY['INSERT'], 'authenticated may write a hash but never read one');
SELECT column_privs_are('fairdb', 'api_tokens', 'revoked_at', 'authenticated', ARRAY['SELECT', 'UPDATE'], 'revoked_at is the one column an owner changes');

INSERT INTO auth.users (id, email) VALUES
  ('aaaaaaaa-0000-0000-0000-0000000000a1', 'ta@example.test'),
  ('bbbbbbbb-0000-0000-0000-0000000000b1', 'tb@example.test');

SET LOCAL ROLE authenticated;
SELECT set_config('request.jwt.claims', '{"sub":"aaaaaaaa-0000-0000-0000-0000000000a1","role":"authenticated"}', true);
SELECT lives_ok(
  $$INSERT INTO fairdb.api_tokens (user_id, name, scope, token_hash, expires_at)
    VALUES ('aaaaaaaa-0000-0000-0000-0000000000a1', 'laptop', 'read', sha256('fdb_a'), now() + interval '90 days')$$,
  'the owner creates a token');
SELECT is((SELECT name FROM fairdb.api_tokens), 'laptop', 'the owner lists it');
SELECT throws_ok('SELECT token_hash FROM fairdb.api_tokens', '42501', NULL, 'the owner cannot read its hash');
SELECT throws_ok(
  $$INSERT INTO fairdb.api_tokens (user_id, name, scope, token_hash, expires_at)
    VALUES ('bbbbbbbb-0000-0000-0000-0000000000b1', 'forged', 'write', sha256('fdb_b'), now() + interval '1 day')$$,
  '42501', NULL, 'nobody creates a token in another user''s name');
SELECT throws_ok(
  $$INSERT INTO fairdb.api_tokens (user_id, name, scope, token_hash, expires_at)
    VALUES ('aaaaaaaa-0000-0000-0000-0000000000a1', 'forever', 'read', sha256('fdb_c'), now() + interval '400 days')$$,
  '23514', NULL, 'a token lives at most a year');
SELECT throws_ok(
  $$UPDATE fairdb.api_tokens SET scope = 'write'$$, '42501', NULL, 'the owner cannot widen a token''s scope');

SELECT set_config('request.jwt.claims', '{"sub":"bbbbbbbb-0000-0000-0000-0000000000b1","role":"authenticated"}', true);
SELECT is((SELECT count(*) FROM fairdb.api_tokens), 0::bigint, 'another user does not see the token');
SELECT is_empty($$UPDATE fairdb.api_tokens SET revoked_at = now() RETURNING id$$, 'another user cannot revoke it');

SELECT set_config('request.jwt.claims', '{"sub":"aaaaaaaa-0000-0000-0000-0000000000a1","role":"authenticated"}', true);
SELECT isnt_empty($$UPDATE fairdb.api_tokens SET revoked_at = now() RETURNING id$$, 'the owner revokes it');
SELECT throws_ok($$UPDATE fairdb.api_tokens SET revoked_at = NULL$$, '42501', NULL, 'a revoked token stays revoked');
RESET ROLE;

SET LOCAL ROLE anon;
SELECT throws_ok('SELECT count(*) FROM fairdb.api_tokens', '42501', NULL, 'anon cannot read tokens');
RESET ROLE;

SET LOCAL ROLE service_role;
SELECT is((SELECT user_id FROM fairdb.api_tokens WHERE token_hash = sha256('fdb_a')), 'aaaaaaaa-0000-0000-0000-0000000000a1'::uuid,
  'service_role finds a token''s owner by its hash');
RESET ROLE;

DELETE FROM auth.users WHERE id = 'aaaaaaaa-0000-0000-0000-0000000000a1';
SELECT is((SELECT count(*) FROM fairdb.api_tokens), 0::bigint, 'tokens go with their account');

SELECT * FROM finish();
ROLLBACK;
