import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases } from "@/lib/adapters/db/schema";
import { getHitlMetrics, metricsRangeQuery } from "@/lib/domains/metrics/hitl-metrics";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { createTenant } from "@/tests/support/fixtures";
import { addMember } from "@/tests/hitl/helpers";

type Seed = {
  at: string;
  status: "open" | "answered" | "expired" | "cancelled";
  wait?: "answered" | "pending" | "unavailable" | "cancelled";
  answeredAfter?: number;
  by?: { memberId?: string; keyId?: string };
  source?: "test";
};

describe("getHitlMetrics (SQL aggregation, hand-computed expectations)", () => {
  let deps: TestDeps;
  let t: Awaited<ReturnType<typeof createTenant>>;
  let other: Awaited<ReturnType<typeof createTenant>>;
  const range = { from: new Date("2026-11-10T00:00:00Z"), to: new Date("2026-11-10T06:00:00Z") };

  async function seed(accountId: string, s: Seed) {
    const created = new Date(s.at);
    await deps.db.insert(cases).values({
      accountId,
      question: `q at ${s.at}`,
      status: s.status,
      waitOutcome: s.wait ?? null,
      waitDeadlineAt: new Date(created.getTime() + 45_000),
      expiresAt: new Date(created.getTime() + 3600_000),
      createdAt: created,
      answer: s.status === "answered" ? "yes" : null,
      answeredAt: s.answeredAfter !== undefined ? new Date(created.getTime() + s.answeredAfter * 1000) : null,
      answeredByMemberId: s.by?.memberId ?? null,
      answeredByKeyId: s.by?.keyId ?? null,
      ...(s.source ? { source: s.source } : {}),
    });
  }

  beforeAll(async () => {
    deps = await createTestDeps();
    t = await createTenant(deps.db);
    other = await createTenant(deps.db);
    const olive = { memberId: t.operator.kind === "member" ? t.operator.memberId : "" };
    const bob = { memberId: (await addMember(deps.db, t.account.id, "Bob Builder")).memberId };
    const key = { keyId: t.answerer.principal.keyId };
    const a = t.account.id;
    await seed(a, { at: "2026-11-10T00:10:00Z", status: "answered", wait: "answered", answeredAfter: 4, by: olive });
    await seed(a, { at: "2026-11-10T00:20:00Z", status: "answered", wait: "answered", answeredAfter: 12, by: olive });
    await seed(a, { at: "2026-11-10T00:50:00Z", status: "answered", wait: "answered", answeredAfter: 20, by: bob });
    await seed(a, { at: "2026-11-10T02:05:00Z", status: "answered", wait: "pending", answeredAfter: 100, by: bob }); // answered after the agent gave up
    await seed(a, { at: "2026-11-10T02:30:00Z", status: "expired", wait: "unavailable" });
    await seed(a, { at: "2026-11-10T02:40:00Z", status: "open", wait: "pending" });
    await seed(a, { at: "2026-11-10T03:15:00Z", status: "cancelled", wait: "cancelled" });
    await seed(a, { at: "2026-11-10T03:20:00Z", status: "expired" }); // REST case nobody waited on
    await seed(a, { at: "2026-11-10T04:00:00Z", status: "open" });
    await seed(a, { at: "2026-11-10T05:59:59Z", status: "answered", answeredAfter: 8, by: key });
    // Console test escalations (a member checking the loop): counted apart, in no other figure.
    await seed(a, { at: "2026-11-10T01:30:00Z", status: "answered", wait: "answered", answeredAfter: 3, by: olive, source: "test" });
    await seed(a, { at: "2026-11-10T01:40:00Z", status: "open", wait: "pending", source: "test" });
    // Outside the range (the end is exclusive) and another tenant's case: never counted.
    await seed(a, { at: "2026-11-10T06:00:00Z", status: "answered", wait: "answered", answeredAfter: 1, by: olive });
    await seed(a, { at: "2026-11-09T23:59:59Z", status: "answered", wait: "answered", answeredAfter: 1, by: olive });
    await seed(other.account.id, { at: "2026-11-10T01:00:00Z", status: "answered", wait: "answered", answeredAfter: 2 });
  });
  afterAll(async () => {
    await deps?.close();
  });

  it("counts escalations per UTC hour, zeros included", async () => {
    const m = await getHitlMetrics(deps.db, t.account.id, range);
    expect(m.total).toBe(10);
    expect(m.volume.unit).toBe("hour");
    expect(m.volume.points).toEqual([
      { start: "2026-11-10T00:00:00.000Z", count: 3 },
      { start: "2026-11-10T01:00:00.000Z", count: 0 },
      { start: "2026-11-10T02:00:00.000Z", count: 3 },
      { start: "2026-11-10T03:00:00.000Z", count: 2 },
      { start: "2026-11-10T04:00:00.000Z", count: 1 },
      { start: "2026-11-10T05:00:00.000Z", count: 1 },
    ]);
  });

  it("over a long range counts per UTC day (the out-of-range cases stay out)", async () => {
    const week = { from: new Date("2026-11-04T06:00:00Z"), to: new Date("2026-11-10T06:00:00Z") };
    const m = await getHitlMetrics(deps.db, t.account.id, week);
    expect(m.volume.unit).toBe("day");
    expect(m.volume.points).toHaveLength(7);
    expect(m.volume.points.at(-2)).toEqual({ start: "2026-11-09T00:00:00.000Z", count: 1 });
    expect(m.volume.points.at(-1)).toEqual({ start: "2026-11-10T00:00:00.000Z", count: 10 });
  });

  it("classifies outcomes as the waiting agent saw them, falling back to the case status", async () => {
    const m = await getHitlMetrics(deps.db, t.account.id, range);
    expect(m.outcomes).toEqual({ answered: 4, timed_out: 3, unavailable: 1, cancelled: 1, open: 1 });
    expect(m.answeredLate).toBe(1);
    // Two cases are still open now — one of them the agent gave up on (counted as timed out above).
    expect(m.stillOpen).toBe(2);
  });

  it("time to answer: histogram buckets and nearest-rank p50/p95, each in a bar that has answers", async () => {
    const m = await getHitlMetrics(deps.db, t.account.id, range);
    // Answered in 4, 8, 12, 20 and 100 s: p50 = the 3rd = 12; p95 = the 5th = 100 (real answer times).
    expect(m.timeToAnswer.count).toBe(5);
    expect(m.timeToAnswer.p50).toBe(12);
    expect(m.timeToAnswer.p95).toBe(100);
    expect(m.timeToAnswer.p50Bucket).toBe("10–15s");
    expect(m.timeToAnswer.p95Bucket).toBe("60–120s");
    expect(m.timeToAnswer.buckets.map((b) => [b.label, b.count])).toEqual([
      ["0–5s", 1],
      ["5–10s", 1],
      ["10–15s", 1],
      ["15–20s", 0],
      ["20–30s", 1],
      ["30–45s", 0],
      ["45–60s", 0],
      ["60–120s", 1],
      ["120–300s", 0],
      ["300s+", 0],
    ]);
  });

  it("per operator: answers and median time, people by name and API keys by their name, told apart by kind", async () => {
    const m = await getHitlMetrics(deps.db, t.account.id, range);
    expect(m.operators.map((o) => [o.name, o.kind, o.answers, o.medianSeconds])).toEqual([
      ["Bob Builder", "member", 2, 60],
      ["Olive Operator", "member", 2, 8],
      ["answer bridge", "api_key", 1, 8],
    ]);
  });

  it("test escalations from the console are counted apart and in no other figure", async () => {
    const m = await getHitlMetrics(deps.db, t.account.id, range);
    expect(m.testEscalations).toBe(2);
    expect(m.total).toBe(10);
    expect(Object.values(m.outcomes).reduce((x, y) => x + y, 0)).toBe(m.total);
    expect(m.volume.points.reduce((x, p) => x + p.count, 0)).toBe(m.total);
    expect(m.operators.reduce((x, o) => x + o.answers, 0)).toBe(m.timeToAnswer.count);
  });

  it("an empty range gives zeros and no percentiles; another tenant sees only its own case", async () => {
    const empty = await getHitlMetrics(deps.db, t.account.id, {
      from: new Date("2026-01-01T00:00:00Z"),
      to: new Date("2026-01-01T02:00:00Z"),
    });
    expect(empty.total).toBe(0);
    expect(empty.volume.points.map((h) => h.count)).toEqual([0, 0]);
    expect(empty.timeToAnswer).toMatchObject({ count: 0, p50: null, p95: null });
    expect(empty.operators).toEqual([]);
    const theirs = await getHitlMetrics(deps.db, other.account.id, range);
    expect(theirs.total).toBe(1);
    expect(theirs.outcomes.answered).toBe(1);
  });

  it("the query schema defaults to the last 7 days and names bad fields", () => {
    const r = metricsRangeQuery.parse({});
    expect(r.to.getTime() - r.from.getTime()).toBe(7 * 24 * 3600_000);
    expect(metricsRangeQuery.safeParse({ from: "2026-11-10T06:00:00Z", to: "2026-11-10T00:00:00Z" }).error?.issues[0]?.path).toEqual([
      "from",
    ]);
    expect(metricsRangeQuery.safeParse({ from: "nonsense" }).error?.issues[0]?.path).toEqual(["from"]);
    expect(metricsRangeQuery.safeParse({ from: "2026-01-01T00:00:00Z", to: "2026-11-01T00:00:00Z" }).error?.issues[0]?.path).toEqual([
      "to",
    ]);
  });
});
