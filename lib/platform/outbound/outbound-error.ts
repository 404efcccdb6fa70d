import type { Config } from "@/lib/platform/config/env";

/** How one outbound request may go: whether loopback is allowed (tests, local development), https, time, size. */
export type OutboundPolicy = { allowLoopback: boolean; requireHttps: boolean; timeoutMs: number; maxBytes: number };

/** The policy from the settings: loopback only with OUTBOUND_ALLOW_LOOPBACK, https required under NODE_ENV=production. */
export function outboundPolicy(
  config: Pick<Config, "NODE_ENV" | "OUTBOUND_ALLOW_LOOPBACK">,
  o: { timeoutMs: number; maxBytes?: number },
): OutboundPolicy {
  return {
    allowLoopback: config.OUTBOUND_ALLOW_LOOPBACK,
    requireHttps: config.NODE_ENV === "production",
    timeoutMs: o.timeoutMs,
    maxBytes: o.maxBytes ?? 256 * 1024,
  };
}

export const OUTBOUND_REFUSED_SOCKET_CODE = "ERR_OUTBOUND_REFUSED";

/**
 * `outbound_refused`: the target is not allowed (say why to whoever chose it); `outbound_failed`: it was allowed
 * but did not answer well. The message is a phrase to put after the field or host ("must be an https URL").
 */
export type OutboundError = Error & { code: "outbound_refused" | "outbound_failed"; timeout: boolean };

export function outboundError(code: OutboundError["code"], message: string, o: { cause?: unknown; timeout?: boolean } = {}): OutboundError {
  return Object.assign(new Error(message, { cause: o.cause }), { name: "OutboundError", code, timeout: o.timeout ?? false });
}

/** Matched by name and code, never instanceof (classes differ between Next.js route chunks). */
export const isOutboundError = (e: unknown): e is OutboundError =>
  typeof e === "object" &&
  e !== null &&
  (e as Error).name === "OutboundError" &&
  ((e as OutboundError).code === "outbound_refused" || (e as OutboundError).code === "outbound_failed");
