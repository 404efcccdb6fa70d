import { createHmac, timingSafeEqual } from "node:crypto";
import { describeIssues } from "@/lib/platform/errors";
import { TelephonyError } from "@/lib/adapters/telephony/port";

/** Bland's webhook signature: hex HMAC-SHA256 of the raw request body, sent as X-Webhook-Signature. */
export const SIGNATURE_HEADER = "x-webhook-signature";

export function signBody(secret: string, rawBody: string): string {
  return createHmac("sha256", secret).update(rawBody, "utf8").digest("hex");
}

/** Constant-time check of a hex signature; false for a missing or malformed header. */
export function verifySignature(secret: string, rawBody: string, signature: string | null | undefined): boolean {
  if (!signature) return false;
  const given = signature
    .trim()
    .toLowerCase()
    .replace(/^sha256=/, "");
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given, "hex"), Buffer.from(signBody(secret, rawBody), "hex"));
}

/**
 * A provider webhook as both adapters receive it: the signature over the raw body first (401), then JSON
 * (400), then the provider's own shape (400). Returns the parsed body.
 */
export function parseSignedWebhook<T>(opts: {
  secret: string;
  rawBody: string;
  headers: Headers;
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } };
  };
  what: string;
}): T {
  if (!verifySignature(opts.secret, opts.rawBody, opts.headers.get(SIGNATURE_HEADER)))
    throw new TelephonyError("webhook signature does not verify", { status: 401, retryable: false });
  let json: unknown;
  try {
    json = JSON.parse(opts.rawBody);
  } catch {
    throw new TelephonyError("webhook body is not JSON", { status: 400, retryable: false });
  }
  const parsed = opts.schema.safeParse(json);
  if (!parsed.success)
    throw new TelephonyError(`webhook body is not ${opts.what}: ${describeIssues(parsed.error.issues)}`, { status: 400, retryable: false });
  return parsed.data;
}
