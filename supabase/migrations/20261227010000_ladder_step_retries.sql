-- A Slack or SMS ladder step that failed for a reason that may pass (a rate limit, an outage, a time-out) is
-- tried again by the maintenance sweep once retry_at has come, while the case is still open: LADDER_STEP_ATTEMPTS
-- in all (lib/domains/channels/ladder.ts). A failure that will not pass (a revoked token, a deleted channel, an
-- invalid number) keeps retry_at null and is final at once.
alter table case_ladder_steps add column if not exists attempts smallint not null default 1;
alter table case_ladder_steps add column if not exists retry_at timestamptz;
