import type { Config } from "@/lib/platform/config/env";
import { PEER_HEADER } from "@/lib/transports/http/client-address";
import { appUrlHostname, hostnameOf, LOOPBACK_HOSTNAMES } from "@/lib/transports/http/deployment-host";

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
 * Whether the Host names this machine (localhost, 127.0.0.1, [::1]) or APP_URL's host. A page on evil.example
 * that rebinds its name to 127.0.0.1 reaches a loopback socket, but its requests still say Host: evil.example.
 */
function setupHost(headers: Headers, config: Pick<Config, "APP_URL">): boolean {
  const host = hostnameOf(headers.get("host"));
  return (LOOPBACK_HOSTNAMES as readonly string[]).includes(host) || host === appUrlHostname(config);
}

/**
 * Whether the first admin may be created here without a setup token: only on the embedded default (PGlite,
 * not Vercel — a database on the machine the person sits at), only with no proxy configured
 * (TRUSTED_PROXY_HOPS > 0 means visitors arrive through one, so the socket says nothing about them), only
 * from a loopback peer (the socket address stamped by lib/transports/http/peer-address.ts), only when no
 * forwarding header names another client (a reverse proxy on the same host makes every visitor's socket
 * look like 127.0.0.1, and announces the real client in those headers), and only addressed to a loopback
 * Host or APP_URL's (DNS rebinding). Everywhere else (DATABASE_URL, Vercel, a proxy) a one-time setup token
 * is the proof.
 */
export function tokenFreeSetupAllowed(
  headers: Headers,
  config: Pick<Config, "DATABASE_URL" | "VERCEL" | "TRUSTED_PROXY_HOPS" | "APP_URL">,
): boolean {
  if (config.DATABASE_URL || config.VERCEL) return false;
  if ((config.TRUSTED_PROXY_HOPS ?? 0) > 0) return false;
  if (!setupHost(headers, config)) return false;
  const peer = normalise(headers.get(PEER_HEADER) ?? "");
  return isLoopback(peer) && !relayed(headers, peer);
}
