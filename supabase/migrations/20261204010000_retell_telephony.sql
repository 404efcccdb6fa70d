-- Per account: place calls (make_phone_call, late-answer callbacks) through the account's own Retell agent,
-- from a number the account has in Retell. Off unless the admin turns it on with both set.
alter table retell_credentials add column place_calls boolean not null default false;
alter table retell_credentials add column calls_agent_id text;
alter table retell_credentials add column calls_from_number text check (calls_from_number ~ '^\+[1-9][0-9]{6,14}$');
