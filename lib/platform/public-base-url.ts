import { type Config, listeningPort } from "@/lib/platform/config/env";
/**
 * Our public base URL, for provider webhooks and recording links: APP_URL, else the Vercel deployment
 * URL, else the origin of the current request (passed by the caller). Work outside a request (paging
 * links, follow-up calls) has none and uses this server's own port on localhost: right on one machine,
 * wrong anywhere else — set APP_URL in production.
 */
export function publicBaseUrl(config: Config, origin?: string): string {
  const url =
    config.APP_URL ??
    (config.VERCEL_URL ? `https://${config.VERCEL_URL}` : undefined) ??
    origin ??
    `http://localhost:${listeningPort() ?? 3000}`;
  return url.replace(/\/+$/, "");
}
