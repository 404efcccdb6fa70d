-- Secrets we must read back are stored encrypted (AES-256-GCM, lib/platform/secrets): the account's callback signing
-- secret, its Retell API key, its ntfy access token, its Chronogolf client secret and refresh token, and the instance's
-- generated secrets. Beside each sits the id of the key it was sealed with, so the key can be rotated
-- (`switchboard secrets reencrypt`). Null: a value written before this migration, still plaintext until the next start
-- (or that command) seals it; both are read meanwhile, so nothing breaks in between.
alter table accounts add column if not exists webhook_secret_key_id text;
alter table retell_credentials add column if not exists api_key_key_id text;
alter table notify_settings add column if not exists access_token_key_id text;
alter table golf_settings add column if not exists chronogolf_client_secret_key_id text;
alter table golf_settings add column if not exists chronogolf_refresh_token_key_id text;
alter table instance_secrets add column if not exists value_key_id text;
