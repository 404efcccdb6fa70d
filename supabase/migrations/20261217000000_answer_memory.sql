-- Answer memory: answers operators saved for reuse, per account, found again by a lexical matcher
-- (full-text search with stemming finds candidates; pg_trgm's similarity() is read for those only).
-- pg_trgm ships with PostgreSQL's contrib and with PGlite (loaded by lib/adapters/db/client.ts).
create extension if not exists pg_trgm;

create table memory_answers (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  question text not null check (length(question) between 1 and 2000),
  answer text not null check (length(answer) between 1 and 4000),
  tags text[] not null default '{}',
  -- Who gave the answer (a member, or a name typed at import), and when.
  answered_by_member_id uuid references members(id) on delete set null,
  answered_by_name text not null default '' check (length(answered_by_name) <= 200),
  answered_at timestamptz not null default now(),
  source_case_id uuid references cases(id) on delete set null,
  -- After this instant the entry is neither suggested nor used (e.g. today's opening hours).
  valid_until timestamptz,
  -- Only approved entries answer callers without a person; an admin approves.
  approved_for_auto boolean not null default false,
  approved_at timestamptz,
  approved_by_member_id uuid references members(id) on delete set null,
  suggested_count integer not null default 0,
  reused_count integer not null default 0,
  auto_used_count integer not null default 0,
  search_vector tsvector generated always as (to_tsvector('english', question)) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index memory_answers_account_idx on memory_answers (account_id, updated_at desc);
create index memory_answers_search_idx on memory_answers using gin (search_vector);
-- Whether an account has any approved entry (the default of automatic answers), without counting them all.
create index memory_answers_approved_idx on memory_answers (account_id) where approved_for_auto;

-- Per-account settings. auto_answer null = the default: on once an admin has approved an entry.
create table memory_settings (
  account_id uuid primary key references accounts(id) on delete cascade,
  auto_answer boolean,
  threshold real check (threshold > 0 and threshold <= 1),
  updated_at timestamptz not null default now()
);

-- A case answered from memory is recorded as answered, with the entry that answered it.
alter table cases add column memory_answer_id uuid references memory_answers(id) on delete set null;
create index cases_memory_answered_idx on cases (account_id, created_at) where memory_answer_id is not null;
