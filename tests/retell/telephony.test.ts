import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { creditLedger, phoneFollowups } from "@/lib/adapters/db/schema";
import { askHuman } from "@/lib/domains/hitl/ask-human";
import { getCaseOrThrow } from "@/lib/domains/hitl/get-case";
import { postMessage } from "@/lib/domains/hitl/post-message";
import { addCredits, getCredits } from "@/lib/domains/credits/account-credits";
import { dispatchPhoneFollowups } from "@/lib/domains/calls/dispatch-followups";
import { getCallDetails } from "@/lib/domains/calls/get-call";
import { makePhoneCall } from "@/lib/domains/calls/make-phone-call";
import { readRetellKeyStatus, setRetellApiKey } from "@/lib/domains/retell/credentials";
import { handleRetellWebhook } from "@/lib/transports/agent-platforms/retell/handle-webhook";
import { createApiKey, verifyApiKey } from "@/lib/domains/api-keys/api-keys";
import { expectAppError, waitFor } from "@/tests/hitl/helpers";
import { createCallsTenant, createCallsTestDeps, type CallsTestDeps } from "@/tests/calls/helpers";
import { startRetellStandin, type RetellStandin } from "@/tests/support/retell-standin";

/** Calls through the account's own Retell agent: placed on a Retell stand-in that checks the documented shapes, settled by its signed webhooks. */
const RETELL_KEY = "key_retell_calls_0123456789abcdef";
let standin: RetellStandin;
let deps: CallsTestDeps;
let t: Awaited<ReturnType<typeof createCallsTenant>>;
let other: Awaited<ReturnType<typeof createCallsTenant>>;

beforeAll(async () => {
  standin = await startRetellStandin({ apiKey: RETELL_KEY });
  deps = await createCallsTestDeps({ RETELL_BASE_URL: standin.url });
  t = await createCallsTenant(deps.db, "Retell dialer");
  other = await createCallsTenant(deps.db, "Simulator dialer");
  for (const x of [t, other]) await addCredits(deps, x.admin, { amount: 200, reason: "test" });
}, 120_000);
afterAll(async () => {
  await deps?.close();
  await standin?.close();
});

const deliver = async (accountId: string, event: string, callId: string) => {
  const { raw, signature } = await standin.webhook(event, callId);
  return handleRetellWebhook(
    deps,
    new Request(`http://127.0.0.1/api/webhooks/retell?account=${accountId}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-retell-signature": signature },
      body: raw,
    }),
  );
};

describe("Retell telephony adapter, selected per account", () => {
  it("settings: calls through Retell need the agent and the number; the status says what is set", async () => {
    await expectAppError(setRetellApiKey(deps, t.admin, { placeCalls: true }), "validation_failed", /apiKey/);
    await expectAppError(setRetellApiKey(deps, t.admin, { apiKey: RETELL_KEY, placeCalls: true }), "validation_failed", /callsAgentId/);
    await expectAppError(
      setRetellApiKey(deps, t.admin, { apiKey: RETELL_KEY, callsFromNumber: "555-0100" }),
      "validation_failed",
      /callsFromNumber/,
    );
    const s = await setRetellApiKey(deps, t.admin, {
      apiKey: RETELL_KEY,
      placeCalls: true,
      callsAgentId: "agent_callbacks",
      callsFromNumber: "+14155550100",
    });
    expect(s).toMatchObject({ apiKeySet: true, placeCalls: true, callsAgentId: "agent_callbacks", callsFromNumber: "+14155550100" });
    // Changing only the calls settings keeps the stored key.
    expect(await setRetellApiKey(deps, t.admin, { callsAgentId: "agent_callbacks" })).toMatchObject({ apiKeyLast4: "cdef" });
    expect(await readRetellKeyStatus(deps, t.admin)).toMatchObject({ placeCalls: true });
  });

  it("make_phone_call goes out through the account's Retell agent with the documented body; credits held, then settled once by the signed webhook", async () => {
    const placed = await makePhoneCall(deps, t.caller, {
      phoneNumber: "+14155550123",
      task: "Confirm the table for four at 8 pm.",
      firstSentence: "Hi, this is Café Mérida calling.",
      maxDurationMinutes: 2,
    });
    expect(placed).toMatchObject({ provider: "retell", status: "queued", heldCredits: 20 });
    const req = standin.requests.find((r) => r.path === "/v2/create-phone-call" && r.status === 201)!;
    expect(req.authorization).toBe(`Bearer ${RETELL_KEY}`);
    expect(req.body).toMatchObject({
      from_number: "+14155550100",
      to_number: "+14155550123",
      override_agent_id: "agent_callbacks",
      retell_llm_dynamic_variables: { task: "Confirm the table for four at 8 pm.", first_sentence: "Hi, this is Café Mérida calling." },
      metadata: { switchboard_call_id: placed.id },
    });
    expect((await getCredits(deps, t.reader)).held).toBe(20);

    standin.finish(
      placed.providerCallId!,
      [
        { role: "agent", content: "Hi, this is Café Mérida calling.", at: 0.4 },
        { role: "user", content: "Yes, the table is confirmed.", at: 4 },
      ],
      65,
    );
    const ended = await deliver(t.account.id, "call_ended", placed.providerCallId!);
    expect(ended).toMatchObject({ duplicate: false, status: "completed", callId: placed.id });
    const replay = await deliver(t.account.id, "call_ended", placed.providerCallId!);
    expect(replay).toMatchObject({ duplicate: true, applied: false });
    const call = await getCallDetails(deps, t.reader, placed.id);
    // 65 s = 2 started minutes × 10 credits; the hold is released; one settle entry.
    expect(call).toMatchObject({ status: "completed", cost: 20, heldCredits: 0, durationSeconds: 65 });
    expect(call.transcript.map((x) => x.speaker)).toEqual(["agent", "caller"]);
    const credits = await getCredits(deps, t.reader);
    expect(credits).toMatchObject({ held: 0, balance: 180 });
    expect((await deps.db.select().from(creditLedger).where(eq(creditLedger.callId, placed.id))).map((e) => e.kind).sort()).toEqual([
      "hold",
      "settle",
    ]);
  });

  it("another account without Retell calls keeps the process's provider", async () => {
    const placed = await makePhoneCall(deps, other.caller, { phoneNumber: "+14155550124", task: "Simulator call.", maxDurationMinutes: 1 });
    expect(placed.provider).toBe("simulator");
  });

  it("a call Retell refuses (unknown key: 401 from the stand-in) fails and holds nothing", async () => {
    const before = await getCredits(deps, t.reader);
    // A Retell key Retell does not know (the stand-in answers 401 as Retell does): refused, nothing held.
    await setRetellApiKey(deps, t.admin, { apiKey: "key_revoked_at_retell_000000" });
    await expectAppError(
      makePhoneCall(deps, t.caller, { phoneNumber: "+14155550125", task: "Refused call.", maxDurationMinutes: 1 }),
      "bad_request",
      /refused the call/,
    );
    expect(await getCredits(deps, t.reader)).toMatchObject({ held: before.held, balance: before.balance });
    await setRetellApiKey(deps, t.admin, { apiKey: RETELL_KEY });
  });

  it("the late-answer callback goes out through the same Retell agent, opening with the answer", async () => {
    const dialer = (await verifyApiKey(
      deps,
      (
        await createApiKey(deps.db, { accountId: t.account.id, name: "dialer", scopes: ["hitl:ask", "calls:write"] })
      ).key,
    ))!;
    const result = await askHuman(deps, dialer, {
      question: "Is the terrace open on Sunday?",
      callerInfo: { phone: "+14155550142" },
      followUp: "phone",
    });
    expect(result.status).toBe("unavailable");
    await postMessage(deps, t.operator, result.caseId!, { content: "Yes, from noon." });
    await dispatchPhoneFollowups(deps);
    // Whichever pass holds the lease (the kick after the answer may), the outbox row ends placed.
    const placed = await waitFor(async () => {
      const [f] = await deps.db.select().from(phoneFollowups).where(eq(phoneFollowups.caseId, result.caseId!));
      return f?.status === "placed" ? f : undefined;
    }, 30_000);
    const callId = (await getCaseOrThrow(deps.db, t.account.id, result.caseId!)).followUpCallId!;
    expect(placed.callId).toBe(callId);
    const call = await getCallDetails(deps, t.reader, callId);
    expect(call).toMatchObject({ provider: "retell", phoneNumber: "+14155550142", caseId: result.caseId });
    const req = standin.requests.filter((r) => r.path === "/v2/create-phone-call" && r.status === 201).at(-1)!;
    expect(req.body).toMatchObject({
      to_number: "+14155550142",
      override_agent_id: "agent_callbacks",
      metadata: { switchboard_call_id: callId },
    });
    const vars = req.body!.retell_llm_dynamic_variables as Record<string, string>;
    // The agent opens with the answer.
    expect(vars.first_sentence).toBe('Hello, earlier you asked: "Is the terrace open on Sunday?". The answer is: Yes, from noon.');
    expect(vars.task).toContain("Yes, from noon.");
  });
});
