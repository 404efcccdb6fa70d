import type { Config } from "@/lib/config/env";
import { clientAddress, PEER_HEADER } from "@/lib/http/client-address";

/** 127.0.0.0/8 and ::1 (IPv4-mapped forms are normalised by clientAddress). */
export function isLoopback(address: string): boolean {
  return /^127\.\d+\.\d+\.\d+$/.test(address) || address === "::1";
}

/** Headers a reverse proxy adds: a request carrying them may only look local because the proxy is. */
const FORWARDING_HEADERS = ["x-forwarded-for", "forwarded", "x-real-ip"];

/**
 * Whether the first admin may be created here without a setup token: only on the embedded default (PGlite,
 * not Vercel — a database on the machine the person sits at), only from a loopback peer (the socket address
 * stamped by lib/http/peer-address.ts, or TRUSTED_PROXY_HOPS' entry of X-Forwarded-For when configured), and,
 * without trusted proxies, only when no forwarding header is present: a reverse proxy on the same host makes
 * every visitor's socket look like 127.0.0.1, and it announces itself with those headers.
 * Everywhere else (DATABASE_URL, Vercel) a one-time setup token is the proof.
 */
export function tokenFreeSetupAllowed(headers: Headers, config: Pick<Config, "DATABASE_URL" | "VERCEL" | "TRUSTED_PROXY_HOPS">): boolean {
  if (config.DATABASE_URL || config.VERCEL) return false;
  if (!headers.get(PEER_HEADER) && !(config.TRUSTED_PROXY_HOPS ?? 0)) return false;
  const trustedHops = config.TRUSTED_PROXY_HOPS ?? 0;
  if (trustedHops === 0 && FORWARDING_HEADERS.some((h) => headers.has(h))) return false;
  return isLoopback(clientAddress(headers, config));
}
