-- Canned replies: an account's stock answers; operators type `/shortcut` in the composer to expand one.
create table canned_replies (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  -- Typed after a slash: lower-case letters, digits, dashes and underscores.
  shortcut text not null check (shortcut ~ '^[a-z0-9][a-z0-9_-]{0,31}$'),
  title text not null default '' check (length(title) <= 200),
  body text not null check (length(body) between 1 and 4000),
  created_by_member_id uuid references members(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index canned_replies_account_shortcut_key on canned_replies (account_id, shortcut);
