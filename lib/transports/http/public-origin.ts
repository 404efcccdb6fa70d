import type { Config } from "@/lib/platform/config/env";

/**
 * The origin people and agents should use, for display (the MCP URL on the home and setup pages): APP_URL,
 * else the Vercel deployment, else the host this request came to. Never used to authorise anything.
 */
export function publicOrigin(headers: Headers, config: Pick<Config, "APP_URL" | "VERCEL_URL">): string {
  if (config.APP_URL) return config.APP_URL.replace(/\/+$/, "");
  if (config.VERCEL_URL) return `https://${config.VERCEL_URL}`;
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "127.0.0.1:3000";
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" ? "https" : "http";
  return `${proto}://${host}`;
}
