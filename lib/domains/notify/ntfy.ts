import { z } from "zod";
import { parseRetryAfter } from "@/lib/adapters/telephony/http-client";
import { NotifyError, type NotifyPort } from "@/lib/domains/notify/port";
import { isOutboundError, type OutboundPolicy } from "@/lib/platform/outbound/outbound-error";

// https://docs.ntfy.sh/publish/#publish-as-json answers with the message envelope; errors are {code, http, error}.
const published = z.object({ id: z.string().optional() }).passthrough();

/**
 * ntfy: one POST of the JSON body to the server ROOT (not /<topic>: titles and tags travel in the JSON, so
 * non-ASCII survives — as headers it would not), with `Authorization: Bearer tk_…` for protected topics.
 * Nothing here retries; lib/domains/notify/deliver.ts decides (cockatiel, Retry-After, the outbox).
 */
export function createNtfy(o: { timeoutMs: number }): NotifyPort {
  return {
    async publish(target, msg, signal) {
      const url = `${target.serverUrl.replace(/\/+$/, "")}/`;
      const headers: Record<string, string> = {
        "content-type": "application/json",
        accept: "application/json",
        "user-agent": "Switchboard-Notify/1",
      };
      if (target.accessToken) headers.authorization = `Bearer ${target.accessToken}`;
      const body: Record<string, unknown> = { topic: msg.topic, message: msg.message };
      if (msg.title) body.title = msg.title;
      if (msg.priority) body.priority = msg.priority;
      if (msg.tags?.length) body.tags = msg.tags;
      if (msg.click) body.click = msg.click;
      const init = { method: "POST" as const, headers, body: JSON.stringify(body), signal };
      const res = target.outbound ? await postGuarded(url, init, target.outbound) : await postTrusted(url, init, o.timeoutMs);
      if (res.ok) return { id: published.safeParse(res.json).data?.id ?? null };
      // Only the status goes back to the admin or agent: the server is the account's choice, and its error text
      // (an internal service's page, say) must not be reflected through us.
      const retryable = res.status === 429 || res.status >= 500;
      throw new NotifyError(`ntfy answered HTTP ${res.status}`, {
        status: res.status,
        retryable,
        retryAfterMs: retryable ? parseRetryAfter(res.retryAfter) : undefined,
      });
    },
  };
}

type Init = { method: "POST"; headers: Record<string, string>; body: string; signal?: AbortSignal };
type Answer = { ok: boolean; status: number; json: unknown; retryAfter: string | null };

/** The instance's own server (NTFY_DEFAULT_SERVER_URL): chosen by the operator, so it may be on a private network. */
async function postTrusted(url: string, init: Init, timeoutMs: number): Promise<Answer> {
  try {
    const timeout = AbortSignal.timeout(timeoutMs);
    const res = await fetch(url, { ...init, redirect: "manual", signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
    return { ok: res.ok, status: res.status, json: await res.json().catch(() => undefined), retryAfter: res.headers.get("retry-after") };
  } catch (e) {
    const timedOut = e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError");
    throw new NotifyError(timedOut ? `ntfy did not answer within ${timeoutMs} ms` : "ntfy could not be reached", { retryable: true });
  }
}

/** A server an account chose: through the outbound guard; a refused address is not retried. */
async function postGuarded(url: string, init: Init, policy: OutboundPolicy): Promise<Answer> {
  try {
    // On first use: every route builds the notifier, few send through an account's own server.
    const { fetchOutbound } = await import("@/lib/platform/outbound/guarded-fetch");
    const res = await fetchOutbound(url, init, policy);
    let json: unknown;
    try {
      json = res.json();
    } catch {}
    return { ok: res.ok, status: res.status, json, retryAfter: res.header("retry-after") };
  } catch (e) {
    if (!isOutboundError(e)) throw e;
    if (e.code === "outbound_refused") throw new NotifyError(`the ntfy server URL ${e.message}`, { retryable: false });
    throw new NotifyError(e.timeout ? `ntfy did not answer within ${policy.timeoutMs} ms` : "ntfy could not be reached", {
      retryable: true,
    });
  }
}
