-- Vapi, the second agent platform: an account's Vapi connection, the live calls whose control URL we may
-- speak into, and the outbox that speaks a late answer into a call still going.

-- The account's Vapi private key (outbound calls) and server secret (checks Vapi's requests), both sealed
-- (lib/adapters/db/sealed-columns.ts) and write-only: only whether each is set and its last 4 characters are shown.
create table if not exists vapi_credentials (
  account_id uuid primary key references accounts(id) on delete cascade,
  api_key text,
  api_key_key_id text,
  api_key_last4 text,
  server_secret text,
  server_secret_key_id text,
  server_secret_last4 text,
  -- How long ask_human waits on /api/vapi/tools (below the tool's server timeout in Vapi); null = the default.
  wait_seconds integer check (wait_seconds is null or (wait_seconds between 5 and 290)),
  place_calls boolean not null default false,
  calls_assistant_id text,
  calls_phone_number_id text,
  updated_at timestamptz not null default now()
);
alter table vapi_credentials enable row level security;

-- A Vapi call we saw a tool request from: its live-call control URL (a capability: never shown) until it ends.
create table if not exists vapi_live_calls (
  account_id uuid not null references accounts(id) on delete cascade,
  call_id text not null,
  control_url text,
  ended_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (account_id, call_id)
);
alter table vapi_live_calls enable row level security;

-- A late answer to speak into the call it was asked on (the agent stopped waiting, the call may still be live).
create table if not exists live_answer_deliveries (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  case_id uuid not null unique references cases(id) on delete cascade,
  provider text not null,
  provider_call_id text not null,
  status text not null default 'pending' check (status in ('pending', 'spoken', 'fallback')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  locked_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index if not exists live_answer_deliveries_due on live_answer_deliveries (next_attempt_at) where status = 'pending';
alter table live_answer_deliveries enable row level security;

-- How a late answer reached the caller: spoken on the live call, or a callback call.
alter table cases add column if not exists late_answer_delivery text check (late_answer_delivery in ('live', 'callback'));
alter table cases add column if not exists late_answer_delivered_at timestamptz;

-- Cases escalated through a Vapi tool call say so.
alter table cases drop constraint if exists cases_source_check;
alter table cases add constraint cases_source_check check (source in ('mcp', 'api', 'retell', 'test', 'vapi'));
