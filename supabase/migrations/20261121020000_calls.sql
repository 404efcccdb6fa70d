-- Phone calls, their provider events, per-account call preferences, credits (balance + append-only
-- ledger), dead letters, and the late-answer phone follow-up outbox. Plain SQL for PostgreSQL and PGlite.

-- One row per account: the lockable balance. `balance` is what the account owns; `held` is reserved by
-- calls in flight; `balance - held` is what a new call may reserve. Both never go below zero.
create table credit_accounts (
  account_id uuid primary key references accounts(id) on delete cascade,
  balance bigint not null default 0 check (balance >= 0),
  held bigint not null default 0 check (held >= 0),
  updated_at timestamptz not null default now(),
  check (held <= balance)
);

create table calls (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  provider text not null,
  -- Null until the provider accepted the call (a call being placed, or one the provider refused).
  provider_call_id text,
  phone_number text not null check (phone_number ~ '^\+[1-9][0-9]{6,14}$'),
  task text not null check (length(task) between 1 and 8000),
  first_sentence text,
  voice text not null,
  model text not null,
  language text,
  max_duration_minutes integer not null check (max_duration_minutes between 1 and 240),
  record boolean not null default false,
  status text not null default 'queued'
    check (status in ('queued', 'ringing', 'in_progress', 'completed', 'no_answer', 'busy', 'failed', 'canceled')),
  end_reason text,
  error text,
  started_at timestamptz,
  answered_at timestamptz,
  ended_at timestamptz,
  duration_seconds integer check (duration_seconds >= 0),
  -- Credits reserved when the call started, and the settled cost once final.
  hold_amount bigint not null default 0 check (hold_amount >= 0),
  cost bigint check (cost >= 0),
  rate_per_minute bigint not null check (rate_per_minute >= 0),
  summary text,
  transcript jsonb not null default '[]'::jsonb,
  recording_available boolean not null default false,
  -- The escalation case this call follows up (late human answer → callback call).
  case_id uuid references cases(id) on delete set null,
  metadata jsonb not null default '{}'::jsonb,
  created_by_type text check (created_by_type in ('member', 'api_key', 'system')),
  created_by_id text,
  last_synced_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index calls_provider_call_key on calls (provider, provider_call_id) where provider_call_id is not null;
create index calls_account_created_idx on calls (account_id, created_at desc, id desc);
create index calls_account_number_idx on calls (account_id, phone_number, created_at desc);
-- The reconciliation job's work list: calls not yet final, oldest first.
create index calls_open_idx on calls (created_at, id) where status in ('queued', 'ringing', 'in_progress');
create unique index calls_case_key on calls (case_id) where case_id is not null;

-- Timeline of a call; provider events carry their id so a replayed webhook is recognised and ignored.
create table call_events (
  id bigint generated always as identity primary key,
  call_id uuid not null references calls(id) on delete cascade,
  account_id uuid not null references accounts(id) on delete cascade,
  provider text not null,
  provider_event_id text,
  kind text not null,
  status text,
  data jsonb,
  occurred_at timestamptz not null default now(),
  created_at timestamptz not null default now()
);
create unique index call_events_provider_event_key on call_events (provider, provider_event_id) where provider_event_id is not null;
create index call_events_call_idx on call_events (call_id, id);

create table call_preferences (
  account_id uuid primary key references accounts(id) on delete cascade,
  voice text,
  model text,
  first_sentence text,
  language text,
  max_duration_minutes integer check (max_duration_minutes between 1 and 240),
  record boolean,
  updated_at timestamptz not null default now(),
  updated_by_type text,
  updated_by_id text
);

-- Append-only. `amount` changes the balance, `held_delta` changes the reserved part.
--   grant/adjust: amount ±n;  hold: held_delta +h;  settle: amount −cost, held_delta −h;  release: held_delta −h.
create table credit_ledger (
  id bigint generated always as identity primary key,
  account_id uuid not null references accounts(id) on delete cascade,
  kind text not null check (kind in ('grant', 'hold', 'settle', 'release', 'adjust')),
  amount bigint not null default 0,
  held_delta bigint not null default 0,
  balance_after bigint not null,
  held_after bigint not null,
  call_id uuid references calls(id) on delete set null,
  actor_type text not null check (actor_type in ('member', 'api_key', 'system')),
  actor_id text,
  reason text,
  created_at timestamptz not null default now()
);
create index credit_ledger_account_idx on credit_ledger (account_id, id desc);
-- A call is held once and closed (settled or released) once, whatever retries or replays happen.
create unique index credit_ledger_call_hold_key on credit_ledger (call_id) where kind = 'hold';
create unique index credit_ledger_call_close_key on credit_ledger (call_id) where kind in ('settle', 'release');

-- Work that failed repeatedly (a call that would not sync, a follow-up that would not place), for admins to retry.
create table dead_letters (
  id uuid primary key default gen_random_uuid(),
  kind text not null,
  ref text not null,
  account_id uuid references accounts(id) on delete cascade,
  payload jsonb not null default '{}'::jsonb,
  attempts integer not null default 0,
  last_error text,
  status text not null default 'open' check (status in ('open', 'retried', 'resolved')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  retried_at timestamptz
);
create unique index dead_letters_open_key on dead_letters (kind, ref) where status = 'open';
create index dead_letters_account_idx on dead_letters (account_id, created_at desc);

-- Late human answer → phone call: the case asks for it, the answer commit enqueues it (outbox).
alter table cases add column follow_up text check (follow_up in ('phone'));
-- Set when ask_human returned without an answer (pending/unavailable): the agent is no longer waiting.
alter table cases add column agent_released_at timestamptz;
alter table cases add column follow_up_call_id uuid references calls(id) on delete set null;

create table phone_followups (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  case_id uuid not null unique references cases(id) on delete cascade,
  phone_number text not null,
  message text not null,
  status text not null default 'pending' check (status in ('pending', 'placed', 'failed')),
  call_id uuid references calls(id) on delete set null,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  locked_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index phone_followups_due_idx on phone_followups (next_attempt_at) where status = 'pending';
