-- Admin metrics: record how each ask_human wait ended, so HITL metrics can count timeouts and
-- "nobody online" — neither is visible in cases.status (the case stays open in both).
-- Values: answered | pending (the agent gave up waiting) | unavailable (nobody online, or expired) |
-- cancelled | disconnected (the client went away). Null: no agent waited (REST-created) or still waiting.
alter table cases add column wait_outcome text
  check (wait_outcome in ('answered', 'pending', 'unavailable', 'cancelled', 'disconnected'));

-- Metrics read cases by account and creation time regardless of status.
create index cases_account_created_idx on cases (account_id, created_at);
