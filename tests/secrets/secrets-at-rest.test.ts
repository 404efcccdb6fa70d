import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, readWebhookSecret, rotateWebhookSecret } from "@/lib/domains/accounts/accounts";
import type { Principal } from "@/lib/domains/auth/principal";
import { chronogolfConfigOf, getGolfSettings, readSettingsRow, storeRefreshToken, updateGolfSettings } from "@/lib/domains/golf/settings";
import { chronogolfTokenStore } from "@/lib/domains/golf/chronogolf/token-store";
import { getNotifyTarget, readNotifySettings, updateNotifySettings } from "@/lib/domains/notify/settings";
import { getRetellApiKey, readRetellKeyStatus, setRetellApiKey } from "@/lib/domains/retell/credentials";
import { getVapiCallSettings, getVapiServerSecret, readVapiStatus, setVapiSettings } from "@/lib/domains/vapi/credentials";
import { getOrCreateInstanceSecret, SIMULATOR_WEBHOOK_SECRET_NAME } from "@/lib/adapters/db/instance-secrets";
import { resetConfig } from "@/lib/platform/config/env";
import { readChannelRow, readChannelSettings, smsTargetOf, updateChannelSettings } from "@/lib/domains/channels/settings";
import { processKeyring } from "@/lib/platform/secrets/keyring";
import { resealSecrets, secretsStatus } from "@/lib/adapters/db/reseal-secrets";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";

// Every secret we read back, written through the code that stores it, then read raw with SQL: the row must not
// hold it. The process's key comes from the environment, so the test sets it (and rotates it) there.
const KEY_A = randomBytes(32).toString("base64");
const KEY_B = randomBytes(32).toString("base64");
const SETTINGS = ["SECRETS_ENCRYPTION_KEY", "SECRETS_ENCRYPTION_KEY_ID", "SECRETS_ENCRYPTION_PREVIOUS_KEYS"] as const;
const saved = Object.fromEntries(SETTINGS.map((n) => [n, process.env[n]]));

function useKeys(env: Partial<Record<(typeof SETTINGS)[number], string>>) {
  for (const n of SETTINGS) {
    if (env[n] === undefined) delete process.env[n];
    else process.env[n] = env[n];
  }
  resetConfig();
}

const RETELL_KEY = `key_${randomBytes(12).toString("hex")}`;
const VAPI_KEY = `vapikey_${randomBytes(12).toString("hex")}`;
const VAPI_SECRET = `vapisecret_${randomBytes(12).toString("hex")}`;
const NTFY_TOKEN = `tk_${randomBytes(12).toString("hex")}`;
const CG_SECRET = `cgsecret_${randomBytes(12).toString("hex")}`;
const CG_REFRESH = `cgrefresh_${randomBytes(12).toString("hex")}`;
const CG_ROTATED = `cgrotated_${randomBytes(12).toString("hex")}`;
const CG_ACCESS = `cgaccess_${randomBytes(12).toString("hex")}`;
const TWILIO_TOKEN = randomBytes(16).toString("hex");
const SLACK_SECRET = randomBytes(16).toString("hex");

describe("secrets at rest", () => {
  let deps: TestDeps;
  let accountId: string;
  let webhookSecret: string;
  let simulatorSecret: string;
  let admin: Principal;

  /** Every row holding a secret, each as one text, exactly as the database stores it. */
  const rawRows = async (): Promise<string> => {
    const r = await deps.db.execute(sql`
      select t::text as row from accounts t union all select t::text from retell_credentials t
      union all select t::text from notify_settings t union all select t::text from golf_settings t
      union all select t::text from instance_secrets t union all select t::text from channel_settings t
      union all select t::text from vapi_credentials t union all select t::text from chronogolf_tokens t`);
    const rows = (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { row: string }[];
    return rows.map((x) => x.row).join("\n");
  };
  const cgTokens = async () =>
    chronogolfTokenStore(deps.db, accountId, chronogolfConfigOf(await readSettingsRow(deps.db, accountId), deps.config));
  const keyIds = async (): Promise<string[]> => [...new Set((await secretsStatus(deps.db)).map((s) => s.keyId ?? "plaintext"))].sort();

  beforeAll(async () => {
    useKeys({ SECRETS_ENCRYPTION_KEY: KEY_A, SECRETS_ENCRYPTION_KEY_ID: "a" });
    deps = await createTestDeps();
    ({ webhookSecret } = await createAccount(deps.db, { name: "Sealed Inc" }).then((r) => ((accountId = r.account.id), r)));
    admin = { kind: "api_key", accountId, keyId: "test", keyPrefix: "test", scopes: ["admin"] };
    await setRetellApiKey(deps, admin, { apiKey: RETELL_KEY });
    await updateNotifySettings(deps, admin, { accessToken: NTFY_TOKEN, defaultTopic: "alerts" });
    await setVapiSettings(deps, admin, {
      apiKey: VAPI_KEY,
      serverSecret: VAPI_SECRET,
      placeCalls: true,
      callsAssistantId: "asst_1",
      callsPhoneNumberId: "pn_1",
    });
    await updateGolfSettings(deps, admin, {
      provider: "chronogolf",
      chronogolf: { organizationId: "org-1", clientId: "client-1", clientSecret: CG_SECRET, refreshToken: CG_REFRESH },
    });
    simulatorSecret = await getOrCreateInstanceSecret(deps.db, SIMULATOR_WEBHOOK_SECRET_NAME);
    await updateChannelSettings(deps, admin, {
      slack: { signingSecret: SLACK_SECRET },
      sms: { accountSid: `AC${"1".repeat(32)}`, authToken: TWILIO_TOKEN, fromNumber: "+15550001000" },
    });
  });
  afterAll(async () => {
    await deps?.close();
    useKeys(saved);
  });

  it("the database rows hold none of the secrets, only ciphertext and the key's id", async () => {
    const raw = await rawRows();
    for (const secret of [
      webhookSecret,
      RETELL_KEY,
      VAPI_KEY,
      VAPI_SECRET,
      NTFY_TOKEN,
      CG_SECRET,
      CG_REFRESH,
      simulatorSecret,
      TWILIO_TOKEN,
      SLACK_SECRET,
    ])
      expect(raw).not.toContain(secret);
    expect(raw).toMatch(/v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/);
    expect(await keyIds()).toEqual(["a"]);
    await storeRefreshToken(deps.db, accountId, CG_ROTATED);
    expect(await rawRows()).not.toContain(CG_ROTATED);
    // The access token every process shares (lib/domains/golf/chronogolf/token-store.ts).
    await (await cgTokens()).saveAccessToken({ accessToken: CG_ACCESS, expiresAt: Date.now() + 3_600_000 });
    expect(await rawRows()).not.toContain(CG_ACCESS);
  });

  it("the code that uses them reads them back; the API never shows them", async () => {
    expect(await readWebhookSecret(deps.db, accountId)).toBe(webhookSecret);
    expect(await getRetellApiKey(deps.db, accountId)).toBe(RETELL_KEY);
    expect(await getVapiServerSecret(deps.db, accountId)).toBe(VAPI_SECRET);
    expect((await getVapiCallSettings(deps.db, accountId))?.apiKey).toBe(VAPI_KEY);
    expect((await getNotifyTarget(deps.db, deps.config, accountId)).accessToken).toBe(NTFY_TOKEN);
    expect(await readSettingsRow(deps.db, accountId)).toMatchObject({
      chronogolfClientSecret: CG_SECRET,
      chronogolfRefreshToken: CG_ROTATED,
    });
    expect(await getOrCreateInstanceSecret(deps.db, SIMULATOR_WEBHOOK_SECRET_NAME)).toBe(simulatorSecret);
    expect(smsTargetOf(await readChannelRow(deps.db, accountId))?.authToken).toBe(TWILIO_TOKEN);
    const shown = JSON.stringify([
      await readChannelSettings(deps, admin),
      await readRetellKeyStatus(deps, admin),
      await readVapiStatus(deps, admin),
      await readNotifySettings(deps, admin),
      await getGolfSettings(deps, admin),
    ]);
    for (const secret of [RETELL_KEY, VAPI_KEY, VAPI_SECRET, NTFY_TOKEN, CG_SECRET, CG_ROTATED, TWILIO_TOKEN, SLACK_SECRET])
      expect(shown).not.toContain(secret);
    expect(shown).not.toContain("v1.");
  });

  it("a value altered in the database, or copied into another account's row, is refused", async () => {
    const other = (await createAccount(deps.db, { name: "Other Inc" })).account.id;
    await setRetellApiKey(deps, { ...admin, accountId: other }, { apiKey: "key_other_account_0001" });
    await deps.db.execute(
      sql`update retell_credentials set api_key = (select api_key from retell_credentials where account_id = ${accountId}),
          api_key_key_id = 'a' where account_id = ${other}`,
    );
    await expect(getRetellApiKey(deps.db, other)).rejects.toMatchObject({ code: "secret_unreadable" });
    await deps.db.execute(
      sql`update retell_credentials set api_key = overlay(api_key placing (case when substr(api_key, 10, 1) = 'A' then 'B' else 'A' end) from 10 for 1)
          where account_id = ${other}`,
    );
    await expect(getRetellApiKey(deps.db, other)).rejects.toMatchObject({ code: "secret_unreadable" });
    await deps.db.execute(sql`delete from retell_credentials where account_id = ${other}`);
  });

  it("secrets stored before encryption are read as they are, then sealed", async () => {
    const legacy = (await createAccount(deps.db, { name: "Legacy Inc" })).account.id;
    await deps.db.execute(sql`update accounts set webhook_secret = 'whsec_from_before', webhook_secret_key_id = null where id = ${legacy}`);
    expect(await readWebhookSecret(deps.db, legacy)).toBe("whsec_from_before");
    expect(await keyIds()).toEqual(["a", "plaintext"]);
    const sealed = await resealSecrets(deps.db, processKeyring(), { plaintextOnly: true });
    expect(sealed.find((r) => r.column === "accounts.webhook_secret")?.resealed).toBe(1);
    expect(await rawRows()).not.toContain("whsec_from_before");
    expect(await readWebhookSecret(deps.db, legacy)).toBe("whsec_from_before");
    expect(await keyIds()).toEqual(["a"]);
  });

  it("rotation: the old key still opens until `reencrypt`, after which the new key alone does", async () => {
    useKeys({ SECRETS_ENCRYPTION_KEY: KEY_B, SECRETS_ENCRYPTION_KEY_ID: "b", SECRETS_ENCRYPTION_PREVIOUS_KEYS: `a:${KEY_A}` });
    expect(await getRetellApiKey(deps.db, accountId)).toBe(RETELL_KEY);
    expect(await getVapiServerSecret(deps.db, accountId)).toBe(VAPI_SECRET);
    expect((await getVapiCallSettings(deps.db, accountId))?.apiKey).toBe(VAPI_KEY);
    // New writes use the new key at once.
    const rotatedSecret = await rotateWebhookSecret(deps.db, accountId);
    expect(await keyIds()).toEqual(["a", "b"]);
    const before = await rawRows();

    const results = await resealSecrets(deps.db, processKeyring());
    expect(results.reduce((n, r) => n + r.resealed, 0)).toBeGreaterThanOrEqual(5);
    expect(await keyIds()).toEqual(["b"]);
    expect(await rawRows()).not.toBe(before);
    expect(await resealSecrets(deps.db, processKeyring())).toSatisfy((r: { resealed: number }[]) => r.every((x) => x.resealed === 0));

    useKeys({ SECRETS_ENCRYPTION_KEY: KEY_B, SECRETS_ENCRYPTION_KEY_ID: "b" });
    expect(await readWebhookSecret(deps.db, accountId)).toBe(rotatedSecret);
    expect(await getRetellApiKey(deps.db, accountId)).toBe(RETELL_KEY);
    expect(await getVapiServerSecret(deps.db, accountId)).toBe(VAPI_SECRET);
    expect((await getVapiCallSettings(deps.db, accountId))?.apiKey).toBe(VAPI_KEY);
    expect((await getNotifyTarget(deps.db, deps.config, accountId)).accessToken).toBe(NTFY_TOKEN);
    expect(await readSettingsRow(deps.db, accountId)).toMatchObject({
      chronogolfClientSecret: CG_SECRET,
      chronogolfRefreshToken: CG_ROTATED,
    });
    expect((await (await cgTokens()).accessToken())?.accessToken).toBe(CG_ACCESS);
    expect(await getOrCreateInstanceSecret(deps.db, SIMULATOR_WEBHOOK_SECRET_NAME)).toBe(simulatorSecret);

    // The old key alone no longer opens anything, and says which key it lacks.
    useKeys({ SECRETS_ENCRYPTION_KEY: KEY_A, SECRETS_ENCRYPTION_KEY_ID: "a" });
    await expect(getRetellApiKey(deps.db, accountId)).rejects.toThrow(/key "b".*SECRETS_ENCRYPTION_PREVIOUS_KEYS/);
    await expect(resealSecrets(deps.db, processKeyring())).rejects.toMatchObject({ code: "secret_key_unknown" });
  });
});
