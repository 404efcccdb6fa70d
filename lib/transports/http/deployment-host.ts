import type { Config } from "@/lib/platform/config/env";
import { AppError } from "@/lib/platform/errors";

/** The names a browser on this machine uses: a rebinding page cannot make the browser send them. */
export const LOOPBACK_HOSTNAMES = ["localhost", "127.0.0.1", "[::1]"] as const;

type HostConfig = Pick<Config, "APP_URL" | "VERCEL_URL" | "VERCEL_BRANCH_URL" | "VERCEL_PROJECT_PRODUCTION_URL" | "MCP_ALLOWED_HOSTS">;

/** The hostname of a Host header value (`Example.COM:3000` → `example.com`, `[::1]:3000` → `[::1]`); "" when it is not one. */
export function hostnameOf(hostHeader: string | null | undefined): string {
  if (!hostHeader || /[\s/\\@?#]/.test(hostHeader)) return "";
  try {
    return new URL(`http://${hostHeader}`).hostname.toLowerCase();
  } catch {
    return "";
  }
}

/** APP_URL's hostname, when set: the one public name the operator declared. */
export function appUrlHostname(config: Pick<Config, "APP_URL">): string | null {
  return config.APP_URL ? new URL(config.APP_URL).hostname.toLowerCase() : null;
}

/**
 * This deployment's host names: loopback, APP_URL's host, Vercel's deployment, branch and production hosts, and MCP_ALLOWED_HOSTS
 * (which names extra hosts; `*` there turns the check off). A DNS-rebinding page reaches us under its own
 * name (Host: evil.example), which is none of these.
 */
export function deploymentHostnames(config: HostConfig): Set<string> {
  const hosts = new Set<string>([...LOOPBACK_HOSTNAMES, ...config.MCP_ALLOWED_HOSTS]);
  const appHost = appUrlHostname(config);
  if (appHost) hosts.add(appHost);
  for (const vercel of [config.VERCEL_URL, config.VERCEL_BRANCH_URL, config.VERCEL_PROJECT_PRODUCTION_URL])
    if (vercel) hosts.add(hostnameOf(vercel));
  return hosts;
}

/**
 * Whether the request's Host header names this deployment. The Host header itself, never X-Forwarded-Host:
 * a rebinding page sends its own name as Host and can set X-Forwarded-Host to anything.
 */
export function isDeploymentHost(headers: Headers, config: HostConfig): boolean {
  const hosts = deploymentHostnames(config);
  return hosts.has("*") || hosts.has(hostnameOf(headers.get("host")));
}

/** The refusal cookie routes and pages answer a foreign Host with (403, code `forbidden`). */
export function foreignHostError(headers: Headers): AppError {
  const host = (headers.get("host") ?? "").slice(0, 200);
  return new AppError(
    "forbidden",
    `Host "${host}" is not this deployment's: set APP_URL to the address people use (or add the host to MCP_ALLOWED_HOSTS).`,
    { host },
  );
}

export function assertDeploymentHost(headers: Headers, config: HostConfig): void {
  if (!isDeploymentHost(headers, config)) throw foreignHostError(headers);
}
