-- Retell: an account's Retell API key, which signs Retell's requests to /api/retell/functions
-- (X-Retell-Signature). Write-only through the API: only whether one is set and its last 4 characters are
-- ever returned. Kept out of `accounts` so no query that reads an account can carry it along.
create table if not exists retell_credentials (
  account_id uuid primary key references accounts(id) on delete cascade,
  api_key text not null,
  api_key_last4 text not null,
  updated_at timestamptz not null default now()
);
-- Not readable through Supabase's REST API (no policies: only the owning role, i.e. the server, sees rows).
alter table retell_credentials enable row level security;

-- Cases escalated through a Retell custom function say so.
alter table cases drop constraint if exists cases_source_check;
alter table cases add constraint cases_source_check check (source in ('mcp', 'api', 'retell'));
