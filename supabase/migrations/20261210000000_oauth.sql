-- OAuth 2.1 authorization server for /api/mcp: members connect MCP clients (Claude, ChatGPT, Cursor) by
-- signing in. Every secret (authorization code, access token, refresh token) is stored only as a SHA-256 hash.

-- Clients: registered dynamically (RFC 7591, client_id is random) or described by a client ID metadata
-- document (client_id is the https URL of the document, fetched and cached here). Public clients only
-- (PKCE, no client secret). Not per account: a client registers before anyone signs in.
create table if not exists oauth_clients (
  client_id text primary key check (length(client_id) between 1 and 2048),
  kind text not null check (kind in ('dynamic', 'metadata_document')),
  client_name text check (length(client_name) <= 200),
  client_uri text,
  redirect_uris text[] not null,
  fetched_at timestamptz,
  created_at timestamptz not null default now()
);

-- A grant = one member's consent for one client: the family every access and refresh token descends from.
-- Revoking it (admin, RFC 7009, refresh-token reuse) ends every token of the family at once.
create table if not exists oauth_grants (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  member_id uuid not null references members(id) on delete cascade,
  client_id text not null references oauth_clients(client_id) on delete cascade,
  scopes text[] not null,
  resource text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoked_reason text
);
create index if not exists oauth_grants_account_idx on oauth_grants (account_id, created_at);

create table if not exists oauth_codes (
  code_hash text primary key,
  account_id uuid not null references accounts(id) on delete cascade,
  member_id uuid not null references members(id) on delete cascade,
  client_id text not null references oauth_clients(client_id) on delete cascade,
  redirect_uri text not null,
  code_challenge text not null,
  scopes text[] not null,
  resource text not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  -- The grant the code was exchanged for: a second use of the code revokes it (OAuth 2.1 §4.1.3).
  grant_id uuid references oauth_grants(id) on delete set null,
  created_at timestamptz not null default now()
);

create table if not exists oauth_tokens (
  token_hash text primary key,
  grant_id uuid not null references oauth_grants(id) on delete cascade,
  kind text not null check (kind in ('access', 'refresh')),
  expires_at timestamptz not null,
  -- Refresh tokens rotate: set when exchanged; presenting it again is reuse and revokes the grant.
  rotated_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now()
);
create index if not exists oauth_tokens_grant_idx on oauth_tokens (grant_id);

alter table oauth_clients enable row level security;
alter table oauth_grants enable row level security;
alter table oauth_codes enable row level security;
alter table oauth_tokens enable row level security;
