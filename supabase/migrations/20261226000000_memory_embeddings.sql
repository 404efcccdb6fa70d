-- Answer memory, optional embeddings matcher: one vector per saved answer, for the model that made it.
-- Stored as bytea (float32, little-endian) and ranked in the app over a bounded candidate set, not as a
-- pgvector column: pgvector is an extension that neither this project's PostgreSQL 15 nor the bundled
-- PGlite build ships, and one schema must run on both. The question's md5 says which wording the vector
-- belongs to: an edited question is embedded again on its next search.
create table memory_answer_embeddings (
  answer_id uuid primary key references memory_answers(id) on delete cascade,
  account_id uuid not null references accounts(id) on delete cascade,
  model text not null check (length(model) between 1 and 200),
  question_md5 text not null,
  dims integer not null check (dims between 1 and 4096),
  vector bytea not null check (length(vector) = dims * 4),
  created_at timestamptz not null default now()
);
create index memory_answer_embeddings_account_idx on memory_answer_embeddings (account_id);
