import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getOrCreateInstanceSecret, SIMULATOR_WEBHOOK_SECRET_NAME } from "@/lib/adapters/db/instance-secrets";
import { addCredits } from "@/lib/domains/credits/account-credits";
import { getCall } from "@/lib/domains/calls/get-call";
import { handleProviderWebhook } from "@/lib/domains/calls/handle-provider-webhook";
import { providerWebhook } from "@/tests/support/provider-webhook";
import { makePhoneCall } from "@/lib/domains/calls/make-phone-call";
import { createTelephony } from "@/lib/adapters/telephony";
import { signBody } from "@/lib/adapters/telephony/signature";
import { createCallsTenant, createCallsTestDeps, type CallsTestDeps } from "@/tests/calls/helpers";

/** What the simulator's secret used to be when SIMULATOR_WEBHOOK_SECRET was unset: derivable by anyone. */
const oldDerivedSecret = (seed: string) => createHmac("sha256", "switchboard simulator webhook secret v1").update(seed).digest("hex");

describe("the simulator's webhook secret (no SIMULATOR_WEBHOOK_SECRET)", () => {
  let deps: CallsTestDeps;
  beforeAll(async () => {
    const base = await createCallsTestDeps({ CREDITS_STARTING_BALANCE: "1000" });
    // As the app builds it from configuration, with this test's database as the process database.
    const telephony = createTelephony(base.config, {
      simulatorSecret: () => getOrCreateInstanceSecret(base.db, SIMULATOR_WEBHOOK_SECRET_NAME),
    });
    deps = { ...base, telephony };
  });
  afterAll(async () => {
    await deps?.telephony.close?.();
    await deps?.close();
  });

  it("is random, generated once and then the same for every instance on the database", async () => {
    const all = await Promise.all(Array.from({ length: 5 }, () => getOrCreateInstanceSecret(deps.db, SIMULATOR_WEBHOOK_SECRET_NAME)));
    expect(new Set(all).size).toBe(1);
    expect(all[0]).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    expect(all[0]).not.toBe(oldDerivedSecret("switchboard-embedded"));
  });

  it("a forged 'completed, 0 s' event signed with the old derivable value is refused and settles nothing", async () => {
    const t = await createCallsTenant(deps.db);
    await addCredits(deps, t.admin, { amount: 100, reason: "test" });
    const placed = await makePhoneCall(deps, t.caller, {
      phoneNumber: "+14155550123",
      task: "Confirm the booking.",
      maxDurationMinutes: 2,
    });
    const forged = (secret: string) => {
      const body = JSON.stringify({
        event_id: `forged-${secret.slice(0, 6)}`,
        call_id: placed.providerCallId ?? "sim",
        status: "completed",
        at: new Date().toISOString(),
        metadata: { call_id: placed.id },
        call: {
          started_at: null,
          answered_at: null,
          ended_at: new Date().toISOString(),
          duration_seconds: 0,
          transcript: [],
          summary: null,
          end_reason: "forged",
          recording_available: false,
          price_usd: 0,
        },
      });
      const req = new Request("http://127.0.0.1/api/webhooks/simulator", {
        method: "POST",
        body,
        headers: { "x-webhook-signature": signBody(secret, body) },
      });
      return providerWebhook("simulator", req);
    };
    const seeds = ["switchboard-embedded", ...(process.env.DATABASE_URL ? [process.env.DATABASE_URL] : [])];
    for (const seed of seeds) {
      await expect(handleProviderWebhook(deps, forged(oldDerivedSecret(seed)))).rejects.toMatchObject({ code: "unauthorized" });
    }
    const after = await getCall(deps, t.caller, placed.id);
    expect(after.status).not.toBe("completed");
    expect(after.cost ?? null).toBeNull();
    // The stored secret is what the simulator really signs with: the same event signed with it is accepted.
    const genuine = await handleProviderWebhook(deps, forged(await getOrCreateInstanceSecret(deps.db, SIMULATOR_WEBHOOK_SECRET_NAME)));
    expect(genuine).toMatchObject({ received: true, callId: placed.id, status: "completed" });
  });
});
