import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { symmetric } from "retell-sdk/lib/webhook_auth";
import { callEvents, calls, cases } from "@/lib/adapters/db/schema";
import { getCallEscalations } from "@/lib/domains/calls/call-escalations";
import { getCallDetails } from "@/lib/domains/calls/get-call";
import { getCaseForPrincipal } from "@/lib/domains/hitl/get-case";
import { createCase } from "@/lib/domains/hitl/create-case";
import { postMessage } from "@/lib/domains/hitl/post-message";
import { getHitlMetrics } from "@/lib/domains/metrics/hitl-metrics";
import { startApp, type App } from "@/tests/support/matrix/app-harness";
import { callFunction, endedCall, retellCall, retellSettings, sendWebhook } from "@/tests/retell/helpers";

/** Retell call webhooks → calls beside Bland/simulator calls, linked both ways to the cases asked during them. */
let app: App;
const KEY_A = "key_webhookA_9f8e7d6c5b4a";
const KEY_B = "key_webhookB_1a2b3c4d5e6f";
beforeAll(async () => {
  app = await startApp();
  expect((await retellSettings(app, "PUT", "admin key", { apiKey: KEY_A })).status).toBe(200);
  expect((await retellSettings(app, "PUT", "other account", { apiKey: KEY_B })).status).toBe(200);
}, 120_000);
afterAll(async () => app?.close());

const uniq = () => Math.random().toString(36).slice(2, 10);
const rowOf = async (providerCallId: string) => (await app.deps.db.select().from(calls).where(eq(calls.providerCallId, providerCallId)))[0];
const TURNS = [
  { role: "agent" as const, content: "Thanks for calling Café Mérida, how can I help?", at: 1.2 },
  { role: "user" as const, content: "Can I bring my dog to the terrace?", at: 6.5 },
  { role: "agent" as const, content: "Yes — dogs are welcome on the terrace.", at: 70 },
];

describe("POST /api/webhooks/retell", () => {
  it("refuses what it cannot attribute or verify: no account, no signature, wrong key, stale, tampered — nothing stored", async () => {
    const id = `call_${uniq()}`;
    const raw = JSON.stringify({ event: "call_started", call: retellCall(id) });
    const A = app.accountA.id;
    const results = [
      await sendWebhook(app, { body: raw, signWith: KEY_A }),
      await sendWebhook(app, { accountId: A, body: raw }),
      await sendWebhook(app, { accountId: A, body: raw, signWith: KEY_B }),
      await sendWebhook(app, { accountId: A, body: raw, signature: await symmetric.sign(raw, KEY_A, Date.now() - 6 * 60_000) }),
      await sendWebhook(app, { accountId: A, body: raw.replace("inbound", "outbound"), signature: await symmetric.sign(raw, KEY_A) }),
      await sendWebhook(app, { accountId: "00000000-0000-4000-8000-000000000000", body: raw, signWith: KEY_A }),
    ];
    expect(results.map((r) => r.status)).toEqual([400, 401, 401, 401, 401, 401]);
    expect(results[0]!.json.error.message).toMatch(/account/);
    expect(await rowOf(id)).toBeUndefined();
    // Signed correctly but not a call webhook: 400 naming the field.
    const bad = await sendWebhook(app, { accountId: A, body: { event: "call_started", call: { agent_id: "x" } }, signWith: KEY_A });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/call_id/);
  });

  it("stores call_started → call_ended → call_analyzed beside other calls; a replay changes nothing", async () => {
    const id = `call_${uniq()}`;
    const A = app.accountA.id;
    const started = await sendWebhook(app, {
      accountId: A,
      body: { event: "call_started", call: { ...retellCall(id), start_timestamp: Date.now() - 120_000 } },
      signWith: KEY_A,
    });
    expect(started.status).toBe(200);
    expect(started.json).toMatchObject({ received: true, duplicate: false, status: "in_progress" });
    const ended = endedCall(id, TURNS);
    const end = await sendWebhook(app, { accountId: A, body: { event: "call_ended", call: ended }, signWith: KEY_A });
    expect(end.json).toMatchObject({ duplicate: false, status: "completed", callId: started.json.callId });
    const analysis = { call_summary: "The caller asked about dogs on the terrace.", user_sentiment: "Positive", call_successful: true };
    await sendWebhook(app, {
      accountId: A,
      body: { event: "call_analyzed", call: { ...ended, call_analysis: analysis } },
      signWith: KEY_A,
    });

    const row = (await rowOf(id))!;
    expect(row).toMatchObject({
      accountId: A,
      provider: "retell",
      status: "completed",
      phoneNumber: "+14155550123",
      direction: "inbound",
      fromNumber: "+14155550123",
      toNumber: "+14155550999",
      agentId: "agent_retell_test",
      durationSeconds: 95,
      endReason: "user_hangup",
      recordingUrl: "https://retell-recordings.example/rec.wav",
      summary: analysis.call_summary,
      callAnalysis: analysis,
      ratePerMinute: 0,
      cost: 0,
    });
    expect(row.transcript).toEqual([
      { speaker: "agent", text: TURNS[0]!.content, atSeconds: 1.2 },
      { speaker: "caller", text: TURNS[1]!.content, atSeconds: 6.5 },
      { speaker: "agent", text: TURNS[2]!.content, atSeconds: 70 },
    ]);
    const details = await getCallDetails(app.deps, app.adminKey, row.id);
    expect(details.retell).toMatchObject({ direction: "inbound", agentId: "agent_retell_test", callAnalysis: analysis });

    // Replays (Retell retries a webhook it thinks failed) — even with a later, different body — change nothing.
    const eventsBefore = await app.deps.db.select().from(callEvents).where(eq(callEvents.callId, row.id));
    const replay = await sendWebhook(app, {
      accountId: A,
      body: { event: "call_ended", call: { ...ended, disconnection_reason: "dial_failed", duration_ms: 5000 } },
      signWith: KEY_A,
    });
    expect(replay.json).toMatchObject({ duplicate: true, applied: false, status: "completed" });
    const again = (await rowOf(id))!;
    expect(again).toEqual(row);
    expect(await app.deps.db.select().from(callEvents).where(eq(callEvents.callId, row.id))).toEqual(eventsBefore);
    // A web call has no numbers: stored all the same.
    const web = `call_${uniq()}`;
    const w = await sendWebhook(app, {
      accountId: A,
      body: {
        event: "call_ended",
        call: { ...endedCall(web, TURNS), call_type: "web_call", from_number: undefined, to_number: undefined, direction: undefined },
      },
      signWith: KEY_A,
    });
    expect(w.status).toBe(200);
    expect((await rowOf(web))!).toMatchObject({ phoneNumber: null, status: "completed" });
  });

  it("links the call and the cases asked during it both ways; the escalation sits on the call's clock; metrics filter by agent", async () => {
    const id = `call_${uniq()}`;
    const A = app.accountA.id;
    const asked = await callFunction(app, {
      key: "hitl:ask",
      signWith: KEY_A,
      body: {
        name: "ask_human",
        call: { ...retellCall(id, [{ role: "user", content: TURNS[1]!.content }]), agent_id: "agent_terrace" },
        args: { question: "Are dogs allowed on the terrace?" },
      },
    });
    expect(asked.status).toBe(200);
    const caseId = asked.json.caseId as string;
    // Before the call is stored the case has no link yet; the webhook makes it.
    expect((await caseView(caseId)).linkedCallId).toBeNull();
    const end = await sendWebhook(app, {
      accountId: A,
      body: { event: "call_ended", call: { ...endedCall(id, TURNS), agent_id: "agent_terrace" } },
      signWith: KEY_A,
    });
    expect(end.status).toBe(200);
    const callRowId = end.json.callId as string;
    expect((await caseView(caseId)).linkedCallId).toBe(callRowId);
    const details = await getCallDetails(app.deps, app.adminKey, callRowId);
    const escalations = await getCallEscalations(app.deps, app.adminKey, details);
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ caseId, question: "Are dogs allowed on the terrace?", waitOutcome: "unavailable" });
    // endedCall() starts the call two minutes ago: the question came about 120 s in.
    expect(escalations[0]!.atSeconds).toBeGreaterThan(100);
    expect(escalations[0]!.atSeconds).toBeLessThan(600);

    await createCase(app.deps, app.agent, { question: `Another agent's question ${uniq()}?`, agentId: "agent_other" }, { source: "api" });
    const range = { from: new Date(Date.now() - 3600_000), to: new Date(Date.now() + 60_000) };
    const all = await getHitlMetrics(app.deps.db, A, range);
    const terrace = await getHitlMetrics(app.deps.db, A, { ...range, agent: "agent_terrace" });
    expect(all.agents).toEqual(expect.arrayContaining(["agent_terrace", "agent_other"]));
    expect(terrace.total).toBe(1);
    expect(all.total).toBeGreaterThan(1);
  });

  it("an escalation answered with a choice shows on the call with the choices offered and the one picked", async () => {
    const id = `call_${uniq()}`;
    const choices = ["Terrace table", "Indoor table", "Waitlist"];
    const offered = await createCase(
      app.deps,
      app.agent,
      { question: `Where to seat the party ${uniq()}?`, callId: id, choices },
      { source: "api" },
    );
    const words = await createCase(
      app.deps,
      app.agent,
      { question: `Bring a cake ${uniq()}?`, callId: id, choices: ["Yes", "No"] },
      { source: "api" },
    );
    expect((await postMessage(app.deps, app.adminKey, offered.case.id, { choice: "Indoor table" })).answered).toBe(true);
    expect((await postMessage(app.deps, app.adminKey, words.case.id, { content: "Only if it is nut-free" })).answered).toBe(true);
    const end = await sendWebhook(app, {
      accountId: app.accountA.id,
      body: { event: "call_ended", call: endedCall(id, TURNS) },
      signWith: KEY_A,
    });
    expect(end.status).toBe(200);
    const details = await getCallDetails(app.deps, app.adminKey, end.json.callId as string);
    const escalations = await getCallEscalations(app.deps, app.adminKey, details);
    expect(escalations.map((e) => ({ answer: e.answer, choices: e.choices, choice: e.choice }))).toEqual([
      { answer: "Indoor table", choices, choice: "Indoor table" },
      { answer: "Only if it is nut-free", choices: ["Yes", "No"], choice: null },
    ]);
  });

  it("the caller's transcript so far reaches the open case from a transcript_updated webhook (it only grows)", async () => {
    const id = `call_${uniq()}`;
    const A = app.accountA.id;
    const asked = await callFunction(app, {
      key: "hitl:ask",
      signWith: KEY_A,
      body: {
        name: "ask_human",
        call: retellCall(id, [{ role: "user", content: "Hello?" }]),
        args: { question: `Live transcript ${uniq()}?` },
      },
    });
    const caseId = asked.json.caseId as string;
    const live = {
      ...retellCall(id, [
        { role: "user", content: "Hello?" },
        { role: "agent", content: "Let me check." },
        { role: "user", content: "Also: is it wheelchair accessible?" },
      ]),
      call_status: "ongoing",
    };
    expect((await sendWebhook(app, { accountId: A, body: { event: "transcript_updated", call: live }, signWith: KEY_A })).status).toBe(200);
    const row = (await app.deps.db.select().from(cases).where(eq(cases.id, caseId)))[0]!;
    expect(row.conversationHistory.map((h) => h.content)).toEqual(["Hello?", "Let me check.", "Also: is it wheelchair accessible?"]);
    // A shorter (older) update does not shrink it.
    await sendWebhook(app, {
      accountId: A,
      body: { event: "transcript_updated", call: retellCall(id, [{ role: "user", content: "Hello?" }]) },
      signWith: KEY_A,
    });
    expect((await app.deps.db.select().from(cases).where(eq(cases.id, caseId)))[0]!.conversationHistory).toHaveLength(3);
  });

  it("tenant isolation: another account can neither post to this account's URL nor claim its call id, nor see its escalations", async () => {
    const id = `call_${uniq()}`;
    const A = app.accountA.id;
    const B = app.accountB.id;
    await callFunction(app, {
      key: "hitl:ask",
      signWith: KEY_A,
      body: { name: "ask_human", call: retellCall(id), args: { question: `Account A only ${uniq()}?` } },
    });
    const mine = await sendWebhook(app, { accountId: A, body: { event: "call_ended", call: endedCall(id, TURNS) }, signWith: KEY_A });
    expect(mine.status).toBe(200);
    const before = (await rowOf(id))!;
    // B's Retell key on A's URL: refused.
    expect(
      (
        await sendWebhook(app, {
          accountId: A,
          body: { event: "call_analyzed", call: endedCall(id, TURNS, { call_analysis: { call_summary: "forged" } }) },
          signWith: KEY_B,
        })
      ).status,
    ).toBe(401);
    // B's URL, B's key, A's call id: B gets no row of A's, and A's row is untouched.
    const squat = await sendWebhook(app, {
      accountId: B,
      body: { event: "call_analyzed", call: endedCall(id, TURNS, { call_analysis: { call_summary: "forged" } }) },
      signWith: KEY_B,
    });
    expect(squat.status).toBe(409);
    expect(await rowOf(id)).toEqual(before);
    expect(
      await app.deps.db
        .select()
        .from(calls)
        .where(and(eq(calls.accountId, B), eq(calls.providerCallId, id))),
    ).toHaveLength(0);
    // B's admin looking at the call through its own principal: not found; escalations by id: none.
    await expect(getCallDetails(app.deps, await principalB(), mine.json.callId)).rejects.toMatchObject({ code: "not_found" });
    expect(await getCallEscalations(app.deps, await principalB(), { providerCallId: id, startedAt: null })).toEqual([]);
  });
});

async function principalB() {
  const { verifyApiKey } = await import("@/lib/domains/api-keys/api-keys");
  return (await verifyApiKey(app.deps, app.keys.get("other account")!))!;
}

async function caseView(caseId: string) {
  return getCaseForPrincipal(app.deps, app.agent, caseId);
}
