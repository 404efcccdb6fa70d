import "server-only";
import { headers } from "next/headers";
import type { Config } from "@/lib/platform/config/env";

/**
 * The URL people reach this app on, for pages that print it (client configurations): APP_URL when set,
 * else the origin of the current request as the browser sent it (Host, and the proxy's
 * X-Forwarded-Proto/Host on Vercel or behind a reverse proxy).
 */
export async function requestBaseUrl(config: Pick<Config, "APP_URL">): Promise<string> {
  if (config.APP_URL) return config.APP_URL.replace(/\/+$/, "");
  const h = await headers();
  const host = h.get("x-forwarded-host")?.split(",")[0]?.trim() || h.get("host") || "localhost:3000";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return `${proto === "https" ? "https" : "http"}://${host}`;
}
