import type { Config } from "@/lib/platform/config/env";

/**
 * The socket address of the request, stamped by lib/transports/http/peer-address.ts as the request arrives (any
 * value the client sent under this name is overwritten). Route handlers cannot see the socket otherwise:
 * Next.js only fills x-forwarded-for with it when the client did not send one.
 */
export const PEER_HEADER = "x-switchboard-peer";

/**
 * Who is calling, for throttling. Behind TRUSTED_PROXY_HOPS trusted proxies (default 1 on Vercel, else 0),
 * the address is x-forwarded-for's entry that many hops from the right: each trusted proxy appends the
 * address it saw, so entries further left are whatever the client wrote. (Vercel overwrites the header
 * with the client's address alone, so there the one entry is it.) Without a trusted proxy the header is
 * ignored — anyone can send it — and the socket address is used.
 */
export function clientAddress(headers: Headers, config: Pick<Config, "TRUSTED_PROXY_HOPS" | "VERCEL">): string {
  const hops = config.TRUSTED_PROXY_HOPS ?? (config.VERCEL ? 1 : 0);
  if (hops > 0) {
    const chain = (headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const entry = chain[Math.max(0, chain.length - hops)];
    if (entry) return normalise(entry);
  }
  return normalise(headers.get(PEER_HEADER) ?? "unknown");
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are one client. */
const normalise = (address: string) => address.toLowerCase().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
