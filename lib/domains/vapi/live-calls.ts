import { and, eq, sql } from "drizzle-orm";
import type { Deps } from "@/lib/platform/deps";
import type { Config } from "@/lib/platform/config/env";
import { vapiLiveCalls } from "@/lib/adapters/db/schema";
import { fetchOutbound } from "@/lib/platform/outbound/guarded-fetch";
import { isOutboundError, outboundPolicy } from "@/lib/platform/outbound/outbound-error";
import { log } from "@/lib/platform/log";

/** What happened when we tried to speak into a call. */
export type LiveOutcome = "spoken" | "ended" | "refused" | "no_control";

/**
 * Whether a control URL is Vapi's: a host in VAPI_CONTROL_HOSTS or below one (Vapi's are on vapi.ai). A model or a
 * caller never chooses it, but the request carrying it is only as trusted as the account's API key, so nothing else
 * is ever POSTed to; and it still leaves through the outbound guard (no private addresses, no redirects).
 */
export function isVapiControlUrl(config: Pick<Config, "VAPI_CONTROL_HOSTS">, raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, "");
  // A caller's answer travels encrypted: plain http only to a loopback stand-in (which the outbound guard
  // refuses anyway unless loopback is allowed, as in tests).
  const loopback = host === "127.0.0.1" || host === "localhost" || host === "::1";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) return false;
  return config.VAPI_CONTROL_HOSTS.some((h) => {
    const allowed = h.toLowerCase();
    return host === allowed || host.endsWith(`.${allowed}`);
  });
}

/** A tool request came from this call: remember it (and its control URL when it is Vapi's) until it ends. */
export async function rememberVapiCall(
  deps: Pick<Deps, "db" | "config">,
  a: { accountId: string; callId: string; controlUrl?: string },
): Promise<void> {
  const controlUrl = a.controlUrl && a.controlUrl.length <= 2000 && isVapiControlUrl(deps.config, a.controlUrl) ? a.controlUrl : null;
  if (a.controlUrl && !controlUrl) log.warn({ accountId: a.accountId }, "vapi control URL not on an allowed host: not kept");
  await deps.db
    .insert(vapiLiveCalls)
    .values({ accountId: a.accountId, callId: a.callId.slice(0, 200), controlUrl })
    .onConflictDoUpdate({
      target: [vapiLiveCalls.accountId, vapiLiveCalls.callId],
      set: { controlUrl: sql`coalesce(excluded.control_url, ${vapiLiveCalls.controlUrl})`, updatedAt: new Date() },
    });
}

/** The call ended (end-of-call report or a status update): nothing is spoken into it any more. */
export async function markVapiCallEnded(deps: Pick<Deps, "db">, a: { accountId: string; callId: string }): Promise<void> {
  await deps.db
    .insert(vapiLiveCalls)
    .values({ accountId: a.accountId, callId: a.callId.slice(0, 200), endedAt: new Date() })
    .onConflictDoUpdate({
      target: [vapiLiveCalls.accountId, vapiLiveCalls.callId],
      set: { endedAt: sql`coalesce(${vapiLiveCalls.endedAt}, now())`, updatedAt: new Date() },
    });
}

/**
 * Says `text` on the live call through Vapi's live call control: POST {type: "say", content} to the call's
 * control URL. "ended" when the call is over (or the control URL says it is gone), "refused" when Vapi did not
 * take it, "no_control" when we never learned a control URL for this call.
 */
export async function speakIntoVapiCall(
  deps: Pick<Deps, "db" | "config">,
  a: { accountId: string; callId: string; text: string },
): Promise<LiveOutcome> {
  const [row] = await deps.db
    .select()
    .from(vapiLiveCalls)
    .where(and(eq(vapiLiveCalls.accountId, a.accountId), eq(vapiLiveCalls.callId, a.callId)))
    .limit(1);
  if (row?.endedAt) return "ended";
  if (!row?.controlUrl || !isVapiControlUrl(deps.config, row.controlUrl)) return "no_control";
  try {
    const res = await fetchOutbound(
      row.controlUrl,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ type: "say", content: a.text, endCallAfterSpoken: false }),
        ignoreBody: true,
      },
      outboundPolicy(deps.config, { timeoutMs: 5000, maxBytes: 16 * 1024 }),
    );
    if (res.ok) return "spoken";
    log.warn({ accountId: a.accountId, status: res.status }, "vapi control URL refused the late answer");
    if (res.status === 404 || res.status === 410) {
      await markVapiCallEnded(deps, a);
      return "ended";
    }
    return "refused";
  } catch (e) {
    log.warn({ accountId: a.accountId, err: isOutboundError(e) ? e.message : "unexpected" }, "vapi control URL not reached");
    return "refused";
  }
}
