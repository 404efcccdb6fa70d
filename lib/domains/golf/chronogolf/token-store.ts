import { eq } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { withCrossProcessLock } from "@/lib/adapters/db/cross-process-lock";
import { chronogolfTokens, instanceSecrets } from "@/lib/adapters/db/schema";
import { openFrom, sealFor } from "@/lib/adapters/db/sealed-columns";
import { sha256 } from "@/lib/domains/auth/secrets";
import { accountTokenScopePrefix, readSettingsRow, storeRefreshToken, type ChronogolfConfig } from "@/lib/domains/golf/settings";

const INSTANCE_SECRET = "instance_secrets.value";
const ACCESS_TOKEN = "chronogolf_tokens.access_token";

export type AccessToken = { accessToken: string; expiresAt: number };

/**
 * Where one Chronogolf credential's tokens live, shared by every process on the database.
 *
 * Chronogolf rotates the refresh token on every use, and a new access token retires the one before it. Two
 * processes that each refreshed on their own would race for the refresh token (the loser is told the
 * credentials were refused) and then keep retiring each other's access tokens. So a refresh runs under a
 * cross-process lock (`exclusive`), re-reads the latest refresh token there, and leaves its access token
 * here for the others, which use it instead of refreshing again.
 */
export type TokenStore = {
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** The refresh token to use now: the latest rotation. */
  refreshToken(): Promise<string>;
  saveRefreshToken(token: string): Promise<void>;
  accessToken(): Promise<AccessToken | null>;
  saveAccessToken(token: AccessToken): Promise<void>;
};

/**
 * The instance's CHRONOGOLF_REFRESH_TOKEN is shared by every account that books with the instance's
 * credentials, so its successor is kept for the instance (in instance_secrets), never in one account's row. The
 * name carries a digest of the configured token: when an operator sets a new CHRONOGOLF_REFRESH_TOKEN, the
 * chain starts again from it.
 */
const instanceRefreshName = (configured: string) => `chronogolf_refresh_token:${sha256(configured).slice(0, 16)}`;

/** One credential: the instance's (by base URL, client and configured token), or one account's own. */
export function tokenScopeOf(accountId: string, cfg: ChronogolfConfig): string {
  if (cfg.credentials === "instance") return `instance:${sha256(`${cfg.baseUrl}|${cfg.clientId}|${cfg.refreshToken}`).slice(0, 24)}`;
  return `${accountTokenScopePrefix(accountId)}${sha256(`${cfg.baseUrl}|${cfg.clientId}`).slice(0, 24)}`;
}

export function chronogolfTokenStore(db: Db, accountId: string, cfg: ChronogolfConfig): TokenStore {
  const scope = tokenScopeOf(accountId, cfg);
  // The instance's configured CHRONOGOLF_REFRESH_TOKEN, or the account's stored one when the store was made.
  const configured = cfg.refreshToken;
  return {
    exclusive: (fn) => withCrossProcessLock(db, `chronogolf-token:${scope}`, fn),

    async refreshToken() {
      if (cfg.credentials === "instance") {
        const name = instanceRefreshName(configured);
        const [row] = await db
          .select({ value: instanceSecrets.value, keyId: instanceSecrets.valueKeyId })
          .from(instanceSecrets)
          .where(eq(instanceSecrets.name, name))
          .limit(1);
        return (row ? openFrom(INSTANCE_SECRET, name, row.value, row.keyId) : null) ?? configured;
      }
      return (await readSettingsRow(db, accountId))?.chronogolfRefreshToken ?? cfg.refreshToken;
    },

    async saveRefreshToken(token) {
      if (cfg.credentials !== "instance") return storeRefreshToken(db, accountId, token);
      const name = instanceRefreshName(configured);
      const sealed = sealFor(INSTANCE_SECRET, name, token);
      await db
        .insert(instanceSecrets)
        .values({ name, value: sealed.value, valueKeyId: sealed.keyId })
        .onConflictDoUpdate({ target: instanceSecrets.name, set: { value: sealed.value, valueKeyId: sealed.keyId } });
    },

    async accessToken() {
      const [row] = await db.select().from(chronogolfTokens).where(eq(chronogolfTokens.scope, scope)).limit(1);
      if (!row) return null;
      // A shared token is only a cache: one that cannot be opened (sealed with a key since retired) is refreshed.
      const accessToken = (() => {
        try {
          return openFrom(ACCESS_TOKEN, scope, row.accessToken, row.accessTokenKeyId);
        } catch {
          return null;
        }
      })();
      return accessToken ? { accessToken, expiresAt: row.expiresAt.getTime() } : null;
    },

    async saveAccessToken(t) {
      const sealed = sealFor(ACCESS_TOKEN, scope, t.accessToken);
      const set = { accessToken: sealed.value, accessTokenKeyId: sealed.keyId, expiresAt: new Date(t.expiresAt), updatedAt: new Date() };
      await db
        .insert(chronogolfTokens)
        .values({ scope, ...set })
        .onConflictDoUpdate({ target: chronogolfTokens.scope, set });
    },
  };
}
