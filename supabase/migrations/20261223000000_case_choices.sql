-- Answers with choices: a case may offer 2–6 short answers (shown as buttons in the console, numbered
-- replies elsewhere); choices_only refuses free text without one of them. The answer's choice is kept
-- beside the answer text, so every later reader (get_human_answer, callbacks, the REST case) sees it.
alter table cases add column if not exists choices jsonb;
alter table cases add column if not exists choices_only boolean not null default false;
alter table cases add column if not exists choice text;
alter table cases add constraint cases_choices_only_needs_choices check (not choices_only or choices is not null);
