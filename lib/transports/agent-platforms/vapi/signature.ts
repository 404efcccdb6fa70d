import { createHmac, timingSafeEqual } from "node:crypto";

/** How far a signed request's timestamp may be from our clock, either way. */
export const VAPI_SIGNATURE_TOLERANCE_MS = 5 * 60 * 1000;

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** A Unix timestamp in seconds or milliseconds (Vapi's documents do not say which), as milliseconds. */
const millis = (raw: string) => {
  const n = Number(raw);
  if (!/^\d{1,16}$/.test(raw) || !Number.isSafeInteger(n)) return null;
  return n < 1e12 ? n * 1000 : n;
};

/** HMAC-SHA256 hex of `${timestamp}.${body}`: Vapi's HMAC credential with its defaults (see README "Connecting Vapi"). */
export function vapiHmac(rawBody: Uint8Array | string, secret: string, timestamp: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(rawBody).digest("hex");
}

/**
 * Whether a request came from Vapi, for an account that stored its server secret. Accepted, all compared in
 * constant time over the bytes as received:
 * - `X-Vapi-Secret: <secret>` (the server object's `secret`; older documents call the header X-Vapi-Signature);
 * - `X-Signature: [sha256=]<hex>` with `X-Timestamp`: an HMAC credential, HMAC-SHA256 over `{timestamp}.{body}`,
 *   the timestamp within 5 minutes of our clock.
 */
export function verifyVapiRequest(rawBody: Uint8Array, secret: string, headers: Headers, now: number = Date.now()): boolean {
  const plain = headers.get("x-vapi-secret") ?? headers.get("x-vapi-signature");
  if (plain !== null) return same(plain.trim(), secret);
  const signature = headers.get("x-signature");
  const timestamp = headers.get("x-timestamp")?.trim();
  if (!signature || !timestamp) return false;
  const at = millis(timestamp);
  if (at === null || Math.abs(now - at) > VAPI_SIGNATURE_TOLERANCE_MS) return false;
  const given = signature
    .trim()
    .replace(/^sha256=/i, "")
    .toLowerCase();
  return /^[0-9a-f]{64}$/.test(given) && same(given, vapiHmac(rawBody, secret, timestamp));
}
