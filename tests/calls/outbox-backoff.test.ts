import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { callSyncFailures, phoneFollowups, webhookDeliveries } from "@/lib/adapters/db/schema";
import { createBlandTelephony } from "@/lib/adapters/telephony/bland";
import { createApiKey, verifyApiKey } from "@/lib/domains/api-keys/api-keys";
import { makePhoneCall } from "@/lib/domains/calls/make-phone-call";
import { dispatchPhoneFollowups } from "@/lib/domains/calls/dispatch-followups";
import { recordFailure } from "@/lib/domains/calls/sync/sync-one-call";
import { deliverDueCallbacks } from "@/lib/domains/hitl/callbacks";
import { createCase } from "@/lib/domains/hitl/create-case";
import { postMessage } from "@/lib/domains/hitl/post-message";
import { attemptNotification, enqueueNotification } from "@/lib/domains/notify/deliver";
import { createSheetsDrainer } from "@/lib/domains/sheets/drain";
import { createSheetsPort } from "@/lib/domains/sheets";
import { backoffPolicy, type BackoffPolicy, retryDelayMs } from "@/lib/platform/resilience/backoff";
import type { Deps } from "@/lib/platform/deps";
import { waitFor } from "@/tests/hitl/helpers";
import { startNtfyStandin, type NtfyStandin } from "@/tests/support/ntfy-standin";
import { createSheetsHarness } from "@/tests/sheets/helpers";
import { createCallsTenant, createCallsTestDeps, type CallsTestDeps } from "./helpers";

/**
 * Every outbox schedules its next try with the one shared policy: after its n-th failure, a row is due
 * between now + retryDelayMs(n) with no jitter and now + retryDelayMs(n) with a full base of it. The bases
 * (10 s) put the formulas each outbox had of its own (callbacks base × 4^(n−1), follow-ups 2 s × 4^(n−1), call
 * sync base × 2^n) outside that window; notifications already doubled from their base, without jitter.
 */
function expectDueOnPolicy(due: Date, attempt: number, policy: BackoffPolicy, before: number, after: number) {
  expect(due.getTime()).toBeGreaterThanOrEqual(before + retryDelayMs(attempt, policy, { random: () => 0 }));
  expect(due.getTime()).toBeLessThanOrEqual(after + retryDelayMs(attempt, policy, { random: () => 1 }));
}

describe("one backoff policy for every outbox", () => {
  let deps: CallsTestDeps;
  let t: Awaited<ReturnType<typeof createCallsTenant>>;
  let ntfy: NtfyStandin;
  const env = {
    CALLBACK_BACKOFF_BASE_MS: "10000",
    NTFY_BACKOFF_BASE_MS: "10000",
    CALL_SYNC_BACKOFF_BASE_MS: "10000",
    CREDITS_STARTING_BALANCE: "1000",
    OUTBOUND_ALLOW_LOOPBACK: "true",
  };

  beforeAll(async () => {
    vi.stubEnv("LOG_LEVEL", "silent");
    ntfy = await startNtfyStandin({ token: null });
    deps = await createCallsTestDeps({ ...env, NTFY_DEFAULT_SERVER_URL: ntfy.url });
    t = await createCallsTenant(deps.db);
  });
  afterAll(async () => {
    await deps?.close();
    await ntfy?.close();
    vi.unstubAllEnvs();
  });

  it("callbacks: a receiver that keeps failing is tried again on the policy, attempt after attempt", async () => {
    const { case: c } = await createCase(
      deps,
      t.agent.principal,
      { question: "Callback backoff?", callbackUrl: "http://127.0.0.1:9/refused" },
      { source: "api" },
    );
    const before = Date.now();
    await postMessage(deps, t.operator, c.id, { content: "an answer" });
    const policy = backoffPolicy(deps.config, "callbacks");
    const first = await waitFor(async () => {
      const [d] = await deps.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.caseId, c.id));
      return d?.attempts === 1 && d.lockedUntil === null ? d : null;
    });
    expectDueOnPolicy(first.nextAttemptAt, 1, policy, before, Date.now());

    await deps.db
      .update(webhookDeliveries)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(webhookDeliveries.id, first.id));
    const again = Date.now();
    expect(await deliverDueCallbacks(deps)).toBe(1);
    const [second] = await deps.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, first.id));
    expect(second).toMatchObject({ attempts: 2, status: "pending" });
    expectDueOnPolicy(second!.nextAttemptAt, 2, policy, again, Date.now());
  });

  it("notifications: a 503 from the ntfy server schedules the next try on the policy", async () => {
    const policy = backoffPolicy(deps.config, "notifications");
    let row = await enqueueNotification(deps.db, {
      accountId: t.account.id,
      kind: "tool",
      serverUrl: ntfy.url,
      topic: "backoff-policy",
      payload: { message: "hello" },
    });
    for (const attempt of [1, 2]) {
      ntfy.failNext(1, 503);
      const before = Date.now();
      const out = await attemptNotification(deps, row);
      expect(out.status).toBe("queued");
      expectDueOnPolicy(out.nextAttemptAt!, attempt, policy, before, Date.now());
      row = { ...row, attempts: attempt };
    }
  });

  it("phone follow-ups: a provider that cannot be reached gets the call tried again on the policy", async () => {
    // Bland at a port nobody listens on: a network error, which a later try may get past.
    const down: Deps = {
      ...deps,
      telephony: createBlandTelephony({
        apiKey: "k",
        baseUrl: "http://127.0.0.1:9",
        webhookSecret: "s".repeat(32),
        timeoutMs: 2000,
        maxRetries: 0,
      }),
    };
    // A key that may also place calls: a callback call is billed, so hitl:ask alone is refused one.
    const { key } = await createApiKey(deps.db, { accountId: t.account.id, name: "dialer", scopes: ["hitl:ask", "calls:write"] });
    const dialer = (await verifyApiKey(deps, key))!;
    const { case: c } = await createCase(
      deps,
      dialer,
      { question: "Follow-up backoff?", callerInfo: { phone: "+14155550142" }, followUp: "phone" },
      { source: "api" },
    );
    const [f] = await deps.db
      .insert(phoneFollowups)
      .values({ accountId: t.account.id, caseId: c.id, phoneNumber: "+14155550142", message: "an answer" })
      .returning();
    const before = Date.now();
    expect(await dispatchPhoneFollowups(down)).toBe(1);
    const [after] = await deps.db.select().from(phoneFollowups).where(eq(phoneFollowups.id, f!.id));
    expect(after).toMatchObject({ status: "pending", attempts: 1 });
    expectDueOnPolicy(after!.nextAttemptAt, 1, backoffPolicy(deps.config, "phone_followups"), before, Date.now());
  });

  it("call sync: each failed read of a call is retried on the policy", async () => {
    const call = await makePhoneCall(deps, t.caller, { phoneNumber: "+14155550143", task: "Say hello." });
    const item = {
      id: call.id,
      accountId: t.account.id,
      provider: "simulator",
      providerCallId: "sim_backoff",
      status: "in_progress",
      transcriptTurns: 0,
      recordingAvailable: false,
    };
    const policy = backoffPolicy(deps.config, "call_sync");
    for (const attempt of [1, 2, 3]) {
      const before = Date.now();
      expect(await recordFailure(deps, { ...item, failures: attempt - 1 }, new Error("provider down"))).toBe("failed");
      const [row] = await deps.db.select().from(callSyncFailures).where(eq(callSyncFailures.callId, item.id));
      expect(row!.failures).toBe(attempt);
      expectDueOnPolicy(row!.nextAttemptAt, attempt, policy, before, Date.now());
    }
  });
});

describe("the Sheets drainer backs off on the same policy", () => {
  it("waits retryDelayMs(1), then retryDelayMs(2), through two 503s and then writes", async () => {
    const h = await createSheetsHarness();
    try {
      const waits: number[] = [];
      let offset = 0;
      // A clock that records each wait and lets it pass at once: the delays are the drainer's own arithmetic.
      const clock = {
        now: () => Date.now() + offset,
        sleep: async (ms: number) => {
          waits.push(ms);
          offset += ms;
        },
      };
      const drainer = createSheetsDrainer({ deps: h.deps, port: createSheetsPort(h.deps.config), clock, random: () => 0.25 });
      const tt = await createCallsTenant(h.deps.db);
      await createCase(h.deps, tt.agent.principal, { question: "Logged to the sheet?" }, { source: "api" });
      h.standin.failNext(["503", "503"]);
      const out = await drainer.run();
      expect(out).toMatchObject({ status: "drained", retries: 2 });
      const policy = backoffPolicy(h.deps.config, "sheets");
      const backoffs = waits.filter(
        (w) => w === retryDelayMs(1, policy, { random: () => 0.25 }) || w === retryDelayMs(2, policy, { random: () => 0.25 }),
      );
      expect(backoffs).toEqual([retryDelayMs(1, policy, { random: () => 0.25 }), retryDelayMs(2, policy, { random: () => 0.25 })]);
    } finally {
      await h.close();
    }
  });
});
