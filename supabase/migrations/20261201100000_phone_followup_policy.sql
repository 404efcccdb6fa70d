-- Toll-fraud guard: a late-answer callback is a billed call. It needs calls:write on the asking key, or an
-- account setting an admin turns on (callbacks for hitl:ask keys) limited to an allow-list of number
-- prefixes. A case that asked for one and may not have it records why no callback will be placed.
alter table accounts add column if not exists ask_key_callbacks_enabled boolean not null default false;
alter table accounts add column if not exists callback_number_prefixes text[] not null default '{}';
alter table cases add column if not exists follow_up_refused text;
