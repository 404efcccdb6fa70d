import type { AuthInfo } from "@modelcontextprotocol/server";
import { getDeps } from "@/lib/composition/deps";
import { verifyApiKey } from "@/lib/domains/api-keys/api-keys";
import { scopesOf } from "@/lib/domains/auth/principal";
import { bearerToken } from "@/lib/transports/http/authenticate";
import { log } from "@/lib/platform/log";
import { errorForLog } from "@/lib/platform/log";
import { errorResponse } from "@/lib/transports/http/respond";
import { isOAuthAccessToken, verifyAccessToken } from "@/lib/domains/oauth/access-tokens";
import { mcpResourceUrl, publicOrigin } from "@/lib/domains/oauth/urls";

export const RESOURCE_METADATA_PATH = "/.well-known/oauth-protected-resource";

/**
 * The 401 of /api/mcp always says how to get in, for people and for programs: the body names both ways
 * (an API key, or signing in with OAuth), and WWW-Authenticate carries `resource_metadata` (RFC 9728, as
 * the MCP authorization spec asks), which starts an OAuth client's discovery.
 */
export function mcpUnauthorized(req: Request, problem: string, tokenSent: boolean): Response {
  const origin = publicOrigin(req);
  const metadataUrl = `${origin}${RESOURCE_METADATA_PATH}`;
  const description = `${problem} Authenticate with an API key (Authorization: Bearer sb_…; create one in Admin → API keys) or sign in with OAuth (MCP clients such as Claude, ChatGPT and Cursor discover it from ${metadataUrl}).`;
  const quoted = (s: string) => s.replace(/["\\]/g, "").replace(/[^\x20-\x7e]/g, "");
  const challenge = [
    `Bearer resource_metadata="${metadataUrl}"`,
    ...(tokenSent ? [`error="invalid_token"`, `error_description="${quoted(problem)}"`] : []),
  ].join(", ");
  return Response.json(
    { error: tokenSent ? "invalid_token" : "unauthorized", error_description: description },
    { status: 401, headers: { "www-authenticate": challenge, "cache-control": "no-store" } },
  );
}

/** An API key (`sb_…`) or an OAuth access token (`sbat_…`, audience = this server's /api/mcp) → AuthInfo, or the 401 (503 when it cannot be checked now). */
export async function authenticateMcp(req: Request): Promise<AuthInfo | Response> {
  const token = bearerToken(req);
  if (!token) return mcpUnauthorized(req, "No credentials were sent.", false);
  // A request fact tools receive (ctx.origin): webhook and recording URLs fall back to it when APP_URL is unset.
  const origin = new URL(req.url).origin;
  try {
    const deps = await getDeps();
    if (isOAuthAccessToken(token)) {
      const r = await verifyAccessToken(deps.db, token, mcpResourceUrl(publicOrigin(req)));
      if ("problem" in r) return mcpUnauthorized(req, `Refused: ${r.problem}.`, true);
      return {
        token,
        clientId: `oauth:${r.principal.oauth!.grantId}`,
        scopes: [...scopesOf(r.principal)],
        extra: { principal: r.principal, origin },
      };
    }
    const principal = await verifyApiKey(deps, token);
    if (!principal) return mcpUnauthorized(req, "The API key is invalid or revoked.", true);
    return { token, clientId: principal.keyId, scopes: principal.scopes, extra: { principal, origin } };
  } catch (e) {
    // A credential we could not check is not a bad one: a busy or unreachable database is a 503 with
    // Retry-After (a 401 would tell the agent its key is wrong, and send an OAuth client to sign in again).
    log.warn({ err: errorForLog(e) }, "mcp credential could not be verified");
    return errorResponse(e);
  }
}
