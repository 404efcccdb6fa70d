import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { linkKey, signRecording } from "@/lib/domains/calls/recording-link";
import { parseConfig } from "@/lib/platform/config/env";
import { api } from "./support/api";
import { connectModern, type McpTestClient, type ToolCallResult } from "./support/mcp-clients";

const { baseUrl, a, b } = inject("e2e");
const rest = api(baseUrl);
const sc = (r: ToolCallResult) => r.structuredContent as any;
const text = (r: ToolCallResult) => r.content.map((c) => c.text ?? "").join(" ");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const CALL_TOOLS = [
  "make_phone_call",
  "get_call_status",
  "get_call_details",
  "get_call_history",
  "get_call_transcript",
  "get_call_recording",
  "cancel_call",
  "get_model_options",
  "get_voice_options",
  "update_call_preferences",
  "get_credits",
  "add_credits",
];

describe("phone calls over MCP on the simulator", () => {
  let calls: McpTestClient;
  let callsB: McpTestClient;
  let admin: McpTestClient;
  let agent: McpTestClient;
  beforeAll(async () => {
    [calls, callsB, admin, agent] = await Promise.all([
      connectModern(baseUrl, a.callsKey),
      connectModern(baseUrl, b.callsKey),
      connectModern(baseUrl, a.adminKey),
      connectModern(baseUrl, a.agentKey),
    ]);
  });
  afterAll(async () => {
    await Promise.all([calls, callsB, admin, agent].map((c) => c?.close()));
  });

  async function waitForStatus(id: string, done: (s: string) => boolean, timeoutMs = 30_000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const r = await calls.callTool("get_call_status", { callId: id });
      expect(r.isError, text(r)).toBeFalsy();
      if (done(sc(r).status)) return sc(r);
      if (Date.now() > until) throw new Error(`call ${id} still ${sc(r).status}`);
      await sleep(300);
    }
  }

  it("lists every call tool with an output schema, and the instructions mention them", async () => {
    const callsKeyTools = await calls.listTools();
    // add_credits is admin-only: a calls key is not offered it (tools/list follows the key's scopes).
    expect(callsKeyTools.map((t) => t.name)).not.toContain("add_credits");
    const tools = [...callsKeyTools, ...(await admin.listTools())];
    for (const name of CALL_TOOLS) expect(tools.find((t) => t.name === name)?.outputSchema, name).toBeDefined();
    expect(calls.instructions()).toContain("make_phone_call");
  });

  it("refuses a number that is not E.164, naming the field", async () => {
    const r = await calls.callTool("make_phone_call", { phoneNumber: "415-555-0123", task: "Say hello." });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/phoneNumber: must be an E\.164 phone number/);
  });

  it("places a call, watches it complete, reads details, transcript and the signed recording", async () => {
    const before = sc(await calls.callTool("get_credits", {}));
    const placed = await calls.callTool("make_phone_call", {
      phoneNumber: "+14155550123",
      task: "Confirm the table for four at 7pm tonight.",
      maxDurationMinutes: 3,
      record: true,
      metadata: { order: "42" },
    });
    expect(placed.isError, text(placed)).toBeFalsy();
    const { callId } = sc(placed);
    // The simulator runs at 60× here: by the time the reply is written the call may be ringing, talking or
    // (on a busy machine) over. Any state of a call that goes through is right; the hold is checked in the ledger.
    expect(["queued", "ringing", "in_progress", "completed"]).toContain(sc(placed).call.status);
    expect(sc(placed).call.metadata).toEqual({ order: "42" });

    const final = await waitForStatus(callId, (s) => s === "completed");
    expect(final.durationSeconds).toBeGreaterThan(0);
    expect(final.cost).toBe(Math.ceil(final.durationSeconds / 60) * before.ratePerMinute);

    const details = sc(await calls.callTool("get_call_details", { callId }));
    expect(details.transcript.length).toBeGreaterThan(1);
    const transcript = sc(await calls.callTool("get_call_transcript", { callId }));
    expect(transcript.text).toMatch(/Agent: /);

    const after = sc(await calls.callTool("get_credits", {}));
    expect(after.balance).toBe(before.balance - final.cost);
    expect(after.ledger.find((e: any) => e.kind === "hold" && e.callId === callId)).toMatchObject({ heldDelta: 3 * before.ratePerMinute });
    expect(after.ledger.find((e: any) => e.kind === "settle" && e.callId === callId)).toMatchObject({ amount: -final.cost });

    // The recording link: audio bytes with their content type; tampered or expired → 403.
    const rec = await calls.callTool("get_call_recording", { callId });
    expect(rec.isError, text(rec)).toBeFalsy();
    const url = new URL(sc(rec).url);
    const audio = await fetch(url);
    expect(audio.status).toBe(200);
    expect(audio.headers.get("content-type")).toMatch(/^audio\//);
    const bytes = new Uint8Array(await audio.arrayBuffer());
    expect(bytes.byteLength).toBeGreaterThan(1000);
    expect(new TextDecoder().decode(bytes.slice(0, 4))).toBe("RIFF");

    const tampered = new URL(url);
    tampered.searchParams.set(
      "signature",
      url.searchParams.get("signature")!.replace(/^./, (c) => (c === "a" ? "b" : "a")),
    );
    expect((await fetch(tampered)).status).toBe(403);
    const longer = new URL(url);
    longer.searchParams.set("expires", String(Number(url.searchParams.get("expires")) + 3600));
    expect((await fetch(longer)).status).toBe(403);
    const past = Math.floor(Date.now() / 1000) - 5;
    const key = linkKey(parseConfig({ RECORDING_SIGNING_SECRET: "e2e-recording-signing-secret-0123456789" }), "");
    const expired = new URL(url);
    expired.searchParams.set("expires", String(past));
    expired.searchParams.set("signature", signRecording(key, callId, past));
    expect((await fetch(expired)).status).toBe(403);

    // Resources and REST see the same call; tenant B sees nothing.
    const res = JSON.parse((await calls.readResource(`switchboard://calls/${callId}`)).contents[0]!.text!);
    expect(res).toMatchObject({ id: callId, status: "completed" });
    expect((await rest.call("GET", `/api/calls/${callId}`, { key: a.callsKey })).json).toMatchObject({ id: callId, cost: final.cost });
    expect((await rest.call("GET", `/api/calls/${callId}`, { key: b.callsKey })).status).toBe(404);
    const other = await callsB.callTool("get_call_details", { callId });
    expect(other.isError).toBe(true);
    expect(text(other)).toMatch(/not found/);
    const history = sc(await calls.callTool("get_call_history", { status: ["completed"], phoneNumber: "+14155550123" }));
    expect(history.calls.map((c: any) => c.id)).toContain(callId);
  });

  it("cancel_call stops a live call and releases its hold", async () => {
    const placed = sc(
      await calls.callTool("make_phone_call", { phoneNumber: "+14155557777", task: "Talk until told to stop.", maxDurationMinutes: 30 }),
    );
    const canceled = await calls.callTool("cancel_call", { callId: placed.callId });
    expect(canceled.isError, text(canceled)).toBeFalsy();
    expect(sc(canceled)).toMatchObject({ status: "canceled", cost: 0, heldCredits: 0 });
  });

  it("credits: add_credits needs admin; options and preferences", async () => {
    const denied = await calls.callTool("add_credits", { amount: 100, reason: "top-up" });
    expect(denied.isError).toBe(true);
    expect(text(denied)).toMatch(/admin/);
    const before = sc(await admin.callTool("get_credits", {})).balance;
    const added = await admin.callTool("add_credits", { amount: 250, reason: "e2e top-up" });
    expect(sc(added).balance).toBe(before + 250);
    expect(sc(added).ledger[0]).toMatchObject({ kind: "grant", amount: 250, reason: "e2e top-up" });
    expect(sc(await calls.callTool("get_voice_options", {})).voices.length).toBeGreaterThan(0);
    expect(sc(await calls.callTool("get_model_options", {})).models.length).toBeGreaterThan(0);
    const prefs = await calls.callTool("update_call_preferences", { voice: "josh", maxDurationMinutes: 4 });
    expect(sc(prefs).preferences).toMatchObject({ voice: "josh", maxDurationMinutes: 4 });
    const account = JSON.parse((await calls.readResource("switchboard://account")).contents[0]!.text!);
    expect(account.callPreferences).toMatchObject({ voice: "josh" });
    await calls.callTool("update_call_preferences", { voice: null, maxDurationMinutes: null });
  });

  it("a hitl:ask-only key gets no callback call: the case says why (toll-fraud guard)", async () => {
    const asked = await agent.callTool("ask_human", {
      question: "Call me back?",
      callerInfo: { phone: "+19005550177" },
      followUp: "phone",
      timeoutSeconds: 5,
    });
    expect(asked.isError, text(asked)).toBeFalsy();
    const c = (await rest.getCase(a.answerKey, sc(asked).caseId)).json;
    expect(c.followUpRefused).toMatch(/calls:write/);
  });

  it("a late ask_human answer places a callback call to the caller, linked both ways", async () => {
    // The asking key holds calls:write: a callback is a billed call (README § Permission matrix).
    const asked = await calls.callTool("ask_human", {
      question: "Is the pharmacy open on Sunday?",
      callerInfo: { name: "Sam", phone: "+14155550177" },
      followUp: "phone",
      timeoutSeconds: 5,
    });
    expect(asked.isError, text(asked)).toBeFalsy();
    const caseId = sc(asked).caseId;
    expect(["pending", "unavailable"]).toContain(sc(asked).status);
    expect((await rest.answer(a.answerKey, caseId, "Yes, Sundays 10 to 4.")).status).toBeLessThan(300);
    let callId: string | null = null;
    for (let i = 0; i < 100 && !callId; i++) {
      callId = (await rest.getCase(a.answerKey, caseId)).json?.followUpCallId ?? null;
      if (!callId) await sleep(200);
    }
    expect(callId).toBeTruthy();
    const call = sc(await calls.callTool("get_call_details", { callId }));
    expect(call).toMatchObject({ caseId, phoneNumber: "+14155550177" });
    expect(call.task).toContain("Sundays 10 to 4");
    await waitForStatus(callId!, (s) => s === "completed");
  });
});
