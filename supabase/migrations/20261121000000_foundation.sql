-- Switchboard foundation: tenants, people, credentials, escalation cases and their audit trail.
-- Plain SQL that runs unchanged on PostgreSQL 15+ and on PGlite.

create table accounts (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  -- Signs outbound case callbacks (HMAC-SHA256). Shown once when created or rotated.
  webhook_secret text not null,
  created_at timestamptz not null default now()
);

create table members (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  email text not null check (email = lower(email) and position('@' in email) > 1),
  name text not null default '',
  password_hash text not null,
  role text not null check (role in ('operator', 'admin')),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  last_login_at timestamptz
);
create unique index members_email_key on members (email);
create index members_account_idx on members (account_id);

create table member_sessions (
  id uuid primary key default gen_random_uuid(),
  member_id uuid not null references members(id) on delete cascade,
  token_hash text not null unique,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index member_sessions_member_idx on member_sessions (member_id);

create table api_keys (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  name text not null check (length(name) between 1 and 200),
  -- The visible part of the key (e.g. "sb_3f9c1a2b"); the secret part is stored only as a SHA-256 hash.
  prefix text not null unique,
  secret_hash text not null,
  scopes text[] not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_keys_account_idx on api_keys (account_id);

create table cases (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  status text not null default 'open' check (status in ('open', 'claimed', 'answered', 'expired', 'cancelled')),
  question text not null check (length(question) between 1 and 2000),
  context text,
  session_id text,
  call_id text,
  agent_id text,
  caller_info jsonb,
  priority smallint not null default 3 check (priority between 1 and 5),
  urgency text not null default 'medium' check (urgency in ('low', 'medium', 'high')),
  conversation_history jsonb not null default '[]'::jsonb,
  timeout_seconds smallint not null default 45,
  -- The moment the waiting agent gives up (the console's countdown).
  wait_deadline_at timestamptz not null,
  -- The moment an unanswered case expires.
  expires_at timestamptz not null,
  idempotency_key text,
  dedupe_hash text,
  callback_url text,
  answer text,
  source text not null default 'api' check (source in ('mcp', 'api')),
  created_by_key_id uuid references api_keys(id) on delete set null,
  claimed_by_member_id uuid references members(id) on delete set null,
  claimed_by_key_id uuid references api_keys(id) on delete set null,
  claimed_at timestamptz,
  answered_by_member_id uuid references members(id) on delete set null,
  answered_by_key_id uuid references api_keys(id) on delete set null,
  answered_at timestamptz,
  closed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index cases_idempotency_key on cases (account_id, idempotency_key) where idempotency_key is not null;
create index cases_account_status_idx on cases (account_id, status, created_at);
create index cases_dedupe_idx on cases (account_id, dedupe_hash, created_at) where dedupe_hash is not null;
create index cases_expiry_idx on cases (expires_at) where status in ('open', 'claimed');

create table case_messages (
  id bigint generated always as identity primary key,
  case_id uuid not null references cases(id) on delete cascade,
  account_id uuid not null references accounts(id) on delete cascade,
  sender_type text not null check (sender_type in ('agent', 'human', 'system')),
  sender_member_id uuid references members(id) on delete set null,
  sender_key_id uuid references api_keys(id) on delete set null,
  content text not null check (length(content) between 1 and 10000),
  created_at timestamptz not null default now()
);
create index case_messages_case_idx on case_messages (case_id, id);

create table audit_log (
  id bigint generated always as identity primary key,
  account_id uuid not null references accounts(id) on delete cascade,
  entity_type text not null,
  entity_id text not null,
  action text not null,
  from_status text,
  to_status text,
  actor_type text not null check (actor_type in ('member', 'api_key', 'system')),
  actor_id text,
  data jsonb,
  created_at timestamptz not null default now()
);
create index audit_log_entity_idx on audit_log (account_id, entity_type, entity_id, id);

-- Outbox for signed callbacks: written in the same transaction as the answer, so none is lost.
create table webhook_deliveries (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  case_id uuid references cases(id) on delete cascade,
  url text not null,
  event text not null,
  body text not null,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  locked_until timestamptz,
  last_status_code integer,
  last_error text,
  created_at timestamptz not null default now(),
  delivered_at timestamptz
);
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status = 'pending';

create table webhook_attempts (
  id bigint generated always as identity primary key,
  delivery_id uuid not null references webhook_deliveries(id) on delete cascade,
  attempt integer not null,
  status_code integer,
  error text,
  duration_ms integer not null,
  created_at timestamptz not null default now()
);
create index webhook_attempts_delivery_idx on webhook_attempts (delivery_id, attempt);
