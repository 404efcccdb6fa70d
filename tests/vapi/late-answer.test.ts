import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases, liveAnswerDeliveries, phoneFollowups } from "@/lib/adapters/db/schema";
import { heartbeat } from "@/lib/domains/presence/presence";
import { createApiKey, verifyApiKey } from "@/lib/domains/api-keys/api-keys";
import { postMessage } from "@/lib/domains/hitl/post-message";
import { getCaseForPrincipal } from "@/lib/domains/hitl/get-case";
import { isVapiControlUrl } from "@/lib/domains/vapi/live-calls";
import { setVapiSettings } from "@/lib/domains/vapi/credentials";
import type { Principal } from "@/lib/domains/auth/principal";
import { startApp, type App } from "@/tests/support/matrix/app-harness";
import { startVapiStandin, type VapiStandin } from "@/tests/support/vapi-standin";
import { waitFor } from "@/tests/hitl/helpers";
import { callTools, resultOf, sendServerMessage } from "@/tests/vapi/helpers";

/**
 * A late answer on Vapi: the tool call gave up (pending), the operator answers afterwards. While the call is
 * live the answer is said into it through its control URL (the stand-in's); once it has ended, or when the
 * control URL refuses, the case's callback policy runs instead (here a callback call through the simulator).
 * The outboxes are worked off by the kicks the answer makes, as in the app.
 */
const SECRET = "vapi_server_secret_late_0123";
let app: App;
let standin: VapiStandin;
let answerer: Principal;
let asker: Principal;
/** A key that may ask and place calls: a case it raises may have a callback call (the callback policy). */
let dialerKey: string;
beforeAll(async () => {
  standin = await startVapiStandin({ apiKey: "vapi_private_key_0123456789" });
  app = await startApp();
  await setVapiSettings(app.deps, app.adminKey, { serverSecret: SECRET, waitSeconds: 5 });
  answerer = (await verifyApiKey(app.deps, app.keys.get("hitl:answer")!))!;
  asker = (await verifyApiKey(app.deps, app.keys.get("hitl:ask")!))!;
  await heartbeat(app.deps, answerer, "online");
  dialerKey = (await createApiKey(app.deps.db, { accountId: app.accountA.id, name: "vapi dialer", scopes: ["hitl:ask", "calls:write"] }))
    .key;
}, 120_000);
afterAll(async () => {
  await app?.close();
  await standin?.close();
});

const uniq = () => Math.random().toString(36).slice(2, 10);

/** ask_human on a live Vapi call that nobody answers within the account's 5 s: pending. */
async function askUntilPending(callId: string) {
  const question = `When does the pool open ${uniq()}?`;
  const res = await callTools(
    app,
    standin,
    standin.toolCalls(callId, [{ id: `tc_${uniq()}`, name: "ask_human", arguments: { question, followUp: "phone" } }]),
    { key: dialerKey, secret: SECRET },
  );
  const result = resultOf(res.json);
  expect(result).toMatchObject({ status: "pending" });
  return result.caseId as string;
}
const caseRow = async (id: string) => (await app.deps.db.select().from(cases).where(eq(cases.id, id)))[0]!;

describe("a late answer on a Vapi call", () => {
  it("only Vapi's hosts (and the configured test host) are control URLs", () => {
    const config = { VAPI_CONTROL_HOSTS: ["vapi.ai"] };
    expect(isVapiControlUrl(config, "https://phone-call-websocket.aws-us-west-2-backend-production2.vapi.ai/abc/control")).toBe(true);
    expect(isVapiControlUrl(config, "https://vapi.ai.evil.example/abc/control")).toBe(false);
    expect(isVapiControlUrl(config, "https://evilvapi.ai/abc/control")).toBe(false);
    expect(isVapiControlUrl(config, "http://127.0.0.1:9/abc/control")).toBe(false);
    // The answer is the caller's words: never in plain http to a public host, even Vapi's.
    expect(isVapiControlUrl(config, "http://phone-call-websocket.vapi.ai/abc/control")).toBe(false);
    expect(isVapiControlUrl({ VAPI_CONTROL_HOSTS: ["127.0.0.1"] }, "http://127.0.0.1:9/abc/control")).toBe(true);
  });

  it("is spoken into the call while it is live, recorded as delivered live, and no callback is placed", async () => {
    const call = standin.startCall(`call_${uniq()}`);
    const caseId = await askUntilPending(call.id);
    await postMessage(app.deps, answerer, caseId, { content: "The pool opens at 7 am." });
    const said = await waitFor(() => standin.spoken.get(call.id)?.[0], 10_000);
    expect(said).toMatchObject({ type: "say", endCallAfterSpoken: false });
    expect(said.content).toContain("The pool opens at 7 am.");
    const row = await waitFor(async () => {
      const r = await caseRow(caseId);
      return r.lateAnswerDelivery ? r : null;
    });
    expect(row).toMatchObject({ lateAnswerDelivery: "live", followUpCallId: null });
    expect((await getCaseForPrincipal(app.deps, asker, caseId)).lateAnswerDelivery).toBe("live");
    expect(await app.deps.db.select().from(phoneFollowups).where(eq(phoneFollowups.caseId, caseId))).toHaveLength(0);
    const [delivery] = await app.deps.db.select().from(liveAnswerDeliveries).where(eq(liveAnswerDeliveries.caseId, caseId));
    expect(delivery).toMatchObject({ status: "spoken", provider: "vapi", providerCallId: call.id });
  }, 30_000);

  it("falls back to the callback when the call has ended (its end-of-call report arrived)", async () => {
    const call = standin.startCall(`call_${uniq()}`);
    const caseId = await askUntilPending(call.id);
    const report = standin.endOfCallReport(call.id, [{ role: "user", message: "When does the pool open?", secondsFromStart: 2 }], 30);
    expect((await sendServerMessage(app, standin, app.accountA.id, report, { secret: SECRET })).status).toBe(200);
    await postMessage(app.deps, answerer, caseId, { content: "At 7 am." });
    const row = await waitFor(async () => {
      const r = await caseRow(caseId);
      return r.followUpCallId ? r : null;
    }, 10_000);
    expect(row.lateAnswerDelivery).toBe("callback");
    expect(standin.spoken.get(call.id)).toBeUndefined();
    const [delivery] = await app.deps.db.select().from(liveAnswerDeliveries).where(eq(liveAnswerDeliveries.caseId, caseId));
    expect(delivery).toMatchObject({ status: "fallback", lastError: "ended" });
    // The callback call is reserved (followUpCallId) just before the outbox row is marked placed.
    const followup = await waitFor(async () => {
      const [f] = await app.deps.db
        .select()
        .from(phoneFollowups)
        .where(and(eq(phoneFollowups.caseId, caseId), eq(phoneFollowups.status, "placed")));
      return f;
    });
    expect(followup).toMatchObject({ phoneNumber: "+14155550123", callId: row.followUpCallId });
  }, 30_000);

  it("falls back to the callback when the control URL refuses", async () => {
    const call = standin.startCall(`call_${uniq()}`);
    const caseId = await askUntilPending(call.id);
    standin.state.refuseControl = true;
    try {
      await postMessage(app.deps, answerer, caseId, { content: "At 7 am sharp." });
      const row = await waitFor(async () => {
        const r = await caseRow(caseId);
        return r.followUpCallId ? r : null;
      }, 10_000);
      expect(row.lateAnswerDelivery).toBe("callback");
      const [delivery] = await app.deps.db.select().from(liveAnswerDeliveries).where(eq(liveAnswerDeliveries.caseId, caseId));
      expect(delivery).toMatchObject({ status: "fallback", lastError: "refused" });
      expect(standin.requests.some((r) => r.path === `/calls/${call.id}/control` && r.status === 500)).toBe(true);
    } finally {
      standin.state.refuseControl = false;
    }
  }, 30_000);
});
