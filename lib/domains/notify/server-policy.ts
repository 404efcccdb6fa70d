import type { Config } from "@/lib/platform/config/env";
import { AppError } from "@/lib/platform/errors";
import { isOutboundError, outboundPolicy, type OutboundPolicy } from "@/lib/platform/outbound/outbound-error";

const trimmed = (u: string) => u.replace(/\/+$/, "");

/**
 * The outbound policy for publishing to `serverUrl`: none for the instance's own NTFY_DEFAULT_SERVER_URL (the
 * operator chose it, and it may sit on a private network), the outbound guard's for a server an account chose.
 */
export function ntfyOutbound(config: Config, serverUrl: string): OutboundPolicy | undefined {
  if (trimmed(serverUrl) === trimmed(config.NTFY_DEFAULT_SERVER_URL)) return undefined;
  return outboundPolicy(config, { timeoutMs: config.NTFY_TIMEOUT_MS, maxBytes: 64 * 1024 });
}

/** PUT /api/settings/notifications: an account's server that the guard would refuse is a 422 naming serverUrl. */
export async function assertNtfyServerAllowed(config: Config, serverUrl: string): Promise<void> {
  const policy = ntfyOutbound(config, serverUrl);
  if (!policy) return;
  try {
    // On first use: paging reaches this module from the escalation path, which never saves settings.
    const { checkOutboundUrl } = await import("@/lib/platform/outbound/guarded-fetch");
    await checkOutboundUrl(serverUrl, policy);
  } catch (e) {
    if (isOutboundError(e)) throw new AppError("validation_failed", `serverUrl: ${e.message}`);
    throw e;
  }
}
