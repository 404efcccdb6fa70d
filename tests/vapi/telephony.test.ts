import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { creditLedger } from "@/lib/adapters/db/schema";
import { addCredits, getCredits } from "@/lib/domains/credits/account-credits";
import { getCallDetails } from "@/lib/domains/calls/get-call";
import { makePhoneCall } from "@/lib/domains/calls/make-phone-call";
import { setVapiSettings } from "@/lib/domains/vapi/credentials";
import { handleVapiWebhook } from "@/lib/transports/agent-platforms/vapi/handle-webhook";
import { expectAppError } from "@/tests/hitl/helpers";
import { createCallsTenant, createCallsTestDeps, type CallsTestDeps } from "@/tests/calls/helpers";
import { startVapiStandin, type VapiStandin } from "@/tests/support/vapi-standin";

/** Calls through the account's own Vapi assistant: placed on a Vapi stand-in that checks the documented shapes, settled by its end-of-call report. */
const VAPI_KEY = "vapi_private_key_calls_0123456789";
const SECRET = "vapi_server_secret_calls_0123";
let standin: VapiStandin;
let deps: CallsTestDeps;
let t: Awaited<ReturnType<typeof createCallsTenant>>;

beforeAll(async () => {
  standin = await startVapiStandin({ apiKey: VAPI_KEY });
  deps = await createCallsTestDeps({ VAPI_BASE_URL: standin.url });
  t = await createCallsTenant(deps.db, "Vapi dialer");
  await addCredits(deps, t.admin, { amount: 200, reason: "test" });
}, 120_000);
afterAll(async () => {
  await deps?.close();
  await standin?.close();
});

describe("Vapi telephony adapter, selected per account", () => {
  it("settings: calls through Vapi need the key, the assistant and the phone number", async () => {
    await expectAppError(setVapiSettings(deps, t.admin, { placeCalls: true }), "validation_failed", /placeCalls/);
    await expectAppError(setVapiSettings(deps, t.admin, { waitSeconds: 600 }), "validation_failed", /waitSeconds/);
    const s = await setVapiSettings(deps, t.admin, {
      apiKey: VAPI_KEY,
      serverSecret: SECRET,
      placeCalls: true,
      callsAssistantId: "asst_callbacks",
      callsPhoneNumberId: "pn_callbacks",
    });
    expect(s).toMatchObject({ apiKeySet: true, apiKeyLast4: "6789", placeCalls: true, callsAssistantId: "asst_callbacks" });
  });

  it("make_phone_call goes out through the account's Vapi assistant with the documented body; credits held, then settled once by the end-of-call report", async () => {
    const placed = await makePhoneCall(deps, t.caller, {
      phoneNumber: "+14155550123",
      task: "Confirm the table for four at 8 pm.",
      firstSentence: "Hi, this is Café Mérida calling.",
      maxDurationMinutes: 2,
    });
    expect(placed).toMatchObject({ provider: "vapi", status: "queued", heldCredits: 20 });
    const req = standin.requests.find((r) => r.path === "/call" && r.status === 201)!;
    expect(req.authorization).toBe(`Bearer ${VAPI_KEY}`);
    expect(req.body).toMatchObject({
      assistantId: "asst_callbacks",
      phoneNumberId: "pn_callbacks",
      customer: { number: "+14155550123" },
      assistantOverrides: {
        firstMessage: "Hi, this is Café Mérida calling.",
        variableValues: { task: "Confirm the table for four at 8 pm." },
      },
      metadata: { switchboard_call_id: placed.id },
    });
    const report = standin.endOfCallReport(
      placed.providerCallId!,
      [
        { role: "bot", message: "Hi, this is Café Mérida calling.", secondsFromStart: 0.4 },
        { role: "user", message: "Yes, the table is confirmed.", secondsFromStart: 4 },
      ],
      65,
    );
    const raw = JSON.stringify(report);
    const deliver = () =>
      handleVapiWebhook(
        deps,
        new Request(`http://127.0.0.1/api/webhooks/vapi?account=${t.account.id}`, {
          method: "POST",
          headers: { "content-type": "application/json", ...standin.signed(raw, SECRET) },
          body: raw,
        }),
      );
    expect(await deliver()).toMatchObject({ duplicate: false, status: "completed", callId: placed.id });
    expect(await deliver()).toMatchObject({ duplicate: true, applied: false });
    const call = await getCallDetails(deps, t.reader, placed.id);
    expect(call).toMatchObject({ status: "completed", cost: 20, heldCredits: 0, durationSeconds: 65 });
    expect(call.transcript.map((x) => x.speaker)).toEqual(["agent", "caller"]);
    expect(await getCredits(deps, t.reader)).toMatchObject({ held: 0, balance: 180 });
    expect((await deps.db.select().from(creditLedger).where(eq(creditLedger.callId, placed.id))).map((e) => e.kind).sort()).toEqual([
      "hold",
      "settle",
    ]);
  });

  it("a call Vapi refuses (unknown key: 401 from the stand-in) fails and holds nothing", async () => {
    const before = await getCredits(deps, t.reader);
    await setVapiSettings(deps, t.admin, { apiKey: "vapi_revoked_key_000000" });
    await expectAppError(
      makePhoneCall(deps, t.caller, { phoneNumber: "+14155550125", task: "Refused call.", maxDurationMinutes: 1 }),
      "bad_request",
      /refused the call/,
    );
    expect(await getCredits(deps, t.reader)).toMatchObject({ held: before.held, balance: before.balance });
  });
});
