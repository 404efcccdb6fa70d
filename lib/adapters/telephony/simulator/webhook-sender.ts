import { log } from "@/lib/platform/log";
import { signBody } from "@/lib/adapters/telephony/signature";

/**
 * Delivers signed webhook bodies like a provider would: POST, JSON, X-Webhook-Signature, a few retries
 * with backoff on network errors, 429 and 5xx. Best effort — the reconciliation job covers what is lost.
 */
export async function deliverWebhook(opts: { url: string; secret: string; body: string; attempts?: number }): Promise<boolean> {
  const attempts = opts.attempts ?? 4;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const res = await fetch(opts.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-webhook-signature": signBody(opts.secret, opts.body),
          "user-agent": "switchboard-simulator/1",
        },
        body: opts.body,
        signal: AbortSignal.timeout(5000),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return true;
      if (res.status < 500 && res.status !== 429) {
        log.warn({ url: redactUrl(opts.url), status: res.status }, "simulator webhook refused");
        return false;
      }
    } catch (e) {
      if (attempt === attempts) log.warn({ url: redactUrl(opts.url), err: String(e) }, "simulator webhook undeliverable");
    }
    if (attempt < attempts) await new Promise((r) => setTimeout(r, 250 * 2 ** attempt).unref?.());
  }
  return false;
}

const redactUrl = (u: string) => u.replace(/\?.*$/, "?…");
