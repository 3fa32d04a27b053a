-- Ownership records are written by the app as service_role only. An authenticated caller who
-- could insert a metadata_tables row (directly or through insert_metadata) would be writing the
-- very row the catalogue functions trust as proof of ownership: registering someone else's
-- table name would reveal its columns. The five FAIRDatabase policies stay; without the grant
-- the INSERT policy no longer admits anything.

REVOKE INSERT ON TABLE _realtime.metadata_tables FROM authenticated;
REVOKE USAGE ON SEQUENCE _realtime.metadata_tables_id_seq FROM authenticated;

-- Supabase grants EXECUTE on new public functions to anon/authenticated by default, so the
-- service-only functions revoke it explicitly.
REVOKE EXECUTE ON FUNCTION public.insert_metadata(text, text, text, text) FROM PUBLIC, anon, authenticated;
REVOKE EXECUTE ON FUNCTION public.create_data_table(text, text, text[], text) FROM PUBLIC, anon, authenticated;
GRANT EXECUTE ON FUNCTION public.insert_metadata(text, text, text, text) TO service_role;

-- One owner per physical table name.
ALTER TABLE _realtime.metadata_tables
  ADD CONSTRAINT metadata_tables_table_name_key UNIQUE (table_name);
