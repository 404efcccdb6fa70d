import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import {
  accounts,
  channelSettings,
  chronogolfTokens,
  golfSettings,
  instanceSecrets,
  notifySettings,
  retellCredentials,
  vapiCredentials,
} from "@/lib/adapters/db/schema";
import { processKeyring } from "@/lib/platform/secrets/keyring";
import { openSecret, sealSecret } from "@/lib/platform/secrets/secret-box";

/**
 * Every column holding a secret we read back, sealed (secret-box.ts), with the key-id column beside it.
 * A new such secret is one more entry here, and its store writes through sealFor and reads through openFrom;
 * `switchboard secrets reencrypt` and the start-up sealing of old plaintext walk this list.
 */
type SealedColumn = {
  table: PgTable;
  /** Identifies the row; part of what the value is bound to, so it cannot be moved to another row. */
  rowKey: PgColumn;
  value: PgColumn;
  keyId: PgColumn;
  /** The TypeScript field names of value and keyId, for updates. */
  fields: [value: string, keyId: string];
};

const column = (table: PgTable, rowKey: PgColumn, value: PgColumn, keyId: PgColumn, fields: [string, string]): SealedColumn => ({
  table,
  rowKey,
  value,
  keyId,
  fields,
});

export const SEALED_COLUMNS = {
  "accounts.webhook_secret": column(accounts, accounts.id, accounts.webhookSecret, accounts.webhookSecretKeyId, [
    "webhookSecret",
    "webhookSecretKeyId",
  ]),
  "retell_credentials.api_key": column(
    retellCredentials,
    retellCredentials.accountId,
    retellCredentials.apiKey,
    retellCredentials.apiKeyKeyId,
    ["apiKey", "apiKeyKeyId"],
  ),
  "vapi_credentials.api_key": column(vapiCredentials, vapiCredentials.accountId, vapiCredentials.apiKey, vapiCredentials.apiKeyKeyId, [
    "apiKey",
    "apiKeyKeyId",
  ]),
  "vapi_credentials.server_secret": column(
    vapiCredentials,
    vapiCredentials.accountId,
    vapiCredentials.serverSecret,
    vapiCredentials.serverSecretKeyId,
    ["serverSecret", "serverSecretKeyId"],
  ),
  "notify_settings.access_token": column(
    notifySettings,
    notifySettings.accountId,
    notifySettings.accessToken,
    notifySettings.accessTokenKeyId,
    ["accessToken", "accessTokenKeyId"],
  ),
  "golf_settings.chronogolf_client_secret": column(
    golfSettings,
    golfSettings.accountId,
    golfSettings.chronogolfClientSecret,
    golfSettings.chronogolfClientSecretKeyId,
    ["chronogolfClientSecret", "chronogolfClientSecretKeyId"],
  ),
  "golf_settings.chronogolf_refresh_token": column(
    golfSettings,
    golfSettings.accountId,
    golfSettings.chronogolfRefreshToken,
    golfSettings.chronogolfRefreshTokenKeyId,
    ["chronogolfRefreshToken", "chronogolfRefreshTokenKeyId"],
  ),
  "channel_settings.slack_bot_token": column(
    channelSettings,
    channelSettings.accountId,
    channelSettings.slackBotToken,
    channelSettings.slackBotTokenKeyId,
    ["slackBotToken", "slackBotTokenKeyId"],
  ),
  "channel_settings.slack_signing_secret": column(
    channelSettings,
    channelSettings.accountId,
    channelSettings.slackSigningSecret,
    channelSettings.slackSigningSecretKeyId,
    ["slackSigningSecret", "slackSigningSecretKeyId"],
  ),
  "channel_settings.sms_auth_token": column(
    channelSettings,
    channelSettings.accountId,
    channelSettings.smsAuthToken,
    channelSettings.smsAuthTokenKeyId,
    ["smsAuthToken", "smsAuthTokenKeyId"],
  ),
  "chronogolf_tokens.access_token": column(
    chronogolfTokens,
    chronogolfTokens.scope,
    chronogolfTokens.accessToken,
    chronogolfTokens.accessTokenKeyId,
    ["accessToken", "accessTokenKeyId"],
  ),
  "instance_secrets.value": column(instanceSecrets, instanceSecrets.name, instanceSecrets.value, instanceSecrets.valueKeyId, [
    "value",
    "valueKeyId",
  ]),
} as const satisfies Record<string, SealedColumn>;

export type SealedColumnName = keyof typeof SEALED_COLUMNS;

/** What a sealed value is bound to: its column and its row. */
export const sealContext = (name: SealedColumnName, rowKey: string) => `${name}:${rowKey}`;

/** The value and key id to store for `plaintext` in `name` of row `rowKey`, sealed with the process's current key. */
export function sealFor(name: SealedColumnName, rowKey: string, plaintext: string): { value: string; keyId: string } {
  return sealSecret(processKeyring(), plaintext, sealContext(name, rowKey));
}

/** Like sealFor; null (no secret) stays null. */
export function sealNullable(
  name: SealedColumnName,
  rowKey: string,
  plaintext: string | null,
): { value: string | null; keyId: string | null } {
  return plaintext === null ? { value: null, keyId: null } : sealFor(name, rowKey, plaintext);
}

/** The plaintext of a stored value (null when none is stored). */
export function openFrom(name: SealedColumnName, rowKey: string, value: string | null, keyId: string | null): string | null {
  return value === null ? null : openSecret(processKeyring(), { value, keyId }, sealContext(name, rowKey));
}
