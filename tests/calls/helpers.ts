import type { Deps } from "@/lib/platform/deps";
import { createApiKey, verifyApiKey } from "@/lib/domains/api-keys/api-keys";
import { getConfig } from "@/lib/platform/config/env";
import type { Scope } from "@/lib/domains/auth/principal";
import { createSimulatorTelephony } from "@/lib/adapters/telephony/simulator";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { createTenant } from "@/tests/support/fixtures";
import type { Db } from "@/lib/adapters/db/client";

export type CallsTestDeps = TestDeps & Deps;

/**
 * Test deps with the real simulator adapter (webhooks off: tests drive status through applyCallUpdate or
 * the simulator's getCall, as the sync job would). Settings default to test-friendly values.
 */
export async function createCallsTestDeps(env: Record<string, string> = {}): Promise<CallsTestDeps> {
  const deps = await createTestDeps({
    CALL_RATE_PER_MINUTE: "10",
    CALL_DEFAULT_MAX_DURATION_MINUTES: "2",
    CREDITS_STARTING_BALANCE: "0",
    ...env,
  });
  return {
    ...deps,
    telephony: createSimulatorTelephony({ speed: 1000, webhookSecret: "test-webhook-secret-0123456789", webhooks: false }),
  };
}

/** A tenant with calls keys (read+write, read-only) and an admin key besides the HITL fixtures. */
export async function createCallsTenant(db: Db, name?: string) {
  const t = await createTenant(db, name);
  const key = async (scopes: Scope[], keyName: string) => {
    const { key } = await createApiKey(db, { accountId: t.account.id, name: keyName, scopes });
    return (await verifyApiKey({ db, config: getConfig() }, key))!;
  };
  return {
    ...t,
    caller: await key(["calls:read", "calls:write"], "caller"),
    reader: await key(["calls:read"], "reader"),
    admin: await key(["admin"], "admin"),
  };
}
