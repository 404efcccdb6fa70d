import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/platform/config/env";
import { verifyApiKey } from "@/lib/domains/api-keys/api-keys";
import { checkMemberPassword } from "@/lib/domains/members/members";
import { seedDemoIfEmpty } from "@/lib/composition/bootstrap/seed-demo";
import { accounts, members, setupTokens } from "@/lib/adapters/db/schema";
import { PEER_HEADER } from "@/lib/transports/http/client-address";
import { completeSetup, needsSetup } from "@/lib/domains/setup/complete-setup";
import { tokenFreeSetupAllowed } from "@/lib/transports/http/setup-access";
import { consumeSetupToken, createSetupToken } from "@/lib/domains/setup/setup-tokens";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { expectAppError } from "@/tests/hitl/helpers";

/** A request from this machine's browser: Host 127.0.0.1:3000 unless the test names another. */
const h = (o: Record<string, string>) => new Headers({ host: "127.0.0.1:3000", ...o });
const embedded = parseConfig({});

describe("who may create the first admin without a token", () => {
  it("the embedded default from a loopback socket, with no proxy in front", () => {
    expect(tokenFreeSetupAllowed(h({ [PEER_HEADER]: "127.0.0.1" }), embedded)).toBe(true);
    expect(tokenFreeSetupAllowed(h({ [PEER_HEADER]: "::ffff:127.0.0.1" }), embedded)).toBe(true);
    expect(tokenFreeSetupAllowed(h({ [PEER_HEADER]: "::1" }), embedded)).toBe(true);
    expect(tokenFreeSetupAllowed(h({ [PEER_HEADER]: "::1", host: "[::1]:3000" }), embedded)).toBe(true);
    expect(tokenFreeSetupAllowed(h({ [PEER_HEADER]: "127.0.0.1", host: "localhost:3000" }), embedded)).toBe(true);
    const named = parseConfig({ APP_URL: "http://switchboard.lan:3000" });
    expect(tokenFreeSetupAllowed(h({ [PEER_HEADER]: "127.0.0.1", host: "switchboard.lan:3000" }), named)).toBe(true);
  });

  it("never a page addressed to another name, even from a loopback socket (DNS rebinding)", () => {
    // evil.example rebound to 127.0.0.1: the socket is loopback, the Host is the attacker's name.
    expect(tokenFreeSetupAllowed(h({ [PEER_HEADER]: "127.0.0.1", host: "evil.example:3000" }), embedded)).toBe(false);
    expect(tokenFreeSetupAllowed(h({ [PEER_HEADER]: "127.0.0.1", host: "evil.example" }), embedded)).toBe(false);
    expect(tokenFreeSetupAllowed(h({ [PEER_HEADER]: "127.0.0.1", host: "127.0.0.1.evil.example" }), embedded)).toBe(false);
    expect(tokenFreeSetupAllowed(h({ [PEER_HEADER]: "127.0.0.1", host: "" }), embedded)).toBe(false);
    const named = parseConfig({ APP_URL: "http://switchboard.lan:3000" });
    expect(tokenFreeSetupAllowed(h({ [PEER_HEADER]: "127.0.0.1", host: "evil.example:3000" }), named)).toBe(false);
  });

  it("nobody else: another machine, a spoofed header, a reverse proxy on this host, a shared database, Vercel", () => {
    expect(tokenFreeSetupAllowed(h({ [PEER_HEADER]: "192.168.1.20" }), embedded)).toBe(false);
    // No stamped peer (not our Node server): unknown is not loopback.
    expect(tokenFreeSetupAllowed(h({}), embedded)).toBe(false);
    // A proxy on this host relaying a stranger names them in a forwarding header (never believed as the client,
    // but enough to refuse); Next.js's own X-Forwarded-For (the peer itself) is not a relay.
    expect(tokenFreeSetupAllowed(h({ [PEER_HEADER]: "127.0.0.1", "x-forwarded-for": "203.0.113.9" }), embedded)).toBe(false);
    expect(tokenFreeSetupAllowed(h({ [PEER_HEADER]: "127.0.0.1", "x-forwarded-for": "127.0.0.1, 203.0.113.9" }), embedded)).toBe(false);
    expect(tokenFreeSetupAllowed(h({ [PEER_HEADER]: "127.0.0.1", "x-real-ip": "203.0.113.9" }), embedded)).toBe(false);
    expect(tokenFreeSetupAllowed(h({ [PEER_HEADER]: "127.0.0.1", forwarded: 'for="[2001:db8::1]";proto=https' }), embedded)).toBe(false);
    expect(tokenFreeSetupAllowed(h({ [PEER_HEADER]: "::ffff:127.0.0.1", "x-forwarded-for": "::ffff:127.0.0.1" }), embedded)).toBe(true);
    expect(tokenFreeSetupAllowed(h({ [PEER_HEADER]: "127.0.0.1" }), parseConfig({ DATABASE_URL: "postgres://x@127.0.0.1/db" }))).toBe(
      false,
    );
    expect(tokenFreeSetupAllowed(h({ [PEER_HEADER]: "127.0.0.1" }), parseConfig({ VERCEL: "1" }))).toBe(false);
  });

  it("behind TRUSTED_PROXY_HOPS trusted proxies, never: visitors arrive through the proxy, so a token is the proof", () => {
    const proxied = parseConfig({ TRUSTED_PROXY_HOPS: "1" });
    expect(tokenFreeSetupAllowed(h({ [PEER_HEADER]: "127.0.0.1", "x-forwarded-for": "203.0.113.9" }), proxied)).toBe(false);
    expect(tokenFreeSetupAllowed(h({ [PEER_HEADER]: "127.0.0.1", "x-forwarded-for": "203.0.113.9, 127.0.0.1" }), proxied)).toBe(false);
    expect(tokenFreeSetupAllowed(h({ [PEER_HEADER]: "127.0.0.1", "x-forwarded-for": "127.0.0.1" }), proxied)).toBe(false);
  });
});

describe("first run: demo seed, setup, setup tokens", () => {
  let deps: TestDeps;
  beforeAll(async () => {
    deps = await createTestDeps();
  });
  afterAll(async () => deps?.close());

  it("the demo seed makes the account and a key but no member, so the app asks for setup", async () => {
    const seed = await seedDemoIfEmpty(deps.db);
    expect(seed).not.toBeNull();
    expect(await deps.db.select().from(members)).toEqual([]);
    expect(await needsSetup(deps.db)).toBe(true);
    expect((await verifyApiKey(deps, seed!.apiKey, 0))?.accountId).toBe(seed!.accountId);
    expect(await seedDemoIfEmpty(deps.db)).toBeNull(); // a second start seeds (and prints) nothing
  });

  it("without loopback, setup needs a valid token; a bad or missing one changes nothing", async () => {
    const input = { email: "first@example.test", password: "long enough password" };
    await expectAppError(completeSetup(deps.db, deps.config, input, { tokenFree: false }), "forbidden", /token: required/);
    await expectAppError(
      completeSetup(deps.db, deps.config, { ...input, token: "setup_guess" }, { tokenFree: false }),
      "forbidden",
      /not a valid setup token/,
    );
    const expired = await createSetupToken(deps.db, -1);
    await expectAppError(
      completeSetup(deps.db, deps.config, { ...input, token: expired.token }, { tokenFree: false }),
      "forbidden",
      /not a valid setup token/,
    );
    expect(await needsSetup(deps.db)).toBe(true);
  });

  it("a CLI token creates the first admin in the demo account, with a working key; the token is used up", async () => {
    const { token } = await createSetupToken(deps.db);
    const rows = await deps.db.select().from(setupTokens);
    expect(rows.map((r) => r.tokenHash)).not.toContain(token); // only a hash is kept
    const [demo] = await deps.db.select().from(accounts);
    const done = await completeSetup(
      deps.db,
      deps.config,
      { email: " First@Example.test ", password: "long enough password", name: "Ana", token },
      { tokenFree: false },
    );
    expect(done.account.id).toBe(demo!.id);
    expect(done.member).toMatchObject({ email: "first@example.test", role: "admin", name: "Ana", active: true });
    expect((await checkMemberPassword(deps.db, "first@example.test", "long enough password"))?.id).toBe(done.member.id);
    expect(await verifyApiKey(deps, done.key, 0)).toMatchObject({
      accountId: demo!.id,
      scopes: ["hitl:ask", "hitl:answer", "calls:read", "calls:write", "notify:send", "weather:read", "golf:read", "golf:write"],
    });
    expect(await consumeSetupToken(deps.db, deps.config, token)).toBe(false);
    expect(await needsSetup(deps.db)).toBe(false);
  });

  it("once a member exists, setup is refused to everyone (409), even from loopback, even with a token", async () => {
    const { token } = await createSetupToken(deps.db);
    await expectAppError(
      completeSetup(deps.db, deps.config, { email: "second@example.test", password: "long enough password" }, { tokenFree: true }),
      "conflict",
      /already set up/,
    );
    await expectAppError(
      completeSetup(deps.db, deps.config, { email: "third@example.test", password: "long enough password", token }, { tokenFree: false }),
      "conflict",
      /already set up/,
    );
    expect((await deps.db.select().from(members)).length).toBe(1);
  });
});

describe("first run on an empty database (SEED_DEMO off)", () => {
  let deps: TestDeps;
  beforeAll(async () => {
    deps = await createTestDeps({ SETUP_TOKEN: "configured-setup-token-0123" });
  });
  afterAll(async () => deps?.close());

  it("SETUP_TOKEN works too; setup makes the account; two simultaneous setups make one admin", async () => {
    const attempt = (email: string) =>
      completeSetup(
        deps.db,
        deps.config,
        { email, password: "long enough password", token: "configured-setup-token-0123" },
        { tokenFree: false },
      );
    const results = await Promise.allSettled([attempt("a@example.test"), attempt("b@example.test")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(["conflict"]);
    expect(await deps.db.select().from(members).where(eq(members.role, "admin"))).toHaveLength(1);
    expect((await deps.db.select().from(accounts)).map((a) => a.name)).toEqual(["Switchboard"]);
  });
});
