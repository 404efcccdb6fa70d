import { getConfig } from "@/lib/platform/config/env";
import { AppError } from "@/lib/platform/errors";
import { bodyTooLarge, MAX_BODY_BYTES } from "@/lib/transports/http/read-body";
import { deploymentHostnames, hostnameOf } from "@/lib/transports/http/deployment-host";

/** Hosts we answer to: the allow-list plus our own public URL (DNS-rebinding protection). */
export const allowedHosts = (): Set<string> => deploymentHostnames(getConfig());

/** Refuses requests whose Host or Origin is not ours; `*` in MCP_ALLOWED_HOSTS turns the check off. */
export function assertHostAndOrigin(req: Request): void {
  const hosts = allowedHosts();
  // The Host header itself: a rebinding attack cannot change it, while X-Forwarded-Host is client-settable.
  const host = req.headers.get("host") ?? "";
  if (!hosts.has("*") && !hosts.has(hostnameOf(host))) {
    throw new AppError("forbidden", `Host "${host}" is not allowed. Add it to MCP_ALLOWED_HOSTS.`);
  }
  const origin = req.headers.get("origin");
  if (origin) {
    const allowedOrigins = new Set(getConfig().MCP_ALLOWED_ORIGINS);
    let originHost = "";
    try {
      originHost = new URL(origin).hostname.toLowerCase();
    } catch {
      // falls through to the refusal below
    }
    if (!allowedOrigins.has("*") && !allowedOrigins.has(origin.toLowerCase()) && !hosts.has(originHost)) {
      throw new AppError("forbidden", `Origin "${origin}" is not allowed. Add it to MCP_ALLOWED_ORIGINS.`);
    }
  }
  // A declared length over the limit is refused before authenticating; an undeclared one is counted as it streams (bounded-request.ts).
  const length = Number(req.headers.get("content-length") ?? "0");
  if (length > MAX_BODY_BYTES) throw bodyTooLarge(MAX_BODY_BYTES);
}
