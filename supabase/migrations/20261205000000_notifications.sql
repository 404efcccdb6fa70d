-- Push notifications through ntfy, and paging on-call operators.

-- An account's ntfy settings. The access token is write-only through the API: only whether one is set and
-- its last 4 characters are ever returned. Kept out of `accounts` so no query reading an account carries it.
create table if not exists notify_settings (
  account_id uuid primary key references accounts(id) on delete cascade,
  -- null: NTFY_DEFAULT_SERVER_URL (https://ntfy.sh unless configured)
  server_url text,
  default_topic text,
  oncall_topic text,
  access_token text,
  access_token_last4 text,
  updated_at timestamptz not null default now()
);
-- Not readable through Supabase's REST API (no policies: only the owning role, i.e. the server, sees rows).
alter table notify_settings enable row level security;

-- Every notification (tool sends, pages, test sends) is written here before the first attempt, so a
-- failed or rate-limited one is retried by the maintenance job until it is sent or attempts run out.
create table if not exists notifications (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  kind text not null check (kind in ('tool', 'page', 'test')),
  case_id uuid references cases(id) on delete set null,
  server_url text not null,
  topic text not null,
  -- the ntfy JSON body without the topic: message, title, priority, tags, click
  payload jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  locked_until timestamptz,
  last_status_code integer,
  last_error text,
  ntfy_message_id text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index if not exists notifications_due_idx on notifications (next_attempt_at) where status = 'pending';
create index if not exists notifications_account_idx on notifications (account_id, created_at desc);
-- One page per case, whatever raced to send it.
create unique index if not exists notifications_one_page_per_case on notifications (case_id) where kind = 'page';
alter table notifications enable row level security;

create table if not exists notification_attempts (
  id bigint generated always as identity primary key,
  notification_id uuid not null references notifications(id) on delete cascade,
  attempt integer not null,
  status_code integer,
  error text,
  duration_ms integer not null,
  created_at timestamptz not null default now()
);
create index if not exists notification_attempts_notification_idx on notification_attempts (notification_id);
alter table notification_attempts enable row level security;

-- When the account's on-call topic was paged about the case (at most once); null: never paged.
alter table cases add column if not exists paged_at timestamptz;
create index if not exists cases_unpaged_open_idx on cases (created_at) where status = 'open' and paged_at is null;
