-- Chronogolf access tokens, shared by every instance on the database. Chronogolf rotates the refresh token on
-- every use and a new access token retires the one before it, so instances that each refreshed on their own
-- would refuse each other's tokens (or lose a race for the refresh token outright). One row per credential
-- ("scope": the instance's, or one account's own); the token is sealed like every secret we read back.
create table chronogolf_tokens (
  scope text primary key check (length(scope) between 1 and 200),
  access_token text not null,
  access_token_key_id text,
  expires_at timestamptz not null,
  updated_at timestamptz not null default now()
);
-- Not readable through Supabase's REST API (no policies: only the owning role, i.e. the server, sees rows).
alter table chronogolf_tokens enable row level security;
