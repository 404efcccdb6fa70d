-- Supabase Realtime (REALTIME_DRIVER=supabase): who may receive broadcasts on a private topic.
-- Switchboard's server broadcasts each case event to the topic 'account:<account id>' with the service-role key
-- (which bypasses RLS). Browsers join with a short-lived JWT we mint (role authenticated, claim account_id);
-- this policy lets such a token read only its own account's topic. No insert policy: browsers cannot broadcast.
-- Only on a Supabase database (the realtime schema and auth.jwt() exist); elsewhere (plain Postgres, PGlite)
-- this migration does nothing. If your Realtime project is not this database, run the same statement there.
do $$
begin
  if exists (select 1 from pg_namespace where nspname = 'realtime')
     and exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'realtime' and c.relname = 'messages')
     and exists (select 1 from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'auth' and p.proname = 'jwt')
     and not exists (select 1 from pg_policies where schemaname = 'realtime' and tablename = 'messages' and policyname = 'switchboard members receive their account topic')
  then
    execute $policy$
      create policy "switchboard members receive their account topic"
      on realtime.messages for select to authenticated
      using (
        realtime.messages.extension = 'broadcast'
        and (select realtime.topic()) = 'account:' || ((select auth.jwt()) ->> 'account_id')
      )
    $policy$;
  end if;
end
$$;
