import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { phoneFollowups } from "@/lib/adapters/db/schema";
import { askHuman } from "@/lib/domains/hitl/ask-human";
import { createCase } from "@/lib/domains/hitl/create-case";
import { getCaseOrThrow } from "@/lib/domains/hitl/get-case";
import { postMessage } from "@/lib/domains/hitl/post-message";
import { addCredits, getCredits } from "@/lib/domains/credits/account-credits";
import { dispatchPhoneFollowups } from "@/lib/domains/calls/dispatch-followups";
import { getCallDetails } from "@/lib/domains/calls/get-call";
import { expectAppError, waitFor } from "@/tests/hitl/helpers";
import { createApiKey, verifyApiKey } from "@/lib/domains/api-keys/api-keys";
import type { Principal } from "@/lib/domains/auth/principal";
import { createCallsTenant, createCallsTestDeps, type CallsTestDeps } from "./helpers";

describe("late human answer → callback phone call", () => {
  let deps: CallsTestDeps;
  let t: Awaited<ReturnType<typeof createCallsTenant>>;
  let dialer: Principal; // an agent key that may also place calls (a callback is a billed call)
  beforeAll(async () => {
    deps = await createCallsTestDeps();
    t = await createCallsTenant(deps.db);
    dialer = (await verifyApiKey(
      deps,
      (
        await createApiKey(deps.db, { accountId: t.account.id, name: "dialer", scopes: ["hitl:ask", "calls:write"] })
      ).key,
    ))!;
    await addCredits(deps, t.admin, { amount: 100, reason: "test" });
  });
  afterAll(async () => {
    await deps?.close();
  });

  const ask = {
    question: "Can I move my appointment to Friday?",
    callerInfo: { name: "Dana", phone: "+14155550142" },
    followUp: "phone" as const,
  };

  it("followUp phone needs an E.164 callerInfo.phone", async () => {
    await expectAppError(
      createCase(deps, t.agent.principal, { ...ask, callerInfo: { name: "Dana" } }, { source: "api" }),
      "validation_failed",
      /callerInfo\.phone/,
    );
    await expectAppError(
      createCase(deps, t.agent.principal, { ...ask, followUp: "sms" }, { source: "api" }),
      "validation_failed",
      /followUp/,
    );
  });

  it("an answer after ask_human returned places one callback call, billed, linked both ways", async () => {
    // Nobody is online, so ask_human returns at once: the agent is no longer waiting.
    const result = await askHuman(deps, dialer, ask);
    expect(result.status).toBe("unavailable");
    await postMessage(deps, t.operator, result.caseId!, { content: "Yes, Friday at 10:00 is free; you're booked." });
    // The outbox row was written with the answer; a concurrent kick and this pass never place it twice.
    await Promise.all([dispatchPhoneFollowups(deps), dispatchPhoneFollowups(deps)]);
    // Whichever pass holds the lease (the kick after the answer may), the outbox row ends placed, once.
    const placed = await waitFor(async () => {
      const [f] = await deps.db.select().from(phoneFollowups).where(eq(phoneFollowups.caseId, result.caseId!));
      return f?.status === "placed" ? f : undefined;
    }, 30_000);
    const row = (await getCaseOrThrow(deps.db, t.account.id, result.caseId!)).followUpCallId!;
    expect(placed.callId).toBe(row);
    const call = await getCallDetails(deps, t.reader, row);
    expect(call).toMatchObject({ caseId: result.caseId, phoneNumber: "+14155550142", heldCredits: 20 });
    expect(call.task).toContain("Friday at 10:00 is free");
    expect(call.providerCallId).toBeTruthy();
    expect((await getCredits(deps, t.reader)).held).toBe(20);
  });

  it("no callback when the agent is still waiting, or none was asked for", async () => {
    const waiting = (await createCase(deps, t.agent.principal, { ...ask, timeoutSeconds: 55 }, { source: "api" })).case;
    await postMessage(deps, t.operator, waiting.id, { content: "Answered in time." });
    const notAsked = await askHuman(deps, t.agent.principal, { question: "No follow-up please", callerInfo: { phone: "+14155550143" } });
    await postMessage(deps, t.operator, notAsked.caseId!, { content: "Late, but no callback wanted." });
    await dispatchPhoneFollowups(deps);
    for (const id of [waiting.id, notAsked.caseId!]) {
      expect(await deps.db.select().from(phoneFollowups).where(eq(phoneFollowups.caseId, id))).toHaveLength(0);
      expect((await getCaseOrThrow(deps.db, t.account.id, id)).followUpCallId).toBeNull();
    }
  });
});
