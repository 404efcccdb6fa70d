import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chronogolfTokens, golfSettings, instanceSecrets } from "@/lib/adapters/db/schema";
import { searchTeeTimes } from "@/lib/domains/golf/search-tee-times";
import { chronogolfConfigOf, getGolfSettings, readSettingsRow, updateGolfSettings } from "@/lib/domains/golf/settings";
import { chronogolfTokenStore } from "@/lib/domains/golf/chronogolf/token-store";
import { addDays, todayIn } from "@/lib/domains/golf/time";
import { parseConfig } from "@/lib/platform/config/env";
import { withDeps } from "@/lib/platform/deps";
import { lazy } from "@/lib/platform/lazy";
import { startChronogolfStandin } from "@/tests/support/chronogolf-standin";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { createGolfTenant } from "@/tests/golf/helpers";

/**
 * The instance's Chronogolf partner credentials (CHRONOGOLF_CLIENT_ID/SECRET/REFRESH_TOKEN) go only to the
 * instance's CHRONOGOLF_BASE_URL. An account admin who sets a base URL of their own (here a second stand-in,
 * "the attacker's server") must bring all their own credentials; the token request carries its secrets in the
 * form body, never the query string; and a rotated instance token is kept for the instance, not in the row of
 * whichever account's request rotated it.
 */
const TZ = "America/Toronto";
const INSTANCE = {
  organizationId: "org-42",
  clientId: "instance-client",
  clientSecret: "instance-secret-xyz",
  refreshToken: "rt_instance_0",
};
let deps: TestDeps;
let real: Awaited<ReturnType<typeof startChronogolfStandin>>;
let attacker: Awaited<ReturnType<typeof startChronogolfStandin>>;
const date = addDays(todayIn(TZ), 1);

beforeAll(async () => {
  real = await startChronogolfStandin(INSTANCE);
  attacker = await startChronogolfStandin({ organizationId: "org-42", clientId: "x", clientSecret: "x", refreshToken: "x" });
  real.state.courses.push({ id: "c-oak", name: "Oak Ridge", holes: 18 });
  real.state.teetimes.push({ id: "tt-1", courseId: "c-oak", date, start_time: "09:00", free_slots: 4, green_fee: 50 });
  deps = await createTestDeps({
    OUTBOUND_ALLOW_LOOPBACK: "true",
    CHRONOGOLF_BASE_URL: real.url,
    CHRONOGOLF_CLIENT_ID: INSTANCE.clientId,
    CHRONOGOLF_CLIENT_SECRET: INSTANCE.clientSecret,
    CHRONOGOLF_REFRESH_TOKEN: INSTANCE.refreshToken,
  });
});
afterAll(async () => {
  await real?.close();
  await attacker?.close();
  await deps?.close();
});

const chronogolfTenant = async (name: string) => {
  const t = await createGolfTenant(deps.db, name);
  await updateGolfSettings(deps, t.admin, { provider: "chronogolf", chronogolf: { organizationId: "org-42", timezone: TZ } });
  return t;
};

describe("Chronogolf: instance credentials never follow an account's base URL", () => {
  it("saving a base URL of the account's own without its own credentials is a 422 naming chronogolf.baseUrl", async () => {
    const t = await chronogolfTenant("Mallory Golf");
    const e = await updateGolfSettings(deps, t.admin, { chronogolf: { baseUrl: attacker.url } }).catch((x) => x);
    expect(e).toMatchObject({ code: "validation_failed" });
    expect(e.message).toMatch(
      /^chronogolf\.baseUrl: a base URL of this account's own needs its own clientId, clientSecret and refreshToken/,
    );
    // Partial credentials are not enough either: the instance's secret would fill the gap.
    const partial = await updateGolfSettings(deps, t.admin, { chronogolf: { baseUrl: attacker.url, clientId: "mine" } }).catch((x) => x);
    expect(partial.message).toMatch(/missing: clientSecret, refreshToken/);
    expect(attacker.state.log).toEqual([]);
  });

  it("a base URL saved before this rule is never sent the instance's credentials", async () => {
    const t = await chronogolfTenant("Mallory Golf 2");
    await deps.db.update(golfSettings).set({ chronogolfBaseUrl: attacker.url }).where(eq(golfSettings.accountId, t.account.id));
    const e = await searchTeeTimes(deps, t.golfer, { date }).catch((x) => x);
    expect(e).toMatchObject({ code: "unavailable" });
    expect(e.message).toMatch(/this account's own base URL, which needs the account's own clientId, clientSecret and refreshToken/);
    expect(attacker.state.log).toEqual([]);
  });

  it("with loopback off, an account's own base URL on a private address is refused when saved", async () => {
    const t = await chronogolfTenant("Loopback Golf");
    const strict = withDeps(deps, { config: { ...deps.config, OUTBOUND_ALLOW_LOOPBACK: false } });
    const own = { clientId: "mine", clientSecret: "mine-secret", refreshToken: "mine-rt" };
    const e = await updateGolfSettings(strict, t.admin, { chronogolf: { baseUrl: attacker.url, ...own } }).catch((x) => x);
    expect(e).toMatchObject({ code: "validation_failed" });
    expect(e.message).toMatch(/^chronogolf\.baseUrl: points at 127\.0\.0\.1, a private or reserved address/);
    expect(attacker.state.log).toEqual([]);
  });

  it("the token request sends the secrets in the form body; a rotated instance token stays the instance's", async () => {
    const a = await chronogolfTenant("Alpha Links");
    const b = await chronogolfTenant("Bravo Links");
    const first = await searchTeeTimes(deps, a.golfer, { date });
    expect(first.slots).toHaveLength(1);
    expect(real.state.violations).toEqual([]);
    expect(real.state.refreshToken).not.toBe(INSTANCE.refreshToken); // the stand-in rotated it
    const [rowA] = await deps.db.select().from(golfSettings).where(eq(golfSettings.accountId, a.account.id));
    expect(rowA!.chronogolfRefreshToken).toBeNull();
    // The instance keeps it sealed, like every instance secret: the raw rows never hold the token.
    const kept = await deps.db.select().from(instanceSecrets);
    expect(kept.some((r) => r.name.startsWith("chronogolf_refresh_token:") && r.valueKeyId)).toBe(true);
    expect(kept.some((r) => r.value.includes(real.state.refreshToken))).toBe(false);

    // Another process (no cached access token) books for another account with the same instance credentials:
    // it uses the access token the first one shared (chronogolf/token-store.ts), without spending the refresh token.
    lazy.forget("chronogolf"); // the process's Chronogolf tokens and breakers (lib/domains/golf/chronogolf/client.ts)
    const second = await searchTeeTimes(deps, b.golfer, { date });
    expect(second.slots).toHaveLength(1);
    const [rowB] = await deps.db.select().from(golfSettings).where(eq(golfSettings.accountId, b.account.id));
    expect(rowB!.chronogolfRefreshToken).toBeNull();
    expect(real.state.tokenRequests).toBe(1);
    // Once that token is refused, the refresh uses the rotated token the instance kept.
    real.state.accessToken = "";
    lazy.forget("chronogolf");
    expect((await searchTeeTimes(deps, a.golfer, { date })).slots).toHaveLength(1);
    expect(real.state.tokenRequests).toBe(2);
    expect(real.state.violations).toEqual([]);
  });

  it("credentials are never mixed: an account with only its own clientId is told what is missing, not lent the instance's secret", async () => {
    const t = await chronogolfTenant("Half Golf");
    await updateGolfSettings(deps, t.admin, { chronogolf: { clientId: "half-client" } });
    expect((await getGolfSettings(deps, t.admin)).chronogolf).toMatchObject({
      clientId: "half-client",
      clientSecretSet: false,
      refreshTokenSet: false,
    });
    const before = real.state.log.length;
    const e = await searchTeeTimes(deps, t.golfer, { date }).catch((x) => x);
    expect(e).toMatchObject({ code: "unavailable" });
    expect(e.message).toMatch(/its clientSecret, refreshToken are not configured/);
    expect(real.state.log.length).toBe(before);
  });

  it("the instance's CHRONOGOLF_BASE_URL sent back by the settings form is not 'the account's own'", async () => {
    const t = await chronogolfTenant("Form Golf");
    const saved = await updateGolfSettings(deps, t.admin, { chronogolf: { baseUrl: `${real.url}/` } });
    expect(saved.chronogolf.baseUrl).toBe(parseConfig({ CHRONOGOLF_BASE_URL: real.url }).CHRONOGOLF_BASE_URL);
    const [row] = await deps.db.select().from(golfSettings).where(eq(golfSettings.accountId, t.account.id));
    expect(row!.chronogolfBaseUrl).toBeNull();
  });

  it("an admin's new credentials of the account's own drop the access token shared for the old ones", async () => {
    const t = await chronogolfTenant("Own Links");
    await updateGolfSettings(deps, t.admin, { chronogolf: { clientId: "own-client", clientSecret: "own-secret", refreshToken: "own-rt" } });
    const tokens = async () =>
      chronogolfTokenStore(deps.db, t.account.id, chronogolfConfigOf(await readSettingsRow(deps.db, t.account.id), deps.config));
    await (await tokens()).saveAccessToken({ accessToken: "at_own_1", expiresAt: Date.now() + 3_600_000 });
    expect((await (await tokens()).accessToken())?.accessToken).toBe("at_own_1");
    // A change that is not a credential keeps it.
    await updateGolfSettings(deps, t.admin, { chronogolf: { timezone: "America/Vancouver" } });
    expect((await (await tokens()).accessToken())?.accessToken).toBe("at_own_1");
    await updateGolfSettings(deps, t.admin, { chronogolf: { refreshToken: "own-rt-2" } });
    expect(await (await tokens()).accessToken()).toBeNull();
  });

  it("a shared access token that cannot be opened (sealed with a retired key, altered) is refreshed, not an error", async () => {
    const t = await chronogolfTenant("Garbled Links");
    expect((await searchTeeTimes(deps, t.golfer, { date })).slots).toHaveLength(1);
    await deps.db.update(chronogolfTokens).set({ accessToken: "v1.AAAA.BBBB.CCCC" });
    lazy.forget("chronogolf");
    const before = real.state.tokenRequests;
    expect((await searchTeeTimes(deps, t.golfer, { date })).slots).toHaveLength(1);
    expect(real.state.tokenRequests).toBe(before + 1);
  });
});
