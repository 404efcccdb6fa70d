import type { Config } from "@/lib/platform/config/env";

/**
 * Security headers. Pages get a nonce-based Content-Security-Policy from proxy.ts — Next.js
 * reads the nonce from the request's CSP header and puts it on its own scripts — so a script injected into
 * a page cannot run: `'strict-dynamic'` trusts only scripts carrying this response's nonce and what they
 * load. Everything else (API responses, files) gets `default-src 'none'` from next.config.ts, plus nosniff,
 * Referrer-Policy and, over https, HSTS.
 */

/** The realtime vendor's hosts the browser connects to, when one is configured (lib/domains/realtime/client-config.ts). */
export function realtimeConnectSources(
  c: Pick<Config, "realtimeDriver" | "PUSHER_CLUSTER" | "PUSHER_HOST" | "PUSHER_PORT" | "PUSHER_USE_TLS" | "SUPABASE_URL">,
): string[] {
  if (c.realtimeDriver === "pusher") {
    if (!c.PUSHER_HOST) {
      const cluster = c.PUSHER_CLUSTER ?? "mt1";
      return [`wss://ws-${cluster}.pusher.com`, `https://sockjs-${cluster}.pusher.com`];
    }
    const host = `${c.PUSHER_HOST}${c.PUSHER_PORT ? `:${c.PUSHER_PORT}` : ""}`;
    return c.PUSHER_USE_TLS ? [`wss://${host}`, `https://${host}`] : [`ws://${host}`, `http://${host}`];
  }
  if (c.realtimeDriver === "supabase" && c.SUPABASE_URL) {
    const u = new URL(c.SUPABASE_URL);
    return [u.origin, `${u.protocol === "https:" ? "wss" : "ws"}://${u.host}`];
  }
  return []; // SSE: same origin
}

/** The CSP for an HTML page rendered with this nonce. `dev`: `next dev` evaluates code (React's debugging, HMR). */
export function pageContentSecurityPolicy(opts: { nonce: string; dev: boolean; connect: string[] }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    // React renders style="" attributes (layout tweaks, recharts): they cannot carry a nonce.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' blob: data:",
    ["connect-src 'self'", ...opts.connect, ...(opts.dev ? ["ws:", "wss:"] : [])].join(" "),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** For API responses and files: nothing to load, nothing to frame. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Headers on every response (next.config.ts); HSTS is added only when the request came over https. */
export const COMMON_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" }, // for browsers without CSP frame-ancestors
];
export const HSTS_HEADER = { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" };
