/**
 * Redis goes away mid-run (a redis-server this test starts on its own port and kills), and comes back.
 * Requests must go on — fast — on the fallbacks, and the kv must recover by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "@/lib/domains/accounts/accounts";
import { createApiKey } from "@/lib/domains/api-keys/api-keys";
import { countAnswerersOnline, heartbeat } from "@/lib/domains/presence/presence";
import { enforceRateLimit } from "@/lib/domains/auth/rate-limit";
import { createSession } from "@/lib/domains/auth/sessions";
import { createRedisBus } from "@/lib/adapters/events/redis";
import { createCase, caseIdForSession } from "@/lib/domains/hitl/create-case";
import { guardKv, type GuardedKv } from "@/lib/adapters/kv/guarded";
import { createRedisKv } from "@/lib/adapters/kv/redis";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { createTenant } from "@/tests/support/fixtures";
import { startRedisProcess, type RedisProcess } from "@/tests/support/redis-process";
import { expectAppError, rand, waitFor } from "@/tests/hitl/helpers";

const timed = async <T>(fn: () => Promise<T>) => {
  const started = Date.now();
  const value = await fn();
  return { value, ms: Date.now() - started };
};

describe("kv (Redis) outage", () => {
  let redis: RedisProcess;
  let deps: TestDeps;
  let kv: GuardedKv;
  let t: Awaited<ReturnType<typeof createTenant>>;
  let bus: ReturnType<typeof createRedisBus>;

  beforeAll(async () => {
    redis = await startRedisProcess();
    deps = await createTestDeps();
    kv = guardKv(createRedisKv(redis.url, { keyPrefix: `sbfault:${rand()}:`, timeoutMs: 300 }), { timeoutMs: 300, resetMs: 500 });
    deps.kv = kv;
    bus = createRedisBus(redis.url, { prefix: `sbfault_${rand()}_`, timeoutMs: 300 });
    deps.bus = bus;
    t = await createTenant(deps.db);
    await heartbeat(deps, t.operator);
    expect(await countAnswerersOnline(deps, t.account.id)).toEqual({ online: 1, source: "kv" });
    await redis.stop();
  });
  afterAll(async () => {
    await bus?.close();
    await kv?.close();
    await deps?.close();
    await redis?.stop();
  });

  it("opens the breaker after a few failures, then fails at once instead of waiting on Redis", async () => {
    for (let i = 0; i < 5; i++) await kv.get("anything").catch(() => null);
    expect(kv.guard.state()).toBe("down");
    const { ms } = await timed(() => kv.get("anything").catch((e) => e));
    expect(ms).toBeLessThan(250);
    await expectAppError(kv.get("anything"), "unavailable", /kv/);
  });

  it("rate limiting falls back to a per-instance limiter with the same limit", async () => {
    const keyId = `key-${rand()}`;
    for (let i = 0; i < 3; i++) await enforceRateLimit(deps, keyId, 3);
    const err = await expectAppError(enforceRateLimit(deps, keyId, 3), "rate_limited", /3 per minute/);
    expect(err.details?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await enforceRateLimit(deps, `key-${rand()}`, 3); // another key still has its own budget
  });

  it("presence falls back to the database: a live member session counts, an account nobody signed in to does not", async () => {
    expect(await countAnswerersOnline(deps, t.account.id)).toMatchObject({ source: "database" });
    const { account } = await createAccount(deps.db, { name: `Empty ${rand()}` });
    await createApiKey(deps.db, { accountId: account.id, name: "agent", scopes: ["hitl:ask"] });
    expect(await countAnswerersOnline(deps, account.id)).toEqual({ online: 0, source: "database" });
    await createSession(deps, (t.operator as { memberId: string }).memberId);
    expect((await countAnswerersOnline(deps, t.account.id)).online).toBeGreaterThanOrEqual(1);
    // A heartbeat cannot be kept, but the console gets an answer rather than an error.
    expect(await heartbeat(deps, t.operator, "online")).toMatchObject({ status: "online", degraded: true });
  });

  it("idempotency and session correlation hold through the database", async () => {
    const input = { question: `Open on Sunday? ${rand()}`, idempotencyKey: `idem-${rand()}`, sessionId: `sess-${rand()}` };
    const first = await createCase(deps, t.agent.principal, input, { source: "mcp" });
    const retry = await createCase(deps, t.agent.principal, input, { source: "mcp" });
    expect(first.created).toBe(true);
    expect(retry).toMatchObject({ created: false, case: { id: first.case.id } });
    expect(await caseIdForSession(deps, t.account.id, input.sessionId)).toBe(first.case.id);
  });

  it("the event bus neither blocks a subscriber nor loses this instance's events", async () => {
    const caseId = crypto.randomUUID();
    const seen: string[] = [];
    const { value: unsubscribe, ms } = await timed(() => bus.subscribe(`case:${caseId}`, (e) => seen.push(e.type)));
    expect(ms).toBeLessThan(2_000);
    await expect(bus.publish({ type: "case.answered", accountId: t.account.id, caseId, at: new Date().toISOString() })).rejects.toThrow();
    await waitFor(() => seen.length === 1);
    unsubscribe();
  });

  it("recovers by itself once Redis is back: the breaker closes and counters are shared again", async () => {
    await redis.start();
    await waitFor(
      async () =>
        (await kv.set("back", "1").then(
          () => true,
          () => false,
        )) || null,
      20_000,
      200,
    );
    expect(kv.guard.state()).toBe("up");
    expect(await kv.get("back")).toBe("1");
    expect(await countAnswerersOnline(deps, t.account.id)).toMatchObject({ source: "kv" });
  });
});
