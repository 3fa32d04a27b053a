-- Upload formats (migration 20261123130000_upload_formats): the new columns, one sample-metadata
-- chunk per dataset, and fairdb.drop_sample_metadata (service role only; drops exactly that chunk).
BEGIN;
SELECT plan(12);

SELECT has_column('fairdb', 'datasets', 'source_format', 'datasets.source_format exists');
SELECT col_type_is('fairdb', 'dataset_columns', 'feature_metadata', 'jsonb', 'dataset_columns.feature_metadata is jsonb');
SELECT col_default_is('fairdb', 'dataset_tables', 'sample_metadata', 'false', 'chunks are not sample metadata by default');
SELECT function_privs_are('fairdb', 'drop_sample_metadata', ARRAY['uuid'], 'authenticated', ARRAY[]::text[], 'authenticated cannot drop chunks');
SELECT function_privs_are('fairdb', 'drop_sample_metadata', ARRAY['uuid'], 'anon', ARRAY[]::text[], 'anon cannot drop chunks');
SELECT function_privs_are('fairdb', 'drop_sample_metadata', ARRAY['uuid'], 'service_role', ARRAY['EXECUTE'], 'the service role can');

INSERT INTO auth.users (id, email) VALUES ('aaaaaaaa-0000-0000-0000-0000000000f1', 'formats@example.test');
SET LOCAL ROLE service_role;
SELECT public.create_data_table('_realtime', 'fmt_t_p0', ARRAY['otu1'], 'sample_id');
SELECT public.create_data_table('_realtime', 'fmt_t_meta', ARRAY['body_site'], 'sample_id');
INSERT INTO fairdb.datasets (id, user_id, display_name, file_name, row_count, column_count, id_column, id_hash, original_header, source_format)
VALUES ('dddddddd-0000-0000-0000-0000000000f1', 'aaaaaaaa-0000-0000-0000-0000000000f1', 'fmt', 'fmt.biom', 1, 3, 'sample_id', 'sha256',
        ARRAY['sample_id', 'OTU1', 'body_site'], '{"kind": "BIOM 1.0 (JSON)", "transposed": true}');
INSERT INTO fairdb.dataset_tables (dataset_id, chunk_index, table_name, column_count, user_id, sample_metadata) VALUES
  ('dddddddd-0000-0000-0000-0000000000f1', 0, 'fmt_t_p0', 1, 'aaaaaaaa-0000-0000-0000-0000000000f1', false),
  ('dddddddd-0000-0000-0000-0000000000f1', 1, 'fmt_t_meta', 1, 'aaaaaaaa-0000-0000-0000-0000000000f1', true);
INSERT INTO fairdb.dataset_columns (dataset_id, ordinal, original_name, column_name, chunk_index, user_id, feature_metadata) VALUES
  ('dddddddd-0000-0000-0000-0000000000f1', 0, 'sample_id', 'sample_id', NULL, 'aaaaaaaa-0000-0000-0000-0000000000f1', NULL),
  ('dddddddd-0000-0000-0000-0000000000f1', 1, 'OTU1', 'otu1', 0, 'aaaaaaaa-0000-0000-0000-0000000000f1', '{"taxonomy": ["k__Bacteria"]}'),
  ('dddddddd-0000-0000-0000-0000000000f1', 2, 'body_site', 'body_site', 1, 'aaaaaaaa-0000-0000-0000-0000000000f1', NULL);
INSERT INTO _realtime.metadata_tables (table_name, main_table, user_id) VALUES
  ('fmt_t_p0', 'fmt', 'aaaaaaaa-0000-0000-0000-0000000000f1'), ('fmt_t_meta', 'fmt', 'aaaaaaaa-0000-0000-0000-0000000000f1');

SELECT throws_ok(
  $$INSERT INTO fairdb.dataset_tables (dataset_id, chunk_index, table_name, column_count, user_id, sample_metadata)
    VALUES ('dddddddd-0000-0000-0000-0000000000f1', 2, 'fmt_t_meta2', 1, 'aaaaaaaa-0000-0000-0000-0000000000f1', true)$$,
  '23505', NULL, 'a dataset has at most one sample-metadata chunk');
SELECT is(fairdb.drop_sample_metadata('dddddddd-0000-0000-0000-0000000000f1'), 'fmt_t_meta', 'dropping names the dropped table');
SELECT hasnt_table('_realtime', 'fmt_t_meta', 'the metadata chunk is gone');
SELECT is((SELECT array_agg(original_name ORDER BY ordinal) FROM fairdb.dataset_columns WHERE dataset_id = 'dddddddd-0000-0000-0000-0000000000f1'),
          ARRAY['sample_id', 'OTU1'], 'its columns are no longer recorded; the others and their feature metadata stay');
SELECT is((SELECT count(*) FROM _realtime.metadata_tables WHERE main_table = 'fmt'), 1::bigint, 'only the data chunk stays in metadata_tables');
SELECT is(fairdb.drop_sample_metadata('dddddddd-0000-0000-0000-0000000000f1'), NULL, 'nothing left to drop: NULL');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
