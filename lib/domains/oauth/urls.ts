import { getPublicOrigin } from "mcp-handler";
import { getConfig } from "@/lib/platform/config/env";

/**
 * Where Switchboard is: the issuer, the metadata URLs and the resource (the audience every access token is
 * bound to). APP_URL when it is set — then no request header can change them (X-Forwarded-Host: evil.example
 * must not make the issuer https://evil.example). Without it, the request's public origin (the proxy's
 * X-Forwarded-Host/Proto), as the protected-resource metadata always was: a client checks that the
 * metadata's `resource` matches the URL it connected to.
 */
export function publicOrigin(req: Request): string {
  const appUrl = getConfig().APP_URL;
  return appUrl ? new URL(appUrl).origin : getPublicOrigin(req);
}
export const mcpResourceUrl = (origin: string) => `${origin}/api/mcp`;

export function oauthEndpoints(origin: string) {
  return {
    issuer: origin,
    authorization_endpoint: `${origin}/oauth/authorize`,
    token_endpoint: `${origin}/api/oauth/token`,
    registration_endpoint: `${origin}/api/oauth/register`,
    revocation_endpoint: `${origin}/api/oauth/revoke`,
  };
}

/** RFC 8707 resource indicators compare as URLs, ignoring one trailing slash. */
export function sameResource(a: string, b: string): boolean {
  const norm = (v: string) => {
    try {
      const u = new URL(v);
      u.hash = "";
      return u.href.replace(/\/$/, "");
    } catch {
      return v;
    }
  };
  return norm(a) === norm(b);
}
