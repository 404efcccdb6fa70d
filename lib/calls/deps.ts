import type { Config } from "@/lib/config/env";
import type { Deps } from "@/lib/deps";

/** The calls domain's deps: the usual ones, which carry the phone provider. */
export type CallsDeps = Deps;

const holder = globalThis as typeof globalThis & { __switchboardOrigin?: string };

/** Remembers the origin requests reach us on, for work that runs outside a request (outbox sweeps). */
export function rememberOrigin(origin: string | undefined): void {
  if (origin) holder.__switchboardOrigin = origin;
}

/**
 * Our public base URL, for provider webhooks and recording links: APP_URL, else the Vercel deployment
 * URL, else the origin of the current (or last seen) request. Set APP_URL in production.
 */
export function publicBaseUrl(config: Config, origin?: string): string {
  const url = config.APP_URL ?? (config.VERCEL_URL ? `https://${config.VERCEL_URL}` : undefined) ?? origin ?? holder.__switchboardOrigin ?? "http://localhost:3000";
  return url.replace(/\/+$/, "");
}
