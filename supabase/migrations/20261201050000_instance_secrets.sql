-- Secrets this installation generates for itself on first start (nothing guessable ships in the code), shared by every instance
-- on the database: today the simulator's webhook signing secret. Never derived from configuration.
create table instance_secrets (
  name text primary key,
  value text not null,
  created_at timestamptz not null default now()
);
-- Not readable through Supabase's REST API (no policies: only the owning role, i.e. the server, sees rows).
alter table instance_secrets enable row level security;
