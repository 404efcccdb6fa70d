-- A late-answer follow-up may need a second call if the provider refused the first, so a case can own
-- several calls (the outbox row points at the current one); keep the lookup index, drop uniqueness.
drop index if exists calls_case_key;
create index calls_case_idx on calls (case_id) where case_id is not null;
