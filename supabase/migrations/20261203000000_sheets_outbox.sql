-- Google Sheets log: a durable outbox written in the same transaction as each change it records, the
-- sheet row allocated to each call and case (explicit ranges make a retried write idempotent), the
-- drainer's single state row (lease, token bucket, breaker, counters) and a request log for the chart.

create table sheets_outbox (
  seq bigserial primary key,
  entity_type text not null check (entity_type in ('call', 'case')),
  entity_id uuid not null,
  account_id uuid not null,
  -- 0 = escalations (sent first), 1 = calls
  priority smallint not null default 1,
  -- the status the entity reached ('queued', 'answered'…); null for a rebuild (rewrite the row as it is)
  event text,
  occurred_at timestamptz not null default now()
);
create index sheets_outbox_entity_idx on sheets_outbox (entity_type, entity_id, seq);
create index sheets_outbox_order_idx on sheets_outbox (priority, seq);
-- rows of a rebuild still waiting (its progress)
create index sheets_outbox_rebuild_idx on sheets_outbox (seq) where event is null;

-- One row per call or case already given a sheet row; history is the Events column as last written.
create table sheets_rows (
  entity_type text not null,
  entity_id uuid not null,
  account_id uuid not null,
  row_number integer not null,
  history text not null default '',
  written_at timestamptz,
  primary key (entity_type, entity_id)
);
create index sheets_rows_row_idx on sheets_rows (entity_type, row_number);

-- Per tab: the next free row (row 1 is the header), whether the header is in place, the grid size seen.
create table sheets_tabs (
  entity_type text primary key,
  next_row integer not null default 2,
  header_written boolean not null default false,
  sheet_id integer,
  grid_rows integer
);
insert into sheets_tabs (entity_type) values ('call'), ('case');

create table sheets_state (
  id smallint primary key default 1 check (id = 1),
  spreadsheet_id text,
  lease_holder text,
  lease_expires_at timestamptz,
  bucket_tokens double precision,
  bucket_at_ms bigint,
  breaker_state text not null default 'closed',
  breaker_snapshot jsonb,
  breaker_changed_at timestamptz,
  rows_written bigint not null default 0,
  requests_total bigint not null default 0,
  last_error text,
  last_error_at timestamptz,
  last_success_at timestamptz,
  clear_pending boolean not null default false,
  rebuild_total integer,
  rebuild_started_at timestamptz,
  rebuild_finished_at timestamptz,
  updated_at timestamptz not null default now()
);
insert into sheets_state (id) values (1);

-- Every request sent to Google (kept an hour): requests per minute against the quota, last errors.
create table sheets_requests (
  id bigserial primary key,
  at timestamptz not null,
  kind text not null,
  status integer,
  ok boolean not null,
  rows integer not null default 0
);
create index sheets_requests_at_idx on sheets_requests (at);
