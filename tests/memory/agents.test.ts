import type { Client } from "@modelcontextprotocol/client";
import { and, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createCaseRoute } from "@/app/api/cases/route";
import { auditLog, cases, memoryAnswers } from "@/lib/adapters/db/schema";
import { createMemoryEntry, getMemoryEntryOrThrow, updateMemoryEntry } from "@/lib/domains/memory/entries";
import { updateMemorySettings } from "@/lib/domains/memory/settings";
import { BASE, startApp, type App } from "@/tests/support/matrix/app-harness";
import { callTool, connectInProcess } from "@/tests/support/in-process-mcp";
import { callFunction, retellCall } from "@/tests/retell/helpers";

/**
 * Agents answered from memory: ask_human through the official MCP client, the Retell custom function and
 * POST /api/cases all reach the same domain function, so an approved saved answer answers all three at once.
 */
let app: App;
let agent: Client;
let otherAccount: Client;
let entryId: string;
const SAVED = "Do you validate parking for the garage?";
const ANSWER = "Yes: bring your garage ticket to the host stand and we stamp it.";
const uniq = () => Math.random().toString(36).slice(2, 10);

beforeAll(async () => {
  app = await startApp();
  agent = await connectInProcess({ authorization: `Bearer ${app.keys.get("hitl:ask")}` });
  otherAccount = await connectInProcess({ authorization: `Bearer ${app.keys.get("other account")}` });
  entryId = (await createMemoryEntry(app.deps, app.adminKey, { question: SAVED, answer: ANSWER })).id;
}, 120_000);
afterAll(async () => {
  await agent?.close();
  await otherAccount?.close();
  await app?.close();
});

async function postCase(body: object) {
  const res = await createCaseRoute(
    new Request(`${BASE}/api/cases`, {
      method: "POST",
      headers: { authorization: `Bearer ${app.keys.get("hitl:ask")}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

describe("ask_human answered from memory", () => {
  it("an entry nobody approved never answers a caller: the question escalates as before", async () => {
    const r = await callTool(agent, "ask_human", { question: "Will you validate my garage parking?", timeoutSeconds: 5 });
    expect(r.structured).toMatchObject({ status: "unavailable" });
    expect((await callTool(agent, "search_answers", { question: SAVED })).structured).toMatchObject({ answers: [] });
  });

  it("once an admin approves it, MCP, Retell and REST get the answer at once, recorded as answered from memory", async () => {
    await updateMemoryEntry(app.deps, app.adminKey, entryId, { approvedForAuto: true });

    const mcp = await callTool(agent, "ask_human", { question: "Will you validate my garage parking?", timeoutSeconds: 5 });
    expect(mcp.structured).toMatchObject({ status: "answered_from_memory", answer: ANSWER, message: ANSWER });

    const retell = await callFunction(app, {
      key: "hitl:ask",
      body: { name: "ask_human", call: retellCall(`call_${uniq()}`), args: { question: "do you guys validate garage parking" } },
    });
    expect(retell.status).toBe(200);
    expect(retell.json).toMatchObject({ status: "answered_from_memory", message: ANSWER });

    const rest = await postCase({ question: "Is garage parking validated?" });
    expect(rest.status).toBe(201);
    expect(rest.json).toMatchObject({ status: "answered", answer: ANSWER, memoryAnswerId: entryId });

    const answered = await app.deps.db
      .select()
      .from(cases)
      .where(and(eq(cases.accountId, app.accountA.id), isNotNull(cases.memoryAnswerId)));
    expect(answered).toHaveLength(3);
    for (const c of answered) expect(c).toMatchObject({ status: "answered", answer: ANSWER, pagedAt: null, claimedByMemberId: null });
    const audits = await app.deps.db.select().from(auditLog).where(eq(auditLog.action, "case.answered_from_memory"));
    expect(audits).toHaveLength(3);
    expect((await getMemoryEntryOrThrow(app.deps, app.accountA.id, entryId)).autoUsedCount).toBe(3);
  });

  it("search_answers returns the approved answer with its score", async () => {
    const r = await callTool(agent, "search_answers", { question: "Do you stamp parking tickets for the garage?" });
    expect(r.isError).toBe(false);
    const answers = r.structured!.answers as Array<{ id: string; score: number; answer: string }>;
    expect(answers[0]).toMatchObject({ id: entryId, answer: ANSWER });
    expect(answers[0]!.score).toBeGreaterThan(0);
  });

  it("a different question, another account, or automatic answers turned off: a person is asked", async () => {
    const other = await callTool(agent, "ask_human", { question: "Do you validate parking on the street?", timeoutSeconds: 5 });
    expect(other.structured).toMatchObject({ status: "unavailable" });
    const theirs = await callTool(otherAccount, "ask_human", { question: SAVED, timeoutSeconds: 5 });
    expect(theirs.structured).toMatchObject({ status: "unavailable" });
    expect((await callTool(otherAccount, "search_answers", { question: SAVED })).structured).toMatchObject({ answers: [] });

    await updateMemorySettings(app.deps, app.adminKey, { autoAnswer: false });
    const off = await callTool(agent, "ask_human", { question: SAVED, timeoutSeconds: 5 });
    expect(off.structured).toMatchObject({ status: "unavailable" });
    await updateMemorySettings(app.deps, app.adminKey, { autoAnswer: null });
    const rows = await app.deps.db.select().from(memoryAnswers).where(eq(memoryAnswers.id, entryId));
    expect(rows[0]!.autoUsedCount).toBe(3);
  });

  it("the account's threshold decides: above every score, nothing is answered automatically", async () => {
    const question = "Can you validate the parking ticket for the garage?";
    const { score } = ((await callTool(agent, "search_answers", { question })).structured!.answers as Array<{ score: number }>)[0]!;
    expect(score).toBeLessThan(1);
    await updateMemorySettings(app.deps, app.adminKey, { threshold: Math.min(1, score + 0.01) });
    expect((await callTool(agent, "ask_human", { question, timeoutSeconds: 5 })).structured).toMatchObject({ status: "unavailable" });
    await updateMemorySettings(app.deps, app.adminKey, { threshold: score });
    expect((await callTool(agent, "ask_human", { question, timeoutSeconds: 5 })).structured).toMatchObject({
      status: "answered_from_memory",
    });
    await updateMemorySettings(app.deps, app.adminKey, { threshold: null });
  });
});
