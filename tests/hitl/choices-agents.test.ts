import type { Client } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createCaseRoute } from "@/app/api/cases/route";
import { GET as getCaseRoute } from "@/app/api/cases/[id]/route";
import { POST as postMessageRoute } from "@/app/api/cases/[id]/messages/route";
import { verifyApiKey } from "@/lib/domains/api-keys/api-keys";
import type { Principal } from "@/lib/domains/auth/principal";
import { listCases } from "@/lib/domains/hitl/list-cases";
import { heartbeat } from "@/lib/domains/presence/presence";
import { retellFunctionDefinitions } from "@/lib/transports/agent-platforms/retell/connect-definitions";
import { BASE, startApp, type App } from "@/tests/support/matrix/app-harness";
import { callTool, connectInProcess } from "@/tests/support/in-process-mcp";
import { callFunction, retellCall } from "@/tests/retell/helpers";
import { rand, waitFor } from "@/tests/hitl/helpers";

/**
 * Choices as agents and integrations meet them: ask_human through the official MCP client and as a Retell
 * custom function, and the REST API (POST /api/cases, the answer through POST /api/cases/{id}/messages,
 * GET /api/cases/{id}) — one domain, so the waiting call gets the exact choice the person picked.
 */
let app: App;
let agent: Client;
const CHOICES = ["Approve 10% discount", "Decline"];

beforeAll(async () => {
  app = await startApp();
  agent = await connectInProcess({ authorization: `Bearer ${app.keys.get("hitl:ask")}` });
  // Someone can answer, so ask_human waits instead of saying unavailable.
  await heartbeat(app.deps, (await verifyApiKey(app.deps, app.keys.get("hitl:answer")!)) as Principal);
}, 120_000);
afterAll(async () => {
  await agent?.close();
  await app?.close();
});

async function rest(method: "GET" | "POST", path: string, key: string, body?: object, id?: string) {
  const req = new Request(`${BASE}${path}`, {
    method,
    headers: { authorization: `Bearer ${app.keys.get(key)}`, "content-type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  const ctx = { params: Promise.resolve(id ? { id } : {}) };
  const handler = path === "/api/cases" ? createCaseRoute : path.endsWith("/messages") ? postMessageRoute : getCaseRoute;
  const res = await handler(req, ctx as never);
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

/** The case the waiting call created, found by its question; answered through REST with `body`. */
async function answerWhenAsked(question: string, body: object) {
  const c = await waitFor(async () =>
    (await listCases(app.deps, app.accountA.id, { limit: 200 })).cases.find((x) => x.question === question),
  );
  return rest("POST", `/api/cases/${c.id}/messages`, "hitl:answer", body, c.id);
}

describe("ask_human with choices through the official MCP client", () => {
  it("lists choices and choicesOnly in the tool's input schema", async () => {
    const { tools } = await agent.listTools();
    const props = tools.find((t) => t.name === "ask_human")!.inputSchema.properties as Record<string, any>;
    expect(props.choices).toMatchObject({ type: "array", minItems: 2, maxItems: 6, items: { type: "string", maxLength: 80 } });
    expect(props.choicesOnly).toMatchObject({ type: "boolean" });
    const out = tools.find((t) => t.name === "ask_human")!.outputSchema!.properties as Record<string, any>;
    expect(out.choice).toMatchObject({ type: "string" });
  });

  it("the waiting call returns the exact choice beside answer and message", async () => {
    const question = `Can I give this caller 10% off? ${rand()}`;
    const calling = callTool(agent, "ask_human", { question, choices: CHOICES, choicesOnly: true, timeoutSeconds: 30 });
    const answered = await answerWhenAsked(question, { choice: "Approve 10% discount" });
    expect(answered.status).toBe(201);
    expect(answered.json.case).toMatchObject({ status: "answered", choice: "Approve 10% discount", choices: CHOICES, choicesOnly: true });
    const r = await calling;
    expect(r.isError).toBe(false);
    expect(r.structured).toEqual({
      status: "answered",
      caseId: answered.json.case.id,
      answer: "Approve 10% discount",
      choice: "Approve 10% discount",
      message: "Approve 10% discount",
    });
    expect(JSON.parse(r.text)).toMatchObject({ choice: "Approve 10% discount" });
  });

  it("bad choices are a tool error naming the field, and no case is created", async () => {
    const question = `Bad choices ${rand()}`;
    const r = await callTool(agent, "ask_human", { question, choices: ["Only one"] });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/choices/);
    const only = await callTool(agent, "ask_human", { question, choicesOnly: true });
    expect(only.isError).toBe(true);
    expect(only.text).toMatch(/choicesOnly/);
    expect((await listCases(app.deps, app.accountA.id, { limit: 200 })).cases.some((c) => c.question === question)).toBe(false);
  });
});

describe("ask_human with choices as a Retell custom function", () => {
  it("the function definition offers choices and choicesOnly", () => {
    const def = retellFunctionDefinitions({ baseUrl: BASE, maxWaitSeconds: 110 }).find((d) => d.name === "ask_human")!;
    const props = def.parameters.properties as Record<string, any>;
    expect(props.choices).toMatchObject({ type: "array", maxItems: 6 });
    expect(props.choicesOnly).toMatchObject({ type: "boolean" });
  });

  it("Retell's waiting function call gets the choice; a picked choice with words keeps both", async () => {
    const question = `Is a late checkout OK for room 12? ${rand()}`;
    const calling = callFunction(app, {
      key: "hitl:ask",
      body: {
        name: "ask_human",
        call: retellCall(`call_${rand()}`),
        args: { question, choices: ["Yes, until 2 pm", "No"], timeoutSeconds: 30 },
      },
    });
    const answered = await answerWhenAsked(question, { choice: "Yes, until 2 pm", content: "Yes, until 2 pm — no charge." });
    expect(answered.status).toBe(201);
    const r = await calling;
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: "answered", choice: "Yes, until 2 pm", answer: "Yes, until 2 pm — no charge." });
    expect(Object.keys(r.json)[0]).toBe("message");
  });
});

describe("choices through the REST API", () => {
  it("POST /api/cases stores them; bad ones are a 422 naming the field", async () => {
    const created = await rest("POST", "/api/cases", "hitl:ask", { question: `Refund? ${rand()}`, choices: [" Refund ", "Store credit"] });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ choices: ["Refund", "Store credit"], choicesOnly: false, choice: null });
    for (const [body, field] of [
      [{ choices: ["A", "A"] }, /choices: must not repeat a choice/],
      [{ choices: ["A", "B", "C", "D", "E", "F", "G"] }, /choices: must offer at most 6/],
      [{ choicesOnly: true }, /choicesOnly: only valid with choices/],
    ] as const) {
      const r = await rest("POST", "/api/cases", "hitl:ask", { question: `Bad ${rand()}`, ...body });
      expect(r.status).toBe(422);
      expect(r.json.error.message).toMatch(field);
    }
  });

  it("an answer's choice is checked (422 naming choice), then kept on the case", async () => {
    const created = await rest("POST", "/api/cases", "hitl:ask", {
      question: `Upgrade to a suite? ${rand()}`,
      choices: ["Upgrade", "Keep the room"],
      choicesOnly: true,
    });
    const id = created.json.id as string;
    const path = `/api/cases/${id}/messages`;
    const unknown = await rest("POST", path, "hitl:answer", { choice: "Upgrade!" }, id);
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.message).toMatch(/^choice: must be one of/);
    const text = await rest("POST", path, "hitl:answer", { content: "Sure." }, id);
    expect(text.status).toBe(422);
    expect(text.json.error.message).toMatch(/^choice: required/);
    expect((await rest("GET", `/api/cases/${id}`, "hitl:ask", undefined, id)).json).toMatchObject({ status: "open", choice: null });

    const ok = await rest("POST", path, "hitl:answer", { choice: "Keep the room" }, id);
    expect(ok.status).toBe(201);
    expect(ok.json.message).toMatchObject({ senderType: "human", content: "Keep the room" });
    expect((await rest("GET", `/api/cases/${id}`, "hitl:ask", undefined, id)).json).toMatchObject({
      status: "answered",
      answer: "Keep the room",
      choice: "Keep the room",
    });
    const r = await callTool(agent, "get_human_answer", { caseId: id });
    expect(r.structured).toMatchObject({ status: "answered", choice: "Keep the room" });
  });
});
