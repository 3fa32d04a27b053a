-- The sharing helpers that row-level security policies call on every statement, rewritten in
-- PL/pgSQL with the same signatures, results, owner and grants. A SECURITY DEFINER SQL function
-- is never inlined, so PostgreSQL parsed and planned its body again at every call (about a third
-- of a millisecond, on every page); PL/pgSQL keeps its prepared plans for the connection's life.
CREATE OR REPLACE FUNCTION fairdb.dataset_shared_with_caller(p_dataset_id uuid)
RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  RETURN auth.uid() IS NOT NULL AND EXISTS (
    SELECT 1 FROM fairdb.dataset_grants g WHERE g.dataset_id = p_dataset_id AND g.grantee = auth.uid());
END
$$;

CREATE OR REPLACE FUNCTION fairdb.table_shared_with_caller(p_table_name text)
RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  RETURN auth.uid() IS NOT NULL AND EXISTS (
    SELECT 1 FROM fairdb.dataset_tables t
    JOIN fairdb.dataset_grants g ON g.dataset_id = t.dataset_id
    WHERE t.table_name = p_table_name AND g.grantee = auth.uid());
END
$$;

CREATE OR REPLACE FUNCTION fairdb.datasets_shared_with_caller()
RETURNS SETOF uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  RETURN QUERY SELECT g.dataset_id FROM fairdb.dataset_grants g WHERE g.grantee = auth.uid();
END
$$;

CREATE OR REPLACE FUNCTION fairdb.tables_shared_with_caller()
RETURNS SETOF text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  RETURN QUERY SELECT t.table_name FROM fairdb.dataset_grants g
    JOIN fairdb.dataset_tables t ON t.dataset_id = g.dataset_id
    WHERE g.grantee = auth.uid();
END
$$;

CREATE OR REPLACE FUNCTION fairdb.shared_dataset_owners()
RETURNS TABLE (dataset_id uuid, owner_email text, shared_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  RETURN QUERY SELECT g.dataset_id, u.email::text, g.created_at
    FROM fairdb.dataset_grants g
    JOIN fairdb.datasets d ON d.id = g.dataset_id
    JOIN auth.users u ON u.id = d.user_id
    WHERE g.grantee = auth.uid();
END
$$;

CREATE OR REPLACE FUNCTION public.user_owns_table(p_table_name text)
RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  RETURN auth.uid() IS NOT NULL AND EXISTS (
    SELECT 1 FROM _realtime.metadata_tables m
    WHERE m.table_name = p_table_name AND m.user_id = auth.uid());
END
$$;
