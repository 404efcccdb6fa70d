import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, caseMessages, webhookDeliveries } from "@/lib/adapters/db/schema";
import { heartbeat } from "@/lib/domains/presence/presence";
import { askHuman, getHumanAnswer } from "@/lib/domains/hitl/ask-human";
import { createCase } from "@/lib/domains/hitl/create-case";
import { getCaseForPrincipal, getCaseOrThrow } from "@/lib/domains/hitl/get-case";
import { postMessage } from "@/lib/domains/hitl/post-message";
import { createMemoryEntry, updateMemoryEntry } from "@/lib/domains/memory/entries";
import { saveAnswerFromCase } from "@/lib/domains/memory/save-from-case";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { createTenant } from "@/tests/support/fixtures";
import { addKey, expectAppError, rand, waitFor } from "@/tests/hitl/helpers";
import type { Principal } from "@/lib/domains/auth/principal";

/**
 * Answers with choices, in the hitl domain: what a case may offer, what an answer may pick, and that the
 * picked choice reaches every reader — the waiting ask_human, get_human_answer, the REST case and callbacks.
 * Runs on PostgreSQL and PGlite (vitest.config.mts).
 */
describe("answers with choices", () => {
  let deps: TestDeps;
  let t: Awaited<ReturnType<typeof createTenant>>;
  let admin: Principal;
  const CHOICES = ["Approve 10% discount", "Decline", "Offer free shipping instead"];

  beforeAll(async () => {
    deps = await createTestDeps({ HITL_RECHECK_INTERVAL_MS: "20000", OUTBOUND_ALLOW_LOOPBACK: "true" });
    t = await createTenant(deps.db);
    await heartbeat(deps, t.answerer.principal);
    admin = await addKey(deps.db, t.account.id, ["admin"]);
  });
  afterAll(async () => deps?.close());

  const newCase = async (extra: Record<string, unknown> = {}) =>
    (await createCase(deps, t.agent.principal, { question: `Discount for order ${rand()}?`, ...extra }, { source: "api" })).case;

  it("stores the choices trimmed, and choicesOnly (false unless asked)", async () => {
    const c = await newCase({ choices: ["  Approve 10% discount ", "Decline"] });
    expect(c).toMatchObject({ choices: ["Approve 10% discount", "Decline"], choicesOnly: false, choice: null });
    const only = await newCase({ choices: CHOICES, choicesOnly: true });
    expect((await getCaseOrThrow(deps.db, t.account.id, only.id)).choicesOnly).toBe(true);
    expect((await newCase()).choices).toBeNull();
  });

  it.each([
    [{ choices: ["Only one"] }, /choices: must offer at least 2 choices/],
    [{ choices: ["1", "2", "3", "4", "5", "6", "7"] }, /choices: must offer at most 6 choices/],
    [{ choices: ["Yes", " Yes "] }, /choices: must not repeat a choice/],
    [{ choices: ["Yes", "   "] }, /choices\.1: must not be empty/],
    [{ choices: ["Yes", "x".repeat(81)] }, /choices\.1: must be at most 80 characters/],
    [{ choices: "Yes, No" }, /choices/],
    [{ choicesOnly: true }, /choicesOnly: only valid with choices/],
    [{ choices: ["Yes", "No"], choicesOnly: "yes" }, /choicesOnly/],
  ])("refuses %j with a 422 naming the field", async (extra, message) => {
    await expectAppError(newCase(extra), "validation_failed", message);
  });

  it("a choice alone answers: the answer is the choice's words, the case and the audit keep the choice", async () => {
    const c = await newCase({ choices: CHOICES });
    const res = await postMessage(deps, t.operator, c.id, { choice: "Decline" });
    expect(res.answered).toBe(true);
    expect(res.case).toMatchObject({ status: "answered", answer: "Decline", choice: "Decline", choices: CHOICES, choicesOnly: false });
    expect(res.message.content).toBe("Decline");
    const [audit] = await deps.db.select().from(auditLog).where(eq(auditLog.entityId, c.id)).orderBy(asc(auditLog.id)).offset(1);
    expect(audit).toMatchObject({ action: "case.answered", data: { choice: "Decline" } });
  });

  it("a choice with words: the words are the answer, the choice rides beside them", async () => {
    const c = await newCase({ choices: CHOICES, choicesOnly: true });
    const res = await postMessage(deps, t.answerer.principal, c.id, {
      choice: "Approve 10% discount",
      content: "Approved, this order only.",
    });
    expect(res.case).toMatchObject({ answer: "Approved, this order only.", choice: "Approve 10% discount" });
    expect(await getHumanAnswer(deps, t.agent.principal, { caseId: c.id })).toEqual({
      status: "answered",
      caseId: c.id,
      answer: "Approved, this order only.",
      choice: "Approve 10% discount",
      message: "Approved, this order only.",
    });
  });

  it("free text answers a case with choices unless choicesOnly; then the choice is null", async () => {
    const c = await newCase({ choices: CHOICES });
    const res = await postMessage(deps, t.operator, c.id, { content: "Ask them to call back tomorrow." });
    expect(res.case).toMatchObject({ status: "answered", answer: "Ask them to call back tomorrow.", choice: null });
    const result = await getHumanAnswer(deps, t.agent.principal, { caseId: c.id });
    expect(result).not.toHaveProperty("choice");
  });

  it("refuses, with a 422 naming choice and nothing written: free text on choicesOnly, an unknown or near choice, a choice the case never offered", async () => {
    const only = await newCase({ choices: CHOICES, choicesOnly: true });
    await expectAppError(postMessage(deps, t.operator, only.id, { content: "Sure, why not." }), "validation_failed", /^choice: required/);
    await expectAppError(postMessage(deps, t.operator, only.id, { choice: "Approve" }), "validation_failed", /choice: must be one of/);
    await expectAppError(postMessage(deps, t.operator, only.id, { choice: "decline" }), "validation_failed", /choice: must be one of/);
    await expectAppError(postMessage(deps, t.operator, only.id, {}), "validation_failed", /content: required \(or choice\)/);
    const plain = await newCase();
    await expectAppError(
      postMessage(deps, t.operator, plain.id, { choice: "Yes" }),
      "validation_failed",
      /choice: this case offers no choices/,
    );
    // The agent adds context; it cannot pick an answer.
    await expectAppError(
      postMessage(deps, t.agent.principal, only.id, { choice: "Decline" }),
      "validation_failed",
      /choice: only a person/,
    );
    for (const id of [only.id, plain.id]) {
      expect(await getCaseOrThrow(deps.db, t.account.id, id)).toMatchObject({ status: "open", answer: null, choice: null });
      expect(await deps.db.select().from(caseMessages).where(eq(caseMessages.caseId, id))).toHaveLength(1); // the question only
    }
    // Still answerable with a choice afterwards.
    expect((await postMessage(deps, t.operator, only.id, { choice: "Decline" })).case.choice).toBe("Decline");
  });

  it("the waiting ask_human returns the exact choice beside answer and message", async () => {
    const idempotencyKey = `choice-${rand()}`;
    const asking = askHuman(deps, t.agent.principal, {
      question: "May I give 10% off?",
      choices: CHOICES,
      timeoutSeconds: 30,
      idempotencyKey,
    });
    const c = await waitFor(
      async () =>
        (
          await createCase(
            deps,
            t.agent.principal,
            { question: "May I give 10% off?", choices: CHOICES, idempotencyKey },
            { source: "api" },
          )
        ).case,
    );
    await postMessage(deps, t.operator, c.id, { choice: "Offer free shipping instead" });
    expect(await asking).toEqual({
      status: "answered",
      caseId: c.id,
      answer: "Offer free shipping instead",
      choice: "Offer free shipping instead",
      message: "Offer free shipping instead",
    });
  });

  it("a late answer: get_human_answer after the wait, the REST case and the callback payload carry the choice", async () => {
    const received: string[] = [];
    const { createServer } = await import("node:http");
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => {
        received.push(body);
        res.writeHead(200).end("ok");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const port = (server.address() as { port: number }).port;
      const pending = await askHuman(deps, t.agent.principal, {
        question: "Refund the booking fee?",
        choices: ["Refund", "Keep the fee"],
        choicesOnly: true,
        timeoutSeconds: 5,
        callbackUrl: `http://127.0.0.1:${port}/hook`,
      });
      expect(pending.status).toBe("pending");
      await postMessage(deps, t.operator, pending.caseId!, { choice: "Keep the fee" });
      expect(await getHumanAnswer(deps, t.agent.principal, { caseId: pending.caseId! })).toMatchObject({
        status: "answered",
        choice: "Keep the fee",
      });
      expect(await getCaseForPrincipal(deps, t.agent.principal, pending.caseId!)).toMatchObject({
        choices: ["Refund", "Keep the fee"],
        choicesOnly: true,
        choice: "Keep the fee",
        answer: "Keep the fee",
      });
      const [delivery] = await deps.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.caseId, pending.caseId!));
      expect(JSON.parse(delivery!.body).case).toMatchObject({ choice: "Keep the fee", choices: ["Refund", "Keep the fee"] });
      const body = await waitFor(() => received.find((b) => b.includes(pending.caseId!)));
      expect(JSON.parse(body)).toMatchObject({ event: "case.answered", case: { id: pending.caseId, choice: "Keep the fee" } });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it("answer memory: an answer given as a choice, saved, answers a new case offering that choice with the choice", async () => {
    const question = `Can we waive the corkage fee for table ${rand()}?`;
    const c = await newCase({ question, choices: ["Waive it", "Charge it"] });
    await postMessage(deps, t.operator, c.id, { choice: "Waive it" });
    const saved = await saveAnswerFromCase(deps, t.operator, { caseId: c.id });
    expect(saved.answer).toBe("Waive it");
    await updateMemoryEntry(deps, admin, saved.id, { approvedForAuto: true });

    const again = await newCase({ question, choices: ["Charge it", "Waive it"], choicesOnly: true });
    expect(again).toMatchObject({ status: "answered", memoryAnswerId: saved.id, answer: "Waive it", choice: "Waive it" });
    expect(resultChoice(await getHumanAnswer(deps, t.agent.principal, { caseId: again.id }))).toBe("Waive it");
    // Without choices the saved answer answers as before, with no choice.
    expect(await newCase({ question })).toMatchObject({ status: "answered", memoryAnswerId: saved.id, choice: null });
  });

  it("answer memory: a saved answer that is none of the choices does not answer a choicesOnly case", async () => {
    const question = `Is the rooftop open tonight for party ${rand()}?`;
    const entry = await createMemoryEntry(deps, admin, { question, answer: "Yes, until 11 pm." });
    await updateMemoryEntry(deps, admin, entry.id, { approvedForAuto: true });
    expect(await newCase({ question, choices: ["Open", "Closed"], choicesOnly: true })).toMatchObject({
      status: "open",
      memoryAnswerId: null,
    });
    expect(await newCase({ question, choices: ["Open", "Closed"] })).toMatchObject({
      status: "answered",
      memoryAnswerId: entry.id,
      choice: null,
    });
  });
});

const resultChoice = (r: { choice?: string }) => r.choice;
