-- Retell calls beside Bland/simulator calls: what Retell's call webhooks say about a call. A call Retell
-- handled for the account's own agent (inbound, or a web call from Retell's dashboard) was not placed by us:
-- it has no number we dialled (a web call has none at all), so phone_number may be null; its rate is 0.
alter table calls alter column phone_number drop not null;
alter table calls add column direction text check (direction in ('inbound', 'outbound'));
alter table calls add column from_number text;
alter table calls add column to_number text;
alter table calls add column agent_id text;
alter table calls add column recording_url text;
alter table calls add column call_analysis jsonb;

-- Cases escalated during a call carry the provider's call id (cases.call_id): the link both ways is
-- (account_id, call_id) = (calls.account_id, calls.provider_call_id).
create index if not exists cases_account_call_idx on cases (account_id, call_id) where call_id is not null;
create index if not exists calls_account_provider_call_idx on calls (account_id, provider, provider_call_id) where provider_call_id is not null;
-- HITL metrics filtered by agent.
create index if not exists cases_account_agent_idx on cases (account_id, agent_id, created_at) where agent_id is not null;
