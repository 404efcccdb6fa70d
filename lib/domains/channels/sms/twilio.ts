import type { Config } from "@/lib/platform/config/env";
import { AppError } from "@/lib/platform/errors";
import type { SmsTarget } from "@/lib/domains/channels/targets";

/**
 * Sends one SMS through Twilio's Messaging API (POST /2010-04-01/Accounts/{Sid}/Messages.json, form-encoded,
 * HTTP Basic with the Account SID and auth token). TWILIO_API_URL is the instance's setting, never a tenant's,
 * so the call does not go through the outbound guard. Returns the message SID.
 */
export async function sendSms(config: Config, target: SmsTarget, to: string, body: string): Promise<string> {
  const base = config.TWILIO_API_URL.replace(/\/+$/, "");
  const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(target.accountSid)}/Messages.json`;
  const res = await fetch(url, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${target.accountSid}:${target.authToken}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ To: to, From: target.fromNumber, Body: body }).toString(),
    signal: AbortSignal.timeout(config.CHANNEL_TIMEOUT_MS),
    redirect: "manual",
  }).catch((e) => {
    throw new AppError("unavailable", `Twilio could not be reached: ${e instanceof Error ? e.name : "error"}.`, { retryable: true });
  });
  const json = (await res.json().catch(() => ({}))) as { sid?: string; code?: number; message?: string };
  // A rate limit or a server error may pass; any other refusal (an invalid number, bad credentials) will not.
  if (!res.ok || !json.sid)
    throw new AppError("unavailable", `Twilio refused the SMS (HTTP ${res.status}, code ${json.code ?? "none"}).`, {
      retryable: res.status === 429 || res.status >= 500,
    });
  return json.sid;
}

/** A TwiML reply to an inbound SMS: one message back to the sender (or none). */
export function twiml(message: string | null): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${message ? `<Message>${esc(message)}</Message>` : ""}</Response>`;
}
