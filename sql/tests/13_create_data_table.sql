-- What create_data_table gives a new data table: its shape, indexes and privileges, and that
-- only the owner's rows can be written by an authenticated caller (FAIRDatabase's
-- TestPgCreateDataTable checked some of this through the Python client; here it is PostgreSQL's own view).
BEGIN;
SELECT plan(17);

INSERT INTO auth.users (id, email) VALUES
  ('aaaaaaaa-1300-0000-0000-000000000001', 'tap13-a@example.test'),
  ('bbbbbbbb-1300-0000-0000-000000000002', 'tap13-b@example.test');

SET LOCAL ROLE service_role;
SELECT ok(public.create_data_table('_realtime', 'tap13_p0', ARRAY['Bacteroides count', 'site'], 'sample_id'), 'service_role creates a data table');
INSERT INTO _realtime.metadata_tables (table_name, main_table, user_id)
  VALUES ('tap13_p0', 'tap13', 'aaaaaaaa-1300-0000-0000-000000000001');
RESET ROLE;

-- Shape: the row key, the owner, the id column, then the data columns in the given order.
SELECT columns_are('_realtime', 'tap13_p0', ARRAY['rowid', 'user_id', 'sample_id', 'Bacteroides count', 'site'], 'the columns are rowid, user_id, the id column and the data columns');
SELECT col_is_pk('_realtime', 'tap13_p0', 'rowid', 'rowid is the primary key');
SELECT col_not_null('_realtime', 'tap13_p0', 'user_id', 'user_id is required');
SELECT col_not_null('_realtime', 'tap13_p0', 'sample_id', 'the id column is required');
SELECT fk_ok('_realtime', 'tap13_p0', 'user_id', 'auth', 'users', 'id', 'user_id references auth.users');

-- Indexes on the owner (every RLS check filters by it) and on the id column.
SELECT ok(EXISTS (
  SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
  WHERE i.indrelid = '_realtime.tap13_p0'::regclass AND i.indnatts = 1 AND a.attname = 'user_id'), 'user_id has its own index');
SELECT ok(EXISTS (
  SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
  WHERE i.indrelid = '_realtime.tap13_p0'::regclass AND i.indnatts = 1 AND a.attname = 'sample_id'), 'the id column has its own index');

-- Privileges on the table and its rowid sequence.
SELECT table_privs_are('_realtime', 'tap13_p0', 'anon', ARRAY[]::text[], 'anon has no privilege on a data table');
SELECT table_privs_are('_realtime', 'tap13_p0', 'authenticated', ARRAY['SELECT', 'INSERT'], 'authenticated may only select and insert (RLS decides which rows)');
SELECT table_privs_are('_realtime', 'tap13_p0', 'service_role',
  ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'], 'service_role has every privilege');
SELECT sequence_privs_are('_realtime', 'tap13_p0_rowid_seq', 'authenticated', ARRAY[]::text[], 'authenticated cannot draw row keys');
SELECT sequence_privs_are('_realtime', 'tap13_p0_rowid_seq', 'service_role', ARRAY['USAGE', 'SELECT'], 'service_role draws row keys');

-- anon cannot read it at all.
SET LOCAL ROLE anon;
SELECT throws_ok('SELECT * FROM _realtime.tap13_p0', '42501', NULL, 'anon cannot read a data table');
RESET ROLE;

-- As A: a row in B's name is refused by the policy (an explicit rowid, so the sequence is not what refuses).
SET LOCAL ROLE authenticated;
SELECT set_config('request.jwt.claims', '{"sub":"aaaaaaaa-1300-0000-0000-000000000001","role":"authenticated"}', true);
SELECT throws_ok(
  $$INSERT INTO _realtime.tap13_p0 (rowid, user_id, sample_id) VALUES (1000, 'bbbbbbbb-1300-0000-0000-000000000002', 'forged')$$,
  '42501', 'new row violates row-level security policy for table "tap13_p0"', 'authenticated cannot insert a row of another user');
SELECT throws_ok(
  $$INSERT INTO _realtime.tap13_p0 (rowid, user_id, sample_id) VALUES (1001, NULL, 'ownerless')$$,
  NULL, NULL, 'authenticated cannot insert a row without an owner');
RESET ROLE;
SELECT set_config('request.jwt.claims', '', true);
SELECT is((SELECT count(*) FROM _realtime.tap13_p0), 0::bigint, 'nothing was written');

SELECT * FROM finish();
ROLLBACK;
