-- Upload formats (README, "Upload formats"): how each dataset's file was read, and the
-- metadata BIOM tables carry per feature (taxonomy), kept with the column that holds the feature.

ALTER TABLE fairdb.datasets ADD COLUMN source_format jsonb;
COMMENT ON COLUMN fairdb.datasets.source_format IS
  'How the upload was read: kind, delimiter, encoding, encoding_fallback (not UTF-8, read as Windows-1252), orientation, transposed';

ALTER TABLE fairdb.dataset_columns ADD COLUMN feature_metadata jsonb;
COMMENT ON COLUMN fairdb.dataset_columns.feature_metadata IS
  'Metadata of the feature this column holds, from a BIOM table (e.g. {"taxonomy": [...]})';
