-- The SECURITY DEFINER functions run as fairdb_definer, a NOLOGIN role that is not a superuser
-- and owns exactly what they need: the functions, the _realtime tables (so it reads them past
-- RLS as their owner, without BYPASSRLS) and the ownership records. A bug in a function can
-- then reach no further than those objects. The functions accept only the _realtime schema
-- and refuse to run without a user unless the caller's role is service_role.
--
-- On Supabase this file runs as the `postgres` role, which is not a superuser: it creates the
-- role (CREATEROLE) and makes itself a member so it may hand objects over with OWNER TO.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fairdb_definer') THEN
    CREATE ROLE fairdb_definer NOLOGIN NOINHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
END
$$;
GRANT fairdb_definer TO CURRENT_USER;
COMMENT ON ROLE fairdb_definer IS 'Owns the FairDatabase RPC functions and the _realtime tables; cannot log in';

GRANT USAGE, CREATE ON SCHEMA _realtime TO fairdb_definer;
GRANT USAGE ON SCHEMA auth, fairdb TO fairdb_definer;
GRANT REFERENCES (id), SELECT (id, email) ON TABLE auth.users TO fairdb_definer;
GRANT EXECUTE ON FUNCTION auth.uid(), auth.jwt(), auth.role() TO fairdb_definer;

-- Who may ask: a signed-in user (answers filtered to what it may see) or the service role.
-- Anything else, a superuser without SET ROLE included, is refused rather than shown everything.
CREATE OR REPLACE FUNCTION public._require_caller(p_schema_name text)
RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF p_schema_name IS DISTINCT FROM '_realtime' THEN
    RAISE EXCEPTION 'Invalid schema: %. Only _realtime is allowed.', p_schema_name
      USING ERRCODE = 'invalid_schema_name';
  END IF;
  -- current_setting('role') is the role chosen with SET ROLE; SECURITY DEFINER leaves it alone.
  IF auth.uid() IS NULL AND current_setting('role', true) IS DISTINCT FROM 'service_role' THEN
    RAISE EXCEPTION 'A signed-in user or the service role is required'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
END
$$;
REVOKE ALL ON FUNCTION public._require_caller(text) FROM PUBLIC, anon, authenticated;

-- Same answers as before for allowed callers; refuses the others through _require_caller.
CREATE OR REPLACE FUNCTION public._visible_tables(p_schema_name text)
RETURNS TABLE (table_name text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM public._require_caller(p_schema_name);
  RETURN QUERY
  SELECT c.relname::text
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = p_schema_name
    AND c.relkind IN ('r', 'p')
    AND (auth.uid() IS NULL
         OR EXISTS (SELECT 1 FROM _realtime.metadata_tables m
                    WHERE m.table_name = c.relname AND m.user_id = auth.uid()));
END
$$;

-- Hand the functions and what they read to fairdb_definer.
ALTER FUNCTION public._require_caller(text) OWNER TO fairdb_definer;
ALTER FUNCTION public._visible_tables(text) OWNER TO fairdb_definer;
ALTER FUNCTION public._require_visible_table(text, text) OWNER TO fairdb_definer;
ALTER FUNCTION public.search_tables_by_column(text, text) OWNER TO fairdb_definer;
ALTER FUNCTION public.get_table_columns(text, text) OWNER TO fairdb_definer;
ALTER FUNCTION public.table_exists(text, text) OWNER TO fairdb_definer;
ALTER FUNCTION public.get_all_tables(text) OWNER TO fairdb_definer;
ALTER FUNCTION public.select_from_table(text, integer, text) OWNER TO fairdb_definer;
ALTER FUNCTION public.update_table_row(text, integer, jsonb, text) OWNER TO fairdb_definer;
ALTER FUNCTION public.insert_metadata(text, text, text, text) OWNER TO fairdb_definer;
ALTER FUNCTION public.create_data_table(text, text, text[], text) OWNER TO fairdb_definer;
ALTER FUNCTION public.get_current_user_id() OWNER TO fairdb_definer;
ALTER FUNCTION public.user_owns_table(text) OWNER TO fairdb_definer;

DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT c.relname FROM pg_class c
           WHERE c.relnamespace = '_realtime'::regnamespace AND c.relkind IN ('r', 'p') LOOP
    EXECUTE format('ALTER TABLE _realtime.%I OWNER TO fairdb_definer', t);
  END LOOP;
END
$$;
