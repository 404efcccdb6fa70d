import type { Deps } from "@/lib/platform/deps";
import { getVapiCallSettings } from "@/lib/domains/vapi/credentials";
import { createVapiTelephony } from "@/lib/adapters/telephony/vapi";
import type { PlatformTelephony } from "@/lib/domains/calls/account-telephony";

/** Calls through the account's own Vapi assistant and number, when it chose that under Admin → Connect Vapi. */
export const vapiAccountTelephony: PlatformTelephony = {
  provider: "vapi",
  async forAccount(deps: Deps, accountId: string) {
    const s = await getVapiCallSettings(deps.db, accountId);
    if (!s) return null;
    return createVapiTelephony({
      ...s,
      baseUrl: deps.config.VAPI_BASE_URL.replace(/\/+$/, ""),
      timeoutMs: deps.config.VAPI_TIMEOUT_MS,
      maxRetries: 2,
    });
  },
};
