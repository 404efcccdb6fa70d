import type { GolfSettingsRow } from "@/lib/adapters/db/schema";
import type { Config } from "@/lib/platform/config/env";
import { AppError } from "@/lib/platform/errors";
import { checkOutboundUrl } from "@/lib/platform/outbound/guarded-fetch";
import { isOutboundError, outboundPolicy } from "@/lib/platform/outbound/outbound-error";

const trimmed = (u: string) => u.replace(/\/+$/, "");

/** The account's own Chronogolf base URL, or null when it has none or it is the instance's CHRONOGOLF_BASE_URL. */
export function accountBaseUrl(url: string | null, config: Config): string | null {
  if (!url || trimmed(url) === trimmed(config.CHRONOGOLF_BASE_URL)) return null;
  return trimmed(url);
}

type CredentialsInput = { clientId?: string; clientSecret?: string; refreshToken?: string };

/**
 * PUT /api/golf/settings: a base URL of the account's own is refused (422 naming chronogolf.baseUrl) unless the
 * account brings all its own credentials — the instance's would otherwise be sent to that server — and unless
 * the outbound guard allows it (no loopback, private or reserved address; https in production).
 */
export async function assertBaseUrlAllowed(
  config: Config,
  row: GolfSettingsRow | null,
  baseUrl: string | null | undefined,
  input: CredentialsInput,
): Promise<void> {
  const effective = baseUrl === undefined ? accountBaseUrl(row?.chronogolfBaseUrl ?? null, config) : baseUrl;
  if (!effective) return;
  const after = (given: string | undefined, stored: string | null | undefined) => (given === undefined ? !!stored : given !== "");
  const own = {
    clientId: after(input.clientId, row?.chronogolfClientId),
    clientSecret: after(input.clientSecret, row?.chronogolfClientSecret),
    refreshToken: after(input.refreshToken, row?.chronogolfRefreshToken),
  };
  const missing = Object.entries(own)
    .filter(([, set]) => !set)
    .map(([k]) => k);
  if (missing.length)
    throw new AppError(
      "validation_failed",
      `chronogolf.baseUrl: a base URL of this account's own needs its own clientId, clientSecret and refreshToken (missing: ${missing.join(", ")}); the instance's credentials are only sent to its own Chronogolf server`,
    );
  if (baseUrl === undefined) return;
  try {
    await checkOutboundUrl(effective, outboundPolicy(config, { timeoutMs: config.CHRONOGOLF_TIMEOUT_MS }));
  } catch (e) {
    if (isOutboundError(e)) throw new AppError("validation_failed", `chronogolf.baseUrl: ${e.message}`);
    throw e;
  }
}
