import type { Config } from "@/lib/platform/config/env";
import { clientAddress, PEER_HEADER } from "@/lib/transports/http/client-address";

/** 127.0.0.0/8 and ::1 (IPv4-mapped forms are normalised by clientAddress). */
export function isLoopback(address: string): boolean {
  return /^127\.\d+\.\d+\.\d+$/.test(address) || address === "::1";
}

const normalise = (a: string) =>
  a
    .trim()
    .toLowerCase()
    .replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");

/**
 * Whether a reverse proxy relayed this request: it names a client other than the socket peer. Next.js itself
 * fills X-Forwarded-For with the socket address when the client sent none, so an entry equal to the peer says
 * nothing; any other address (X-Forwarded-For, X-Real-IP, Forwarded) means someone else is behind the socket.
 */
function relayed(headers: Headers, peer: string): boolean {
  const named = [
    ...(headers.get("x-forwarded-for") ?? "").split(","),
    headers.get("x-real-ip") ?? "",
    ...[...(headers.get("forwarded") ?? "").matchAll(/for="?\[?([^\]";,]+)/gi)].map((m) => m[1]!),
  ]
    .map(normalise)
    .filter(Boolean);
  return named.some((a) => a !== peer);
}

/**
 * Whether the first admin may be created here without a setup token: only on the embedded default (PGlite,
 * not Vercel — a database on the machine the person sits at), only from a loopback peer (the socket address
 * stamped by lib/transports/http/peer-address.ts, or TRUSTED_PROXY_HOPS' entry of X-Forwarded-For when configured), and,
 * without trusted proxies, only when no forwarding header names another client: a reverse proxy on the same
 * host makes every visitor's socket look like 127.0.0.1, and announces the real client in those headers.
 * Everywhere else (DATABASE_URL, Vercel) a one-time setup token is the proof.
 */
export function tokenFreeSetupAllowed(headers: Headers, config: Pick<Config, "DATABASE_URL" | "VERCEL" | "TRUSTED_PROXY_HOPS">): boolean {
  if (config.DATABASE_URL || config.VERCEL) return false;
  const trustedHops = config.TRUSTED_PROXY_HOPS ?? 0;
  if (trustedHops > 0) return isLoopback(clientAddress(headers, config));
  const peer = normalise(headers.get(PEER_HEADER) ?? "");
  return isLoopback(peer) && !relayed(headers, peer);
}
