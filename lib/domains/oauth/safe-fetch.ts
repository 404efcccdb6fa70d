import { fetchOutbound } from "@/lib/platform/outbound/guarded-fetch";
import { isAddressAllowed } from "@/lib/platform/outbound/address-policy";
import { outboundError } from "@/lib/platform/outbound/outbound-error";

/**
 * Fetching a URL a stranger chose (a client ID metadata document) goes out through the one outbound guard
 * (lib/platform/outbound): public addresses only, checked in the socket's own lookup; no redirects; bounded.
 * Metadata documents are https only, in every mode (loopback http only when allowed, for tests).
 */
export const addressAllowed = isAddressAllowed;

/** GETs a JSON document; resolves to the parsed body, or throws an OutboundError saying why not. */
export async function fetchPublicJson(
  rawUrl: string,
  opts: { allowLoopback: boolean; maxBytes: number; timeoutMs: number },
): Promise<unknown> {
  const res = await fetchOutbound(
    rawUrl,
    { method: "GET", headers: { accept: "application/json" } },
    { allowLoopback: opts.allowLoopback, requireHttps: true, maxBytes: opts.maxBytes, timeoutMs: opts.timeoutMs },
  );
  if (res.status !== 200)
    throw outboundError(
      "outbound_failed",
      `answered HTTP ${res.status}${res.status >= 300 && res.status < 400 ? " (redirects are not followed)" : ""}`,
    );
  try {
    return res.json();
  } catch {
    throw outboundError("outbound_failed", "is not JSON");
  }
}
