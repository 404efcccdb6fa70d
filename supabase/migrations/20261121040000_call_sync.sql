-- Call-status reconciliation: webhooks get lost, so a job asks the provider for calls still not final.

-- One row per periodic job: who holds the lease (one runner at a time) and the checkpoint a crashed or
-- time-boxed run resumes from. The cursor is kept in SQL (created_at, id) so it has the column's exact precision.
create table job_checkpoints (
  job text primary key,
  lease_holder text,
  lease_expires_at timestamptz,
  run_id text,
  run_started_at timestamptz,
  cursor_created_at timestamptz,
  cursor_id uuid,
  processed integer not null default 0,
  last_finished_at timestamptz,
  updated_at timestamptz not null default now()
);
insert into job_checkpoints (job) values ('sync-calls');

-- Consecutive failures to read a call from its provider: backoff between attempts, dead letter past a limit.
create table call_sync_failures (
  call_id uuid primary key references calls(id) on delete cascade,
  failures integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  updated_at timestamptz not null default now()
);
create index call_sync_failures_due_idx on call_sync_failures (next_attempt_at);
