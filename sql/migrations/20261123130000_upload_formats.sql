-- Upload formats (README, "Upload formats"): how each dataset's file was read, and the
-- metadata BIOM tables carry per feature (taxonomy), kept with the column that holds the feature.

ALTER TABLE fairdb.datasets ADD COLUMN source_format jsonb;
COMMENT ON COLUMN fairdb.datasets.source_format IS
  'How the upload was read: kind, delimiter, encoding, encoding_fallback (not UTF-8, read as Windows-1252), orientation, transposed';

ALTER TABLE fairdb.dataset_columns ADD COLUMN feature_metadata jsonb;
COMMENT ON COLUMN fairdb.dataset_columns.feature_metadata IS
  'Metadata of the feature this column holds, from a BIOM table (e.g. {"taxonomy": [...]})';

-- Sample metadata attached to a stored dataset lives in one more chunk table of the dataset
-- (same rowids as its other chunks, so every reader joins it like any chunk). Attaching again
-- replaces it: the old table must go, and only the function's owner may drop it.
ALTER TABLE fairdb.dataset_tables ADD COLUMN sample_metadata boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN fairdb.dataset_tables.sample_metadata IS 'The chunk holds an attached sample-metadata file (at most one per dataset)';
CREATE UNIQUE INDEX dataset_tables_one_sample_metadata ON fairdb.dataset_tables (dataset_id) WHERE sample_metadata;

-- Drops the sample-metadata chunk of a dataset with everything recorded about it; returns the
-- dropped table's name, or NULL when the dataset has none. Service role only.
CREATE OR REPLACE FUNCTION fairdb.drop_sample_metadata(p_dataset_id uuid)
RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
  v_table text;
  v_chunk integer;
BEGIN
  SELECT table_name, chunk_index INTO v_table, v_chunk
    FROM fairdb.dataset_tables WHERE dataset_id = p_dataset_id AND sample_metadata;
  IF v_table IS NULL THEN
    RETURN NULL;
  END IF;
  DELETE FROM fairdb.dataset_columns WHERE dataset_id = p_dataset_id AND chunk_index = v_chunk;
  DELETE FROM fairdb.dataset_tables WHERE dataset_id = p_dataset_id AND chunk_index = v_chunk;
  DELETE FROM _realtime.metadata_tables WHERE table_name = v_table;
  EXECUTE format('DROP TABLE IF EXISTS %I.%I', '_realtime', v_table);
  RETURN v_table;
END
$$;
REVOKE ALL ON FUNCTION fairdb.drop_sample_metadata(uuid) FROM PUBLIC, anon, authenticated;
GRANT EXECUTE ON FUNCTION fairdb.drop_sample_metadata(uuid) TO service_role;
