import { fetchOutbound } from "@/lib/platform/outbound/guarded-fetch";
import type { ChronogolfConfig } from "@/lib/domains/golf/settings";

export type ChronogolfAnswer = { ok: boolean; status: number; json: () => Promise<unknown> };
type Init = { method: "GET" | "POST" | "DELETE"; headers: Record<string, string>; body?: string };

/**
 * One HTTP exchange with the account's Chronogolf server: the instance's CHRONOGOLF_BASE_URL directly (the
 * operator chose it), a base URL the account chose through the outbound guard. Guard refusals and network
 * errors throw; the client counts them as the service being unreachable.
 */
export async function sendToChronogolf(cfg: ChronogolfConfig, url: string, init: Init): Promise<ChronogolfAnswer> {
  if (cfg.outbound) {
    const res = await fetchOutbound(url, init, cfg.outbound);
    return { ok: res.ok, status: res.status, json: async () => res.json() };
  }
  const res = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(cfg.timeoutMs) });
  return { ok: res.ok, status: res.status, json: () => res.json() };
}
