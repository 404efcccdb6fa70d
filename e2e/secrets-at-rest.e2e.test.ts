/**
 * Secrets at rest in the built app (`next start`, production mode): it will not start on a shared database
 * without the encryption key, and on its first start it seals the secrets an older version left in plaintext.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/lib/adapters/db/client";
import { parseConfig } from "@/lib/platform/config/env";
import { keyringFromConfig } from "@/lib/platform/secrets/keyring";
import { openSecret } from "@/lib/platform/secrets/secret-box";
import { cli, freshAppEnv, NO_OUTSIDE_REQUESTS, startApp } from "./support/app-server";

async function withDb<T>(env: Record<string, string>, fn: (db: Db) => Promise<T>): Promise<T> {
  const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: path.join(env.DATA_DIR!, "pglite") });
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}
const rowsOf = (r: unknown) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Record<string, string | null>[];

describe("secrets at rest in the running app", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it("refuses to start in production on a shared database without SECRETS_ENCRYPTION_KEY, naming it", async () => {
    const outcome = await startApp({
      ...NO_OUTSIDE_REQUESTS,
      // Never reached: the key is checked before the database.
      DATABASE_URL: "postgres://postgres@127.0.0.1:1/unreachable",
      SECRETS_ENCRYPTION_KEY: "",
      REDIS_URL: "",
      SEED_DEMO: "false",
      KV_PREFIX: `sbsecrets:${randomBytes(4).toString("hex")}:`,
    }).then(
      async (app) => {
        await app.stop();
        return "started";
      },
      (e: Error) => e.message,
    );
    expect(outcome).toMatch(/app exited early/);
    expect(outcome).toMatch(/SECRETS_ENCRYPTION_KEY: required with DATABASE_URL in production/);
  });

  it("seals, at its first start, the secrets an older version stored in plaintext", async () => {
    const fresh = await freshAppEnv("sbsecrets", NO_OUTSIDE_REQUESTS);
    cleanups.push(fresh.drop);
    const env = fresh.env;
    const accountId = cli(env, "accounts", "create", "--name", "Upgraded");
    cli(env, "notify", "settings", "--token", "tk_placeholder_token", "--account", accountId);
    const oldWebhookSecret = `whsec_${randomBytes(16).toString("hex")}`;
    const oldToken = `tk_${randomBytes(16).toString("hex")}`;
    // What a version without encryption left behind: the values as given, no key id.
    await withDb(env, async (db) => {
      await db.execute(sql`update accounts set webhook_secret = ${oldWebhookSecret}, webhook_secret_key_id = null where id = ${accountId}`);
      await db.execute(
        sql`update notify_settings set access_token = ${oldToken}, access_token_key_id = null where account_id = ${accountId}`,
      );
    });

    const app = await startApp(env);
    await app.stop();

    const [row] = await withDb(env, async (db) =>
      rowsOf(
        await db.execute(sql`select a.webhook_secret, a.webhook_secret_key_id, n.access_token, n.access_token_key_id, a::text as account_row, n::text as notify_row
          from accounts a join notify_settings n on n.account_id = a.id where a.id = ${accountId}`),
      ),
    );
    expect(`${row!.account_row}${row!.notify_row}`).not.toContain(oldWebhookSecret);
    expect(`${row!.account_row}${row!.notify_row}`).not.toContain(oldToken);
    const ring = keyringFromConfig(parseConfig({ ...env }));
    expect(row!.webhook_secret_key_id).toBe(ring.current.id);
    expect(row!.access_token_key_id).toBe(ring.current.id);
    // Sealed with the app's key, for the same row: the value is still the one the older version stored.
    const open = (value: string | null | undefined, keyId: string | null | undefined, context: string) =>
      openSecret(ring, { value: value!, keyId: keyId ?? null }, context);
    expect(open(row!.webhook_secret, row!.webhook_secret_key_id, `accounts.webhook_secret:${accountId}`)).toBe(oldWebhookSecret);
    expect(open(row!.access_token, row!.access_token_key_id, `notify_settings.access_token:${accountId}`)).toBe(oldToken);
  });
});
