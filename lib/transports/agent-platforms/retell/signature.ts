import { createHmac, timingSafeEqual } from "node:crypto";

/** Retell's tolerance (retell-sdk's FIVE_MINUTES), applied both ways like the SDK's verify. */
export const RETELL_SIGNATURE_TOLERANCE_MS = 5 * 60 * 1000;

const FORMAT = /^v=(\d{1,16}),d=([0-9a-f]{64})$/i;

/**
 * Checks `X-Retell-Signature: v=<unix ms>,d=<hex>` — HMAC-SHA256 keyed with the account's Retell API key
 * over the raw body bytes followed by the timestamp's decimal digits (what retell-sdk signs: `body +
 * timestamp`). Over the bytes as received, never a re-serialised body (JSON.stringify turns `\u00e9` into
 * `é` and reorders nothing back). Synchronous and constant-time, so no caller can forget an `await`
 * (retell-sdk's own `verify` returns a Promise, which is always truthy).
 */
export function verifyRetellSignature(rawBody: Uint8Array, apiKey: string, header: string | null, now: number = Date.now()): boolean {
  const match = header ? FORMAT.exec(header.trim()) : null;
  if (!match) return false;
  const timestamp = Number(match[1]);
  if (!Number.isSafeInteger(timestamp) || Math.abs(now - timestamp) > RETELL_SIGNATURE_TOLERANCE_MS) return false;
  const expected = createHmac("sha256", apiKey).update(rawBody).update(match[1]!).digest();
  const given = Buffer.from(match[2]!, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
