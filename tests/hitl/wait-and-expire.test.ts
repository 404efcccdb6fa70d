import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, cases } from "@/lib/adapters/db/schema";
import type { Deps } from "@/lib/platform/deps";
import { createMemoryBus } from "@/lib/adapters/events/memory";
import type { BusEvent } from "@/lib/adapters/events/port";
import { resultFromCase } from "@/lib/domains/hitl/ask-human";
import { claimCase } from "@/lib/domains/hitl/claim-case";
import { expireCases } from "@/lib/domains/hitl/close-case";
import { createCase } from "@/lib/domains/hitl/create-case";
import { getCaseOrThrow } from "@/lib/domains/hitl/get-case";
import { postMessage } from "@/lib/domains/hitl/post-message";
import { waitForCase } from "@/lib/domains/hitl/wait-for-case";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { createTenant } from "@/tests/support/fixtures";
import { sleep, waitFor } from "@/tests/hitl/helpers";

describe("waitForCase safety net and expireCases", () => {
  let deps: TestDeps;
  let t: Awaited<ReturnType<typeof createTenant>>;

  beforeAll(async () => {
    deps = await createTestDeps({ HITL_RECHECK_INTERVAL_MS: "300" });
    t = await createTenant(deps.db);
  });
  afterAll(async () => {
    await deps?.close();
  });

  const newCase = async (question: string) => (await createCase(deps, t.agent.principal, { question }, { source: "api" })).case;

  it("a waiter on another app instance (its own, unshared bus) still sees the answer within the re-check interval", async () => {
    const c = await newCase("Second instance?");
    const isolatedBus = createMemoryBus();
    const otherInstance: Deps = { ...deps, bus: isolatedBus };
    const heardOnOtherBus: BusEvent[] = [];
    const off = await isolatedBus.subscribe(`case:${c.id}`, (e) => void heardOnOtherBus.push(e));

    const started = Date.now();
    const waiting = waitForCase(otherInstance, { accountId: t.account.id, caseId: c.id, timeoutMs: 20_000 });
    await sleep(200);
    await postMessage(deps, t.operator, c.id, { content: "Answered on instance one." });
    const answeredAt = Date.now();
    const row = await waiting;
    off();
    expect(row).toMatchObject({ status: "answered", answer: "Answered on instance one." });
    // Not woken by an event (none reached this bus), but by the periodic re-read (every 300 ms) — long
    // before the 20 s deadline. The bound is the deadline, not how fast this machine is.
    expect(heardOnOtherBus).toEqual([]);
    expect(Date.now() - answeredAt).toBeLessThan(10_000);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("a wait that times out returns the case as it stands (still open)", async () => {
    const c = await newCase("Nobody answers?");
    const started = Date.now();
    const row = await waitForCase(deps, { accountId: t.account.id, caseId: c.id, timeoutMs: 700 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(650);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(row.status).toBe("open");
  });

  it("expires open and claimed cases past expires_at (audited and published); others are untouched", async () => {
    const open = await newCase("Open and stale");
    const claimed = await newCase("Claimed and stale");
    await claimCase(deps, t.operator, claimed.id);
    const answered = await newCase("Answered and stale");
    await postMessage(deps, t.operator, answered.id, { content: "Answered in time." });
    const fresh = await newCase("Open and fresh");
    const past = new Date(Date.now() - 60_000);
    await deps.db
      .update(cases)
      .set({ expiresAt: past })
      .where(inArray(cases.id, [open.id, claimed.id, answered.id]));

    const events: BusEvent[] = [];
    const off = await deps.bus.subscribe(`account:${t.account.id}`, (e) => void events.push(e));
    const waiter = waitForCase(deps, { accountId: t.account.id, caseId: open.id, timeoutMs: 10_000 });
    await sleep(50);
    const started = Date.now();

    expect(await expireCases(deps)).toBe(2);
    const woken = await waiter;
    expect(Date.now() - started).toBeLessThan(8_000); // before the waiter's own 10 s deadline
    expect(woken.status).toBe("expired");
    expect(resultFromCase(deps, woken)).toMatchObject({ status: "unavailable", message: deps.config.FALLBACK_UNAVAILABLE });

    const byId = async (id: string) => getCaseOrThrow(deps.db, t.account.id, id);
    expect(await byId(open.id)).toMatchObject({ status: "expired", closedAt: expect.any(Date) });
    expect(await byId(claimed.id)).toMatchObject({ status: "expired" });
    expect(await byId(answered.id)).toMatchObject({ status: "answered", answer: "Answered in time." });
    expect(await byId(fresh.id)).toMatchObject({ status: "open", closedAt: null });

    const audit = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "case.expired"), eq(auditLog.accountId, t.account.id)));
    expect(audit.map((a) => a.entityId).sort()).toEqual([open.id, claimed.id].sort());
    expect(audit.every((a) => a.actorType === "system" && a.toStatus === "expired")).toBe(true);

    await waitFor(() => events.filter((e) => e.type === "case.expired").length >= 2, 3_000);
    off();
    expect(
      events
        .filter((e) => e.type === "case.expired")
        .map((e) => e.caseId)
        .sort(),
    ).toEqual([open.id, claimed.id].sort());

    // A second pass finds nothing more to do.
    expect(await expireCases(deps)).toBe(0);
  });
});
