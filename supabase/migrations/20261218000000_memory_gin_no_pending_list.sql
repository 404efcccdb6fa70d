-- Answer memory's full-text index without GIN's pending list. With fastupdate (PostgreSQL's default) new
-- entries wait in an unsorted list that every search reads in full until (auto)vacuum merges it: after
-- importing 100,000 answers that list held ~47,000 entries and made each search_answers 5–10× slower
-- (an explicit ANALYZE does not merge it). Saved answers are written rarely and read on every call, so
-- they go straight into the index; the list an existing index already holds is merged now.
alter index memory_answers_search_idx set (fastupdate = off);
select gin_clean_pending_list('memory_answers_search_idx'::regclass);
