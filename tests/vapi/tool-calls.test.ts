import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calls, cases } from "@/lib/adapters/db/schema";
import { getConfig } from "@/lib/platform/config/env";
import { heartbeat } from "@/lib/domains/presence/presence";
import { verifyApiKey } from "@/lib/domains/api-keys/api-keys";
import { postMessage } from "@/lib/domains/hitl/post-message";
import { getCaseForPrincipal } from "@/lib/domains/hitl/get-case";
import { getCallEscalations } from "@/lib/domains/calls/call-escalations";
import { getCallDetails } from "@/lib/domains/calls/get-call";
import { readVapiStatus, setVapiSettings } from "@/lib/domains/vapi/credentials";
import { BASE, startApp, type App } from "@/tests/support/matrix/app-harness";
import { sendVapiSignedTest } from "@/lib/transports/agent-platforms/vapi/signed-test";
import { startVapiStandin, type VapiStandin } from "@/tests/support/vapi-standin";
import { callTools, resultOf, sendServerMessage } from "@/tests/vapi/helpers";

/** Vapi's tool calls and call reports through the real routes, on a real database, against a Vapi stand-in. */
const SECRET = "vapi_server_secret_0123456789";
let app: App;
let standin: VapiStandin;
beforeAll(async () => {
  standin = await startVapiStandin({ apiKey: "vapi_private_key_0123456789" });
  app = await startApp();
  await setVapiSettings({ ...app.deps, config: getConfig() }, app.adminKey, { serverSecret: SECRET, waitSeconds: 5 });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await standin?.close();
});

const uniq = () => Math.random().toString(36).slice(2, 10);
const findCase = async (question: string) => {
  for (let i = 0; i < 200; i++) {
    const [row] = await app.deps.db.select().from(cases).where(eq(cases.question, question));
    if (row) return row;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no case for ${question}`);
};

describe("POST /api/vapi/tools", () => {
  it("the settings are write-only: only whether the secret is set and its last 4 characters", async () => {
    const s = await readVapiStatus({ ...app.deps, config: getConfig() }, app.adminKey);
    expect(s).toMatchObject({ serverSecretSet: true, serverSecretLast4: "6789", waitSeconds: 5, waitIsDefault: false, apiKeySet: false });
    expect(JSON.stringify(s)).not.toContain(SECRET);
  });

  it("refuses a request without the account's server secret once one is stored, and a wrong or stale one", async () => {
    const call = standin.startCall();
    const body = standin.toolCalls(call.id, [{ id: "tc_1", name: "get_human_answer", arguments: { sessionId: "none" } }]);
    const unsigned = await callTools(app, standin, body, { key: "hitl:ask" });
    expect(unsigned.status).toBe(401);
    expect(unsigned.json.error.message).toMatch(/X-Vapi-Secret/);
    expect((await callTools(app, standin, body, { key: "hitl:ask", plainSecret: "wrong_secret_000000" })).status).toBe(401);
    const stale = standin.signed(JSON.stringify(body), SECRET, Date.now() - 10 * 60_000);
    expect((await callTools(app, standin, body, { key: "hitl:ask", headers: stale })).status).toBe(401);
    expect((await callTools(app, standin, body, { key: "hitl:ask", plainSecret: SECRET })).status).toBe(200);
    expect((await callTools(app, standin, body, { key: "hitl:ask", secret: SECRET })).status).toBe(200);
    // The key is checked first: a signed request without a Switchboard key is still a 401.
    expect((await callTools(app, standin, body, { secret: SECRET })).status).toBe(401);
  });

  it("a tool-calls request escalates with the call as caller context, is answered, and returns the answer as Vapi's result", async () => {
    const answerer = (await verifyApiKey(app.deps, app.keys.get("hitl:answer")!))!;
    await heartbeat(app.deps, answerer, "online");
    const call = standin.startCall(`call_${uniq()}`, { customer: { number: "+14155550177", name: "Zoë" } });
    const question = `Is the Élysée branch open on Sunday ${uniq()}?`;
    const transcript = [
      { role: "bot" as const, message: "Hi, how can I help?" },
      { role: "user" as const, message: "Is the Élysée branch open on Sunday?" },
    ];
    const pending = callTools(
      app,
      standin,
      standin.toolCalls(call.id, [{ id: "tc_ask", name: "ask_human", arguments: { question } }], transcript),
      {
        key: "hitl:ask",
        secret: SECRET,
      },
    );
    const row = await findCase(question);
    expect(row).toMatchObject({ source: "vapi", callId: call.id, sessionId: call.id, agentId: "asst_standin", timeoutSeconds: 5 });
    expect(row.callerInfo).toMatchObject({ phone: "+14155550177", name: "Zoë", toNumber: "+14155550999", direction: "inbound" });
    expect(row.conversationHistory).toEqual([
      { role: "agent", content: "Hi, how can I help?" },
      { role: "caller", content: "Is the Élysée branch open on Sunday?" },
    ]);
    await postMessage(app.deps, answerer, row.id, { content: "Yes, 10 am to 4 pm." });
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.json.results).toHaveLength(1);
    expect(res.json.results[0].toolCallId).toBe("tc_ask");
    expect(typeof res.json.results[0].result).toBe("string");
    expect(resultOf(res.json)).toMatchObject({ message: "Yes, 10 am to 4 pm.", status: "answered", caseId: row.id });
    await heartbeat(app.deps, answerer, "away");
  }, 30_000);

  it("several calls in one message each get their result under their own toolCallId; scopes are the tools' own", async () => {
    const call = standin.startCall();
    const body = standin.toolCalls(call.id, [
      { id: "tc_a", name: "get_human_answer", arguments: { sessionId: "nobody" } },
      { id: "tc_b", name: "get_credits", arguments: {} },
    ]);
    const refused = await callTools(app, standin, body, { key: "hitl:ask", secret: SECRET });
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toMatch(/calls:read/);
    const both = await callTools(
      app,
      standin,
      standin.toolCalls(call.id, [{ id: "tc_a", name: "get_human_answer", arguments: { sessionId: "nobody" } }]),
      {
        key: "hitl:ask",
        secret: SECRET,
      },
    );
    expect(both.json.results.map((r: { toolCallId: string }) => r.toolCallId)).toEqual(["tc_a"]);
    expect(resultOf(both.json).message).toEqual(expect.any(String));
  });

  it("bad input is a 400 naming what is wrong; a tool's own validation error is a result the agent can say", async () => {
    const call = standin.startCall();
    const unknown = await callTools(app, standin, standin.toolCalls(call.id, [{ id: "x", name: "no_such_tool", arguments: {} }]), {
      key: "hitl:ask",
      secret: SECRET,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toMatch(/no_such_tool/);
    const notToolCalls = await callTools(
      app,
      standin,
      { message: { type: "status-update", status: "ended" } },
      { key: "hitl:ask", secret: SECRET },
    );
    expect(notToolCalls.status).toBe(400);
    expect(notToolCalls.json.error.message).toMatch(/webhooks\/vapi/);
    const invalid = await callTools(
      app,
      standin,
      standin.toolCalls(call.id, [{ id: "tc_q", name: "ask_human", arguments: { question: "" } }]),
      {
        key: "hitl:ask",
        secret: SECRET,
      },
    );
    expect(invalid.status).toBe(200);
    expect(resultOf(invalid.json)).toMatchObject({ status: "error", error: { code: "validation_failed" } });
  });
});

describe("Connect Vapi: the signed test request", () => {
  it("signs with the stored secret as Vapi does and runs the real handler: accepted with a good key, refused with a bad one", async () => {
    const run = (apiKey: string) => sendVapiSignedTest({ ...app.deps }, app.adminKey, { apiKey }, BASE);
    expect(await run(app.keys.get("hitl:ask")!)).toMatchObject({ ok: true, status: 200, signed: true, tool: "get_human_answer" });
    expect(await run("sb_not_a_real_key_000000")).toMatchObject({ ok: false, status: 401 });
    expect(await run(app.keys.get("calls:read")!)).toMatchObject({ ok: false, status: 403 });
  });
});

describe("POST /api/webhooks/vapi (end-of-call report)", () => {
  it("stores the call once beside other calls, linked to the cases asked during it both ways", async () => {
    const call = standin.startCall(`call_${uniq()}`);
    const question = `Linked question ${uniq()}?`;
    // Nobody online: ask_human answers at once, the case stays.
    const asked = await callTools(app, standin, standin.toolCalls(call.id, [{ id: "tc_l", name: "ask_human", arguments: { question } }]), {
      key: "hitl:ask",
      secret: SECRET,
    });
    const caseId = resultOf(asked.json).caseId as string;
    const report = standin.endOfCallReport(call.id, [
      { role: "bot", message: "Hello, front desk.", secondsFromStart: 0.5 },
      { role: "user", message: question, secondsFromStart: 3 },
    ]);
    const unsigned = await sendServerMessage(app, standin, app.accountA.id, report, {});
    expect(unsigned.status).toBe(401);
    const first = await sendServerMessage(app, standin, app.accountA.id, report, { secret: SECRET });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ received: true, duplicate: false, status: "completed" });
    const replay = await sendServerMessage(app, standin, app.accountA.id, report, { plainSecret: SECRET });
    expect(replay.json).toMatchObject({ duplicate: true, applied: false });
    const rows = await app.deps.db.select().from(calls).where(eq(calls.providerCallId, call.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      provider: "vapi",
      accountId: app.accountA.id,
      agentId: "asst_standin",
      recordingUrl: "https://storage.vapi.ai/recordings/standin.wav",
    });
    const reader = (await verifyApiKey(app.deps, app.keys.get("calls:read")!))!;
    const details = await getCallDetails(app.calls, reader, rows[0]!.id);
    expect(details).toMatchObject({ status: "completed", durationSeconds: 95, summary: "The caller asked about opening hours." });
    expect(details.transcript.map((t) => t.speaker)).toEqual(["agent", "caller"]);
    const escalations = await getCallEscalations(app.deps, reader, details);
    expect(escalations.map((e) => e.caseId)).toEqual([caseId]);
    const asker = (await verifyApiKey(app.deps, app.keys.get("hitl:ask")!))!;
    expect((await getCaseForPrincipal(app.deps, asker, caseId)).linkedCallId).toBe(rows[0]!.id);
    // Another account's secret does not open this account's webhook.
    expect((await sendServerMessage(app, standin, app.accountB.id, report, { secret: SECRET })).status).toBe(401);
  });

  it("acknowledges messages it does not store, and refuses tool-calls sent to the webhook", async () => {
    const ignored = await sendServerMessage(
      app,
      standin,
      app.accountA.id,
      { message: { type: "speech-update", status: "started" } },
      { secret: SECRET },
    );
    expect(ignored.json).toMatchObject({ received: true, ignored: true });
    const call = standin.startCall();
    const tools = await sendServerMessage(
      app,
      standin,
      app.accountA.id,
      standin.toolCalls(call.id, [{ id: "t", name: "get_credits", arguments: {} }]),
      {
        secret: SECRET,
      },
    );
    expect(tools.status).toBe(400);
    expect(tools.json.error.message).toMatch(/api\/vapi\/tools/);
  });
});
