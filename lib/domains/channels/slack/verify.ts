import { createHmac, timingSafeEqual } from "node:crypto";

/** Slack's limit on a request's age: older ones may be replays. */
export const SLACK_MAX_AGE_SECONDS = 5 * 60;

/**
 * Slack's v0 request signature: HMAC-SHA256 with the app's signing secret over `v0:<timestamp>:<raw body>`,
 * sent as `X-Slack-Signature: v0=<hex>` beside `X-Slack-Request-Timestamp`. Checked over the exact bytes
 * received, within five minutes of now, in constant time.
 */
export function verifySlackSignature(input: {
  signingSecret: string;
  timestamp: string | null;
  signature: string | null;
  body: Uint8Array;
  nowMs?: number;
}): boolean {
  const { signingSecret, timestamp, signature, body } = input;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp) || !/^v0=[0-9a-f]{64}$/.test(signature)) return false;
  const now = Math.floor((input.nowMs ?? Date.now()) / 1000);
  if (Math.abs(now - Number(timestamp)) > SLACK_MAX_AGE_SECONDS) return false;
  const expected = Buffer.from(`v0=${signSlackBody(signingSecret, timestamp, body)}`);
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function signSlackBody(signingSecret: string, timestamp: string, body: Uint8Array): string {
  return createHmac("sha256", signingSecret).update(`v0:${timestamp}:`).update(body).digest("hex");
}
