import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { count, eq } from "drizzle-orm";
import { cases } from "@/lib/adapters/db/schema";
import { createCase, caseIdForSession } from "@/lib/domains/hitl/create-case";
import { askHuman } from "@/lib/domains/hitl/ask-human";
import { postMessage } from "@/lib/domains/hitl/post-message";
import { listCases } from "@/lib/domains/hitl/list-cases";
import { listCasesQuery } from "@/lib/domains/hitl/schemas";
import { makePhoneCall } from "@/lib/domains/calls/make-phone-call";
import { listCalls } from "@/lib/domains/calls/list-calls";
import { addCredits, getCredits } from "@/lib/domains/credits/account-credits";
import { listDeadLetters } from "@/lib/domains/calls/dead-letters";
import { handleProviderWebhook } from "@/lib/domains/calls/handle-provider-webhook";
import { providerWebhook } from "@/tests/support/provider-webhook";
import { createCannedReply } from "@/lib/domains/canned-replies/canned-replies";
import { createKeyForAccount } from "@/lib/domains/api-keys/manage-api-keys";
import { addMember } from "@/lib/domains/members/add-member";
import { metricsRangeQuery } from "@/lib/domains/metrics/hitl-metrics";
import { parseOrThrow } from "@/lib/platform/validation/parse";
import { createCallsTenant, createCallsTestDeps, type CallsTestDeps } from "@/tests/calls/helpers";
import { expectAppError } from "@/tests/hitl/helpers";

const NUL = "before\u0000after";
const deep = (levels: number) => {
  let v: unknown = "leaf";
  for (let i = 0; i < levels; i++) v = { a: v };
  return v as Record<string, unknown>;
};

let deps: CallsTestDeps;
let t: Awaited<ReturnType<typeof createCallsTenant>>;
beforeAll(async () => {
  deps = await createCallsTestDeps({ CREDITS_STARTING_BALANCE: "1000" });
  t = await createCallsTenant(deps.db);
});
afterAll(() => deps.close());

const caseCount = async () => (await deps.db.select({ n: count() }).from(cases).where(eq(cases.accountId, t.account.id)))[0]!.n;

describe("bad text is a validation error naming the field, never a database error", () => {
  it("cases: NUL in question, callerInfo (any depth), history; 5,000-level callerInfo; nothing written", async () => {
    const agent = t.agent.principal;
    const before = await caseCount();
    await expectAppError(
      createCase(deps, agent, { question: NUL }, { source: "api" }),
      "validation_failed",
      /^question: must not contain NUL/,
    );
    await expectAppError(
      createCase(deps, agent, { question: "ok", callerInfo: { name: NUL } }, { source: "api" }),
      "validation_failed",
      /^callerInfo\.name: /,
    );
    await expectAppError(
      createCase(deps, agent, { question: "ok", callerInfo: { "\ud800": 1 } }, { source: "api" }),
      "validation_failed",
      /^callerInfo: keys must be valid Unicode/,
    );
    await expectAppError(
      createCase(deps, agent, { question: "ok", callerInfo: deep(5000) }, { source: "api" }),
      "validation_failed",
      /^callerInfo: must be nested at most 8 levels/,
    );
    await expectAppError(
      createCase(deps, agent, { question: "ok", conversationHistory: [{ role: "user", content: NUL }] }, { source: "api" }),
      "validation_failed",
      /^conversationHistory\.0\.content: /,
    );
    await expectAppError(askHuman(deps, agent, { question: "ok", context: NUL }), "validation_failed", /^context: /);
    expect(await caseCount()).toBe(before);
  });

  it("messages, search, canned replies, keys, members, calls, credits", async () => {
    const { case: c } = await createCase(deps, t.agent.principal, { question: "Is it open?" }, { source: "api" });
    await expectAppError(postMessage(deps, t.operator, c.id, { content: NUL }), "validation_failed", /^content: /);
    await expectAppError(() => parseOrThrow(listCasesQuery, { q: NUL }), "validation_failed", /^q: /);
    expect((await listCases(deps, t.account.id, parseOrThrow(listCasesQuery, { q: "open" }))).cases).toHaveLength(1);
    await expectAppError(createCannedReply(deps, t.admin, { shortcut: "hours", body: NUL }), "validation_failed", /^body: /);
    await expectAppError(createKeyForAccount(deps, t.admin, { name: NUL, scopes: ["hitl:ask"] }), "validation_failed", /^name: /);
    await expectAppError(
      addMember(deps, t.admin, { email: "x@example.test", name: NUL, role: "operator" }),
      "validation_failed",
      /^name: /,
    );
    await expectAppError(makePhoneCall(deps, t.caller, { phoneNumber: "+14155550123", task: NUL }), "validation_failed", /^task: /);
    await expectAppError(
      makePhoneCall(deps, t.caller, { phoneNumber: "+14155550123", task: "hi", metadata: { k: NUL } }),
      "validation_failed",
      /^metadata\.k: /,
    );
    await expectAppError(addCredits(deps, t.admin, { amount: 5, reason: NUL }), "validation_failed", /^reason: /);
  });
});

describe("out-of-range dates and non-integer limits are validation errors", () => {
  it("call history, credits, metrics, dead letters, cursors", async () => {
    await expectAppError(listCalls(deps, t.reader, { from: "+200000-01-01T00:00:00Z" }), "validation_failed", /^from: must be an ISO 8601/);
    await expectAppError(listCalls(deps, t.reader, { to: "-000001-01-01T00:00:00Z" }), "validation_failed", /^to: /);
    await expectAppError(
      listCalls(deps, t.reader, { cursor: Buffer.from("2026-01-01T00:00:00Z|not-a-uuid").toString("base64url") }),
      "validation_failed",
      /^cursor: /,
    );
    await expectAppError(
      listCalls(deps, t.reader, { cursor: Buffer.from(`+200000-01-01T00:00:00Z|${crypto.randomUUID()}`).toString("base64url") }),
      "validation_failed",
      /^cursor: /,
    );
    await expectAppError(getCredits(deps, t.reader, { limit: "1.5" }), "validation_failed", /^limit: must be a whole number/);
    expect((await getCredits(deps, t.reader, { limit: "2" })).ledger.length).toBeLessThanOrEqual(2);
    await expectAppError(
      () => parseOrThrow(metricsRangeQuery, { from: "-000001-01-01T00:00:00Z", to: "-000001-01-02T00:00:00Z" }),
      "validation_failed",
      /^from: /,
    );
    await expectAppError(() => parseOrThrow(listCasesQuery, { before: "0000-01-01T00:00:00Z" }), "validation_failed", /^before: /);
    await expectAppError(
      listDeadLetters(deps, t.admin, {
        cursor: Buffer.from(JSON.stringify({ t: "+200000-01-01T00:00:00Z", id: crypto.randomUUID() })).toString("base64url"),
      }),
      "validation_failed",
      /^cursor: /,
    );
    await expectAppError(() => parseOrThrow(listCasesQuery, { cursor: "not a cursor" }), "validation_failed", /^cursor: /);
    expect(await caseIdForSession(deps, t.account.id, "no such session")).toBeNull();
  });
});

describe("webhook rejections are 401/400 even when the adapter's error class is another copy", () => {
  it("a TelephonyError thrown by another module copy (another route chunk) still maps to 401 and 400", async () => {
    vi.resetModules();
    const foreign = await import("@/lib/adapters/telephony/port");
    const webhook = (error: Error) => {
      const telephony = { ...deps.telephony, name: "simulator" as const, verifyWebhook: async () => Promise.reject(error) };
      const req = new Request("http://x.test/api/webhooks/simulator", {
        method: "POST",
        headers: { "x-webhook-signature": "00" },
        body: "{}",
      });
      return handleProviderWebhook({ ...deps, telephony }, providerWebhook("simulator", req));
    };
    await expectAppError(
      webhook(new foreign.TelephonyError("webhook signature does not verify", { status: 401, retryable: false })),
      "unauthorized",
    );
    await expectAppError(
      webhook(new foreign.TelephonyError("webhook body is not JSON", { status: 400, retryable: false })),
      "bad_request",
      /not JSON/,
    );
  });

  it("an unknown provider is 404 and a missing signature 401 before the body is read", async () => {
    let pulled = 0;
    const body = new ReadableStream({ pull: (c) => void (pulled++, c.enqueue(new Uint8Array(1024))) });
    const req = (headers: Record<string, string>) =>
      new Request("http://x.test/", { method: "POST", headers, body, duplex: "half" } as RequestInit);
    await expectAppError(handleProviderWebhook(deps, providerWebhook("nope", req({ "x-webhook-signature": "00" }))), "not_found");
    await expectAppError(handleProviderWebhook(deps, providerWebhook(deps.telephony.name, req({}))), "unauthorized", /signature missing/);
    expect(pulled).toBeLessThanOrEqual(1); // a ReadableStream may pre-pull one chunk; nothing was read
  });
});
