import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { webhookAttempts, webhookDeliveries } from "@/lib/adapters/db/schema";
import type { Deps } from "@/lib/platform/deps";
import { deliverDueCallbacks, signPayload } from "@/lib/domains/hitl/callbacks";
import { createCase } from "@/lib/domains/hitl/create-case";
import { postMessage } from "@/lib/domains/hitl/post-message";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { createTenant } from "@/tests/support/fixtures";
import { sleep, waitFor } from "@/tests/hitl/helpers";

type Received = { path: string; headers: IncomingHttpHeaders; body: string };

describe("case callbacks", () => {
  let deps: TestDeps;
  let t: Awaited<ReturnType<typeof createTenant>>;
  let server: Server;
  let base: string;
  const received: Received[] = [];
  /** Status codes to answer with, per path, in order; 200 once the list runs out. */
  const plan = new Map<string, number[]>();

  beforeAll(async () => {
    vi.stubEnv("LOG_LEVEL", "silent");
    // A backoff long enough that "not due yet" holds on a loaded machine; tests move a delivery's due time
    // into the past (makeDue) instead of sleeping through it.
    deps = await createTestDeps({ CALLBACK_BACKOFF_BASE_MS: "10000", CALLBACK_MAX_ATTEMPTS: "3", OUTBOUND_ALLOW_LOOPBACK: "true" });
    t = await createTenant(deps.db);
    server = createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (c: string) => (body += c));
      req.on("end", () => {
        received.push({ path: req.url!, headers: req.headers, body });
        if (req.url === "/hang") return; // never answers
        res.writeHead(plan.get(req.url!)?.shift() ?? 200).end("ok");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((r) => server?.close(() => r()));
    await deps?.close();
    vi.unstubAllEnvs();
  });

  async function answeredCaseWithCallback(path: string, via: Deps = deps) {
    const { case: c } = await createCase(
      via,
      t.agent.principal,
      { question: `Callback ${path}?`, callbackUrl: `${base}${path}` },
      { source: "api" },
    );
    await postMessage(via, t.operator, c.id, { content: `Answer for ${path}` });
    return c;
  }
  const deliveryOf = async (caseId: string) =>
    (await deps.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.caseId, caseId)))[0];
  const attemptsOf = (deliveryId: string) =>
    deps.db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, deliveryId)).orderBy(asc(webhookAttempts.attempt));
  /** Takes a still-pending delivery out of later sweeps, so it cannot disturb the next test. */
  const makeDue = (id: string) =>
    deps.db
      .update(webhookDeliveries)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(webhookDeliveries.id, id));
  const retire = (id: string) => deps.db.update(webhookDeliveries).set({ status: "failed" }).where(eq(webhookDeliveries.id, id));
  const settled = (caseId: string, status: "delivered" | "failed" | "pending", attempts: number) =>
    waitFor(async () => {
      const before = await deliveryOf(caseId);
      if (!before) return null;
      // The attempts first: an attempt's row and its delivery's update commit together, so the delivery read
      // after them is never the row as it was while that attempt was still in flight.
      const made = (await attemptsOf(before.id)).length;
      const d = await deliveryOf(caseId);
      return d && d.status === status && made === attempts ? d : null;
    });

  it("answering posts the case to callbackUrl, signed with the account's webhook secret", async () => {
    const c = await answeredCaseWithCallback("/signed");
    const d = await settled(c.id, "delivered", 1);
    const hits = received.filter((r) => r.path === "/signed");
    expect(hits).toHaveLength(1);
    const { headers, body } = hits[0]!;
    const timestamp = headers["x-switchboard-timestamp"] as string;
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(30);
    expect(headers["x-switchboard-signature"]).toBe(signPayload(t.webhookSecret, timestamp, body));
    expect(headers["x-switchboard-signature"]).not.toBe(signPayload("whsec_wrong", timestamp, body));
    expect(headers["x-switchboard-event"]).toBe("case.answered");
    expect(headers["x-switchboard-delivery"]).toBe(d.id);
    expect(headers["content-type"]).toBe("application/json");
    const payload = JSON.parse(body);
    expect(payload).toMatchObject({
      event: "case.answered",
      case: {
        id: c.id,
        status: "answered",
        answer: "Answer for /signed",
        question: "Callback /signed?",
        callbackUrl: `${base}/signed`,
        answeredBy: { type: "member", name: "Olive Operator" },
      },
    });
    expect(d).toMatchObject({ attempts: 1, lastStatusCode: 200, lastError: null, deliveredAt: expect.any(Date) });
    expect((await attemptsOf(d.id))[0]).toMatchObject({ attempt: 1, statusCode: 200, error: null });
  });

  it("a case without callbackUrl queues nothing", async () => {
    const { case: c } = await createCase(deps, t.agent.principal, { question: "No callback?" }, { source: "api" });
    await postMessage(deps, t.operator, c.id, { content: "fine" });
    await sleep(100);
    expect(await deliveryOf(c.id)).toBeUndefined();
  });

  it("a receiver that fails once gets the same signed body again after the backoff, then it is delivered", async () => {
    plan.set("/flaky", [500]);
    const c = await answeredCaseWithCallback("/flaky");
    const first = await settled(c.id, "pending", 1);
    expect(first).toMatchObject({ lastStatusCode: 500, lastError: "HTTP 500", deliveredAt: null });
    // Not due yet: the backoff (10 s) has not passed.
    expect(first.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 5000);
    expect(await deliverDueCallbacks(deps)).toBe(0);
    expect(received.filter((r) => r.path === "/flaky")).toHaveLength(1);

    await makeDue(first.id);
    expect(await deliverDueCallbacks(deps)).toBe(1);
    const d = await settled(c.id, "delivered", 2);
    expect(d).toMatchObject({ attempts: 2, lastStatusCode: 200, lastError: null });
    expect((await attemptsOf(d.id)).map((a) => [a.attempt, a.statusCode])).toEqual([
      [1, 500],
      [2, 200],
    ]);

    const hits = received.filter((r) => r.path === "/flaky");
    expect(hits).toHaveLength(2);
    expect(hits[1]!.body).toBe(hits[0]!.body);
    for (const h of hits)
      expect(h.headers["x-switchboard-signature"]).toBe(
        signPayload(t.webhookSecret, h.headers["x-switchboard-timestamp"] as string, h.body),
      );
    // Delivered means done: nothing more is sent.
    await sleep(50);
    expect(await deliverDueCallbacks(deps)).toBe(0);
  });

  it("after CALLBACK_MAX_ATTEMPTS failures the delivery is marked failed and never retried", async () => {
    plan.set("/down", [500, 503, 502, 500, 500]);
    const fast: Deps = { ...deps, config: { ...deps.config, CALLBACK_BACKOFF_BASE_MS: 10 } };
    const c = await answeredCaseWithCallback("/down", fast);
    await settled(c.id, "pending", 1);
    for (let attempt = 2; attempt <= 3; attempt++) {
      const d = (await deliveryOf(c.id))!;
      await sleep(Math.max(0, d.nextAttemptAt.getTime() - Date.now()) + 20);
      expect(await deliverDueCallbacks(fast)).toBe(1);
    }
    const d = await settled(c.id, "failed", 3);
    expect(d).toMatchObject({ attempts: 3, lastStatusCode: 502, lastError: "HTTP 502", deliveredAt: null });
    expect((await attemptsOf(d.id)).map((a) => a.statusCode)).toEqual([500, 503, 502]);
    await sleep(200);
    expect(await deliverDueCallbacks(fast)).toBe(0);
    expect(received.filter((r) => r.path === "/down")).toHaveLength(3);
  });

  it("two workers sweeping at once send each due callback once", async () => {
    const ids: string[] = [];
    for (const p of ["/twice-a", "/twice-b", "/twice-c"]) {
      plan.set(p, [500]);
      const c = await answeredCaseWithCallback(p);
      await settled(c.id, "pending", 1);
      ids.push(c.id);
    }
    // All three due at once (after the loop: answering a case also sweeps due callbacks).
    for (const id of ids) await makeDue((await deliveryOf(id))!.id);
    const [x, y] = await Promise.all([deliverDueCallbacks(deps), deliverDueCallbacks(deps)]);
    expect(x + y).toBe(3);
    for (const id of ids) await settled(id, "delivered", 2);
    for (const p of ["/twice-a", "/twice-b", "/twice-c"]) expect(received.filter((r) => r.path === p)).toHaveLength(2);
  });

  it("an unreachable receiver is recorded as a network error", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const { case: c } = await createCase(
      deps,
      t.agent.principal,
      { question: "Dead receiver?", callbackUrl: `http://127.0.0.1:${port}/gone` },
      { source: "api" },
    );
    await postMessage(deps, t.operator, c.id, { content: "answer" });
    const d = await settled(c.id, "pending", 1);
    expect(d.lastStatusCode).toBeNull();
    expect(d.lastError).toMatch(/^network error/);
    await retire(d.id);
  });

  it("a receiver that does not answer within CALLBACK_TIMEOUT_MS is recorded as a timeout", async () => {
    const impatient: Deps = { ...deps, config: { ...deps.config, CALLBACK_TIMEOUT_MS: 200 } };
    const c = await answeredCaseWithCallback("/hang", impatient);
    const d = await settled(c.id, "pending", 1);
    expect(d).toMatchObject({ lastStatusCode: null, lastError: "timeout" });
    // Gave up after its own 200 ms, not the default 5 s (the attempt's duration, not this machine's speed).
    expect((await attemptsOf(d.id))[0]!.durationMs).toBeGreaterThanOrEqual(150);
    expect((await attemptsOf(d.id))[0]!.durationMs).toBeLessThan(4_000);
    await retire(d.id);
  });
});
