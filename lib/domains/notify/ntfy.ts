import { z } from "zod";
import { parseRetryAfter } from "@/lib/adapters/telephony/http-client";
import { NotifyError, type NotifyPort } from "@/lib/domains/notify/port";

// https://docs.ntfy.sh/publish/#publish-as-json answers with the message envelope; errors are {code, http, error}.
const published = z.object({ id: z.string().optional() }).passthrough();
const failure = z.object({ error: z.string().optional() }).passthrough();

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
      let res: Response;
      try {
        const timeout = AbortSignal.timeout(o.timeoutMs);
        res = await fetch(url, {
          method: "POST",
          headers,
          body: JSON.stringify(body),
          redirect: "manual",
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
      } catch (e) {
        const timedOut = e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError");
        throw new NotifyError(timedOut ? `ntfy did not answer within ${o.timeoutMs} ms` : "ntfy could not be reached", { retryable: true });
      }
      const json = await res.json().catch(() => undefined);
      if (res.ok) return { id: published.safeParse(json).data?.id ?? null };
      const detail = failure.safeParse(json).data?.error;
      const retryable = res.status === 429 || res.status >= 500;
      throw new NotifyError(`ntfy answered HTTP ${res.status}${detail ? `: ${detail.slice(0, 200)}` : ""}`, {
        status: res.status,
        retryable,
        retryAfterMs: retryable ? parseRetryAfter(res.headers.get("retry-after")) : undefined,
      });
    },
  };
}
