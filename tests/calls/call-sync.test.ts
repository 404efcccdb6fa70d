import type { Deps } from "@/lib/platform/deps";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "@/lib/domains/auth/principal";
import { listDeadLetters, retryDeadLetter } from "@/lib/domains/calls/dead-letters";
import { handleProviderWebhook } from "@/lib/domains/calls/handle-provider-webhook";
import { providerWebhook } from "@/tests/support/provider-webhook";
import { makePhoneCall } from "@/lib/domains/calls/make-phone-call";
import { runSyncCalls } from "@/lib/domains/calls/sync-calls";
import { calls, creditLedger } from "@/lib/adapters/db/schema";
import { createBlandTelephony } from "@/lib/adapters/telephony/bland";
import { startBlandStandin, type BlandStandin } from "../support/bland-standin";
import { createTenant } from "../support/fixtures";
import { createTestDeps, type TestDeps } from "../support/test-deps";

/** Captures what the provider stand-in POSTs to our webhook URL, raw, for feeding to the webhook handler. */
async function startReceiver() {
  const got: Array<{ body: string; headers: Headers }> = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    got.push({ body: Buffer.concat(chunks).toString("utf8"), headers });
    res.writeHead(200).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    got,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let base: TestDeps;
let deps: Deps;
let standin: BlandStandin;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let tenant: Awaited<ReturnType<typeof createTenant>>;
let admin: Principal;
const callGets = (from: number) =>
  standin.requests
    .slice(from)
    .filter((r) => r.method === "GET" && r.path.startsWith("/v1/calls/"))
    .map((r) => r.path.slice("/v1/calls/".length));

beforeAll(async () => {
  standin = await startBlandStandin({ stepMs: 400 });
  receiver = await startReceiver();
  base = await createTestDeps({
    APP_URL: receiver.url,
    CREDITS_STARTING_BALANCE: "1000000",
    CALL_SYNC_BATCH_SIZE: "10",
    CALL_SYNC_CONCURRENCY: "4",
    CALL_SYNC_RPS: "60",
    CALL_SYNC_LEASE_SECONDS: "1",
    CALL_SYNC_MAX_FAILURES: "2",
    CALL_SYNC_BACKOFF_BASE_MS: "0",
  });
  deps = {
    ...base,
    telephony: createBlandTelephony({
      apiKey: standin.apiKey,
      baseUrl: standin.url,
      webhookSecret: standin.webhookSecret,
      timeoutMs: 2000,
      maxRetries: 0,
    }),
  };
  tenant = await createTenant(base.db);
  admin = { ...(tenant.operator as Extract<Principal, { kind: "member" }>), role: "admin" };
});
afterAll(async () => {
  await standin?.close();
  await receiver?.close();
  await base?.close();
});

const place = (phoneNumber = "+15551234567") =>
  makePhoneCall(deps, admin, { phoneNumber, task: "Ask whether the shop is open on Sunday.", maxDurationMinutes: 2 });

describe("reconciliation job", () => {
  it("a crashed run resumes from its checkpoint: every call is read once, none twice", async () => {
    for (let i = 0; i < 35; i++) await place(`+1555300${String(i).padStart(4, "0")}`.replace(/0000$/, "0042"));
    const mark = standin.requests.length;
    const first = await runSyncCalls(deps, { stopAfterBatches: 2 });
    expect(first).toMatchObject({ status: "stopped", batches: 2, resumed: false, providerRequests: 20 });
    // the dead run still holds the lease: nobody else may start until it expires
    expect((await runSyncCalls(deps)).status).toBe("lease_held");
    await new Promise((r) => setTimeout(r, 1200));
    const second = await runSyncCalls(deps);
    expect(second).toMatchObject({ status: "finished", resumed: true, runId: first.runId, providerRequests: 15 });
    const gets = callGets(mark);
    expect(gets).toHaveLength(35);
    expect(new Set(gets).size).toBe(35);
  });

  it("two runners at once: the lease lets exactly one work", async () => {
    for (let i = 0; i < 20; i++) await place(`+155540000${String(i + 10).padStart(2, "0")}`);
    const results = await Promise.all([runSyncCalls(deps), runSyncCalls(deps)]);
    expect(results.map((r) => r.status).sort()).toEqual(["finished", "lease_held"]);
  });

  it("calls reach their final status through the job, credits settle once", async () => {
    const call = await place("+15551239876");
    await new Promise((r) => setTimeout(r, 1800)); // the stand-in ends calls after 4 steps of 400 ms
    await runSyncCalls(deps);
    const [row] = await base.db.select().from(calls).where(eq(calls.id, call.id));
    expect(row!.status).toBe("completed");
    expect(row!.durationSeconds).toBe(45);
    await runSyncCalls(deps);
    const settles = await base.db
      .select()
      .from(creditLedger)
      .where(and(eq(creditLedger.callId, call.id), eq(creditLedger.kind, "settle")));
    expect(settles).toHaveLength(1);
  });

  it("repeated failures go to dead letters; an admin lists and retries them", async () => {
    const call = await place("+15551230001");
    const [row] = await base.db.select().from(calls).where(eq(calls.id, call.id));
    standin.failPath(`/v1/calls/${row!.providerCallId}`, 500);
    try {
      expect((await runSyncCalls(deps)).counts.failed).toBe(1);
      expect((await runSyncCalls(deps)).counts.dead_lettered).toBe(1);
      const mark = standin.requests.length;
      await runSyncCalls(deps);
      expect(callGets(mark)).not.toContain(row!.providerCallId); // dead-lettered calls are left alone
    } finally {
      standin.failPath(undefined);
    }
    const { items } = await listDeadLetters(base, admin, { status: "open" });
    const dl = items.find((d) => d.ref === call.id)!;
    expect(dl).toMatchObject({ kind: "call_sync", attempts: 2 });
    expect(dl.lastError).toMatch(/500|Internal/);
    // another tenant sees none of it, and operators are not admins
    const other = await createTenant(base.db);
    expect(
      (await listDeadLetters(base, { ...(other.operator as Extract<Principal, { kind: "member" }>), role: "admin" })).items,
    ).toHaveLength(0);
    await expect(listDeadLetters(base, tenant.operator)).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      retryDeadLetter(deps, { ...(other.operator as Extract<Principal, { kind: "member" }>), role: "admin" }, dl.id),
    ).rejects.toMatchObject({ code: "not_found" });

    const retried = await retryDeadLetter(deps, admin, dl.id);
    expect(["updated", "unchanged"]).toContain(retried.outcome);
    expect((await listDeadLetters(base, admin, { status: "resolved" })).items.map((d) => d.id)).toContain(dl.id);
  });
});

describe("provider webhooks", () => {
  it("a signed event applies once; a replay or a bad signature changes nothing", async () => {
    const call = await place("+15551231111"); // busy
    const [row] = await base.db.select().from(calls).where(eq(calls.id, call.id));
    const delivery = await (async () => {
      for (let i = 0; i < 100; i++) {
        const d = receiver.got.find((g) => g.body.includes(row!.providerCallId!));
        if (d) return d;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error("no webhook arrived");
    })();
    const ledger = () => base.db.select().from(creditLedger).where(eq(creditLedger.callId, call.id));
    const before = await ledger();

    const post = (rawBody: string, headers: Headers) =>
      providerWebhook("bland", new Request("http://switchboard.test/api/webhooks/bland", { method: "POST", headers, body: rawBody }));
    const tampered = delivery.body.replace("line busy", "line free");
    await expect(handleProviderWebhook(deps, post(tampered, delivery.headers))).rejects.toMatchObject({ code: "unauthorized" });
    await expect(handleProviderWebhook(deps, post(delivery.body, new Headers()))).rejects.toMatchObject({ code: "unauthorized" });
    expect((await base.db.select().from(calls).where(eq(calls.id, call.id)))[0]!.status).toBe(row!.status);

    const first = await handleProviderWebhook(deps, post(delivery.body, delivery.headers));
    expect(first).toMatchObject({ applied: true, duplicate: false, status: "busy" });
    const afterFirst = await ledger();
    expect(afterFirst.length).toBe(before.length + 1); // the hold was released, once
    const snapshot = (await base.db.select().from(calls).where(eq(calls.id, call.id)))[0]!;

    const replay = await handleProviderWebhook(deps, post(delivery.body, delivery.headers));
    expect(replay).toMatchObject({ applied: false, duplicate: true });
    expect(await ledger()).toHaveLength(afterFirst.length);
    expect((await base.db.select().from(calls).where(eq(calls.id, call.id)))[0]!.updatedAt).toEqual(snapshot.updatedAt);
  });
});
