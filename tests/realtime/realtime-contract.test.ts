/**
 * One contract for every realtime driver, driven through the real browser-side clients (our fetch-based SSE
 * reader, pusher-js, supabase-js) running in Node: SSE against our route on a real HTTP server, Pusher and
 * Supabase Realtime against local stand-ins that speak their wire protocols.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "@/lib/domains/auth/sessions";
import type { Principal } from "@/lib/domains/auth/principal";
import { connectRealtime } from "@/lib/adapters/realtime/client/connect";
import type { RealtimeConnection } from "@/lib/adapters/realtime/client/port";
import type { RealtimeEvent, RealtimeStatus } from "@/lib/adapters/realtime/events";
import { publishCaseEvent } from "@/lib/adapters/realtime/publish-case-event";
import { createTenant } from "@/tests/support/fixtures";
import { realtimeHarnesses, type Harness } from "@/tests/realtime/harnesses";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { sleep, waitFor } from "@/tests/hitl/helpers";

type Tenant = Awaited<ReturnType<typeof createTenant>>;

/** A running client with everything it saw. */
function watch(connect: (h: { onEvent: (e: RealtimeEvent) => void; onStatus: (s: RealtimeStatus) => void }) => RealtimeConnection) {
  const events: RealtimeEvent[] = [];
  const statuses: RealtimeStatus[] = [];
  const conn = connect({ onEvent: (e) => events.push(e), onStatus: (s) => statuses.push(s) });
  const cases = () => events.flatMap((e) => (e.type === "resync" ? [] : [e]));
  return { events, statuses, cases, conn, status: () => statuses.at(-1) };
}

describe.each(realtimeHarnesses())("realtime contract: $name", (spec) => {
  let deps: TestDeps;
  let h: Harness;
  let a: Tenant;
  let b: Tenant;
  const open: RealtimeConnection[] = [];

  beforeAll(async () => {
    h = await spec.start();
    deps = await createTestDeps(h.env);
    await h.attach(deps);
    a = await createTenant(deps.db, "Alpha");
    b = await createTenant(deps.db, "Bravo");
  });
  afterEach(() => {
    for (const c of open.splice(0)) c.close();
  });
  afterAll(async () => {
    await h?.stop();
    await deps?.close();
  });

  const cookieFor = async (t: Tenant) =>
    `sb_session=${(await createSession(deps, (t.operator as Extract<Principal, { kind: "member" }>).memberId)).token}`;
  const subscribe = async (t: Tenant, opts: { as?: Tenant } = {}) => {
    const client = await h.clientFor(t.operator, { credentialsOf: opts.as ?? t, cookie: await cookieFor(opts.as ?? t) });
    const w = watch((handlers) => connectRealtime(client.config, handlers, client.options));
    open.push(w.conn);
    return w;
  };
  const publish = (
    t: Tenant,
    caseId: string,
    type: "case.created" | "case.claimed" | "case.answered" = "case.created",
    claimedBy?: string,
  ) =>
    publishCaseEvent(deps, {
      type,
      accountId: t.account.id,
      caseId,
      status: type.slice(5),
      priority: 4,
      urgency: "high",
      ...(claimedBy ? { claimedBy } : {}),
    });

  it("an authorized subscriber receives its account's events in order, and never another account's", async () => {
    const watcherA = await subscribe(a);
    const watcherB = await subscribe(b);
    await waitFor(() => watcherA.status() === "live" && watcherB.status() === "live", 10_000);
    await publish(a, "case-a1");
    await publish(b, "case-b1");
    await publish(a, "case-a1", "case.claimed", "Olive Operator");
    await publish(a, "case-a2");
    await publish(a, "case-a1", "case.answered");
    await waitFor(() => watcherA.cases().length >= 4 && watcherB.cases().length >= 1, 10_000);
    await sleep(200);
    expect(watcherA.cases().map((e) => `${e.caseId}/${e.type}`)).toEqual([
      "case-a1/case.created",
      "case-a1/case.claimed",
      "case-a2/case.created",
      "case-a1/case.answered",
    ]);
    expect(watcherB.cases().map((e) => e.caseId)).toEqual(["case-b1"]);
    const claimed = watcherA.cases()[1]!;
    expect(claimed).toMatchObject({ caseId: "case-a1", status: "claimed", priority: 4, urgency: "high", claimedBy: "Olive Operator" });
    expect(claimed.id).toEqual(expect.any(String));
    expect(Object.keys(claimed)).not.toContain("accountId");
    // A subscription that just went live tells the UI to refetch what it shows.
    expect(watcherA.events[0]).toMatchObject({ type: "resync" });
  });

  it("refuses a subscription its credentials do not allow, and delivers nothing to it", async () => {
    const intruder = await subscribe(a, { as: b });
    await waitFor(() => intruder.status() === "denied", 10_000);
    await publish(a, "case-secret");
    await sleep(300);
    expect(intruder.cases()).toEqual([]);
    expect(intruder.statuses).not.toContain("live");
  });

  it("stops delivering after unsubscribe", async () => {
    const w = await subscribe(a);
    await waitFor(() => w.status() === "live", 10_000);
    await publish(a, "case-before");
    await waitFor(() => w.cases().length === 1, 10_000);
    w.conn.close();
    await sleep(100);
    await publish(a, "case-after");
    await sleep(400);
    expect(w.cases().map((e) => e.caseId)).toEqual(["case-before"]);
  });

  it("resumes receiving after the connection drops", async () => {
    const w = await subscribe(a);
    await waitFor(() => w.status() === "live", 10_000);
    await publish(a, "case-1");
    await waitFor(() => w.cases().length === 1, 10_000);
    const before = w.statuses.length;
    h.dropConnections();
    await waitFor(() => w.statuses.slice(before).includes("reconnecting"), 10_000);
    await waitFor(() => w.status() === "live", 20_000);
    await publish(a, "case-2");
    await waitFor(() => w.cases().some((e) => e.caseId === "case-2"), 10_000);
    expect(w.cases().map((e) => e.caseId)).toEqual(["case-1", "case-2"]);
  });
});
