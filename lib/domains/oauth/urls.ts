import { getPublicOrigin } from "mcp-handler";

/**
 * Where Switchboard is, as the caller sees it. The resource (the audience every access token is bound to)
 * and the issuer are derived from the request's public origin, the same way the protected-resource
 * metadata always was: a client checks that the metadata's `resource` matches the URL it connected to.
 */
export const publicOrigin = (req: Request) => getPublicOrigin(req);
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
