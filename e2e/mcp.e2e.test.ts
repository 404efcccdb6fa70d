import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { api, structured } from "./support/api";
import { connectLegacy, connectModern, type McpTestClient } from "./support/mcp-clients";

const { baseUrl, a, b } = inject("e2e");
const rest = api(baseUrl);

describe.each([
  ["2025-era client (@modelcontextprotocol/sdk 1.x)", connectLegacy],
  ["2026-07-28 client (@modelcontextprotocol/client 2.x)", connectModern],
])("MCP over Streamable HTTP — %s", (_label, connect) => {
  let agent: McpTestClient;
  let agentB: McpTestClient;

  beforeAll(async () => {
    agent = await connect(baseUrl, a.agentKey);
    agentB = await connect(baseUrl, b.agentKey);
  });
  afterAll(async () => {
    await agent?.close();
    await agentB?.close();
  });

  it("negotiates its era and lists the HITL tools with output schemas, instructions and the guide", async () => {
    if (agent.era.startsWith("2026")) expect(agent.protocolVersion()).toBe("2026-07-28");
    const tools = await agent.listTools();
    for (const name of ["ask_human", "get_human_answer", "cancel_human_request"]) {
      const tool = tools.find((t) => t.name === name);
      expect(tool, name).toBeDefined();
      expect(JSON.stringify(tool!.outputSchema)).toContain("unavailable");
    }
    expect(agent.instructions()).toMatch(/ask_human/);
    const guide = await agent.getPrompt("escalation-guide");
    expect(guide.messages[0]!.content.text).toMatch(/When to escalate/);
  });

  it("ask_human returns the answer an operator posts through the REST API, with progress while waiting", async () => {
    await rest.heartbeat(a.answerKey);
    const question = `Is the Elm Street branch open on Sunday? ${randomUUID()}`;
    const progress: number[] = [];
    const pending = agent.callTool(
      "ask_human",
      { question, callId: `call-${randomUUID()}`, priority: 4, urgency: "high" },
      { onprogress: (p) => progress.push(p.progress) },
    );
    const c = await rest.waitForOpenCase(a.answerKey, (x) => x.question === question);
    // Answer once a progress notification has arrived (every second here), however long that takes on this machine.
    for (const until = Date.now() + 30_000; progress.length === 0 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
    const posted = await rest.answer(a.answerKey, c.id, "Yes, 10 am to 4 pm.");
    expect(posted.status).toBe(201);
    const result = await pending;
    expect(result.isError).toBeFalsy();
    expect(structured(result)).toEqual({ status: "answered", caseId: c.id, answer: "Yes, 10 am to 4 pm.", message: "Yes, 10 am to 4 pm." });
    expect(JSON.parse(result.content[0]!.text!)).toMatchObject({ status: "answered" });
    expect(progress.length).toBeGreaterThanOrEqual(1);
  });

  it("returns pending at the deadline, then get_human_answer returns the late answer", async () => {
    await rest.heartbeat(a.answerKey);
    const question = `Can I move my appointment? ${randomUUID()}`;
    const first = structured(await agent.callTool("ask_human", { question, timeoutSeconds: 5 }));
    expect(first.status).toBe("pending");
    expect(first.message).toMatch(/get back to you/i);
    const later = agent.callTool("get_human_answer", { caseId: first.caseId, waitSeconds: 20 });
    await new Promise((r) => setTimeout(r, 300));
    expect((await rest.answer(a.answerKey, first.caseId!, "Yes, Tuesday works.")).status).toBe(201);
    expect(structured(await later)).toMatchObject({ status: "answered", caseId: first.caseId, answer: "Yes, Tuesday works." });
  });

  it("says unavailable at once when nobody is online, and keeps the case open", async () => {
    const started = Date.now();
    const r = structured(await agentB.callTool("ask_human", { question: `Anyone there? ${randomUUID()}` }));
    expect(r.status).toBe("unavailable");
    expect(r.message).toMatch(/no one is available/i);
    expect(Date.now() - started).toBeLessThan(20_000); // without waiting out the 45 s default
    const c = await rest.getCase(b.agentKey, r.caseId!);
    expect(c.json.status).toBe("open");
  });

  it("an idempotent retry returns the same case, never a duplicate", async () => {
    const key = randomUUID();
    const one = structured(await agentB.callTool("ask_human", { question: "Refund status?", idempotencyKey: key }));
    const two = structured(await agentB.callTool("ask_human", { question: "Refund status?", idempotencyKey: key }));
    expect(two.caseId).toBe(one.caseId);
    const callId = `retell-${randomUUID()}`;
    const [x, y] = await Promise.all([
      agentB.callTool("ask_human", { question: "Where is my order?", callId }),
      agentB.callTool("ask_human", { question: "Where is my order?", callId }),
    ]);
    expect(structured(x).caseId).toBe(structured(y).caseId);
  });

  it("cannot see another account's case", async () => {
    const theirs = structured(await agentB.callTool("ask_human", { question: `Private to Bravo ${randomUUID()}` }));
    const r = await agent.callTool("get_human_answer", { caseId: theirs.caseId });
    expect(r.isError).toBe(true);
    expect(r.content[0]!.text).toMatch(/not found/i);
    expect((await rest.getCase(a.agentKey, theirs.caseId!)).status).toBe(404);
    await expect(agent.readResource(`switchboard://cases/${theirs.caseId}`)).rejects.toThrow(/not found/i);
    await expect(agent.readResource(`switchboard://cases/${theirs.caseId}`)).rejects.toMatchObject({ code: -32602 });
    const own = await agentB.readResource(`switchboard://cases/${theirs.caseId}`);
    expect(JSON.parse(own.contents[0]!.text!).case.id).toBe(theirs.caseId);
  });

  it("rejects bad input with a tool error naming the field, and cancels on request", async () => {
    const bad = await agent.callTool("ask_human", { question: "x", priority: 9 });
    expect(bad.isError).toBe(true);
    expect(bad.content[0]!.text).toMatch(/priority/);
    expect(bad.content[0]!.text).not.toMatch(/at .*\.js/);
    // The same words the REST API uses for the same mistake.
    const viaRest = await rest.call("POST", "/api/cases", { key: a.agentKey, body: { question: "x", priority: 9 } });
    expect(viaRest.status).toBe(422);
    expect(bad.content[0]!.text).toContain(viaRest.json.error.message);
    const open = structured(await agentB.callTool("ask_human", { question: `Never mind ${randomUUID()}` }));
    const cancelled = structured(await agentB.callTool("cancel_human_request", { caseId: open.caseId }));
    expect(cancelled).toMatchObject({ status: "cancelled", caseId: open.caseId });
  });

  it("of concurrent answers exactly one wins", async () => {
    const c = structured(await agentB.callTool("ask_human", { question: `Race ${randomUUID()}` }));
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => rest.answer(b.answerKey, c.caseId!, `answer ${i}`)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
    const winner = answers.find((r) => r.status === 201)!.json.message.content;
    expect(structured(await agentB.callTool("get_human_answer", { caseId: c.caseId }))).toMatchObject({
      status: "answered",
      answer: winner,
    });
  });
});

describe("MCP client disconnect", () => {
  it("ends the wait, not the case: a later answer is still recorded and readable", async () => {
    await rest.heartbeat(a.answerKey);
    const question = `Hung up mid-wait ${randomUUID()}`;
    const abort = new AbortController();
    const call = fetch(`${baseUrl}/api/mcp`, {
      method: "POST",
      signal: abort.signal,
      headers: {
        authorization: `Bearer ${a.agentKey}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        "mcp-protocol-version": "2025-11-25",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "ask_human", arguments: { question } } }),
    }).catch((e: Error) => e.name);
    const c = await rest.waitForOpenCase(a.answerKey, (x) => x.question === question);
    abort.abort();
    expect(await call).toBe("AbortError");
    await new Promise((r) => setTimeout(r, 300));
    expect((await rest.getCase(a.agentKey, c.id)).json.status).toBe("open");
    expect((await rest.answer(a.answerKey, c.id, "Answer after the hang-up.")).status).toBe(201);
    const later = await connectModern(baseUrl, a.agentKey);
    try {
      expect(structured(await later.callTool("get_human_answer", { caseId: c.id }))).toMatchObject({
        status: "answered",
        answer: "Answer after the hang-up.",
      });
    } finally {
      await later.close();
    }
  });
});

describe("MCP endpoint guards", () => {
  it("401 with WWW-Authenticate and protected-resource metadata without a key", async () => {
    const res = await fetch(`${baseUrl}/api/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: "{}",
    });
    expect(res.status).toBe(401);
    const challenge = res.headers.get("www-authenticate")!;
    expect(challenge).toMatch(/^Bearer /);
    const metaUrl = /resource_metadata="([^"]+)"/.exec(challenge)![1]!;
    const meta = await (await fetch(metaUrl.replace("localhost", "127.0.0.1"))).json();
    expect(meta.resource).toMatch(/\/api\/mcp$/);
    const wrong = await fetch(`${baseUrl}/api/mcp`, {
      method: "POST",
      headers: { authorization: "Bearer sb_000000000000_nope" },
      body: "{}",
    });
    expect(wrong.status).toBe(401);
  });

  it("refuses a foreign Origin (DNS-rebinding protection)", async () => {
    const res = await fetch(`${baseUrl}/api/mcp`, {
      method: "POST",
      headers: { authorization: `Bearer ${a.agentKey}`, origin: "http://evil.example", "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/Origin/);
  });
});
