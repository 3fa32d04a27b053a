-- The DataProtection key ring (it can forge session cookies) is for service_role only.
BEGIN;
SELECT plan(7);

SELECT has_table('fairdb_private', 'data_protection_keys', 'the key ring table exists');
SELECT col_is_unique('fairdb_private', 'data_protection_keys', 'friendly_name', 'one row per key');
SELECT table_privs_are('fairdb_private', 'data_protection_keys', 'service_role', ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  'service_role reads and writes the key ring');
SELECT table_privs_are('fairdb_private', 'data_protection_keys', 'authenticated', ARRAY[]::text[], 'authenticated has no access');
SELECT table_privs_are('fairdb_private', 'data_protection_keys', 'anon', ARRAY[]::text[], 'anon has no access');

SET LOCAL ROLE authenticated;
SELECT throws_ok('SELECT * FROM fairdb_private.data_protection_keys', '42501', NULL, 'authenticated cannot read keys');
RESET ROLE;
SET LOCAL ROLE service_role;
SELECT lives_ok('SELECT * FROM fairdb_private.data_protection_keys', 'service_role can read keys');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
