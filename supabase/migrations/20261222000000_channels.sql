-- Channels where a person can see and answer a case (console, Slack, SMS), the escalation ladder that walks
-- them, and who is on call when.

-- An account's channel settings. Slack's bot token and signing secret and Twilio's auth token are write-only
-- through the API and sealed at rest (SEALED_COLUMNS). `ladder` null means the default ladder.
create table if not exists channel_settings (
  account_id uuid primary key references accounts(id) on delete cascade,
  slack_bot_token text,
  slack_bot_token_key_id text,
  slack_signing_secret text,
  slack_signing_secret_key_id text,
  slack_channel_id text,
  slack_team_id text,
  sms_account_sid text,
  sms_auth_token text,
  sms_auth_token_key_id text,
  sms_from_number text,
  ladder jsonb,
  updated_at timestamptz not null default now()
);
alter table channel_settings enable row level security;

-- A member's Slack user (linked by an admin after an email lookup), phone for SMS, and on-call hours
-- ({"timeZone": "Europe/Paris", "days": [1,2,3,4,5], "start": "09:00", "end": "17:00"}; null: never on call).
alter table members add column if not exists slack_user_id text;
alter table members add column if not exists phone text;
alter table members add column if not exists on_call jsonb;

-- Which channel claimed and answered a case (null: the console or the API).
alter table cases add column if not exists claimed_via text;
alter table cases add column if not exists answered_via text;

-- Every message a channel posted about a case: the Slack message to update in place, the SMS and its short
-- code a reply names. `shown_status` is what the message shows; a row whose case moved on is brought up to date.
create table if not exists channel_posts (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  case_id uuid not null references cases(id) on delete cascade,
  channel text not null check (channel in ('slack', 'sms')),
  recipient text not null,
  external_ref text,
  short_code text,
  shown_status text not null default 'open',
  created_at timestamptz not null default now(),
  unique (case_id, channel, recipient)
);
create index if not exists channel_posts_live_idx on channel_posts (case_id) where shown_status in ('open', 'claimed');
create unique index if not exists channel_posts_short_code_idx on channel_posts (account_id, short_code) where short_code is not null;
create index if not exists channel_posts_recipient_idx on channel_posts (account_id, channel, recipient, created_at desc);
alter table channel_posts enable row level security;

-- Each ladder step taken for a case, once (the primary key): when, on which channel, and what came of it.
create table if not exists case_ladder_steps (
  case_id uuid not null references cases(id) on delete cascade,
  account_id uuid not null references accounts(id) on delete cascade,
  step integer not null,
  channel text not null,
  taken_at timestamptz not null default now(),
  outcome text not null,
  detail jsonb,
  primary key (case_id, step)
);
create index if not exists case_ladder_steps_account_idx on case_ladder_steps (account_id, taken_at desc);
alter table case_ladder_steps enable row level security;
