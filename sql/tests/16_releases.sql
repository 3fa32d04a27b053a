-- Releases (migration 20261124120000_releases): lineage written by the app only; releases are
-- insert-only, visible to the owner and the anonymized dataset's grantees when private and to
-- everyone (anon included) when public; data chunks only in the creating transaction.
BEGIN;
SELECT plan(31);

SELECT has_table('fairdb', 'dataset_lineage', 'fairdb.dataset_lineage exists');
SELECT has_table('fairdb_releases', 'releases', 'fairdb_releases.releases exists');
SELECT has_table('fairdb_releases', 'release_chunks', 'fairdb_releases.release_chunks exists');
SELECT policies_are('fairdb_releases', 'releases', ARRAY['public_select', 'member_select', 'owner_insert', 'service_role_full_access']);
SELECT policies_are('fairdb_releases', 'release_chunks', ARRAY['release_visible_select', 'owner_insert_at_creation', 'service_role_full_access']);
SELECT table_privs_are('fairdb_releases', 'releases', 'anon', ARRAY['SELECT']);
SELECT table_privs_are('fairdb_releases', 'releases', 'authenticated', ARRAY['SELECT', 'INSERT']);
SELECT table_privs_are('fairdb_releases', 'release_chunks', 'authenticated', ARRAY['SELECT', 'INSERT']);
SELECT table_privs_are('fairdb', 'dataset_lineage', 'authenticated', ARRAY['SELECT']);
SELECT table_privs_are('fairdb', 'dataset_lineage', 'anon', ARRAY[]::text[]);
SELECT table_privs_are('fairdb', 'datasets', 'anon', ARRAY[]::text[]);

INSERT INTO auth.users (id, email) VALUES
  ('aaaaaaaa-1600-0000-0000-0000000000aa', 'ra@example.test'),
  ('bbbbbbbb-1600-0000-0000-0000000000bb', 'rb@example.test'),
  ('cccccccc-1600-0000-0000-0000000000cc', 'rc@example.test');
SET LOCAL ROLE service_role;
INSERT INTO fairdb.datasets (id, user_id, display_name, file_name, row_count, column_count, id_column, id_hash, original_header) VALUES
  ('dddddddd-1600-0000-0000-0000000000d1', 'aaaaaaaa-1600-0000-0000-0000000000aa', 'tap_r_anon', 'tap_r_anon.csv', 1, 2, 'anonymized_row', 'sha256', ARRAY['anonymized_row', 'age']),
  ('dddddddd-1600-0000-0000-0000000000d2', 'aaaaaaaa-1600-0000-0000-0000000000aa', 'tap_r_raw', 'tap_r_raw.csv', 1, 2, 'id', 'sha256', ARRAY['id', 'age']);
INSERT INTO fairdb.dataset_lineage (dataset_id, user_id, source_kind, source_name, recipe, quasi_identifiers, sensitive_attributes)
VALUES ('dddddddd-1600-0000-0000-0000000000d1', 'aaaaaaaa-1600-0000-0000-0000000000aa', 'upload', 'people.csv', '{}', ARRAY['age'], ARRAY[]::text[]);
RESET ROLE;

CREATE TEMP TABLE tap_release_values AS SELECT
  ARRAY['A'] AS creators, ARRAY['k'] AS keywords, '[]'::jsonb AS fields, '{}'::jsonb AS risk, repeat('0', 64) AS sha;
GRANT SELECT ON tap_release_values TO authenticated;

SET LOCAL ROLE authenticated;
SELECT set_config('request.jwt.claims', '{"sub":"aaaaaaaa-1600-0000-0000-0000000000aa","role":"authenticated"}', true);
SELECT throws_ok($$INSERT INTO fairdb.dataset_lineage (dataset_id, user_id, source_kind, source_name, recipe, quasi_identifiers, sensitive_attributes)
                   VALUES ('dddddddd-1600-0000-0000-0000000000d2', 'aaaaaaaa-1600-0000-0000-0000000000aa', 'upload', 'x', '{}', ARRAY['age'], ARRAY[]::text[])$$,
                 '42501', NULL, 'a user cannot mark a raw upload as anonymized');
SELECT throws_ok($$INSERT INTO fairdb_releases.releases (id, user_id, dataset_id, dataset_name, recipe, title, description, creators, license, keywords, visibility, fields, row_count, data_bytes, data_sha256, risk)
                   SELECT 'eeeeeeee-1600-0000-0000-0000000000e9', auth.uid(), 'dddddddd-1600-0000-0000-0000000000d2', 'tap_r_raw', '{}', 'Raw', '', creators, 'CC0-1.0', keywords, 'public', fields, 1, 1, sha, risk FROM tap_release_values$$,
                 '42501', NULL, 'a raw upload cannot be released');
SELECT lives_ok($$INSERT INTO fairdb_releases.releases (id, user_id, dataset_id, dataset_name, recipe, title, description, creators, license, keywords, visibility, fields, row_count, data_bytes, data_sha256, risk)
                  SELECT 'eeeeeeee-1600-0000-0000-0000000000e1', auth.uid(), 'dddddddd-1600-0000-0000-0000000000d1', 'tap_r_anon', '{}', 'Private one', '', creators, 'CC0-1.0', keywords, 'private', fields, 1, 1, sha, risk FROM tap_release_values$$,
                'the owner releases an anonymized dataset privately');
SELECT lives_ok($$INSERT INTO fairdb_releases.releases (id, user_id, dataset_id, dataset_name, recipe, title, description, creators, license, keywords, visibility, fields, row_count, data_bytes, data_sha256, risk)
                  SELECT 'eeeeeeee-1600-0000-0000-0000000000e2', auth.uid(), 'dddddddd-1600-0000-0000-0000000000d1', 'tap_r_anon', '{}', 'Public one', '', creators, 'CC0-1.0', keywords, 'public', fields, 1, 1, sha, risk FROM tap_release_values$$,
                'and publicly');
SELECT lives_ok($$INSERT INTO fairdb_releases.release_chunks (release_id, seq, deflated) VALUES ('eeeeeeee-1600-0000-0000-0000000000e1', 0, '\x00')$$,
                'chunks are added in the creating transaction');
SELECT throws_ok($$INSERT INTO fairdb_releases.releases (id, user_id, dataset_id, dataset_name, recipe, title, description, creators, license, keywords, visibility, fields, row_count, data_bytes, data_sha256, risk)
                   SELECT 'eeeeeeee-1600-0000-0000-0000000000e8', 'bbbbbbbb-1600-0000-0000-0000000000bb', 'dddddddd-1600-0000-0000-0000000000d1', 'tap_r_anon', '{}', 'Forged', '', creators, 'CC0-1.0', keywords, 'public', fields, 1, 1, sha, risk FROM tap_release_values$$,
                 '42501', NULL, 'nobody inserts a release in another user''s name');
SELECT throws_ok($$UPDATE fairdb_releases.releases SET title = 'changed' WHERE id = 'eeeeeeee-1600-0000-0000-0000000000e1'$$,
                 '42501', NULL, 'the owner cannot change a release');
SELECT is((SELECT count(*) FROM fairdb_releases.releases WHERE title = 'changed'), 0::bigint, 'nothing was changed');
SELECT lives_ok($$INSERT INTO fairdb_releases.releases (id, user_id, dataset_id, dataset_name, recipe, title, description, creators, license, keywords, visibility, fields, row_count, data_bytes, data_sha256, risk, created_at)
                  SELECT 'eeeeeeee-1600-0000-0000-0000000000e3', auth.uid(), 'dddddddd-1600-0000-0000-0000000000d1', 'tap_r_anon', '{}', 'Older', '', creators, 'CC0-1.0', keywords, 'private', fields, 1, 1, sha, risk, now() - interval '1 minute' FROM tap_release_values$$,
                'a release made earlier (stands for one from a past transaction)');
SELECT throws_ok($$INSERT INTO fairdb_releases.release_chunks (release_id, seq, deflated) VALUES ('eeeeeeee-1600-0000-0000-0000000000e3', 0, '\x00')$$,
                 '42501', NULL, 'a stored snapshot cannot grow after its transaction');
SELECT is(fairdb.share_dataset('dddddddd-1600-0000-0000-0000000000d1', 'rb@example.test'), true, 'A shares the anonymized dataset with B');

-- B, the grantee: every release of the shared dataset, with its data.
SELECT set_config('request.jwt.claims', '{"sub":"bbbbbbbb-1600-0000-0000-0000000000bb","role":"authenticated"}', true);
SELECT is((SELECT count(*) FROM fairdb_releases.releases WHERE id::text LIKE 'eeeeeeee-1600%'), 3::bigint, 'the grantee sees the private releases too');
SELECT is((SELECT count(*) FROM fairdb_releases.release_chunks WHERE release_id = 'eeeeeeee-1600-0000-0000-0000000000e1'), 1::bigint, 'and their data');

-- C: no grant, the public release only.
SELECT set_config('request.jwt.claims', '{"sub":"cccccccc-1600-0000-0000-0000000000cc","role":"authenticated"}', true);
SELECT results_eq($$SELECT title FROM fairdb_releases.releases WHERE id::text LIKE 'eeeeeeee-1600%'$$, ARRAY['Public one'], 'another user sees only the public release');
SELECT is((SELECT count(*) FROM fairdb_releases.release_chunks WHERE release_id = 'eeeeeeee-1600-0000-0000-0000000000e1'), 0::bigint, 'and no private data');
SELECT is((SELECT count(*) FROM fairdb.dataset_lineage), 0::bigint, 'nor the lineage of a dataset not shared with it');
RESET ROLE;

-- A visitor (anon): public releases only; nothing else of fairdb.
SET LOCAL ROLE anon;
SELECT set_config('request.jwt.claims', '{"role":"anon"}', true);
SELECT results_eq($$SELECT title FROM fairdb_releases.releases WHERE id::text LIKE 'eeeeeeee-1600%'$$, ARRAY['Public one'], 'anon sees the public release');
SELECT is((SELECT count(*) FROM fairdb_releases.release_chunks WHERE release_id = 'eeeeeeee-1600-0000-0000-0000000000e1'), 0::bigint, 'anon reads no private data');
SELECT throws_ok($$SELECT count(*) FROM fairdb.datasets$$, '42501', NULL, 'anon still cannot use schema fairdb');
RESET ROLE;

-- Not even service_role changes a release.
SELECT throws_ok($$UPDATE fairdb_releases.releases SET title = 'changed' WHERE id = 'eeeeeeee-1600-0000-0000-0000000000e2'$$,
                 '42501', 'A release is immutable: create a new release instead', 'UPDATE is refused for every role');

SELECT * FROM finish();
ROLLBACK;
