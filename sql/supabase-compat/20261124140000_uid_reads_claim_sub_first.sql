-- auth.uid() as Supabase's own (supabase/auth migration 20211202183645) reads it: the plain
-- request.jwt.claim.sub setting first, the JSON claims only when that is unset or empty.
-- Row-level security evaluates auth.uid() for every row a policy looks at; reading a text
-- setting is far cheaper than parsing the whole claims JSON each time (the app sets both,
-- from the same validated token, local to each transaction).
CREATE OR REPLACE FUNCTION auth.uid() RETURNS uuid
LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    nullif(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub', '')
  )::uuid
$$;
