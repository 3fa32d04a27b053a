-- Uploaded data tables are not analyzed by autovacuum (ANALYZE of a wide text table costs time in
-- the square of its width and no query uses the column statistics); they are still vacuumed.
BEGIN;
SELECT plan(3);

SET LOCAL ROLE service_role;
SELECT ok(fairdb.create_unkeyed_data_table('tap21_wide', ARRAY['otu 1', 'otu 2', 'site'], 'sample_id'), 'service_role creates an upload table');
RESET ROLE;

SELECT is((SELECT reloptions FROM pg_class WHERE oid = '_realtime.tap21_wide'::regclass),
  ARRAY['autovacuum_analyze_threshold=2147483647'], 'autovacuum never reaches the table''s analyze threshold');
SELECT ok((SELECT NOT ('autovacuum_enabled=false' = ANY (coalesce(reloptions, '{}'))) FROM pg_class WHERE oid = '_realtime.tap21_wide'::regclass),
  'autovacuum still vacuums it');

SELECT * FROM finish();
ROLLBACK;
