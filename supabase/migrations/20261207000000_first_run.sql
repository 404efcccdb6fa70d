-- First run without the terminal: one-time setup tokens (`switchboard setup-token`) that let a person create
-- the first admin on a shared database, where "the request came from this machine" proves nothing.
-- Only a SHA-256 hash of the token is kept; a token is deleted when it is used, and expires unused.
create table if not exists setup_tokens (
  token_hash text primary key,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
-- Not readable through Supabase's REST API (no policies: only the owning role, i.e. the server, sees rows).
alter table setup_tokens enable row level security;

-- "Send a test escalation" from the console's empty queue creates a case the way ask_human does, marked
-- as a test so it can be told apart from a caller's question.
alter table cases drop constraint if exists cases_source_check;
alter table cases add constraint cases_source_check check (source in ('mcp', 'api', 'retell', 'test'));
