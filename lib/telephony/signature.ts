import { createHmac, timingSafeEqual } from "node:crypto";

/** Bland's webhook signature: hex HMAC-SHA256 of the raw request body, sent as X-Webhook-Signature. */
export const SIGNATURE_HEADER = "x-webhook-signature";

export function signBody(secret: string, rawBody: string): string {
  return createHmac("sha256", secret).update(rawBody, "utf8").digest("hex");
}

/** Constant-time check of a hex signature; false for a missing or malformed header. */
export function verifySignature(secret: string, rawBody: string, signature: string | null | undefined): boolean {
  if (!signature) return false;
  const given = signature.trim().toLowerCase().replace(/^sha256=/, "");
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given, "hex"), Buffer.from(signBody(secret, rawBody), "hex"));
}
