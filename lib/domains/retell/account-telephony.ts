import type { Deps } from "@/lib/platform/deps";
import { getRetellCallSettings } from "@/lib/domains/retell/credentials";
import { createRetellTelephony } from "@/lib/adapters/telephony/retell";
import type { PlatformTelephony } from "@/lib/domains/calls/account-telephony";

/** Calls through the account's own Retell agent, when it chose that under Admin → Connect Retell. */
export const retellAccountTelephony: PlatformTelephony = {
  provider: "retell",
  async forAccount(deps: Deps, accountId: string) {
    const s = await getRetellCallSettings(deps.db, accountId);
    if (!s) return null;
    return createRetellTelephony({
      ...s,
      baseUrl: deps.config.RETELL_BASE_URL.replace(/\/+$/, ""),
      timeoutMs: deps.config.RETELL_TIMEOUT_MS,
      maxRetries: 2,
    });
  },
};
