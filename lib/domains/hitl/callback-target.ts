import type { Config } from "@/lib/platform/config/env";
import { AppError } from "@/lib/platform/errors";
import { checkOutboundUrl } from "@/lib/platform/outbound/guarded-fetch";
import { isOutboundError, outboundPolicy, type OutboundPolicy } from "@/lib/platform/outbound/outbound-error";

/** Callbacks discard the receiver's body; a small bound keeps a hostile receiver from streaming at us. */
const CALLBACK_MAX_RESPONSE_BYTES = 64 * 1024;

/** How a case callback may leave: the one outbound guard's policy with the callback timeout. */
export const callbackPolicy = (config: Config): OutboundPolicy =>
  outboundPolicy(config, { timeoutMs: config.CALLBACK_TIMEOUT_MS, maxBytes: CALLBACK_MAX_RESPONSE_BYTES });

/**
 * A callbackUrl is chosen by whoever holds a hitl:ask key — or, through ask_human's argument, by the voice
 * agent's model, which a caller can talk into anything. So it is checked when the case is created (a 422
 * naming the field) and again, inside the socket's lookup, when the callback is sent.
 */
export async function assertCallbackUrlAllowed(config: Config, callbackUrl: string | undefined): Promise<void> {
  if (!callbackUrl) return;
  try {
    await checkOutboundUrl(callbackUrl, callbackPolicy(config), 1000);
  } catch (e) {
    if (isOutboundError(e)) throw new AppError("validation_failed", `callbackUrl: ${e.message}`);
    throw e;
  }
}
