-- Releases: immutable, citable snapshots of anonymized datasets.
--
-- fairdb.dataset_lineage records, when the anonymization workflow saves a dataset, that it is
-- anonymized, where it came from and the recipe. Only the app writes it (as service_role), so a
-- raw upload can never be passed off as anonymized; the owner and grantees read it.
--
-- fairdb_releases.releases and fairdb_releases.release_chunks hold each release with its data.csv snapshot
-- (deflate-compressed chunks). Rows are only ever inserted: there is no UPDATE or DELETE grant
-- or policy for any app role, and a trigger refuses UPDATE for every role. A private release is
-- visible to its owner and to the grantees of the anonymized dataset it was made from; a public
-- one to everyone, anon included.

CREATE TABLE fairdb.dataset_lineage (
  dataset_id           uuid PRIMARY KEY REFERENCES fairdb.datasets (id) ON DELETE CASCADE,
  user_id              uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  source_kind          text NOT NULL CHECK (source_kind IN ('upload', 'dataset')),
  source_name          text NOT NULL,
  source_dataset_id    uuid,                 -- no foreign key: the source may be deleted later
  recipe               jsonb NOT NULL,       -- the workflow state, without any DP secret
  quasi_identifiers    text[] NOT NULL,
  sensitive_attributes text[] NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (source_kind = 'dataset' OR source_dataset_id IS NULL)
);
CREATE INDEX ON fairdb.dataset_lineage (user_id);
COMMENT ON TABLE fairdb.dataset_lineage IS 'Datasets made by the anonymization workflow: source, recipe and column roles';
ALTER TABLE fairdb.dataset_lineage OWNER TO fairdb_definer;
ALTER TABLE fairdb.dataset_lineage ENABLE ROW LEVEL SECURITY;
CREATE POLICY owner_or_grantee_select ON fairdb.dataset_lineage FOR SELECT TO authenticated
  USING (auth.uid() = user_id OR dataset_id IN (SELECT fairdb.datasets_shared_with_caller()));
CREATE POLICY service_role_full_access ON fairdb.dataset_lineage FOR ALL TO service_role USING (true) WITH CHECK (true);
REVOKE ALL ON TABLE fairdb.dataset_lineage FROM PUBLIC, anon, authenticated;
GRANT SELECT ON TABLE fairdb.dataset_lineage TO authenticated;
GRANT ALL ON TABLE fairdb.dataset_lineage TO service_role;

-- Releases live in a schema of their own: visitors (anon) reach it, and nothing of fairdb.
CREATE SCHEMA fairdb_releases;
COMMENT ON SCHEMA fairdb_releases IS 'FairDatabase releases: the one place anonymous visitors may read (public releases)';
REVOKE ALL ON SCHEMA fairdb_releases FROM PUBLIC;
GRANT USAGE ON SCHEMA fairdb_releases TO anon, authenticated, service_role, fairdb_definer;

CREATE TABLE fairdb_releases.releases (
  id                  uuid PRIMARY KEY,
  user_id             uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  dataset_id          uuid NOT NULL,         -- the anonymized dataset; no foreign key: the release outlives it
  dataset_name        text NOT NULL,
  source_dataset_id   uuid,
  source_dataset_name text,
  recipe              jsonb NOT NULL,
  title               text NOT NULL CHECK (btrim(title) <> '' AND length(title) <= 500),
  description         text NOT NULL,
  creators            text[] NOT NULL,
  license             text NOT NULL,
  keywords            text[] NOT NULL,
  visibility          text NOT NULL CHECK (visibility IN ('private', 'public')),
  fields              jsonb NOT NULL,
  row_count           bigint NOT NULL CHECK (row_count >= 0),
  data_bytes          bigint NOT NULL CHECK (data_bytes >= 0),
  data_sha256         text NOT NULL CHECK (data_sha256 ~ '^[0-9a-f]{64}$'),
  risk                jsonb NOT NULL,
  p29                 jsonb,
  created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON fairdb_releases.releases (user_id);
CREATE INDEX ON fairdb_releases.releases (dataset_id);
COMMENT ON TABLE fairdb_releases.releases IS 'Immutable releases of anonymized datasets (insert only)';

-- data.csv as consecutive raw-deflate chunks; concatenated and inflated they give the snapshot.
CREATE TABLE fairdb_releases.release_chunks (
  release_id uuid NOT NULL REFERENCES fairdb_releases.releases (id) ON DELETE CASCADE,
  seq        integer NOT NULL CHECK (seq >= 0),
  deflated   bytea NOT NULL,
  PRIMARY KEY (release_id, seq)
);
ALTER TABLE fairdb_releases.releases OWNER TO fairdb_definer;
ALTER TABLE fairdb_releases.release_chunks OWNER TO fairdb_definer;

CREATE FUNCTION fairdb.refuse_release_update()
RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
  RAISE EXCEPTION 'A release is immutable: create a new release instead'
    USING ERRCODE = '42501';
END
$$;
ALTER FUNCTION fairdb.refuse_release_update() OWNER TO fairdb_definer;
REVOKE ALL ON FUNCTION fairdb.refuse_release_update() FROM PUBLIC, anon, authenticated;
CREATE TRIGGER releases_immutable BEFORE UPDATE ON fairdb_releases.releases
  FOR EACH ROW EXECUTE FUNCTION fairdb.refuse_release_update();
CREATE TRIGGER release_chunks_immutable BEFORE UPDATE ON fairdb_releases.release_chunks
  FOR EACH ROW EXECUTE FUNCTION fairdb.refuse_release_update();

ALTER TABLE fairdb_releases.releases ENABLE ROW LEVEL SECURITY;
ALTER TABLE fairdb_releases.release_chunks ENABLE ROW LEVEL SECURITY;

-- Visitors see public releases only; signed-in users also their own and those made from a
-- dataset shared with them (the sharing functions are not executable by anon, hence two policies).
CREATE POLICY public_select ON fairdb_releases.releases FOR SELECT TO anon USING (visibility = 'public');
CREATE POLICY member_select ON fairdb_releases.releases FOR SELECT TO authenticated
  USING (visibility = 'public' OR auth.uid() = user_id
         OR dataset_id IN (SELECT fairdb.datasets_shared_with_caller()));
-- The owner inserts, only for an anonymized dataset of their own (lineage recorded by the app).
CREATE POLICY owner_insert ON fairdb_releases.releases FOR INSERT TO authenticated
  WITH CHECK (auth.uid() = user_id AND EXISTS (
    SELECT 1 FROM fairdb.dataset_lineage l WHERE l.dataset_id = releases.dataset_id AND l.user_id = auth.uid()));
CREATE POLICY service_role_full_access ON fairdb_releases.releases FOR ALL TO service_role USING (true) WITH CHECK (true);

-- Chunks follow their release's visibility; they can be added only in the transaction that
-- created the release (now() is the transaction's start), so a stored snapshot cannot grow later.
CREATE POLICY release_visible_select ON fairdb_releases.release_chunks FOR SELECT TO anon, authenticated
  USING (release_id IN (SELECT r.id FROM fairdb_releases.releases r));
CREATE POLICY owner_insert_at_creation ON fairdb_releases.release_chunks FOR INSERT TO authenticated
  WITH CHECK (EXISTS (SELECT 1 FROM fairdb_releases.releases r
                      WHERE r.id = release_chunks.release_id AND r.user_id = auth.uid() AND r.created_at = now()));
CREATE POLICY service_role_full_access ON fairdb_releases.release_chunks FOR ALL TO service_role USING (true) WITH CHECK (true);

REVOKE ALL ON TABLE fairdb_releases.releases, fairdb_releases.release_chunks FROM PUBLIC, anon, authenticated;
GRANT SELECT ON TABLE fairdb_releases.releases, fairdb_releases.release_chunks TO anon;
GRANT SELECT, INSERT ON TABLE fairdb_releases.releases, fairdb_releases.release_chunks TO authenticated;
GRANT ALL ON TABLE fairdb_releases.releases, fairdb_releases.release_chunks TO service_role;
