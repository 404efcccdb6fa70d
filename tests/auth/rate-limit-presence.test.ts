import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countOnline, heartbeat } from "@/lib/domains/presence/presence";
import { createCase } from "@/lib/domains/hitl/create-case";
import { claimCase } from "@/lib/domains/hitl/claim-case";
import { postMessage } from "@/lib/domains/hitl/post-message";
import type { Principal } from "@/lib/domains/auth/principal";
import { enforceRateLimit } from "@/lib/domains/auth/rate-limit";
import { AppError } from "@/lib/platform/errors";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { createTenant, depsWithTenant, type Tenant } from "@/tests/support/fixtures";
import { addMember, expectAppError, rand, sleep } from "@/tests/hitl/helpers";

const minute = () => Math.floor(Date.now() / 60_000);

/** Runs `fn` inside one fixed one-minute window (waits out a boundary that is about to pass). */
async function withinOneWindow(fn: () => Promise<void>) {
  if (60_000 - (Date.now() % 60_000) < 3_000) await sleep(60_000 - (Date.now() % 60_000) + 50);
  const w = minute();
  await fn();
  expect(minute(), "the test crossed a minute boundary").toBe(w);
}

describe("rate limit", () => {
  let deps: TestDeps;
  beforeAll(async () => {
    deps = await createTestDeps();
  });
  afterAll(async () => {
    await deps?.close();
  });

  it("allows `limit` requests per minute, then throws rate_limited with retryAfterSeconds", async () => {
    const keyId = `key-${rand()}`;
    await withinOneWindow(async () => {
      for (let i = 0; i < 3; i++) await enforceRateLimit(deps, keyId, 3);
      const err = await expectAppError(enforceRateLimit(deps, keyId, 3), "rate_limited", /3 per minute/);
      expect(err.status).toBe(429);
      const retry = err.details?.retryAfterSeconds as number;
      expect(Number.isInteger(retry)).toBe(true);
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(retry).toBeLessThanOrEqual(60);
      // Still limited on the next call.
      await expectAppError(enforceRateLimit(deps, keyId, 3), "rate_limited");
    });
  });

  it("counts each key separately", async () => {
    const a = `key-${rand()}`;
    const b = `key-${rand()}`;
    await withinOneWindow(async () => {
      await enforceRateLimit(deps, a, 1);
      await expectAppError(enforceRateLimit(deps, a, 1), "rate_limited");
      await enforceRateLimit(deps, b, 1);
    });
  });

  it("concurrent requests cannot slip past the limit", async () => {
    const keyId = `key-${rand()}`;
    await withinOneWindow(async () => {
      const settled = await Promise.allSettled(Array.from({ length: 20 }, () => enforceRateLimit(deps, keyId, 5)));
      expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(5);
      const rejected = settled.filter((s): s is PromiseRejectedResult => s.status === "rejected");
      expect(rejected.every((r) => r.reason instanceof AppError && r.reason.code === "rate_limited")).toBe(true);
    });
  });
});

describe("presence", () => {
  let deps: TestDeps;
  let t: Tenant;
  beforeAll(async () => ({ deps, t } = await depsWithTenant()));
  afterAll(async () => deps?.close());

  it("counts distinct principals with a fresh heartbeat; repeat heartbeats do not double count", async () => {
    expect(await countOnline(deps.kv, t.account.id)).toBe(0);
    const first = await heartbeat(deps, t.operator);
    expect(first).toMatchObject({ status: "online", online: 1 });
    expect(first.ttlSeconds).toBeGreaterThanOrEqual(5);
    await heartbeat(deps, t.operator);
    expect(await countOnline(deps.kv, t.account.id)).toBe(1);
    expect((await heartbeat(deps, t.answerer.principal)).online).toBe(2);
    const other: Principal = await addMember(deps.db, t.account.id);
    await heartbeat(deps, other);
    expect(await countOnline(deps.kv, t.account.id)).toBe(3);
  });

  it("'away' removes the sender at once, leaving the others", async () => {
    const before = await countOnline(deps.kv, t.account.id);
    expect(before).toBeGreaterThanOrEqual(2);
    expect(await heartbeat(deps, t.operator, "away")).toMatchObject({ status: "away", online: before - 1 });
    expect(await countOnline(deps.kv, t.account.id)).toBe(before - 1);
    expect((await heartbeat(deps, t.operator)).online).toBe(before);
  });

  it("presence is per account", async () => {
    const other = await createTenant(deps.db);
    expect(await countOnline(deps.kv, other.account.id)).toBe(0);
    await heartbeat(deps, other.operator);
    expect(await countOnline(deps.kv, other.account.id)).toBe(1);
    expect(await countOnline(deps.kv, t.account.id)).toBeGreaterThanOrEqual(2);
  });

  it("claiming or answering a case extends the heartbeat of someone online; it never makes anyone online", async () => {
    // A console whose heartbeats are stuck behind a burst of calls must not make callers hear "nobody available"
    // while its operator answers case after case — but a script that answers without heartbeats stays offline.
    const busy = await createTenant(deps.db);
    const ask = async (q: string) => (await createCase(deps, busy.agent.principal, { question: q }, { source: "mcp" })).case.id;
    const presence = `presence:${busy.account.id}`;
    const ttlMs = deps.config.PRESENCE_TTL_SECONDS * 1000;
    const first = await ask("Is the pool heated?");
    await postMessage(deps, busy.answerer.principal, first, { content: "Yes, to 28 °C." });
    await postMessage(deps, busy.agent.principal, await ask("Do you take cards?"), { content: "The caller is still on the line." });
    expect(await countOnline(deps.kv, busy.account.id)).toBe(0);

    // The operator's last heartbeat went stale a moment ago (its next one is late): claiming brings them back.
    const operator = `member:${(busy.operator as { memberId: string }).memberId}`;
    await deps.kv.zadd(presence, Date.now() - 1, operator);
    expect(await countOnline(deps.kv, busy.account.id)).toBe(0);
    const second = await ask("Can I bring a dog?");
    await claimCase(deps, busy.operator, second);
    expect(await countOnline(deps.kv, busy.account.id)).toBe(1);
    // …for a whole PRESENCE_TTL_SECONDS, like a heartbeat; answering extends it again.
    expect(await deps.kv.zcount(presence, Date.now() + ttlMs - 10_000, Date.now() + ttlMs)).toBe(1);
    await deps.kv.zadd(presence, Date.now() + 1_000, operator);
    await postMessage(deps, busy.operator, second, { content: "Small dogs on a lead, yes." });
    expect(await deps.kv.zcount(presence, Date.now() + ttlMs - 10_000, Date.now() + ttlMs)).toBe(1);
    // The answer bridge that answered the first case without a heartbeat is still not online.
    expect(await countOnline(deps.kv, busy.account.id)).toBe(1);
  });

  it("a heartbeat whose time has run out no longer counts", async () => {
    const lonely = await createTenant(deps.db);
    // A heartbeat that went stale a moment ago (score = when it goes stale).
    await deps.kv.zadd(`presence:${lonely.account.id}`, Date.now() - 1, `member:${(lonely.operator as { memberId: string }).memberId}`);
    expect(await countOnline(deps.kv, lonely.account.id)).toBe(0);
    await deps.kv.zadd(`presence:${lonely.account.id}`, Date.now() + 400, "key:soon-stale");
    expect(await countOnline(deps.kv, lonely.account.id)).toBe(1);
    await sleep(500);
    expect(await countOnline(deps.kv, lonely.account.id)).toBe(0);
  });
});
