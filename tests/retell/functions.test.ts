import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases } from "@/lib/adapters/db/schema";
import { heartbeat } from "@/lib/domains/presence/presence";
import { verifyApiKey } from "@/lib/domains/api-keys/api-keys";
import { postMessage } from "@/lib/domains/hitl/post-message";
import { startApp, type App } from "@/tests/support/matrix/app-harness";
import { callFunction, retellCall } from "@/tests/retell/helpers";

/** Every tool as a Retell custom function, run in-process through the real route on a real database. */
let app: App;
beforeAll(async () => {
  app = await startApp();
}, 120_000);
afterAll(async () => app?.close());

const uniq = () => Math.random().toString(36).slice(2, 10);
const caseRow = async (id: string) => (await app.deps.db.select().from(cases).where(eq(cases.id, id)))[0]!;

describe("POST /api/retell/functions", () => {
  it("nested { name, call, args }: runs ask_human with the call's ids, caller and transcript filled in", async () => {
    const callId = `call_${uniq()}`;
    const transcript = [
      { role: "agent", content: "Hi, how can I help?" },
      { role: "user", content: "Is the Élysée branch open on Sunday?" },
    ];
    const res = await callFunction(app, {
      key: "hitl:ask",
      body: { name: "ask_human", call: retellCall(callId, transcript), args: { question: "Is the Élysée branch open on Sunday?" } },
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)[0]).toBe("message");
    expect(res.json).toMatchObject({ status: "unavailable", message: app.deps.config.FALLBACK_UNAVAILABLE }); // nobody online
    const row = await caseRow(res.json.caseId);
    expect(row).toMatchObject({ callId, sessionId: callId, agentId: "agent_retell_test", source: "retell" });
    expect(row.callerInfo).toMatchObject({
      phone: "+14155550123",
      toNumber: "+14155550999",
      metadata: { crmId: "crm_42" },
      dynamicVariables: { customer_name: "Zoë" },
    });
    expect(row.conversationHistory).toEqual(transcript);
  });

  it("a retried request (same call_id and question) is the same case", async () => {
    const body = { name: "ask_human", call: retellCall(`call_${uniq()}`), args: { question: `Retry me ${uniq()}?` } };
    const first = await callFunction(app, { key: "hitl:ask", body });
    const again = await callFunction(app, { key: "hitl:ask", body });
    const third = await callFunction(app, { key: "hitl:ask", body });
    expect(first.json.caseId).toBeTruthy();
    expect([again.json.caseId, third.json.caseId]).toEqual([first.json.caseId, first.json.caseId]);
    const rows = await app.deps.db.select().from(cases).where(eq(cases.question, body.args.question));
    expect(rows).toHaveLength(1);
  });

  it("args at root: the tool comes from ?tool=, the arguments from the root, a root call object is still read", async () => {
    const question = `Root question ${uniq()}?`;
    const res = await callFunction(app, {
      key: "hitl:ask",
      query: "?tool=ask_human",
      body: { question, priority: 5, call: retellCall(`call_${uniq()}`) },
    });
    expect(res.status).toBe(200);
    const row = await caseRow(res.json.caseId);
    expect(row).toMatchObject({ question, priority: 5, agentId: "agent_retell_test" });
    const noName = await callFunction(app, { key: "hitl:ask", body: { question } });
    expect(noName.status).toBe(400);
    expect(noName.json.error.message).toMatch(/\?tool=/);
  });

  it("keeps conversationHistory within the schema: the newest 100 turns, each at most 4000 characters", async () => {
    const turns = Array.from({ length: 130 }, (_, i) => ({
      role: i % 2 ? "user" : "agent",
      content: `turn ${i} ${"x".repeat(i === 129 ? 5000 : 10)}`,
    }));
    const res = await callFunction(app, {
      key: "hitl:ask",
      body: { name: "ask_human", call: retellCall(`call_${uniq()}`, turns), args: { question: `Long call ${uniq()}?` } },
    });
    expect(res.json.status).toBe("unavailable");
    const history = (await caseRow(res.json.caseId)).conversationHistory as Array<{ content: string }>;
    expect(history).toHaveLength(100);
    expect(history[0]!.content).toMatch(/^turn 30 /);
    expect(history[99]!.content.length).toBe(4000);
  });

  it("an oddly shaped call object never costs the caller the escalation: odd fields are ignored", async () => {
    const call = {
      ...retellCall(`call_${uniq()}`),
      agent_id: 42,
      metadata: "not an object",
      transcript_object: [
        { role: "tool_call_invocation", name: "ask_human" },
        { role: "user", content: "Hola" },
      ],
    };
    const res = await callFunction(app, { key: "hitl:ask", body: { name: "ask_human", call, args: { question: `Odd call ${uniq()}?` } } });
    expect(res.status).toBe(200);
    const row = await caseRow(res.json.caseId);
    expect(row.agentId).toBeNull();
    expect(row.conversationHistory).toEqual([{ role: "user", content: "Hola" }]);
    expect(
      (await callFunction(app, { key: "hitl:ask", body: { name: "ask_human", call: "call_1", args: { question: "x?" } } })).status,
    ).toBe(400);
  });

  it("a tool error is a 200 with a sayable message and the field to fix; an outage-free unknown case likewise", async () => {
    const bad = await callFunction(app, {
      key: "hitl:ask",
      body: { name: "ask_human", call: retellCall(`call_${uniq()}`), args: { question: "", priority: 9 } },
    });
    expect(bad.status).toBe(200);
    expect(bad.json).toMatchObject({ status: "error", error: { code: "validation_failed" } });
    expect(bad.json.message).toMatch(/couldn't pass that on/);
    expect(bad.json.error.message).toMatch(/question/);
    expect(bad.json.error.message).toMatch(/priority/);
    const missing = await callFunction(app, {
      key: "hitl:ask",
      body: { name: "get_human_answer", args: { caseId: "6f1c0e6a-0000-4000-8000-000000000000" } },
    });
    expect(missing.status).toBe(200);
    expect(missing.json).toMatchObject({ status: "error", error: { code: "not_found" } });
  });

  it("4xx only for what Retell must not retry: no key, a bad key, a session cookie, unknown tool, malformed body", async () => {
    const body = { name: "ask_human", args: { question: "Hello?" } };
    expect((await callFunction(app, { body })).status).toBe(401);
    expect((await callFunction(app, { key: "sb_000000000000_nope", body })).status).toBe(401);
    expect((await callFunction(app, { body, headers: { cookie: "sb_session=whatever" } })).status).toBe(401);
    expect((await callFunction(app, { key: "hitl:ask", body: { name: "drop_tables", args: {} } })).status).toBe(400);
    expect((await callFunction(app, { key: "hitl:ask", body: "{not json" })).status).toBe(400);
    expect((await callFunction(app, { key: "hitl:ask", body: { name: "ask_human", args: "question" } })).status).toBe(400);
    expect((await callFunction(app, { key: "hitl:ask", body: [1, 2] })).status).toBe(400);
  });

  it("each tool keeps its declared scopes: 403 naming the scope, and nothing is created", async () => {
    const question = `Scoped ${uniq()}?`;
    const res = await callFunction(app, { key: "calls:read", body: { name: "ask_human", args: { question } } });
    expect(res.status).toBe(403);
    expect(res.json.error.details.requiredScopes).toEqual(["hitl:ask"]);
    expect(await app.deps.db.select().from(cases).where(eq(cases.question, question))).toHaveLength(0);
    const call = await callFunction(app, {
      key: "hitl:ask",
      body: { name: "make_phone_call", args: { phoneNumber: "+14155550123", task: "x" } },
    });
    expect(call.status).toBe(403);
    expect(call.json.error.message).toMatch(/calls:write/);
    const allowed = await callFunction(app, { key: "calls:read", body: { name: "get_credits", args: {} } });
    expect(allowed.status).toBe(200);
    expect(allowed.json).toMatchObject({ balance: expect.any(Number) });
    expect(Object.keys(allowed.json)[0]).toBe("message");
  });

  it("ask_human may wait longer than MCP's 55 s here (up to RETELL_MAX_WAIT_SECONDS) and returns the person's answer", async () => {
    const answerer = (await verifyApiKey(app.deps, app.keys.get("hitl:answer")!))!;
    await heartbeat(app.deps, answerer, "online");
    const tooLong = await callFunction(app, {
      key: "hitl:ask",
      body: { name: "ask_human", args: { question: "x?", timeoutSeconds: app.deps.config.RETELL_MAX_WAIT_SECONDS + 1 } },
    });
    expect(tooLong.json.error.message).toMatch(/timeoutSeconds/);
    const question = `Long wait ${uniq()}?`;
    const pending = callFunction(app, {
      key: "hitl:ask",
      body: { name: "ask_human", call: retellCall(`call_${uniq()}`), args: { question, timeoutSeconds: 100 } },
    });
    let row: typeof cases.$inferSelect | undefined;
    for (let i = 0; i < 100 && !row; i++)
      ([row] = await app.deps.db.select().from(cases).where(eq(cases.question, question))), await new Promise((r) => setTimeout(r, 50));
    expect(row!.timeoutSeconds).toBe(100);
    await postMessage(app.deps, answerer, row!.id, { content: "Yes, 10 am to 4 pm." });
    const res = await pending;
    expect(res.json).toMatchObject({ message: "Yes, 10 am to 4 pm.", status: "answered", caseId: row!.id });
    await heartbeat(app.deps, answerer, "away");
  }, 30_000);
});
